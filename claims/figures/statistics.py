"""Fractions in words and statistics named before their value: p-values, odds and hazard ratios."""

import re
from decimal import Decimal

from claims.figures.words import _ONES, _QUALIFIER, _WORD_VALUES, Figure, _previous_word, _qualifier, _tidy

_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_DENOMINATORS |= {"eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION = re.compile(
    rf"""(?<![\w-])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:(?P<numerator>{_ONES}|ten|an?)[-\s])?
    (?P<denominator>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)
    (?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
# "half of", "half the", "half their property": a share of what follows.
_NEXT_OF = re.compile(r"\s+(?:of|the|their|its|his|her|our)\b", re.IGNORECASE)
# Before a bare "half" these make it a part of time or of a whole, not a share: "the second half of 2016".
_HALF_NOT_A_SHARE = frozenset("the a an first second last latter former other one past early late".split())
_FRACTION_PLACES = Decimal("0.0001")  # as stored (four decimal places): 2/3 reads 0.6667


def _fractions(text: str, masked: str) -> tuple[Figure, ...]:
    """Return the fractions written in words: "one-tenth", "two-thirds", "more than half"."""
    figures = []
    for match in _FRACTION.finditer(masked):
        value = _fraction_value(match, masked)
        if value is not None:
            start, end = match.start(), match.end()
            qualifier = _qualifier(match["qualifier"])
            figures.append(Figure(text[start:end], start, end, value, None, "fraction", qualifier, "ratio"))
    return tuple(figures)


# A split of a whole in percentage points: "a 50/50 joint venture", "a 60/40 split". The parts add up to
# 100, which scores ("9/14", "10-7"), dates ("11/07") and rates ("24/7") do not. Read as one ratio, the
# first share: "50/50" and "60/40" state different splits.
_SPLIT_UNIT = "split"
_SPLIT = re.compile(r"(?<![\w./-])([1-9][0-9]?)/([1-9][0-9]?)(?![\w/.-])")


def _splits(text: str, masked: str) -> tuple[Figure, ...]:
    """Return the splits of a whole written as "A/B" with A + B = 100."""
    return tuple(
        Figure(
            text[m.start() : m.end()],
            m.start(),
            m.end(),
            Decimal(m.group(1)),
            None,
            _SPLIT_UNIT,
            kind="ratio",
        )
        for m in _SPLIT.finditer(masked)
        if int(m.group(1)) + int(m.group(2)) == 100
    )


def _fraction_value(match: re.Match[str], masked: str) -> Decimal | None:
    """Return the value of a fraction in words, or None for an ordinal or a part of time ("a third time")."""
    denominator = match["denominator"].lower()
    plural = denominator.endswith("s") and denominator != "halves"
    singular = "half" if denominator == "halves" else denominator.removesuffix("s")
    numerator = (match["numerator"] or "").lower()
    followed_by_of = _NEXT_OF.match(masked, match.end()) is not None
    if not numerator:
        if singular != "half" or plural or denominator == "halves":
            return None  # "the third", "a quarter-final": ordinals and nouns
        previous = _previous_word(masked, match.start())
        if not match["qualifier"] and not (followed_by_of and previous not in _HALF_NOT_A_SHARE):
            return None
        count = 1
    elif numerator in ("a", "an", "one"):
        if plural or denominator == "halves" or (numerator != "one" and not followed_by_of):
            return None  # "a third battalion" is an ordinal; "a third of" is a share
        count = 1
    else:
        if not plural:
            return None  # "two third" is not written; "seven tenth" neither
        count = _WORD_VALUES[numerator]
    return _tidy((Decimal(count) / _DENOMINATORS[singular]).quantize(_FRACTION_PLACES))


# A statistic named before its value: "p < 0.05", "p=0.001", "odds ratio 0.4", "(HR 0.6)".
_P_VALUE = re.compile(
    r"(?<![\w.])p(?:[\s-]+values?(?:\s+(?:was|is|of))?)?\s*(<=|>=|[<>=≤≥])\s*$", re.IGNORECASE
)
_RATIO_NAME = re.compile(
    r"\b((?:odds|hazard|risk|rate|incidence)\s+ratio|relative\s+risk)s?(?:\s+(?:of|was|is|were|(?:ranging|ranged)\s+from))?\s*[=:,]?\s*$",
    re.IGNORECASE,
)
_RATIO_ABBREVIATION = re.compile(r"\b(a?OR|a?HR|a?RR|a?IRR|IR)\s*[=:,]?\s*$")
_RATIO_ABBREVIATIONS = {"or": "odds ratio", "hr": "hazard ratio", "rr": "relative risk", "irr": "rate ratio"}
_RATIO_ABBREVIATIONS |= {"ir": "incidence ratio"}
_SIGNS = {"<": "less than", "≤": "up to", "<=": "up to", ">": "more than", "≥": "at least", ">=": "at least"}
_SIGNS |= {"=": "exact"}
# What makes a number not a quantity at all: a confidence level ("95% confidence interval", "95% CI"),
# or the second day of a date range whose first day is masked ("October 3–10", "October 3 to 10").
_CONFIDENCE = re.compile(r"\s*(?:confidence|credible|CI\b)", re.IGNORECASE)
_DATE_TAIL = re.compile(r"\x00\s*(?:[-–—]|to|through|until)\s*$")
_STATISTIC_WINDOW = 40


def _statistic(match: re.Match[str], masked: str) -> tuple[str, str, str] | None:
    """Return (kind, unit, qualifier) for a value named by the statistic before it, else None."""
    start = match.start()
    window = max(0, start - _STATISTIC_WINDOW)  # bounded, so each candidate costs constant time
    if (sign := _P_VALUE.search(masked, window, start)) is not None:
        return "measure", "p-value", _SIGNS[sign.group(1)]
    if (name := _RATIO_NAME.search(masked, window, start)) is not None:
        return "ratio", " ".join(name.group(1).lower().split()), ""
    if (name := _RATIO_ABBREVIATION.search(masked, window, start)) is not None:
        return "ratio", _RATIO_ABBREVIATIONS[name.group(1).lower().removeprefix("a")], ""
    return None


def _not_a_quantity(match: re.Match[str], masked: str) -> bool:
    if (match["pct1"] or match["pct2"]) and _CONFIDENCE.match(masked, match.end()):
        return True
    return _DATE_TAIL.search(masked, max(0, match.start() - 12), match.start()) is not None


# "from A to B" is a change, unless a verb of extent comes first: "ranging from 0.40 to 0.47" is a range.
_FROM_A_CHANGE = re.compile(r"(?<![\w-])(\w+\s+)?from\s+$", re.IGNORECASE)
_RANGE_VERBS = frozenset("range ranges ranged ranging vary varies varied varying".split())


def _is_a_change(masked: str, start: int) -> bool:
    before = _FROM_A_CHANGE.search(masked, max(0, start - 30), start)
    return before is not None and (before.group(1) or "").strip().lower() not in _RANGE_VERBS
