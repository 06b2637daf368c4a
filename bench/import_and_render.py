"""Import time, and cold render time and query count of the public article page, for articles 1x, 5x
and 25x the seed's size; a one-sentence section save in each; then the peak memory of a gunicorn worker
serving the largest page.

A cold render is a request for the page with nothing cached (the page cache emptied before each): the
view, the page's queries, building it, the template and compressing it (gzip and brotli), through Django's
test client in this process. The process is prepared as a served one is: start-up objects frozen out of
the garbage collector's sight (``config.wsgi.freeze_startup_objects``). Best and median of --rounds.

    .venv/bin/python -m bench.import_and_render [--factors 1 5 25] [--rounds 7]
"""

import argparse
import tempfile
import time
from pathlib import Path

from bench import stack
from bench.corpus import scaled_article
from bench.support import (
    cold_requests,
    database_label,
    measure,
    ms,
    print_table,
    setup_django,
    throwaway_database_url,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 5, 25])
    parser.add_argument("--rounds", type=int, default=7, help="cold renders per article (default 7)")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from django.test import Client

    from articles.services import article_import
    from claims.models import Claim
    from config.wsgi import freeze_startup_objects

    rows = []
    for factor in options.factors:
        data = scaled_article(factor)
        started = time.perf_counter()
        article = article_import(data=data, slug=f"bench-{factor}x").article
        imported = time.perf_counter() - started
        started = time.perf_counter()
        article_import(data=data, slug=article.slug)
        reimported = time.perf_counter() - started
        claims = Claim.objects.for_article(article).count()
        client = Client()
        freeze_startup_objects()
        colds = cold_requests(client, article.get_absolute_url(), options.rounds)
        with measure() as warm:
            response = client.get(article.get_absolute_url())
        times = sorted(cold.total_seconds for cold in colds)
        best, median = times[0], times[len(times) // 2]
        rows.append(
            [
                f"{factor}x",
                f"{len(data.encode()) // 1024:,}",
                article.sections.count(),
                f"{claims:,}",
                f"{imported:,.2f}",
                f"{reimported:,.2f}",
                f"{len(response.content) // 1024:,}",
                "/".join(sorted({str(cold.count) for cold in colds})),
                ms(best),
                ms(median),
                f"{best * 1000 / claims:.3f}",
                warm.count,
                ms(warm.total_seconds),
            ]
        )
    print_table(
        f"Import and public article page ({database_label(url)}; in-process test client)",
        [
            "article",
            "file KiB",
            "sections",
            "claims",
            "import s",
            "re-import s",
            "page KiB",
            "cold queries",
            "cold ms best",
            "cold ms median",
            "cold ms/claim",
            "warm queries",
            "warm ms",
        ],
        rows,
    )
    print_section_saves(url, [f"bench-{factor}x" for factor in options.factors])
    print_worker_memory(url, [f"bench-{factor}x" for factor in options.factors])


def print_section_saves(url: str, slugs: list[str]) -> None:
    """Save a one-sentence edit of the smallest and the largest section of each article (a word added, best
    of three), and one that changes a figure (the article's consistency findings are then re-read whole):
    the query count should not grow with the article."""
    from accounts.roles import EDITORS
    from articles.models import Article
    from bench.section_save import edit_a_figure, edit_first_sentence, editor_user
    from claims.consistency import is_compared
    from claims.sentences import split_body

    editor = editor_user(EDITORS)
    rows = []
    for slug in slugs:
        sections = [s for s in Article.objects.get(slug=slug).sections.order_by("order") if s.body]
        by_size = sorted(sections, key=lambda section: len(split_body(section.body)))
        with_figures = [s for s in by_size if any(is_compared(c.text) for c in split_body(s.body))]
        for label, section, edit in (
            ("smallest, a word", by_size[0], edit_first_sentence),
            ("largest, a word", by_size[-1], edit_first_sentence),
            ("largest, a figure", with_figures[-1], edit_a_figure),
        ):
            logs = [edit(section, editor, number) for number in range(3)]
            best = min(logs, key=lambda log: log.total_seconds)
            rows.append(
                [
                    slug.removeprefix("bench-"),
                    label,
                    len(split_body(section.body)),
                    "/".join(str(log.count) for log in logs),
                    ms(best.database_seconds),
                    ms(best.total_seconds),
                ]
            )
    print_table(
        f"Section save, a one-sentence edit ({database_label(url)}; queries of 3 edits, best time)",
        ["article", "section, edit", "sentences", "queries", "database ms", "total ms"],
        rows,
    )


def print_worker_memory(url: str, slugs: list[str]) -> None:
    """Serve the pages from one gunicorn worker (production settings) and print its peak memory."""
    with tempfile.TemporaryDirectory(prefix="verity-bench-") as directory:
        env = stack.production_env(database_url=url, static_root=Path(directory) / "static")
        stack.manage(env, "collectstatic", "--noinput", "-v0")
        with stack.gunicorn(env, Path(directory) / "gunicorn.log", workers=1) as server:
            (worker,) = server.worker_pids()
            rows = [["after start and /healthz", f"{stack.peak_rss_mib(worker):.1f}"]]
            for slug in slugs:
                for _ in range(3):
                    status, _body = stack.http_get(f"{server.base_url}/articles/{slug}/", timeout=120)
                    assert status == 200, status
                rows.append([f"after serving /articles/{slug}/", f"{stack.peak_rss_mib(worker):.1f}"])
    print_table(
        f"Peak memory of a gunicorn worker ({database_label(url)}; VmHWM = ru_maxrss)",
        ["worker state", "peak RSS MiB"],
        rows,
    )


if __name__ == "__main__":
    main()
