"""Reading References lines (sources.citations): time per line for ordinary citations, and for
adversarial lines of 5, 10 and 20 KB made of one delimiter repeated, which must grow linearly
(CPU time of this process, so that other work on the machine does not blur it).

    .venv/bin/python -m bench.citations
"""

import time

from bench.support import ms, print_table

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


if __name__ == "__main__":
    main()
