"""Numbers the figure reader must read by the marks around them (issue 18): a minus sign, an era, a
price base, a year glued to the next figure by a comma, and "one in six".

Pure Python; every pattern is linear-time (no nested repetition) and bounded in what it looks at.
"""

import re
from dataclasses import replace
from decimal import Decimal

from claims.figures.words import Figure

# A minus sign before a number: the true minus (U+2212), or a hyphen after a space, a bracket or the
# start and before a digit ("growth of -2.1 percent"); never a word's hyphen ("COVID-19", "AK-47") nor
# the dash of a range ("2–3").
MINUS = re.compile(r"(?:(?<=[\s(\[:])|^)[-−](?=[0-9])")
# An era after or before a year: "165–180 AD", "430 BC", "AD 541", "200 BCE", "70 CE".
ERA_AFTER = re.compile(r"\s*(?:A\.?D\.?|B\.?C\.?(?:E\.?)?|C\.?E\.?)(?![\w])")
ERA_BEFORE = frozenset({"ad", "a.d."})
# Words after a year that make it the base of a value, not a count or a sum: "at 1985 prices", "2018
# estimates", "(2017 USD)", "in 2010 dollars"; or the year of a measure: "measured by 2017 revenues".
PRICE_BASES = frozenset(
    "prices price estimates estimate figures data terms values levels census budget dollars usd eur "
    "euros constant revenues revenue sales earnings results".split()
)
# A year glued by a comma to the next figure in copied tables and lists: "in 2018,6.0% of workers".
GLUED_YEAR = re.compile(
    r"(?<![0-9,])((?:1[89]|20)[0-9]{2}),(?=[0-9]{1,2}(?:\.[0-9]+)?\s?%|[0-9]{1,2}\.[0-9])"
)
# "one in six adults", "1 in 4": a ratio of the two numbers.
_SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "hundred": 100,
    "thousand": 1000,
}
_NUMBER = r"[0-9]{1,7}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand"
ONE_IN = re.compile(
    rf"\b(?:(?P<qualifier>about|around|nearly|almost|roughly|some|over|more than|fewer than|less than)\s+)?"
    rf"(?P<first>one|1|a)\s+in\s+(?:every\s+)?(?:a\s+)?(?P<second>{_NUMBER})\b",
    re.IGNORECASE,
)


def minus_positions(text: str) -> list[int]:
    """Return where minus signs stand before numbers (each a figure's first character after it)."""
    return [match.end() for match in MINUS.finditer(text)]


def without_signs(masked: str, positions: list[int]) -> str:
    """Return ``masked`` with the minus signs before ``positions`` made spaces, in one pass."""
    if not positions:
        return masked
    characters = list(masked)
    for position in positions:
        characters[position - 1] = " "
    return "".join(characters)


def with_minus(figures: tuple[Figure, ...], text: str, positions: list[int]) -> tuple[Figure, ...]:
    """Return the figures with a minus sign right before them read as negative, the sign in the span."""
    if not positions:
        return figures
    starts = set(positions)
    result = []
    for figure in figures:
        digits = _first_digit(figure)
        if digits is not None and digits in starts:
            value = -figure.value
            value_max = figure.value_max
            start = digits - 1 if figure.start == digits else figure.start
            figure = replace(
                figure, value=value, value_max=value_max, start=start, text=text[start : figure.end]
            )
        result.append(figure)
    return tuple(result)


def _first_digit(figure: Figure) -> int | None:
    for offset, char in enumerate(figure.text):
        if char.isdigit():
            return figure.start + offset
    return None


def unglue_years(masked: str) -> str:
    """Return the masked text with a comma between a year and a glued figure made a space."""
    return GLUED_YEAR.sub(lambda match: match.group(1) + " ", masked)


def is_era_year(masked: str, start: int, end: int, previous_word: str) -> bool:
    """Return True for a number dated by an era ("430 BC", "AD 541")."""
    return previous_word in ERA_BEFORE or ERA_AFTER.match(masked, end) is not None


def is_price_base(number: str, unit: str, masked: str, end: int) -> bool:
    """Return True for a year that sets a value's base ("1985 prices", "(2017 USD)")."""
    if not (len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2099):
        return False
    written_after = unit.strip() or masked[end : end + 12].strip()
    following = written_after.split(" ", 1)[0] if written_after else ""
    return following.lower().strip(")") in PRICE_BASES


def one_in(text: str, masked: str) -> tuple[Figure, ...]:
    """Return "one in six"-style ratios as figures of kind ratio (unit "fraction", 1/6 = 0.1667)."""
    found = []
    for match in ONE_IN.finditer(masked):
        second = match["second"].lower()
        denominator = int(second) if second.isdigit() else _SMALL_NUMBERS[second]
        if denominator < 2:
            continue
        value = (Decimal(1) / Decimal(denominator)).quantize(Decimal("0.0001"))
        qualifier = (match["qualifier"] or "exact").lower()
        start, end = match.start(), match.end()
        found.append(
            Figure(text[start:end], start, end, value.normalize(), None, "fraction", qualifier, "ratio")
        )
    return tuple(found)
