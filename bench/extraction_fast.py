"""trafilatura's ``fast`` option on real HTML nobody on this project wrote: what text each setting keeps
of a page's main content, what else it lets in, and how long it takes (issue 20: "fast=True risk
unmeasured").

    .venv/bin/python -m bench.extraction_fast [--limit N]

The pages are documentation sites installed on this machine, read in place and never copied: the Rust
book (mdBook: a chapter list beside the text, navigation links above and below it; ~/.rustup) and the
Node.js API reference and Debian's Python policy (/usr/share/doc; a table of contents in a side column).
Each marks its main content itself, with ``<main>`` or ``role="main"``; that element's words are the
measure, so nobody here labels anything. ``fast=True`` skips trafilatura's fallbacks (readability and
jusText, run when its own pass finds little); ``fast=False`` runs them.

For each page and setting: recall, the share of the main content's words (counted with repeats) the
extracted text has; noise, the share of the extracted words that are not the main content's; and the
time. The pages where the settings differ most are printed with their counts, never their text; then the
hostile page of many small tables (``bench.hostile_inputs``) at three sizes, where the fallbacks' time
grows fastest."""

import argparse
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

from bench.hostile_inputs import many_tables_html
from bench.support import print_table
from sources.extraction import decode_html

RUSTUP_DOCS = Path.home() / ".rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html"
SETS = {
    "Rust book (mdBook)": lambda: sorted((RUSTUP_DOCS / "book").glob("ch*.html")),
    "Node.js API reference": lambda: sorted(Path("/usr/share/doc/nodejs/api").glob("*.html")),
    "Debian Python policy": lambda: sorted(Path("/usr/share/doc/python3").glob("*.html")),
}
MAX_PAGE_BYTES = 1_000_000  # Node's all.html (8 MB, every page at once) is left out: it is the others again
WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def main_content(page: str) -> str:
    root = lxml.html.document_fromstring(page)
    found = root.xpath("//main | //*[@role='main']")
    return found[0].text_content() if found else ""


def extracted(page: str, fast: bool) -> tuple[str, float]:
    started = time.perf_counter()
    document = trafilatura.bare_extraction(page, with_metadata=True, fast=fast)  # as sources.extraction
    seconds = time.perf_counter() - started
    return (document.text or "") if document is not None else "", seconds


def measure(path: Path) -> dict | None:
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        return None
    page = decode_html(data)
    truth = words(main_content(page))
    if not truth:
        return None
    result = {"page": path.name, "bytes": len(data), "truth": sum(truth.values())}
    for fast in (True, False):
        text, seconds = extracted(page, fast)
        got = words(text)
        kept = sum((got & truth).values())
        label = "fast" if fast else "full"
        result[f"{label} recall"] = kept / sum(truth.values())
        result[f"{label} noise"] = 1 - kept / sum(got.values()) if got else 0.0
        result[f"{label} words"] = sum(got.values())
        result[f"{label} s"] = seconds
    return result


def summary(name: str, results: list[dict]) -> list:
    def median(key):
        return statistics.median(result[key] for result in results)

    def total(key):
        return sum(result[key] for result in results)

    differ = sum(1 for result in results if result["fast words"] != result["full words"])
    return [
        name,
        str(len(results)),
        f"{median('fast recall'):.1%} / {median('full recall'):.1%}",
        f"{min(r['fast recall'] for r in results):.1%} / {min(r['full recall'] for r in results):.1%}",
        f"{median('fast noise'):.1%} / {median('full noise'):.1%}",
        f"{total('fast words'):,} / {total('full words'):,}",
        str(differ),
        f"{median('fast s') * 1000:.0f} / {median('full s') * 1000:.0f} ms",
        f"{total('fast s'):.1f} / {total('full s'):.1f} s",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="pages per set (0: all)")
    options = parser.parse_args()
    rows, everything = [], []
    for name, pages in SETS.items():
        paths = pages()[: options.limit or None]
        results = [result for result in map(measure, paths) if result]
        if results:
            rows.append(summary(name, results))
            everything += results
    rows.append(summary("all", everything))
    print_table(
        "trafilatura fast=True / fast=False on pages' main content (<main>, role=main)",
        ["pages", "n", "recall (median)", "recall (worst)", "noise (median)", "words extracted",
         "pages that differ", "time (median)", "time (total)"],
        rows,
    )  # fmt: skip
    rows = []
    for tables in (200, 400, 800):  # 800: the 51 KB page of bench/hostile.py's 1x
        page = decode_html(many_tables_html(tables))
        fast, full = extracted(page, True), extracted(page, False)
        rows.append([f"{tables} tables ({len(page) // 1000} KB)", f"{fast[1]:.2f} / {full[1]:.2f} s",
                     f"{len(fast[0]):,} / {len(full[0]):,}"])  # fmt: skip
    print_table("A hostile page of many small tables", ["page", "fast / full", "characters"], rows)
    widest = sorted(everything, key=lambda r: abs(r["fast recall"] - r["full recall"]), reverse=True)[:8]
    print_table(
        "Pages where the settings differ most",
        ["page", "KB", "main words", "fast: recall / noise", "full: recall / noise", "fast / full ms"],
        [
            [r["page"], f"{r['bytes'] // 1000}", f"{r['truth']:,}",
             f"{r['fast recall']:.1%} / {r['fast noise']:.1%}",
             f"{r['full recall']:.1%} / {r['full noise']:.1%}",
             f"{r['fast s'] * 1000:.0f} / {r['full s'] * 1000:.0f}"]
            for r in widest
        ],
    )  # fmt: skip


if __name__ == "__main__":
    main()
