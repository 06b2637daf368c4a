"""Table tests for the figure reader's units (through pint, claims.figures.units) and number forms: what
each is read as, and the English words pint also knows as units that stay words."""

from decimal import Decimal

import pytest

from claims.figures import extract_figures
from claims.figures.units import dimension, unit_name


def read(sentence: str) -> list[tuple]:
    return [(f.text, f.value, f.value_max, f.unit, f.kind) for f in extract_figures(sentence)]


def row(text, value, unit, kind, value_max=None):
    return (text, Decimal(str(value)), None if value_max is None else Decimal(str(value_max)), unit, kind)


UNITS = [
    ("The tower is 180 m tall.", [row("180 m", 180, "meter", "measure")]),
    ("The mast is 30m tall.", [row("30m", 30, "meter", "measure")]),
    ("It fired a 23-pound projectile.", [row("23-pound", 23, "pound", "measure")]),
    ("It fired 23 lb shells.", [row("23 lb", 23, "pound", "measure")]),
    ("It carried an 18-inch shell.", [row("18-inch", 18, "inch", "measure")]),
    ("Two inches of rain fell.", [row("Two inches", 2, "inch", "measure")]),
    ("It is 5.1 cm long.", [row("5.1 cm", 5.1, "centimeter", "measure")]),
    ("It holds 128,000 metric tons of grain.", [row("128,000 metric tons", 128000, "metric ton", "measure")]),
    ("It makes 1,142 megawatts.", [row("1,142 megawatts", 1142, "megawatt", "measure")]),
    ("It makes 1,142 MW.", [row("1,142 MW", 1142, "megawatt", "measure")]),
    ("The ride takes 55 minutes.", [row("55 minutes", 55, "minute", "measure")]),
    ("The floor covers 180,000 sq ft.", [row("180,000 sq ft", 180000, "square foot", "measure")]),
    ("The brain held 37 cu in.", [row("37 cu in", 37, "cubic inch", "measure")]),
    ("She ended a five-decade career.", [row("five-decade", 5, "decade", "measure")]),
    (
        "The wall is 30 meters (98 feet) long.",
        [row("30 meters", 30, "meter", "measure"), row("98 feet", 98, "foot", "measure")],
    ),
    ("Winds reached 230 km/h.", [row("230 km/h", 230, "kilometer per hour", "measure")]),
    # words pint also reads as units stay counts or words
    ("Aid reached 12 camps.", [row("12", 12, "camps", "count")]),
    ("The firm sold 40 units.", [row("40", 40, "units", "count")]),
    ("He fired 3 shots.", [row("3", 3, "shots", "count")]),
    ("In the 1980s the town grew.", []),
    ("The 55th Division withdrew.", []),
    ("The 30-member council met.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), UNITS)
def test_units_are_read_through_pint(sentence, expected):
    assert read(sentence) == expected


NUMBER_FORMS = [
    ("The video has 21K views.", [row("21K", 21000, "views", "count")]),
    ("The clip has 10.4M views.", [row("10.4M", 10400000, "views", "count")]),
    ("The club paid £55m.", [row("£55m", 55000000, "GBP", "money")]),
    ("Tickets raised 8,900 euros.", [row("8,900 euros", 8900, "EUR", "money")]),
    ("It was a 52.4-billion-dollar deal.", [row("52.4-billion-dollar", 52400000000, "USD", "money")]),
    ("Turnout was 41.3 % in May.", [row("41.3 %", 41.3, "percent", "percent")]),
    ("She was ranked in the top ten of the world.", [row("ten", 10, "", "count")]),
    # a ranking's bracket counts its places, with a hyphen or a capital ("Top" is no model's name)
    ("She finished in the top-8 of the final.", [row("8", 8, "", "count")]),
    ("She finished in the top-ten in May.", [row("ten", 10, "", "count")]),
    ("# America's Top 5 Coolest Towns", [row("5", 5, "coolest towns", "count")]),
    # a split of a whole: two shares adding up to 100
    ("They formed a 50/50 joint venture.", [row("50/50", 50, "split", "ratio")]),
    ("The 60/40 split held.", [row("60/40", 60, "split", "ratio")]),
    # a limiting word makes a word number a count with no noun after it
    ("Appeals are limited to just one and stay the execution.", [row("one", 1, "", "count")]),
    ("All but two of the crew were British.", [row("two", 2, "", "count")]),
    ("Only one survived the crash.", [row("one", 1, "", "count")]),
    ("He was elected for a one year term.", [row("one year", 1, "year", "measure")]),
    ("They sold half their land.", [row("half", 0.5, "fraction", "ratio")]),
    # negatives: a day is an idiom, a half of time is no share, a glued capital is no unit
    ("One day later they left.", []),
    # negatives: "-8" after another word stays a designation; "just one of" and "not only one" no count
    ("The Desktop-8 release and the stop-8 line.", []),
    ("The Leopard 2 and the Top Gear 5 series.", []),
    ("It was just one of the reasons.", []),
    # negatives: scores, rates and dates written with a slash are no splits
    ("He won 9/14 games; the shop is open 24/7; on 11/07 it fell.", []),
    ("It is not only one thing but many.", []),
    ("It rained in the second half of May.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), NUMBER_FORMS)
def test_number_forms(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("metres", "meter"),
        ("sq. ft", "square foot"),
        ("km²", "square kilometer"),
        ("kilometres per hour", "kilometer per hour"),
        ("kWh", "kilowatt hour"),
        ("Hours", "hour"),
        # words, names and abbreviations pint would read with an odd prefix or as another unit
        ("camps", None),
        ("units", None),
        ("TV", None),
        ("Oct", None),
        ("He", None),
        ("in", None),
        ("at", None),
        ("pm", None),
        ("percent", None),
    ],
)
def test_unit_names(raw, name):
    assert unit_name(raw) == name


def test_dimensions_compare_units_of_one_quantity():
    assert dimension("foot") == dimension("meter") == "[length]"
    assert dimension("square foot") == dimension("square meter") != dimension("meter")
    assert dimension("p-value") == "p-value"  # not a pint unit: its own dimension
