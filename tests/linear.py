"""Adversarial inputs for everything that reads user text, and a check that its time grows linearly.

Python's ``re`` exposes no step counter (and this machine's CPU counters are not available), so for
regular expressions the growth is measured as processor time: the best of five runs on an input eight
times larger must take less than 24 times as long. Linear work takes about 8 times, a quadratic
pattern 64; the margin absorbs a shared machine's noise. Where the work can be counted (alignment,
sentence comparisons) the tests count it instead, with a spy on the inner function or with
``count_steps``, which counts every line of Python and every call into C that a function runs: the same
on a loaded machine as on an idle one.
"""

import gc
import sys
import time

# One unit of each delimiter an attacker can repeat, by name.
UNITS = {
    "[": "[",
    "]": "]",
    "(": "(",
    "digits": "7",
    ",": ",",
    ".": ".",
    "spaces": " ",
    "-": "-",
    "–": "–",
    "%": "%",
    "$": "$",
    "letters": "a",
    "capitals": "A",
    "[1]": "[1]",
    "[a": "[a",
    "1,": "1,",
    "1-": "1-",
    "1.": "1.",
    "A. ": "A. ",
    "numbers": "1 ",
}


def run_of(unit: str, length: int) -> str:
    """Return ``unit`` repeated to ``length`` characters (whole units only)."""
    return unit * max(1, length // len(unit))


def numbered_citations(length: int) -> str:
    """Return "[1][2][3]..." of about ``length`` characters."""
    pieces, total, number = [], 0, 1
    while total < length:
        pieces.append(f"[{number}]")
        total += len(pieces[-1])
        number += 1
    return "".join(pieces)


def best_seconds(function, argument, repeats: int = 5, enough=lambda seconds: False) -> float:
    """The least processor time of ``repeats`` runs, or of the runs until one takes a time ``enough``
    accepts."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            function(argument)
            best = min(best, time.process_time() - started)
            if enough(best):
                break
    finally:
        gc.enable()
    return best


def assert_linear_time(function, make, small: int = 10_000) -> None:
    """Fail when ``function`` on ``make(8 * small)`` takes 24 times as long as on ``make(small)``."""
    small_seconds = best_seconds(function, make(small))

    def within_bound(seconds: float) -> bool:
        return seconds < 0.02 or seconds < 24 * small_seconds

    # The large input costs eight small ones a run. Its best of five only matters when the bound fails:
    # a run within the bound passes it already (the best is no slower), so the runs stop there. The
    # verdict is the best of five's, with a fifth of the large runs when the work is linear.
    large_seconds = best_seconds(function, make(8 * small), enough=within_bound)
    # Below 20 ms the ratio is noise; a quadratic pattern on 80,000 characters takes seconds.
    assert within_bound(large_seconds), (small_seconds, large_seconds)


def count_steps(function, *arguments) -> int:
    """Return how many Python lines and calls into C (a regular expression's search, a string method)
    ``function(*arguments)`` runs. Deterministic where time is not; blind to the work inside one C call
    (a backtracking pattern), which ``assert_linear_time`` measures."""
    steps = 0

    def each_line(frame, event, argument):
        nonlocal steps
        steps += 1
        return each_line

    def each_call(frame, event, argument):
        nonlocal steps
        if event == "c_call":
            steps += 1

    tracing, profiling = sys.gettrace(), sys.getprofile()  # a coverage run's tracer is put back after
    sys.settrace(each_line)
    sys.setprofile(each_call)
    try:
        function(*arguments)
    finally:
        sys.settrace(tracing)
        sys.setprofile(profiling)
    return steps
