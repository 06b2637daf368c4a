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
    "counter lines": "Villages (7)\n",
    "partitives": "7 counts of theft ",
    "hyphenated durations": "a seven-year deal ",
    "age periods": "in her mid-20s ",
    "years": "in 2017 7 villages ",
    "names": "League Seven ",
}
# A claim naming a year near a count, a duration before a noun and an age period: each statement of a
# sentence is compared with the claim's year, noun and period.
DATED_CLAIM = (
    "As of 2016, 7 villages signed a seven-year deal and 8 counts of theft were filed in her mid-20s."
)
DATED_FIGURES = extract_figures(DATED_CLAIM)
DATED_UNITS = {
    "years and counts": "in 2017 7 villages, 9 villages in 2015, ",
    "durations before nouns": "a seven-year lease, a nine-year deal ",
    "partitives": "8 counts of fraud, 9 counts of theft ",
    "counter lines": "Villages (9)\n",
}


def check_dated(text: str):
    return find_all(index_source(text), DATED_CLAIM, DATED_FIGURES)


@pytest.mark.parametrize("name", DATED_UNITS)
def test_a_claim_with_a_year_a_duration_noun_and_a_period_is_looked_up_linearly(name):
    assert len(check_dated(run_of(DATED_UNITS[name], 20_000))) == len(DATED_FIGURES)
    assert_linear_time(check_dated, lambda length: run_of(DATED_UNITS[name], length))


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
