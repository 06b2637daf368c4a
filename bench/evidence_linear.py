"""The figure check on one big snapshot stays linear: a source text of 100 KB, 1 MB (10x) and 10 MB (100x),
read once (``index_source``: BM25 index, every number, every measure) and then one claim looked up in it
(``find_all``). Texts: plausible reporting with a number in every other sentence, and hostile runs where
every word is a number ("7 7 7 ..."), a unit ("7 km 7 km ..."), a number word, or one sentence with no
full stop. Each row's time should grow tenfold with its input, not a hundredfold.

    .venv/bin/python -m bench.evidence_linear [--kilobytes 100,1000,10000]
"""

import argparse
import random
import time
import tracemalloc

CLAIM = "Over 5 villages lost 7 km of road and seven families fled, 45% of them by 2 pm."


def plausible(size: int) -> str:
    from bench.evidence import snapshot_text

    return snapshot_text([], size, random.Random(size))


def run(unit: str):
    def text(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return text


TEXTS = {
    "reporting, numbers in half the sentences": plausible,
    "every word a number (7 7 7 ...)": run("7 "),
    "every word a measure (7 km 7 km ...)": run("7 km "),
    "number words (seven families ...)": run("seven families. "),
    "one sentence, no full stop (5, 6, 7 ...)": run("5 villages, 6 km, 7 per cent, "),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kilobytes", default="100,1000,10000")
    options = parser.parse_args()
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from bench.support import print_table
    from claims.evidence.lookup import find_all, index_source
    from claims.figures import extract_figures
    from claims.figures.units import registry

    registry()  # built once per process (a few hundred ms), not part of any text's cost
    figures = extract_figures(CLAIM)
    rows = []
    for label, make in TEXTS.items():
        for kilobytes in [int(size) for size in options.kilobytes.split(",")]:
            text = make(kilobytes * 1000)
            tracemalloc.start()
            started = time.perf_counter()
            source = index_source(text)
            indexed = time.perf_counter() - started
            found = find_all(source, CLAIM, figures)
            checked = time.perf_counter() - started - indexed
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            verdicts = "".join((finding.verdict[0] if finding else "-") for finding in found)
            peak_mb = f"{peak / 2**20:,.0f}"
            rows.append([label, f"{kilobytes:,}", f"{indexed:.2f}", f"{checked:.2f}", peak_mb, verdicts])
    print_table(
        f"One claim ({len(figures)} figures) against one snapshot",
        ["text", "KB", "index s", "claim s", "peak MB", "verdicts (s/c/n, - none)"],
        rows,
    )


if __name__ == "__main__":
    main()
