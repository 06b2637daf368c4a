"""Import each real Wikipedia article of ../shared/wikitext (read in place, never copied) and report what
came in: sections, statements, <ref> tags, sources, sources with a URL, short citations resolved, the
import report's counts, and the import time; then the targets of issue 22 checked independently of the
importer, and the import time of one article's body repeated up to 10 times (linear growth), and of
hostile inputs of growing size (each refused or read in time linear in its size).

    .venv/bin/python -m bench.wikitext [--files Alaska.wiki …] [--factors 1 2 5 10] [--scaled Alaska.wiki]

The reference check walks each file's parse tree itself: every <ref> holding a citation template with a
url= must give a source with that URL, the template's title and, when the template has a date, a date.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.support import database_label, print_table, setup_django, throwaway_database_url

SHARED = Path(os.environ.get("VERITY_WIKITEXT", Path(__file__).resolve().parents[2] / "shared" / "wikitext"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", help="file names in ../shared/wikitext (default: all)")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 5, 10])
    parser.add_argument("--scaled", default="Barack_Obama.wiki", help="the file repeated for linear growth")
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="import the files this many times and print best and median time (and nothing else)",
    )
    options = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is absent: this benchmark reads the real articles there.")
    url = throwaway_database_url()
    setup_django(url)
    paths = [SHARED / name for name in options.files] if options.files else sorted(SHARED.glob("*.wiki"))
    if options.repeat:
        repeated(paths, options.repeat, database_label(url))
        return
    per_file(paths, database_label(url))
    targets(paths)
    growth(SHARED / options.scaled, options.factors, database_label(url))
    hostile()


def imported(data: bytes, slug: str, name: str):
    from articles.services import article_import

    started = time.perf_counter()
    result = article_import(data=data, slug=slug, name=name, format="wikitext")
    return result, time.perf_counter() - started


def repeated(paths, times: int, label: str) -> None:
    """Import each file ``times`` times (a new article each time) and print every time, the best and the
    median, with the load average before and after (the machine is shared)."""
    for path in paths:
        data = path.read_bytes()
        before = os.getloadavg()
        seconds = [imported(data, f"repeat-{path.stem}-{run}", path.name)[1] for run in range(times)]
        after = os.getloadavg()
        print(
            f"{path.name} ({label}): {' / '.join(f'{value:.2f}' for value in seconds)} s; "
            f"best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s; "
            f"load average before {before[0]:.2f} {before[1]:.2f}, after {after[0]:.2f} {after[1]:.2f}"
        )


def per_file(paths, label: str) -> None:
    from claims.models import Citation, Claim
    from sources.models import Source

    rows = []
    for index, path in enumerate(paths):
        result, seconds = imported(path.read_bytes(), f"file-{index}", path.name)
        article, report = result.article, result.report
        sources = Source.objects.filter(article=article)
        counts = report.counts
        left_out = sum(count for _, count, _ in report.left_out)
        top = ", ".join(f"{kind} {count}" for kind, count, _ in report.left_out[:3])
        rows.append(
            [
                path.name,
                f"{path.stat().st_size // 1024}",
                article.sections.count(),
                f"{Claim.objects.for_article(article).count():,}",
                report.ref_tags,
                "yes" if report.is_reconciled else "NO",
                sources.count(),
                sources.exclude(url="").count(),
                f"{counts.get('short_resolved', 0)}/{counts.get('short_citations', 0)}",
                counts.get("plain_short_resolved", 0),
                Citation.objects.filter(claim__section__article=article).exclude(pages="").count(),
                f"{counts.get('converts', 0) - counts.get('converts_failed', 0)}/{counts.get('converts', 0)}",
                f"{left_out} ({top})",
                f"{seconds:.2f}",
            ]
        )
    print_table(
        f"Wikitext import of ../shared/wikitext ({label}; one transaction each, claims, figures and flags "
        "included)",
        [
            "file",
            "KB",
            "sections",
            "sentences",
            "<ref>",
            "reconciled",
            "sources",
            "with URL",
            "sfn/harvnb",
            "plain short refs resolved",
            "citations with a page",
            "convert",
            "left out (top kinds)",
            "import s",
        ],
        rows,
    )


def is_ref(node) -> bool:
    return str(node.tag).strip().lower() == "ref"


def shown_title(value) -> str:
    """Return the title as the cite template shows it: {{!}} is a "|", other markup stripped."""
    for inner in value.filter_templates(recursive=False):
        if str(inner.name).strip() == "!":
            value.replace(inner, "|")
    return value.strip_code().strip()


def cited_templates(path: Path):
    """Yield (ref name, url, title, has date) for each <ref> whose content holds a citation template with
    a url=, read from the parse tree by this benchmark (not by the importer)."""
    import mwparserfromhell

    from articles.wikitext.citations import is_citation_template

    code = mwparserfromhell.parse(path.read_text())
    for tag in code.ifilter_tags(recursive=True, matches=is_ref):
        if tag.self_closing or tag.contents is None:
            continue
        for template in tag.contents.ifilter_templates(recursive=False):
            if is_citation_template(str(template.name)) and template.has("url"):
                address = str(template.get("url").value).strip()
                if not address.startswith(("http://", "https://")):
                    continue
                title = shown_title(template.get("title").value) if template.has("title") else ""
                dated = any(
                    template.has(name) and str(template.get(name).value).strip() for name in ("date", "year")
                )
                yield address, " ".join(title.split()), dated
                break


def targets(paths) -> None:
    """Of refs with a citation template with a url: how many became a source with that URL, title, date."""
    from sources.models import Source

    rows = []
    for index, path in enumerate(paths):
        by_url = {}
        for source in Source.objects.filter(article__slug=f"file-{index}"):
            by_url.setdefault(source.url, []).append(source)
        total = kept = 0
        for address, title, dated in cited_templates(path):
            total += 1
            for source in by_url.get(address, []):
                has_date = bool(source.published_on or source.published_text)
                if " ".join(source.title.split()) == title and has_date == dated:
                    kept += 1
                    break
        rows.append([path.name, total, kept, f"{100 * kept / total:.1f}%" if total else "–"])
    print_table(
        "References with a citation template and a url=: sources with that URL, title and date",
        ["file", "refs with url", "sources as cited", "share"],
        rows,
    )


def scaled(text: str, factor: int) -> str:
    """Return the article's body ``factor`` times, each copy's ref names made its own (a parse, not a
    search), so the copies define new sources rather than reuse the first copy's."""
    import mwparserfromhell

    copies = []
    for copy in range(factor):
        code = mwparserfromhell.parse(text)
        for tag in code.ifilter_tags(recursive=True, matches=is_ref):
            if tag.has("name"):
                tag.get("name").value = f"{str(tag.get('name').value).strip()}-copy{copy}"
        copies.append(str(code))
    return "\n".join(copies)


