"""The figures of the seed article, asserted on its own sentences (citation markers stripped)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from claims.figures import extract_figures

SEED = Path(__file__).resolve().parents[2] / "seed" / "operation-1107.txt"
MARKER = re.compile(r"\[[^\]\s]+\]")
# Markers stripped, the seed's sentences touch ("junta.In response"): split after a lowercase
# letter, digit or bracket and its full stop, which leaves "U.S. Treasury" whole.
SENTENCE_END = re.compile(r"(?<=[a-z0-9)”\"][.!?])\s*(?=[A-Z])")


def seed_lines() -> list[str]:
    """Return the seed's lines (headings and paragraphs) with citation markers stripped."""
    return [MARKER.sub("", line) for line in SEED.read_text(encoding="utf-8").splitlines()]


def seed_sentence(fragment: str) -> str:
    """Return the one seed sentence that contains fragment."""
    matches = [s for line in seed_lines() for s in SENTENCE_END.split(line) if fragment in s]
    assert len(matches) == 1, f"{fragment!r} is in {len(matches)} seed sentences"
    return matches[0]


def found(sentence: str) -> tuple[tuple, ...]:
    return tuple(
        (f.text, f.value, f.value_max, f.unit, f.qualifier, f.kind) for f in extract_figures(sentence)
    )


def expected(rows: list[tuple]) -> tuple[tuple, ...]:
    return tuple(
        (text, Decimal(str(value)), None if value_max is None else Decimal(str(value_max)), unit, qual, kind)
        for text, value, value_max, unit, qual, kind in rows
    )


# Every seed sentence that states a figure, named by a fragment, with all of its figures in order.
SEED_FIGURES = [
    ("military declared a one-year", [("one-year", 1, None, "year", "exact", "measure")]),
    (
        "airstrikes, killing over 6,000",
        [
            ("over 6,000", 6000, None, "civilians", "over", "count"),
            ("more than 20,000", 20000, None, "", "more than", "count"),
        ],
    ),
    ("militias, and over 20", [("over 20", 20, None, "ethnic armed organizations", "over", "count")]),
    ("control over only about 21%", [("about 21%", 21, None, "percent", "about", "percent")]),
    ("has displaced over 3 million", [("over 3 million", 3000000, None, "people", "over", "count")]),
    ("secede after ten years", [("ten years", 10, None, "year", "exact", "measure")]),
    (
        "displacement of 57",
        [
            ("57", 57, None, "villages", "exact", "count"),
            ("over 8,000", 8000, None, "civilians", "over", "count"),
        ],
    ),
    ("violations, displacing 11,500", [("11,500", 11500, None, "people", "exact", "count")]),
    ("KNPP, fielding 700-800", [("700-800", 700, 800, "fighters", "exact", "count")]),
    ("forces killing over 1,000", [("over 1,000", 1000, None, "protesters", "over", "count")]),
    ("expanded to 21", [("21", 21, None, "battalions", "exact", "count")]),
    ("forces—reporting over 70", [("over 70", 70, None, "soldiers", "over", "count")]),
    (
        "which numbered approximately 300,000",
        [("approximately 300,000", 300000, None, "personnel", "approximately", "count")],
    ),
    ("occupation of two", [("two", 2, None, "junta bases", "exact", "count")]),
    (
        "temporal proximity—11 days",
        [
            ("11 days", 11, None, "day", "exact", "measure"),
            ("over 100", 100, None, "junta positions", "over", "count"),
        ],
    ),
    ("attacks killed at least 14", [("at least 14", 14, None, "civilians", "at least", "count")]),
    ("At least two", [("At least two", 2, None, "junta bases", "at least", "count")]),
    ("effort to overrun two", [("two", 2, None, "specific outposts", "exact", "count")]),
    ("2023, seizing at least 15", [("at least 15", 15, None, "rifles", "at least", "count")]),
    ("KNPLF reported over 20", [("over 20", 20, None, "junta personnel", "over", "count")]),
    ("junta causing at least 20", [("at least 20", 20, None, "civilian deaths", "at least", "count")]),
    ("the seizure of over 100", [("over 100", 100, None, "weapons", "over", "count")]),
    (
        "claimed control of approximately 85%",
        [("approximately 85%", 85, None, "percent", "approximately", "percent")],
    ),
    ("operations, conducting over 477", [("over 477", 477, None, "airstrikes", "over", "count")]),
    ("forces claimed 75%", [("75%", 75, None, "percent", "exact", "percent")]),
    ("incident killing four", [("four", 4, None, "children", "exact", "count")]),
    ("humanitarian needs amid 274", [("274", 274, None, "reported armed clashes", "exact", "count")]),
    ("groups documented at least 477", [("at least 477", 477, None, "airstrikes", "at least", "count")]),
    (
        "November 11 and 27, approximately 350 to 367",
        [
            ("approximately 350 to 367", 350, 367, "strikes", "approximately", "count"),
            ("over 70", 70, None, "civilians", "over", "count"),
        ],
    ),
    (
        "control over six",
        [("six", 6, None, "townships", "exact", "count"), ("65", 65, None, "junta bases", "exact", "count")],
    ),
    (
        "forces to control approximately 80%",
        [("approximately 80%", 80, None, "percent", "approximately", "percent")],
    ),
    ("by capturing at least two", [("at least two", 2, None, "additional junta bases", "at least", "count")]),
    ("takeover of seven", [("seven", 7, None, "junta installations", "exact", "count")]),
    ("resistance for nearly two years", [("nearly two years", 2, None, "year", "nearly", "measure")]),
    ("(KNDF) reported over 20", [("over 20", 20, None, "junta troops", "over", "count")]),
    (
        "the capture of two",
        [
            ("two", 2, None, "junta outposts", "exact", "count"),
            ("at least 15", 15, None, "rifles", "at least", "count"),
        ],
    ),
    (
        "outlets, claiming at least 70",
        [
            ("at least 70", 70, None, "junta soldiers", "at least", "count"),
            ("38", 38, None, "", "exact", "count"),
            ("three", 3, None, "captured camps", "exact", "count"),
        ],
    ),
    ("Loikaw killed at least 14", [("at least 14", 14, None, "civilians", "at least", "count")]),
    (
        "reports documented 75",
        [
            ("75", 75, None, "civilian deaths", "exact", "count"),
            ("over 94", 94, None, "injuries", "over", "count"),
        ],
    ),
    (
        "reportedly killed over 25",
        [("over 25", 25, None, "civilians", "over", "count"), ("around 10", 10, None, "", "around", "count")],
    ),
    ("already uprooted over 150,000", [("over 150,000", 150000, None, "people", "over", "count")]),
    ("Kayah—including over 100", [("over 100", 100, None, "civilian deaths", "over", "count")]),
    (
        "Affairs documented over 286,000",
        [("over 286,000", 286000, None, "new internal displacements", "over", "count")],
    ),
    (
        "already uprooted over 180,000",
        [
            ("over 180,000", 180000, None, "people", "over", "count"),
            ("more than 40 percent", 40, None, "percent", "more than", "percent"),
        ],
    ),
    (
        "the stage for over 210,000",
        [("over 210,000", 210000, None, "internally displaced persons", "over", "count")],
    ),
    (
        "control over approximately 40-50%",
        [("approximately 40-50%", 40, 50, "percent", "approximately", "percent")],
    ),
    ("patrols along the 2,400-kilometer", [("2,400-kilometer", 2400, None, "kilometer", "exact", "measure")]),
    (
        "By mid-2024, over 2,000",
        [
            ("over 2,000", 2000, None, "additional displacements", "over", "count"),
            ("more than 140,000", 140000, None, "myanmarrefugees", "more than", "count"),
        ],
    ),
    ("volumes dropping 70%", [("70%", 70, None, "percent", "exact", "percent")]),
    ("estimated at $1 billion", [("$1 billion", 1000000000, None, "USD", "exact", "money")]),
    ("to safeguard $20 billion", [("$20 billion", 20000000000, None, "USD", "exact", "money")]),
]


