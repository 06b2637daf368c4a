"""Periods of a life read as ages: "in her mid-20s", "in my late twenties", "in his teens".

An age period is a range of ages (kind "age", unit ""): a decade (20-29), its early part (20-23), its
middle (24-26) or its late part (27-29); the teens are 13-19 (early 13-15, mid 15-17, late 17-19). Only
after a possessive ("her", "my", "their"): "the mid-90s" and "the 1920s" are eras, not ages, and stay
out (decades are not figures).
"""

import re
from decimal import Decimal

from claims.figures.words import Figure

_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_TEENS = "teens"
_PERIOD = re.compile(
    r"(?<![\w-])(?:his|her|their|my|your|our|its)\s+(?P<period>(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?:(?P<tens>[1-9]0)s|(?P<word>{'|'.join(_DECADE_WORDS)}|{_TEENS})))(?![\w-])",
    re.IGNORECASE,
)
# The part of a decade: its offsets from the decade's first year, both ends included.
_PARTS = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_TEEN_PARTS = {None: (13, 19), "early": (13, 15), "mid": (15, 17), "late": (17, 19)}


def age_periods(masked: str) -> tuple[Figure, ...]:
    """Return the age periods of a sentence (``masked`` keeps the sentence's offsets)."""
    figures = []
    for match in _PERIOD.finditer(masked):
        part = match["part"].lower() if match["part"] else None
        word = (match["word"] or "").lower()
        if word == _TEENS:
            low, high = _TEEN_PARTS[part]
        else:
            decade = int(match["tens"]) if match["tens"] else _DECADE_WORDS[word]
            low, high = (decade + offset for offset in _PARTS[part])
        start, end = match.start("period"), match.end("period")
        figures.append(Figure(masked[start:end], start, end, Decimal(low), Decimal(high), "", "exact", "age"))
    return tuple(figures)
