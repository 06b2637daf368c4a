"""The HTML written in Python alone: the reader's article body (``articles.rendering.markup``) and the
fact-check report's two lists (``articles.rendering.report_markup``), for articles 1x, 5x and 25x the
seed's size. The page's rows are read once; only the writing of the HTML is timed (best and median of
--rounds), so the cost of the ``Html`` type and its formatter shows apart from queries and compression.

    .venv/bin/python -m bench.markup [--factors 1 25] [--rounds 15]
"""

import argparse
import gc
import statistics
import time

from bench.corpus import scaled_article
from bench.support import ms, print_table, setup_django, throwaway_database_url


def timed(function, rounds: int) -> tuple[float, float, int]:
    """Return the best and median seconds of ``rounds`` calls, and the length of what one returned."""
    times, length = [], 0
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        length = len(function())
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 25])
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    setup_django(throwaway_database_url())

    from articles.rendering.markup import article_markup
    from articles.rendering.report_markup import findings_html, rows_html
    from articles.selectors import article_page
    from articles.services import article_import
    from articles.views import source_page_url
    from claims.report import worst_first
    from claims.selectors import factcheck_rows, public_findings

    rows = []
    for factor in options.factors:
        article = article_import(data=scaled_article(factor), slug=f"bench-{factor}x").article
        url, source_url = article.get_absolute_url(), source_page_url(article.slug)
        page = article_page(article, highlight=True, article_url=url)
        claims, findings = worst_first(factcheck_rows(article)), public_findings(article)

        def body(rendered=page.rendered, source_url=source_url):
            markup = article_markup(rendered, source_url)
            return markup.lead + markup.sections + markup.toc + markup.references

        def report(findings=findings, claims=claims, url=url, source_url=source_url):
            return findings_html(findings, url) + rows_html(claims, url, source_url)

        for label, function in (("article body", body), ("fact-check lists", report)):
            best, median, length = timed(function, options.rounds)
            rows.append([f"{factor}x", label, len(claims), f"{length / 1024:,.0f}", ms(best), ms(median)])
    print_table(
        "HTML written in Python (markup only, rows read beforehand)",
        ["article", "part", "claims", "KiB", "best ms", "median ms"],
        rows,
    )


if __name__ == "__main__":
    main()
