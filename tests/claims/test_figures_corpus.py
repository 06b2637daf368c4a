"""Issue 12's figure classes, asserted on the real encyclopedia articles they were found in.

The articles are read from the shared corpus (never copied into the project: their licences are not the
project's). Each row names a sentence by a fragment and lists every figure the reader must find in it.
"""

import os
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from claims.figures import extract_figures

# The shared corpus lies beside the project (../shared/corpus), in CI too; read in place, never copied.
CORPUS = Path(os.environ.get("VERITY_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
MARKER = re.compile(r"\[[^\]\s]+\]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real articles is absent")


@cache
def sentences() -> tuple[str, ...]:
    lines = (
        MARKER.sub("", line)
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
    )
    return tuple(sentence for line in lines for sentence in SENTENCE_END.split(line))


def sentence_with(fragment: str) -> str:
    matches = [s for s in sentences() if fragment in s]
    assert len(matches) == 1, f"{fragment!r} is in {len(matches)} corpus sentences"
    return matches[0]


def found(sentence: str) -> list[tuple]:
    return [(f.text, f.value, f.value_max, f.unit, f.qualifier, f.kind) for f in extract_figures(sentence)]


def row(text, value, value_max, unit, qualifier, kind) -> tuple:
    value_max = None if value_max is None else Decimal(str(value_max))
    return (text, Decimal(str(value)), value_max, unit, qualifier, kind)


NBSP = "\u00a0"
CORPUS_FIGURES = [
    # battle-of-al-bab.txt
    (
        "injuring ten",
        [
            row("three", 3, None, "turkish soldiers", "exact", "count"),
            row("ten", 10, None, "", "exact", "count"),
        ],
    ),
    ("as well as one nearby village", [row("one", 1, None, "nearby village", "exact", "count")]),
    ("one-tenth", [row("one-tenth", 0.1, None, "fraction", "exact", "ratio")]),
    ("controlled more than half", [row("more than half", 0.5, None, "fraction", "more than", "ratio")]),
    # hurricane-matthew-haiti.txt: speeds with no-break spaces, storm categories, a date range, CHF
    (
        "before making landfall near Les Anglais",
        [
            row(f"240{NBSP}km/h", 240, None, "kilometer per hour", "exact", "measure"),
            row(f"150{NBSP}mph", 150, None, "mile per hour", "exact", "measure"),
        ],
    ),
    ("to weaken to a Category", []),
    ("schools were closed from October", []),
    (
        "another four were damaged",
        [
            row("15", 15, None, "main hospitals", "exact", "count"),
            row("one", 1, None, "", "exact", "count"),
            row("four", 4, None, "", "exact", "count"),
            row("35", 35, None, "medical clinics", "exact", "count"),
        ],
    ),
    ("CHF2", [row(f"CHF2{NBSP}million", 2000000, None, "CHF", "exact", "money")]),
    ("half of the population", [row("half", 0.5, None, "fraction", "exact", "ratio")]),
    # circumcision-and-hiv.txt: ranges, ratios, p-values, confidence levels, a model name
    (
        "ranging from 0.40 to 0.47",
        [
            row("Three", 3, None, "landmark trials", "exact", "count"),
            row("0.40 to 0.47", 0.4, 0.47, "hazard ratio", "exact", "ratio"),
        ],
    ),
    ("ranging from 21 to 24 months", [row("21 to 24 months", 21, 24, "month", "exact", "measure")]),
    ("US$90", [row("US$90 to US$132", 90, 132, "USD", "exact", "money")]),
    ("5- to 8-fold", [row("5- to 8-fold", 5, 8, "fold", "exact", "ratio")]),
    ("DMPPT 2.0", [row("10–30 years", 10, 30, "year", "exact", "measure")]),
    (
        "One analysis estimated",
        [
            row("$1,096", 1096, None, "USD", "exact", "money"),
            row("$6,790", 6790, None, "USD", "exact", "money"),
        ],
    ),
    (
        "pooled IR 0.48",
        [
            row("52%", 52, None, "percent", "exact", "percent"),
            row("0.48", 0.48, None, "incidence ratio", "exact", "ratio"),
            row("0.33–0.70", 0.33, 0.7, "", "exact", "count"),
        ],
    ),
]


@pytest.mark.parametrize(("fragment", "figures"), CORPUS_FIGURES)
def test_every_figure_of_a_corpus_sentence(fragment: str, figures: list[tuple]) -> None:
    assert found(sentence_with(fragment)) == figures


def test_p_values_and_confidence_levels_in_the_corpus() -> None:
    sentence = sentence_with("p=0.0065")
    figures = extract_figures(sentence)
    assert [(f.text, f.unit, f.kind) for f in figures if f.unit == "p-value"] == [
        ("0.0065", "p-value", "measure")
    ]
    assert not [f for f in figures if f.text == "95%"]  # "(95% CI 1.2-3.0)" states a confidence level
