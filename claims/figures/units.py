"""Units of measure through pint: what a word after a number means, its dimension, and conversions.

No unit list is kept here: pint's registry decides what "ft", "metric tons", "megawatts", "cu in" or
"km/h" are. What is kept is the few English words pint also knows as units but that after a number are
almost always words ("a", "at", "are", "in", "point"), and the spellings pint does not read itself:
"square"/"sq"/"cubic"/"cu" before a unit, "per" between two, plurals of two-word units, and "decade" as
ten years (pint's decade is a logarithmic ratio).

A measure's unit is stored as words ("square foot", "kilometer per hour", "metric ton"), so a stored
figure reads back without pint; ``dimension`` and ``base_value`` read the words back through pint.
"""

import re
from decimal import Decimal
from functools import cache, lru_cache

# Words pint knows as units that after a number are English: "5 are", "10 in the", "2 at", "3 points".
NOT_UNITS = frozenset(
    "a at are in is it as am an are point points hand hands turn turns count counts bit bits cup cups "
    "line lines degree degrees percent pi sec gal mil barn barns rad rem tex stone stones st nd rd th "
    "pp has he shot shots bar bars quarter quarters league leagues circle strain chain chains link links "
    "rod rods cable cables grain grains drop drops slug slugs mth mths".split()
)
# pint reads a prefix before any unit ("camps" is centi-amps, "units" micro-nits, "TV" tera-volts): a
# prefixed reading is taken only with a common prefix, written as a symbol in lowercase ("km", "mg",
# "kWh") or in full ("kilometres"), or for the power and frequency units written in capitals ("MW").
_PREFIXES = frozenset("kilo mega giga tera centi milli micro nano".split())
_CAPITAL_PREFIXED = frozenset({"watt", "watt_hour", "hertz"})
_POWERS = {"square": 2, "sq": 2, "cubic": 3, "cu": 3}
_SUPERSCRIPTS = {"²": 2, "³": 3, "2": 2, "3": 3}
_SPECIAL = {"decade": "decade_of_years", "decades": "decade_of_years"}
_WORD = re.compile(r"[A-Za-zµ]+(?:[²³23])?$")


@cache
def registry():
    """Return the one pint registry (built on first use: it takes a few hundred milliseconds)."""
    import pint

    units = pint.UnitRegistry()
    units.define("decade_of_years = 10 * year")
    return units


@lru_cache(maxsize=4096)
def unit_name(raw: str) -> str | None:
    """Return the words for a unit written after a number ("sq. ft" -> "square foot", "km/h" ->
    "kilometer per hour", "metres" -> "meter"), or None when pint reads no dimensioned unit in it."""
    words = " ".join(raw.strip(" -").replace("sq.", "sq").replace("cu.", "cu").split())
    if not words:
        return None
    parts = re.split(r"\s+per\s+|/", words, maxsplit=1)
    numerator = _units(parts[0])
    if numerator is None:
        return None
    if len(parts) == 2:
        denominator = _units(parts[1])
        if denominator is None:
            return None
        numerator = numerator / denominator
    if numerator.dimensionless:
        return None
    return _words(numerator)


def _units(words: str):
    """Return pint units for "metric tons", "square feet", "km²", or None."""
    power = 1
    first, _, rest = words.partition(" ")
    if first.lower() in _POWERS and rest:
        power, words = _POWERS[first.lower()], rest
    if words[-1] in _SUPERSCRIPTS and len(words) > 1 and not words[-2].isdigit():
        power, words = _SUPERSCRIPTS[words[-1]], words[:-1]
    if not all(_WORD.match(word) for word in words.split()):
        return None
    if power == 1 and words.lower() in NOT_UNITS:
        return None  # "cu in" is a unit, "in" alone a preposition
    for spelling in _spellings(words):
        if not _plausible(spelling):
            continue
        try:
            units = registry().parse_units(spelling)
        except Exception:  # pint raises several error types for a word it does not know
            continue
        return units**power
    return None