def growth(path: Path, factors, label: str) -> None:
    from articles.wikitext.reading import read_wikitext

    text = path.read_text()
    rows, first = [], None
    for factor in factors:
        data = scaled(text, factor).encode()
        started = time.perf_counter()
        read_wikitext(data)
        reading = time.perf_counter() - started
        result, seconds = imported(data, f"scaled-{factor}", path.name)
        first = first or seconds / factor
        rows.append(
            [
                f"{factor}x",
                f"{len(data) // 1024:,}",
                f"{result.claims.created:,}",
                f"{result.sources.created:,}",
                f"{reading:.2f}",
                f"{seconds:.2f}",
                f"{seconds / factor / first:.2f}",
            ]
        )
    print_table(
        f"Linear growth: {path.name}'s body repeated ({label})",
        ["body", "KB", "sentences", "sources", "read s", "import s", "time per copy vs 1x"],
        rows,
    )


def hostile() -> None:
    from articles.errors import ArticleFormatError
    from articles.wikitext.reading import read_wikitext

    cases = {
        "nested templates": lambda n: "{{a|" * n + "x" + "}}" * n,
        "unclosed templates": lambda n: "{{a|" * n + "x",
        "unclosed links": lambda n: "[[a|" * n + "b",
        "unclosed refs": lambda n: "Text.<ref>" * n,
        "unclosed tables": lambda n: "{|\n| a\n" * n,
        "one paragraph": lambda n: "The dam is 30 m high. " * n,
        "many refs": lambda n: "Fact.<ref>Plain source.</ref> " * n,
        "spans never closed": lambda n: "<span>" * n + "x",
        "bold and italics": lambda n: "'''''x" * n,
    }
    rows = []
    for name, make in cases.items():
        cells = [name]
        for size in (1_000, 10_000, 100_000):
            text = make(size)
            started = time.perf_counter()
            try:
                read_wikitext(text)
                outcome = "read"
            except ArticleFormatError:
                outcome = "refused"
            cells.append(f"{time.perf_counter() - started:.2f} s {outcome}")
        rows.append(cells)
    print_table(
        "Hostile wikitext: reading time (parse included) at 1,000, 10,000 and 100,000 repeats",
        ["input", "1,000", "10,000", "100,000"],
        rows,
    )


if __name__ == "__main__":
    main()
