"""Reading References lines (sources.citations): time per line for ordinary citations, and for
adversarial lines of 5, 10 and 20 KB made of one delimiter repeated, which must grow linearly
(CPU time of this process, so that other work on the machine does not blur it). Then importing the seed
with an 80-line References block: first import, the same file again, and every line changed.

    .venv/bin/python -m bench.citations
"""

import time
from pathlib import Path

from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url

SEED = Path(__file__).resolve().parent.parent / "seed" / "operation-1107.txt"

DELIMITERS = [
    '"',
    "“",
    "„",
    "«",
    "(",
    ")",
    "[",
    ". ",
    "http://",
    "Retrieved ",
    "Archived on ",
    " – via ",
    "a",
]
SIZES = (5_000, 10_000, 20_000)
REPEATS = 5


def best_seconds(function, *args) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.process_time()
        function(*args)
        timings.append(time.process_time() - started)
    return min(timings)


def main() -> None:
    from sources.citations import MAX_LINE_LENGTH, parse_citation
    from tests.sources.test_citations import CITATIONS

    lines = [line for _, line, _, _ in CITATIONS] * 5
    seconds = best_seconds(lambda: [parse_citation(line) for line in lines])
    read = sum(parse_citation(line).is_read_fully for line in lines)
    print_table(
        "Ordinary citations",
        ["lines", "read fully", "total", "per line"],
        [[len(lines), read, ms(seconds), f"{seconds / len(lines) * 1e6:.0f} µs"]],
    )
    rows = []
    for delimiter in DELIMITERS:
        timings = []
        for size in SIZES:
            line = (delimiter * (size // len(delimiter) + 1))[: min(size, MAX_LINE_LENGTH)]
            timings.append(best_seconds(parse_citation, line))
        rows.append([repr(delimiter), *(ms(t) for t in timings), f"{timings[-1] / timings[0]:.1f}"])
    print_table(
        "One delimiter repeated (linear: 20 KB takes about 4x the 5 KB time)",
        ["delimiter", *(f"{size // 1000} KB" for size in SIZES), "20 KB / 5 KB"],
        rows,
    )

    import_rows(CITATIONS)


def import_rows(citations) -> None:
    url = throwaway_database_url()
    setup_django(url)
    from articles.services import article_import

    styles = [line for _, line, _, _ in citations]
    block = "References\n" + "".join(f"[{n}] {styles[(n - 1) % len(styles)]}\n" for n in range(1, 81))
    text = SEED.read_text().rstrip("\n") + "\n" + block
    changed = SEED.read_text().rstrip("\n") + "\n" + block.replace("2024", "2025")
    rows = []
    for label, data in (("first import", text), ("same file again", text), ("block: 2024 now 2025", changed)):
        with measure() as log:
            result = article_import(data=data, slug="bench-references")
        rows.append([label, log.count, ms(log.total_seconds), str(result.sources), str(result.references)])
    print_table(
        f"Seed with an 80-line References block ({database_label(url)})",
        ["import", "queries", "ms", "sources", "references"],
        rows,
    )


if __name__ == "__main__":
    main()
