"""Conflicting figures on hostile statements: one statement made of a unit repeated 200, 2,000 and 4,000
times (many dates, figures, time frames, events or named sources in one sentence), read and compared with a
short one by ``claims.consistency.find_findings``. CPU time of this process, best of three, so that other
work on the machine blurs it less. Each row's time should grow with its text (10x, then 2x), not with its
square. The test (tests/claims/test_consistency.py) counts the steps instead of timing them.

    .venv/bin/python -m bench.consistency_linear [--times 200,2000,4000]
"""

import argparse
import os
import time

UNITS = {
    "dates and event verbs": "In 1953 the KNPP was founded on May 2, 1957 and ",
    "figures in one clause": "over 1,500 refugees and 2,000 refugees and ",
    "time frames": "Between November 11 and 27 ",
    "events told by nouns": "the acquisition of Corvin Mills in 2015 and the 1991 Tarn eruption and ",
    "sources and months": "according to the Vell Council, 16 soldiers were killed in January and ",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--times", default="200,2000,4000")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from bench.support import print_table
    from claims.consistency import Statement, find_findings
    from claims.consistency.mentions import read_text

    counts = [int(times) for times in options.times.split(",")]
    rows = []
    for name, unit in UNITS.items():
        row = [name]
        for times in counts:
            statements = [Statement(1, unit * times + "end."), Statement(2, unit * 10 + "end.")]
            best = float("inf")
            for _ in range(3):
                read_text.cache_clear()  # time the reading, not the cache
                started = time.process_time()
                find_findings(statements)
                best = min(best, time.process_time() - started)
            row.append(f"{best * 1000:,.0f}")
        rows.append(row)
    headers = ["unit repeated", *(f"{times} times, ms" for times in counts)]
    print_table("find_findings on one hostile statement (CPU ms, best of 3)", headers, rows)


if __name__ == "__main__":
    main()
