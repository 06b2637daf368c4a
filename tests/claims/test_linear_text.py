"""Every pattern and loop of claims that reads user text, fed adversarial runs of each delimiter: the
output is right and the time grows linearly (see tests/linear.py)."""

from decimal import Decimal

import pytest

from claims.figures import extract_figures
from claims.flags import hedge_phrases
from claims.sentences import split_body, strip_markers
from tests.linear import UNITS, assert_linear_time, numbered_citations, run_of

LENGTH = 20_000

# What extract_figures finds in a run of each unit: nothing, except where the run is made of numbers.
FIGURES = {"digits": "one", "numbers": "each"}


@pytest.mark.parametrize("name", UNITS)
def test_figures_in_a_run(name):
    text = run_of(UNITS[name], LENGTH)
    figures = extract_figures(text)
    if FIGURES.get(name) == "one":  # one long number
        assert [(f.start, f.end, f.value) for f in figures] == [(0, len(text), Decimal(text))]
    elif FIGURES.get(name) == "each":  # "1 1 1 ...": every 1 is a count
        assert [(f.start, f.value, f.kind) for f in figures] == [
            (start, 1, "count") for start in range(0, len(text), 2)
        ]
    else:
        assert figures == ()
    assert_linear_time(extract_figures, lambda length: run_of(UNITS[name], length))


def test_figures_between_citations():
    text = "".join(f"{number} troops[{number}] " for number in range(1, 3000))
    figures = extract_figures(text)
    assert [f.value for f in figures] == list(range(1, 3000))
    assert {f.unit for f in figures} == {"troops"}
    assert_linear_time(extract_figures, numbered_citations)


# How split_body reads a run of each unit: one sentence (the whole run) unless said otherwise.
SENTENCES = {"spaces": 0, "A. ": "each"}


@pytest.mark.parametrize("name", UNITS)
def test_sentences_of_a_run(name):
    unit = UNITS[name]
    text = run_of(unit, LENGTH)
    sentences = split_body(text)
    if SENTENCES.get(name) == 0:
        assert sentences == ()
    elif SENTENCES.get(name) == "each":  # "A." is an initial, and "A" opens a sentence
        assert [s.raw for s in sentences] == ["A."] * (LENGTH // 3)
    else:
        assert [s.raw for s in sentences] == [text.strip()]
        markers = sentences[0].markers
        assert len(markers) == (text.count("[1]") if name == "[1]" else 0)
    assert_linear_time(split_body, lambda length: run_of(unit, length))


def test_sentences_with_many_citations():
    text = "".join(f"Fact {number}.[{number}][{number + 1}] " for number in range(1, 2000))
    sentences = split_body(text)
    assert [s.keys for s in sentences] == [(str(n), str(n + 1)) for n in range(1, 2000)]
    assert_linear_time(split_body, lambda length: "Fact. " + numbered_citations(length))


def test_markers_after_a_long_text_ending_in_a_space():
    text = "word " * (LENGTH // 5) + "[1]" * 2000
    stripped, markers = strip_markers(text)
    assert stripped == ("word " * (LENGTH // 5)).strip()
    assert {marker.offset for marker in markers} == {len(stripped)} and len(markers) == 2000
    assert_linear_time(
        lambda t: strip_markers(t), lambda length: "word " * (length // 10) + "[1]" * (length // 6)
    )


@pytest.mark.parametrize("name", UNITS)
def test_hedges_in_a_run(name):
    assert hedge_phrases(run_of(UNITS[name], LENGTH)) == ()
    assert_linear_time(hedge_phrases, lambda length: run_of(UNITS[name], length))


@pytest.mark.parametrize("unit", ["reportedly ", "could not be ", "according to the junta "])
def test_hedge_words_repeated(unit):
    found = hedge_phrases(run_of(unit, LENGTH))
    # Issue 12 made "according to the junta" a hedge (a party to the conflict speaking for itself), so each
    # repetition is one; the time must still grow linearly.
    expected = {
        "reportedly ": LENGTH // len(unit),
        "could not be ": 0,
        "according to the junta ": LENGTH // len(unit),
    }
    assert len(found) == expected[unit]
    assert_linear_time(hedge_phrases, lambda length: run_of(unit, length))


# Issue 12's delimiters: invisible characters, statistics, compound units, fractions and the words that
# make a number a count. How many figures a run of each unit holds: 0, or one per unit ("each"; the
# p-value's figure starts at its number).
FIGURE_UNITS = {
    "\u200b": 0,
    "\u00a0": 0,
    "p<": 0,
    "p = ": 0,
    "km/h ": 0,
    "one-": 0,
    "half ": 0,
    "odds ratio ": 0,
    "US$": 0,
    "CHF": 0,
    "October 3–": 0,
    "another ": 0,
    "95% confidence ": 0,
    "p < 0.05 ": "each",  # starts at 4
    "1 mph ": "each",
    "5-fold ": "each",
    "two-thirds ": "each",
    "a third of ": "each",
    "95% ": "each",
}


@pytest.mark.parametrize("unit", FIGURE_UNITS)
def test_figures_in_a_run_of_new_delimiters(unit):
    text = run_of(unit, LENGTH)
    figures = extract_figures(text)
    if FIGURE_UNITS[unit] == "each":
        offset = unit.find("0.05") if unit.startswith("p") else 0
        assert [f.start for f in figures] == list(range(offset, len(text), len(unit)))
        assert all(text[f.start : f.end] == f.text and f.kind != "count" for f in figures)
    else:
        assert figures == ()
    assert_linear_time(extract_figures, lambda length: run_of(unit, length))


def test_a_number_with_invisible_characters_between_its_digits():
    text = run_of("5\u200b", LENGTH)
    (figure,) = extract_figures(text)
    assert (figure.start, figure.end, figure.value) == (0, len(text) - 1, Decimal("5" * (LENGTH // 2)))
    assert_linear_time(extract_figures, lambda length: run_of("5\u200b", length))


def test_hedge_hidden_by_invisible_characters_in_a_run():
    text = run_of("report\u200bedly ", LENGTH)
    assert len(hedge_phrases(text)) == LENGTH // len("report\u200bedly ")
    assert_linear_time(hedge_phrases, lambda length: run_of("report\u200bedly ", length))


# Issue 18's marks around numbers, each repeated: every repetition is read, in linear time.
@pytest.mark.parametrize(
    ("unit", "count_each"),
    [
        ("−5 and ", ("percent", "count")),
        ("-5 and ", ("percent", "count")),
        ("one in six and ", ("ratio",)),
        ("2018,6.0% and ", ("percent",)),
        ("430 BC and ", ()),
        ("Unit 731 and ", ()),
        ("[sic] 5 and ", ("count",)),
    ],
)
def test_marks_around_numbers_in_a_run(unit, count_each):
    text = unit * (LENGTH // len(unit))
    kinds = {f.kind for f in extract_figures(text)}
    assert kinds <= set(count_each)
    assert_linear_time(extract_figures, lambda length: unit * (length // len(unit)))
