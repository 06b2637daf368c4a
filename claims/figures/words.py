"""The vocabulary the figure readers share: the Figure, qualifiers, number words and neighbouring words."""

import re
from dataclasses import dataclass
from decimal import Decimal

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "over",
    "more than",
    "at least",
    "approximately",
    "about",
    "around",
    "nearly",
    "almost",
    "up to",
    "fewer than",
    "less than",
    "some",
    "estimated",
)
KINDS: tuple[str, ...] = ("count", "percent", "money", "measure", "ratio", "age")


@dataclass(frozen=True)
class Figure:
    """One number stated in a sentence: where it is, its value, what it counts and how it is hedged."""

    text: str  # the span as written, qualifier included: "over 20", "approximately 85%", "$1 billion"
    start: int  # span [start, end) in the sentence passed in
    end: int
    value: Decimal
    value_max: Decimal | None  # upper bound of a range, else None
    unit: str  # counted noun phrase, "percent", a currency code or a measure unit; "" when not said
    qualifier: str = "exact"  # one of QUALIFIERS
    kind: str = "count"  # one of KINDS

    @property
    def is_range(self) -> bool:
        """Return True when the figure states a range rather than one value."""
        return self.value_max is not None


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES})\b)?|{_TEENS}|{_ONES})\b"
_WORD_NUMBER = (
    rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|(?:{_SMALL}|a)\s+dozen"
    rf"|a(?=\s+(?:thousand|million|billion)\b)|{_SMALL})\b"
)

_QUALIFIER = (
    r"more\s+than|at\s+least|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as|approximately|approx\."
    r"|roughly|about|around|nearly|almost|over|some|an\s+estimated|estimated"
)


_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z.'’]*)\s+$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")

_WORD_VALUES = {word: n for n, word in enumerate(_ONES.split("|"), start=1)}
_WORD_VALUES |= {word: n for n, word in enumerate(_TEENS.split("|"), start=10)}
_WORD_VALUES |= {word: 10 * n for n, word in enumerate(_TENS.split("|"), start=2)}

_QUALIFIER_ALIASES = {"approx.": "approximately", "roughly": "approximately", "an estimated": "estimated"}
_QUALIFIER_ALIASES |= {"as many as": "up to"}


def _tidy(value: Decimal) -> Decimal:
    """Return value without an exponent or trailing zeros: 1.5 billion is 1500000000, not 1.5000E+9."""
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _previous_word(masked: str, position: int) -> str:
    """Return the lowercased word just before position ("no." in "No. 5"), or ""."""
    match = _PREVIOUS_WORD.search(masked, max(0, position - 40), position)
    return match.group(1).lower() if match else ""


def _qualifier(raw: str | None) -> str:
    """Return the QUALIFIERS entry for the words written before a number."""
    if not raw:
        return "exact"
    words = " ".join(raw.lower().split())
    return _QUALIFIER_ALIASES.get(words, words)
