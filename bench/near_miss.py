"""The workbench's near-miss marks on hostile input: a claim and a passage each stating N counts of the
same noun ("1 homes, 2 homes, …"), every one of them a near miss of the claim. ``near_misses`` looks each
of the passage's figures up in an index of the claim's, so its time should double with N, not
quadruple; ``stated_spans`` (an index of the claimed figures too since issue 17) beside it.

    .venv/bin/python -m bench.near_miss [--sizes 400,800,1600,3200,6400]
"""

import argparse
import time

from claims.evidence.highlight import near_misses, stated_spans
from claims.figures import extract_figures


def hostile(n: int) -> tuple[str, str]:
    claim = " ".join(f"{i} homes," for i in range(1, n + 1))
    passage = " ".join(f"{i * 7 + 1} homes," for i in range(1, n + 1))
    return claim, passage


def best_ms(function, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="400,800,1600,3200,6400")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print("| figures (claim = passage) | passage KB | near_misses ms | stated_spans ms |")
    print("|---|---|---|---|")
    for n in sizes:
        claim, passage = hostile(n)
        figures = extract_figures(claim)
        assert len(near_misses(passage, figures)) == n  # every figure of the passage is one
        near = best_ms(lambda: near_misses(passage, figures))  # noqa: B023
        stated = f"{best_ms(lambda: stated_spans(passage, figures)):.0f}"  # noqa: B023
        print(f"| {n:,} | {len(passage) / 1024:.1f} | {near:.1f} | {stated} |")


if __name__ == "__main__":
    main()
