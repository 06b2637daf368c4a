"""StatedIndex finds what the pairwise rule finds: every (claimed, stated) pair of many random figures is
decided both ways, by ``supports`` over every pair and by the index; then the index's time grows
linearly with the number of figures (tests/linear.py)."""

import random
from decimal import Decimal

import pytest

from claims.evidence.highlight import StatedIndex, stated_figures, stated_spans
from claims.evidence.values import supports
from claims.figures import QUALIFIERS, Figure, extract_figures
from tests.linear import assert_linear_time

NOUNS = ["", "homes", "houses", "soldiers", "troops", "schools", "people residents"]
KINDS = [("count", None), ("percent", "percent"), ("money", "USD"), ("money", "EUR"), ("measure", "km")]
VALUES = ["7", "7.0", "7.2", "19", "20", "21", "23", "150", "1500", "1520", "1480", "0.5", "45.3", "45"]


def random_figure(rng: random.Random) -> Figure:
    kind, unit = rng.choice(KINDS)
    value = Decimal(rng.choice(VALUES))
    value_max = None
    if rng.random() < 0.25:
        value_max = value + Decimal(rng.choice(["1", "10", "30", "0.5"]))
    return Figure(
        text=str(value),
        start=0,
        end=1,
        value=value,
        value_max=value_max,
        unit=rng.choice(NOUNS) if unit is None else unit,
        qualifier=rng.choice(QUALIFIERS),
        kind=kind,
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_index_answers_as_every_pair_does(seed):
    rng = random.Random(seed)
    claimed = [random_figure(rng) for _ in range(60)]
    stated = [random_figure(rng) for _ in range(300)]
    index = StatedIndex(claimed)
    taking = StatedIndex(claimed)
    taken = set()
    for figure in stated:
        pairwise = [position for position, claim in enumerate(claimed) if supports(claim, figure)]
        assert (index.supported(figure) is not None) == bool(pairwise), figure
        newly = taking.take(figure)
        assert set(newly) == set(pairwise) - taken, figure
        taken |= set(newly)


@pytest.mark.parametrize(
    ("claim", "passage", "spans", "stated"),
    [
        # Exact values, rounding at the claim's precision, a range holding the value.
        (
            "It reached 950 homes and 1.5 million people.",
            "Some 1,520,000 people; 950 homes.",
            ["Some 1,520,000", "950"],
            [0, 1],
        ),
        ("It reached 950 homes.", "It reached 957 homes and 95 homes.", [], []),
        ("It reached 950 homes.", "It reached 900-1,000 homes.", ["900-1,000"], [0]),
        # Bounds and approximations, with what they count.
        ("Over 20 soldiers died.", "Monitors counted 23 troops dead and 40 tanks.", ["23"], [0]),
        ("Over 20 soldiers died.", "Monitors counted 19 soldiers dead and 40 tanks.", [], []),
        ("About 40 people fled.", "Some 42 residents fled.", ["Some 42"], [0]),
        ("About 40 people fled.", "Some 42 goats fled.", [], []),
        # Each claimed figure is stated or not on its own.
        ("It cost $3 billion and 45% of trade.", "Trade fell 45 per cent.", ["45 per cent"], [1]),
    ],
)
def test_stated_figures_marks_the_passage_and_names_the_claimed_figures_it_states(
    claim, passage, spans, stated
):
    figures = extract_figures(claim)
    found_spans, found_stated = stated_figures(passage, figures)
    assert [passage[start:end] for start, end in found_spans] == spans
    assert list(found_stated) == stated
    assert found_spans == stated_spans(passage, figures)


def hostile(n: int) -> tuple[tuple[Figure, ...], str]:
    """N counts of one noun in the claim and N in the passage, none of them the same value."""
    claim = " ".join(f"{i} homes," for i in range(1, n + 1))
    passage = " ".join(f"{i * 7 + 1} homes," for i in range(1, n + 1))
    return extract_figures(claim), passage


@pytest.mark.parametrize(
    "qualifier", ["", "over ", "about ", "up to "], ids=["exact", "lower bound", "approximate", "upper bound"]
)
def test_marking_what_a_passage_states_is_linear_in_the_figures(qualifier):
    def claimed(n: int):
        return extract_figures(" ".join(f"{qualifier}{i * 7 + 1000} homes," for i in range(1, n + 1)))

    def passage(n: int) -> str:
        return " ".join(f"{i * 7 + 3} homes," for i in range(1, n + 1))

    inputs = {}

    def check(pair):
        figures, text = pair
        return stated_figures(text, figures)

    def make(length: int):
        n = max(1, length // 10)
        if n not in inputs:
            inputs[n] = (claimed(n), passage(n))
        return inputs[n]

    assert_linear_time(check, make)
