"""The whole-source lookup fed adversarial runs of each delimiter, and of numbers, units, number words
and ages: reading a snapshot once and looking one claim up in it grow linearly (see tests/linear.py)."""

import pytest

from claims.evidence.lookup import find_all, index_source
from claims.figures import extract_figures
from tests.linear import UNITS, assert_linear_time, run_of

CLAIM = "Over 5 villages lost 7 km of road, seven families fled and 45% of them were aged 7."
FIGURES = extract_figures(CLAIM)
MORE_UNITS = UNITS | {
    "measures": "7 km ",
    "number words": "seven families ",
    "ages": "7 years old ",
    "ranges of ages": "aged 7-",
    "equivalents": "annually ",
    "glued scales": "7k ",
    "percentages": "7% ",
    "splits": "50/50 ",
    "ranking brackets": "top-7 ",
    "limited word numbers": "all but seven ",
}


def check(text: str):
    return find_all(index_source(text), CLAIM, FIGURES)


@pytest.mark.parametrize("name", MORE_UNITS)
def test_reading_a_snapshot_and_looking_a_claim_up_in_it_is_linear(name):
    found = check(run_of(MORE_UNITS[name], 20_000))
    assert len(found) == len(FIGURES)
    assert_linear_time(index_source, lambda length: run_of(MORE_UNITS[name], length))
    assert_linear_time(check, lambda length: run_of(MORE_UNITS[name], length))


def test_a_run_of_one_number_supports_only_what_it_states():
    found = dict(
        zip([figure.text for figure in FIGURES], check(run_of("seven families ", 20_000)), strict=True)
    )
    assert found["seven"].verdict == "supported"
    assert found["45%"] is None and found["7 km"] is None