@pytest.mark.parametrize(("fragment", "figures"), SEED_FIGURES)
def test_every_figure_of_a_seed_sentence(fragment: str, figures: list[tuple]) -> None:
    assert found(seed_sentence(fragment)) == expected(figures)


def test_the_table_covers_every_figure_of_the_seed() -> None:
    in_table = sum(len(figures) for _, figures in SEED_FIGURES)
    in_seed = sum(len(extract_figures(line)) for line in seed_lines())
    assert in_table == in_seed == 63


# Seed sentences full of dates, years, operation names and model designations: only these are figures.
NOT_FIGURES = [
    ("Operation 1107 (Burmese:", []),  # an operation name, its Burmese numerals, "7 November 2023"
    ("Three Brotherhood Alliance, comprising", ["two"]),  # "Operation 1107's", "Operation 1027's"
    ("2015 elections and the 2011-2015", ["one-year"]),
    ("from British rule on January 4, 1948", []),
    ("the 1976 National Democratic Front", []),  # "Ne Win's 1962 military coup"
    ("(11/07 in day-month format)", []),
    ("concurrent operations like 1027 in Shan State", []),
    ("Operation 1107 into 1111 highlighted", []),
    ("Mese from the 1107 phase", ["six", "65"]),  # "by March 2024"
    ("between November 11 and 13", ["at least 20"]),
    ("early 2023-2024 losses", []),
    ("emergencycouncil meetings post-October 2023", []),
    ("reported dozens of junta casualties", []),
    ("utilized AK-47 rifles, PK machine guns, RPG-7 launchers", []),  # "60mm mortars"
    ("deploying ZU-23 anti-aircraft guns, 105mm howitzers", []),
    ("rapid air strikes from MiG-29 jets", []),
    ("such as a reported K-8W near Loikaw", []),
    ("their Five-Point Consensus", []),
    ("by mid-2025 to safeguard", ["$20 billion"]),
]
# What no figure's text may look like: an operation number, a year, a model designation.
CODE_LIKE = re.compile(r"1107|1027|1111|19[0-9]{2}|20[0-9]{2}|[A-Z]-?[0-9]|[0-9]mm")


@pytest.mark.parametrize(("fragment", "texts"), NOT_FIGURES)
def test_names_dates_and_models_in_the_seed_are_not_figures(fragment: str, texts: list[str]) -> None:
    assert [f.text for f in extract_figures(seed_sentence(fragment))] == texts


def test_no_seed_figure_is_a_year_an_operation_or_a_model() -> None:
    assert [f.text for line in seed_lines() for f in extract_figures(line) if CODE_LIKE.search(f.text)] == []


def test_civilian_figures_are_read_in_the_atrocities_section() -> None:
    lines = seed_lines()
    start = lines.index("Allegations of Atrocities and Civilian Impact")
    assert lines[start + 2] == "Debates on Resistance Legitimacy vs. Separatism"
    figures = {(f.text, f.unit) for f in extract_figures(lines[start + 1])}
    assert {("at least 14", "civilians"), ("75", "civilian deaths"), ("over 150,000", "people")} <= figures
