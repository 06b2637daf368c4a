"""Table tests for age periods read by the figure reader (claims.figures.periods) and checked against a
source (claims.evidence): "in her mid-20s" is the ages 24-26, stated by the same period, not by another.

The sentences are written for these tests (the evidence-dev texts are never copied here)."""

from decimal import Decimal

import pytest

from claims.evidence.verdicts import CONTRADICTED, NOT_FOUND, SUPPORTED, check_claim_against_texts
from claims.figures import extract_figures

FILLER = "The committee met again in the spring and discussed its plans at length.\n" * 30

READ = [
    ("In her mid-20s Chung took a nonfiction class.", "mid-20s", 24, 26),
    ("I joined a writing group in my mid-20s.", "mid-20s", 24, 26),
    ("He left school in his late teens.", "late teens", 17, 19),
    ("Women in their thirties were asked.", "thirties", 30, 39),
    ("She began painting in her early 40s.", "early 40s", 40, 43),
    ("He moved abroad in his late 50s.", "late 50s", 57, 59),
]
NOT_READ = [
    "The band peaked in the mid-90s.",  # an era, not an age
    "In the 1920s the town grew.",
    "Temperatures were in the low 20s.",
    "The 20s were a decade of change.",
]


@pytest.mark.parametrize(("sentence", "text", "low", "high"), READ)
def test_an_age_period_after_a_possessive_is_a_range_of_ages(sentence, text, low, high):
    (figure,) = [figure for figure in extract_figures(sentence) if figure.kind == "age"]
    assert (figure.text, figure.value, figure.value_max) == (text, Decimal(low), Decimal(high))
    assert sentence[figure.start : figure.end] == text


@pytest.mark.parametrize("sentence", NOT_READ)
def test_an_era_or_a_decade_is_no_age(sentence):
    assert [figure for figure in extract_figures(sentence) if figure.kind == "age"] == []


CHECKED = [
    ("In her mid-20s Chung took a class.", "I joined a writing group in my mid-20s.", "mid-20s", SUPPORTED),
    ("In his twenties he worked at sea.", "He spent his twenties working at sea.", "twenties", SUPPORTED),
    ("In her mid-20s Chung took a class.", "I took a writing class in my late 20s.", "mid-20s", "failed"),
    ("In his late teens he worked at sea.", "He worked at sea in his early teens.", "late teens", "failed"),
]


@pytest.mark.parametrize(("claim", "source", "figure", "expected"), CHECKED)
def test_an_age_period_is_stated_only_by_the_same_period(claim, source, figure, expected):
    checked = {
        found.text: verdict for found, verdict in check_claim_against_texts(claim, {"1": FILLER + source})
    }
    if expected == "failed":
        assert checked[figure].verdict in (NOT_FOUND, CONTRADICTED)
    else:
        assert checked[figure].verdict == expected
        assert checked[figure].passage == source