def _plausible(spelling: str) -> bool:
    """Return True when pint's reading of one word is a unit a writer meant: no prefix, or a common one
    written as described above; a capitalized word ("He", "Oct", "Tim") or a lone capital ("A") is a
    word or a name unless it is a unit's full name ("Hours")."""
    if "_" in spelling:
        return True  # "metric_tons", "nautical_miles": names pint knows as written
    try:
        readings = registry().parse_unit_name(spelling)
    except Exception:  # not a unit at all: parse_units will say so
        return True
    if not readings:
        return True
    prefix, unit, _ = readings[0]
    if spelling[0].isupper() and (len(spelling) == 1 or spelling[1:].islower()):
        return not prefix and len(spelling) > 3 and spelling.lower().startswith(unit[:3])
    if not prefix:
        return True
    if prefix not in _PREFIXES:
        return False
    if spelling[0].isupper():
        return unit in _CAPITAL_PREFIXED
    return len(spelling) <= 3 or spelling.lower().startswith(prefix)


def _spellings(words: str) -> list[str]:
    joined = words.replace(" ", "_")
    lower = joined.lower()
    spellings = [_SPECIAL.get(lower, joined), lower]
    if lower.endswith("s"):
        spellings.append(lower[:-1])  # "metric_tons" is known, "nautical_miles" too; not every plural is
    if len(words) <= 3:
        return spellings[:1] if words != lower else spellings  # "MW" is not "mW": case kept when short
    return spellings


def _words(units) -> str:
    """Return pint units as the words a figure stores ({'kilometer': 1, 'hour': -1}: "kilometer per hour")."""
    above, below = [], []
    for name, power in units._units.items():
        word = "decade" if name == "decade_of_years" else name.replace("_", " ")
        word = {2: f"square {word}", 3: f"cubic {word}"}.get(abs(power), word)
        (above if power > 0 else below).append(word)
    return " ".join(above) + "".join(f" per {word}" for word in below)


def _parse_words(unit: str):
    """Return pint units for stored words ("square foot", "kilometer per hour"), or None."""
    above, *below = unit.split(" per ")
    try:
        units = _parse_part(above)
        for part in below:
            units = units / _parse_part(part)
    except Exception:  # not a pint unit: "p-value", "times", "fold"
        return None
    return units


def _parse_part(words: str):
    first, _, rest = words.partition(" ")
    power = _POWERS.get(first, 1) if rest else 1
    name = rest if power != 1 else words
    return registry().parse_units(_SPECIAL.get(name, name.replace(" ", "_"))) ** power


@cache
def dimension(unit: str) -> str:
    """Return a measure's dimension ("[length]"); a unit pint does not know is its own dimension."""
    units = _parse_words(unit)
    return unit if units is None else str(units.dimensionality)


@cache
def _factor(unit: str) -> Decimal | None:
    """Return how many base units one ``unit`` is, or None for a unit pint does not know."""
    units = _parse_words(unit)
    if units is None:
        return None
    return Decimal(repr(registry().Quantity(1, units).to_base_units().magnitude))


def base_value(figure) -> Decimal:
    """Return a figure's value in base units (a measure pint knows), else its value."""
    if figure.kind != "measure":
        return figure.value
    factor = _factor(figure.unit)
    return figure.value if factor is None else figure.value * factor


def in_unit(figure, unit: str) -> tuple[Decimal, Decimal] | None:
    """Return the values a measure's written value stands for (its last digit's rounding), in ``unit``."""
    mine, theirs = _factor(figure.unit), _factor(unit)
    if mine is None or theirs is None:
        return None
    exponent = figure.value.normalize().as_tuple().exponent
    half = Decimal(1).scaleb(exponent) / 2 if isinstance(exponent, int) and exponent <= 0 else Decimal("0.5")
    high = figure.value_max if figure.value_max is not None else figure.value
    return (figure.value - half) * mine / theirs, (high + half) * mine / theirs
