"""Find and type the figures stated in one sentence.

A figure is a number a fact-checker would verify: a count ("over 20 junta personnel"), a percentage
("85%"), a range ("700-800", "350 to 367", "between 350 and 367", "40-50%"), money ("$1 billion"),
a large number ("3 million") or a measure ("2,400-kilometer", "11 days"). Dates, years, day numbers,
times, operation names, model designations, calibres, ordinals and citation markers are not figures.

Judgment calls, each pinned by a test row:

- Word numbers ("seven", "twenty-five", "a dozen", "two hundred") count when a counted noun follows
  ("seven junta installations"), or with no noun when the clause makes them a count: after "another"
  or an -ing verb ("injuring ten"), before "were"/"died" ("four were damaged"); not "three from
  gunfire". "One" counts only before a noun or a non-time unit ("one hospital", "one kilometer"), never
  as a pronoun or idiom ("one of the", "one another", "no one", "one day", "one analysis found").
  Vague plurals ("dozens", "thousands") have no value.
- Fractions in words are ratios with unit "fraction" ("two-thirds" 0.6667, "more than half" 0.5); a
  bare "third" or "the second half of" is an ordinal or a part of time.
- Statistics are typed by the name before them: "p < 0.05" is a measure (unit "p-value", the sign its
  qualifier), "odds ratio 0.4", "(aOR 0.38)" and "1.5 times higher" / "5- to 8-fold" are ratios.
  A confidence level ("95% CI") and the second day of "October 3–10" are not figures; nor is a short
  number after a capitalized word mid-sentence ("Leopard 2", "DMPPT 2.0") or "Category 5".
- The sentence is read normalised (claims.normalise); offsets and texts are those of the original.
- Durations are measures with a singular unit: "one-year state of emergency", "11 days apart",
  "nearly two years" -> unit "year"/"day". Other hyphenated adjectives ("Five-Point", "30-member",
  "700-strong", "20-year-old") are names or descriptions, not figures.
- A comma-less four-digit number is a code unless it counts something: 1800-2099 is a year unless a
  plural noun follows with no determiner before it ("1500 troops" and "2000 troops" are counts; "in
  2000", "the 2015 elections", "2011-2015" are years); any other ("Operation 1107 into 1111", "the
  1107 phase") needs a plural noun or a qualifier ("over 1500").
- A count's unit is the noun phrase after the number: at most three words, ending at the first plural
  noun or before a preposition, conjunction, determiner, auxiliary verb or punctuation, less trailing
  participles and adverbs ("over 20 junta troops killed" -> "junta troops"; "274 reported armed
  clashes" keeps "reported"; "38 captured" -> "").
- "from A to B" is a change, so two figures; "A to B", "between A and B" and "ranging from A to B"
  are one range.

Pure Python, standard library only.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from claims.normalise import Normalised, normalise

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
KINDS: tuple[str, ...] = ("count", "percent", "money", "measure", "ratio")


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
# ASCII digits only: the seed's Burmese numerals ("၁၁၀၇") restate an operation name.
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:\.[0-9]+)?(?![0-9])"
_SCALE = r"\s+(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn)\b|m\b"
_PERCENT = r"\s?%|\s+per\s?cent\b"
# A code may be glued to the number: "CHF5 million", "HTG 1 billion".
_CURRENCY_SIGN = r"US\$|[ACS]\$|\$|€|£|฿|(?:USD|EUR|GBP|THB|MMK|CNY|CHF|JPY|INR|HTG|CAD|AUD)\s?"
_CURRENCY_WORD = (
    r"\s+(?:(?:US|U\.S\.)\s+)?dollars?\b|\s+(?:euros?|kyats?|baht|yuan|gourdes?)\b"
    r"|\s+(?:USD|EUR|MMK|THB|CHF|HTG)\b"
)
_MEASURE = (
    r"square\s+kilomet(?:er|re)s?|sq\.?\s?km|km2|km²|km/h|kph|mph|kilomet(?:er|re)s?\s+per\s+hour"
    r"|miles?\s+per\s+hour|kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|fold|times"
    r"|hectares?|acres?|tonnes?|tons?|kilograms?|kg|hours?|days?|weeks?|months?|years?"
    r"|millimet(?:er|re)s?|mm|calib(?:er|re)"
)
_QUALIFIER = (
    r"more\s+than|at\s+least|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as|approximately|approx\."
    r"|roughly|about|around|nearly|almost|over|some|an\s+estimated|estimated"
)


def _amount(i: int) -> str:
    return (
        rf"(?P<amount{i}>(?P<cur{i}>{_CURRENCY_SIGN})?(?P<n{i}>{_DIGITS}|{_WORD_NUMBER})"
        rf"(?P<scale{i}>{_SCALE})?(?P<pct{i}>{_PERCENT})?)"
    )


# One candidate: qualifier? between? amount (separator amount)? currency word? measure unit?
# The lookbehind keeps model designations ("AK-47", "G3"), decimals, "11/07" and "mid-2021" out.
# The lookahead lets the search skip, at once, every position where no figure can start (spaces,
# brackets, dashes...), instead of trying each alternative there.
_FIGURE = re.compile(
    rf"""(?<![\w.,/:\#'’$-])(?=[\w€£฿$])
    (?:(?P<qualifier>{_QUALIFIER})\s+)?
    (?:(?P<between>between)\s+)?
    {_amount(1)}
    (?:(?(between)(?:\s+and\s+|\s*[-–]\s*)|(?:\s*[-–]\s*|-?\s+to\s+)){_amount(2)})?
    (?P<curword>{_CURRENCY_WORD})?
    (?P<measure>(?<!%)(?<!cent)(?:\s+|-)?(?:{_MEASURE})(?!\w))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What may not touch a figure's end: letters ("1980s", "1st", "8W"), "/" (dates like "11/07"),
# hyphenated words ("Five-Point", "30-member") and the rest of a malformed number.
_GLUED = re.compile(r"[\w/]|-[A-Za-z]|[.,:][0-9]")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?\b"
_DAY_SEP = r"\s*(?:[-–—]|to|and|or|through|until)\s*"
# Month names are matched case-sensitively so that "may" and "march" stay verbs.
_DATE = re.compile(
    rf"""\b{_MONTH}\s+{_DAY}(?:{_DAY_SEP}(?:{_MONTH}\s+)?{_DAY}(?!\s+[a-z]))?(?:,?\s+[0-9]{{4}}\b)?
    |\b{_DAY}(?:{_DAY_SEP}{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+[0-9]{{4}}\b)?
    |\b{_MONTH}\s+[0-9]{{4}}\b""",
    re.VERBOSE,
)
_TIME = re.compile(
    r"\b[0-9]{1,2}(?::[0-9]{2})?\s*(?:[ap]\.m\.|[ap]m\b|o'clock\b)|\b[0-9]{1,2}:[0-9]{2}\b", re.I
)
# No "[" inside: a run of "[" would otherwise make every one of them scan to the end (quadratic).
_CITATION = re.compile(r"\[[^\[\]\s]+\]")
_OPENING = " \"'“‘("  # what may stand before a sentence's first word
_MASK = "\x00"  # stands in for a date or a time: neither a word nor a space, so nothing reads across it

_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z.'’]*)\s+$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES |= {"bn": 10**9, "mn": 10**6, "m": 10**6}
_WORD_VALUES = {word: n for n, word in enumerate(_ONES.split("|"), start=1)}
_WORD_VALUES |= {word: n for n, word in enumerate(_TEENS.split("|"), start=10)}
_WORD_VALUES |= {word: 10 * n for n, word in enumerate(_TENS.split("|"), start=2)}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_CURRENCY_CODES = {"$": "USD", "us$": "USD", "a$": "AUD", "c$": "CAD", "s$": "SGD", "€": "EUR", "£": "GBP"}
_CURRENCY_CODES |= {"฿": "THB", "dollar": "USD", "euro": "EUR", "kyat": "MMK", "baht": "THB", "yuan": "CNY"}
_CURRENCY_CODES |= {"gourde": "HTG"}
_MEASURE_ALIASES = {"km": "kilometer", "km2": "square kilometer", "km²": "square kilometer", "kg": "kilogram"}
_MEASURE_ALIASES |= {"km/h": "kilometer per hour", "kph": "kilometer per hour", "mph": "mile per hour"}
_MEASURE_ALIASES |= {"kilometers per hour": "kilometer per hour", "miles per hour": "mile per hour"}
# A number of times or "-fold" is a ratio when it compares ("1.5 times higher", "5- to 8-fold"); "struck
# three times" counts occasions.
_RATIO_UNITS = frozenset({"fold", "time"})
_COMPARATIVE = re.compile(r"\s+(?:as|more|less|the|that|than|over|[a-z]+er)\b", re.IGNORECASE)
_CALIBRES = {"mm", "millimeter", "caliber", "calibre"}
_QUALIFIER_ALIASES = {"approx.": "approximately", "roughly": "approximately", "an estimated": "estimated"}
_QUALIFIER_ALIASES |= {"as many as": "up to"}

# Words before a number that make it a name or a reference: "Operation 1107", "Highway No. 5".
_DESIGNATORS = frozenset(
    "operation operations division brigade battalion regiment squadron corps command highway route "
    "no. nos. article section chapter resolution phase type model mark mk camp sector zone ward "
    "category class version".split()
)
# Words before a year-like number that make it a year even when a plural follows ("the 2015 elections").
_YEAR_PRECEDERS = frozenset(
    "the this that these those its their his her our in since during until till circa early late mid "
    "year fiscal".split()
)
_EVENT_NOUNS = frozenset(
    "elections polls protests riots talks accords reforms floods games olympics uprisings negotiations "
    "sanctions results amendments events".split()
)
# Nouns after which "over" is a preposition: "control over six townships" is control of six.
_CONTROL_NOUNS = frozenset("control authority power sovereignty jurisdiction dominance hold grip".split())
_IRREGULAR_PLURALS = frozenset("people personnel children men women police staff cattle youth".split())
_UNIT_STOP_WORDS = frozenset(
    """of in on at by for from to with without within into onto across along among amid amidst around
    over under after before during since until through throughout toward towards between against near
    per via including excluding beyond behind despite like outside inside upon about above below
    and or but nor while as than that which who whom whose where when if because though although so
    yet the a an this these those its their his her our it they them each all both any some
    is are was were be been being has have had do does did will would could should may might must
    can shall hit fell fled took remain remains nationwide worldwide overall annually apart alone
    respectively total altogether ago later earlier also only still already daily monthly yearly
    weekly less""".split()
)
_UNIT_LEADING_SKIP = frozenset({"such", "more", "other"})
_MAX_UNIT_WORDS = 3


def extract_figures(text: str) -> tuple[Figure, ...]:
    """Return the figures stated in one sentence, in order of appearance and never overlapping.

    The sentence is read normalised (claims.normalise: no zero-width characters, plain spaces); each
    figure's span and text are those of the sentence as written.
    """
    normalised = normalise(text)
    figures = _extract(normalised.text)
    if normalised.origin is None:
        return figures
    return tuple(_in_original(figure, normalised, text) for figure in figures)


def _in_original(figure: Figure, normalised: Normalised, text: str) -> Figure:
    start, end = normalised.start(figure.start), normalised.end(figure.end)
    return replace(figure, text=text[start:end], start=start, end=end)


def _extract(text: str) -> tuple[Figure, ...]:
    masked = _mask_non_figures(text)
    fractions = _fractions(text, masked)
    numbers = _numbers(text, masked)
    if not fractions:
        return numbers
    # A fraction's numerator is never read as a number too ("one-tenth" is not "one").
    taken = [(f.start, f.end) for f in fractions]
    kept = [f for f in numbers if not any(f.start < end and start < f.end for start, end in taken)]
    return tuple(sorted(kept + list(fractions), key=lambda f: f.start))


def _numbers(text: str, masked: str) -> tuple[Figure, ...]:
    # Where the sentence's words begin, after opening quotes and brackets: computed once, because a
    # word number after it is part of a name ("the Three Brotherhood Alliance") and asking per candidate
    # would rescan the sentence's start each time.
    opening = len(masked) - len(masked.lstrip(_OPENING))
    figures: list[Figure] = []
    position = 0
    while (match := _FIGURE.search(masked, position)) is not None:
        found, position = _read_match(text, masked, match, opening)
        figures.extend(found)
    return tuple(figures)


_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_DENOMINATORS |= {"eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION = re.compile(
    rf"""(?<![\w-])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:(?P<numerator>{_ONES}|ten|an?)[-\s])?
    (?P<denominator>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)
    (?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
_NEXT_OF = re.compile(r"\s+(?:of|the)\b", re.IGNORECASE)
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


def _mask_non_figures(text: str) -> str:
    """Return text of the same length with citation markers blanked and dates and times masked."""
    masked = _CITATION.sub(lambda match: " " * len(match.group()), text)
    for pattern in (_DATE, _TIME):
        masked = pattern.sub(lambda match: _MASK * len(match.group()), masked)
    return masked


def _read_match(text: str, masked: str, match: re.Match[str], opening: int) -> tuple[tuple[Figure, ...], int]:
    """Return the figures one candidate stands for (none when it is not a figure) and where to go on."""
    values = _range_values(match)
    statistic = _statistic(match, masked)
    typed = statistic[:2] if statistic else _kind_and_unit(match, masked)
    if _GLUED.match(masked, match.end()) or values is None or typed is None or _not_a_quantity(match, masked):
        return (), match.end()
    kind, unit = typed
    if not statistic and _is_name_code_or_year(match, masked, (kind, unit), opening):
        return (), match.end()
    low, high = values
    start, qualifier = _start_and_qualifier(match, masked)
    if statistic and statistic[2]:
        qualifier = statistic[2]  # "p < 0.05": the sign is the qualifier
    if high is not None and _is_a_change(masked, match.start()):
        first = _figure(text, (start, match.end("amount1")), (low, None), unit, qualifier, kind)
        second = _figure(text, (match.start("amount2"), match.end()), (high, None), unit, "exact", kind)
        return (first, second), match.end()
    return (_figure(text, (start, match.end()), (low, high), unit, qualifier, kind),), match.end()


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


def _start_and_qualifier(match: re.Match[str], masked: str) -> tuple[int, str]:
    """Return where the figure's text starts and its qualifier, leaving out words that are not part of it."""
    qualifier = _qualifier(match["qualifier"])
    if qualifier == "over" and _previous_word(masked, match.start()) in _CONTROL_NOUNS:
        return match.start("between") if match["between"] else match.start("amount1"), "exact"
    if match["between"] and not match["amount2"]:
        return match.start("amount1"), qualifier  # "fighting between 20 rebels": no range follows
    return match.start(), qualifier


def _figure(
    text: str,
    span: tuple[int, int],
    values: tuple[Decimal, Decimal | None],
    unit: str,
    qualifier: str,
    kind: str,
) -> Figure:
    """Return a Figure over text[start:end] with its values written without exponent or trailing zeros."""
    start, end = span
    value, value_max = values
    value_max = None if value_max is None else _tidy(value_max)
    return Figure(text[start:end], start, end, _tidy(value), value_max, unit, qualifier, kind)


def _range_values(match: re.Match[str]) -> tuple[Decimal, Decimal | None] | None:
    """Return (value, value_max), or None when the pair is descending ("2011-15", a score "8-4")."""
    low = _amount_value(match, 1)
    if not match["amount2"]:
        return low, None
    high = _amount_value(match, 2)
    # "1-2 million", "$1–2 billion": the scale written once applies to both ends.
    if not match["scale1"] and match["scale2"] and _number_value(match["n1"]) <= _number_value(match["n2"]):
        low *= _SCALES[_scale_word(match["scale2"])]
    return (low, high) if high > low else None


def _amount_value(match: re.Match[str], i: int) -> Decimal:
    """Return the value of amount i, its scale word applied."""
    value = _number_value(match[f"n{i}"])
    scale = match[f"scale{i}"]
    return value * _SCALES[_scale_word(scale)] if scale else value


def _scale_word(scale: str) -> str:
    return scale.strip().lower()  # " Million" -> "million"


def _number_value(number: str) -> Decimal:
    """Return the value of digits ("286,000", "1.5") or of number words ("twenty-five", "a dozen")."""
    if number[0].isdigit():
        return Decimal(number.replace(",", ""))
    value = 0
    for word in re.split(r"[\s-]+", number.lower()):
        if word in _MULTIPLIERS:
            value = (value or 1) * _MULTIPLIERS[word]
        else:
            value += _WORD_VALUES.get(word, 0)  # "a" and "and" add nothing
    return Decimal(value or 1)  # a lone "a" is "a thousand", "a million"


def _tidy(value: Decimal) -> Decimal:
    """Return value without an exponent or trailing zeros: 1.5 billion is 1500000000, not 1.5000E+9."""
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _kind_and_unit(match: re.Match[str], masked: str) -> tuple[str, str] | None:
    """Return (kind, unit) for a candidate, or None for a calibre ("105mm howitzers")."""
    if match["measure"]:
        unit = _measure_unit(match["measure"])
        if unit in _RATIO_UNITS:
            compares = unit == "fold" or _COMPARATIVE.match(masked, match.end())
            return ("ratio", "fold" if unit == "fold" else "times") if compares else ("count", "times")
        return None if unit in _CALIBRES else ("measure", unit)
    if match["pct1"] or match["pct2"]:
        return "percent", "percent"
    currency = _currency(match)
    if currency:
        return "money", currency
    return "count", _counted_noun(masked, match.end())


def _measure_unit(raw: str) -> str:
    """Return a measure unit in one singular spelling: "-kilometres" -> "kilometer"."""
    unit = " ".join(raw.strip(" -").lower().replace("sq.", "sq").split()).replace("metre", "meter")
    unit = _MEASURE_ALIASES.get(unit, unit).removesuffix("s")
    return "square kilometer" if unit == "sq km" else unit


def _currency(match: re.Match[str]) -> str:
    """Return the ISO code of the currency a candidate is written in, or ""."""
    raw = match["cur1"] or match["cur2"] or match["curword"]
    if not raw:
        return ""
    key = re.sub(r"^(?:us|u\.s\.)\s+|s$", "", raw.strip().lower())
    return _CURRENCY_CODES.get(key, key.upper())


def _counted_noun(masked: str, position: int) -> str:
    """Return the lowercased noun phrase (at most three words) a count is of, or ""."""
    words: list[str] = []
    while len(words) < _MAX_UNIT_WORDS and (match := _NEXT_WORD.match(masked, position)):
        word = match.group(1).lower()
        if word in _UNIT_STOP_WORDS:
            break
        position = match.end()
        if words or word not in _UNIT_LEADING_SKIP:
            words.append(word)
        if _is_plural(word):
            break  # the counted noun ends the phrase: "people need aid" counts people
    # A participle or adverb at the end is the verb of the clause: "38 captured", "20 killed".
    while words and words[-1].endswith(("ed", "ing", "ly")):
        words.pop()
    return " ".join(words)


def _is_name_code_or_year(match: re.Match[str], masked: str, typed: tuple[str, str], opening: int) -> bool:
    """Return True when the number names or dates something rather than quantifying it."""
    kind, unit = typed
    if _previous_word(masked, match.start()) in _DESIGNATORS:
        return True
    if kind == "count" and not match["qualifier"] and _follows_a_name(match, masked, opening):
        return True  # "Leopard 2 tanks", "DMPPT 2.0": a model named by a capitalized word and a number
    scales = {_scale_word(match[group]) for group in ("scale1", "scale2") if match[group]}
    if "m" in scales and not _currency(match):
        return True  # "5m" is metres or a model; only "$5m" is money
    if match["n1"][0].isalpha():
        return _is_name_or_pronoun(match, masked, typed, match.start() > opening)
    return kind == "count" and _is_year_or_code(match, masked, unit)


def _is_name_or_pronoun(
    match: re.Match[str], masked: str, typed: tuple[str, str], mid_sentence: bool
) -> bool:
    """Return True for a word number that is part of a name or counts nothing ("one of", "Four Cuts")."""
    kind, unit = typed
    word = match["n1"]
    if word[0].isupper() and (mid_sentence or _next_is_capitalized(masked, match)):
        return True  # "Three Brotherhood Alliance", the "Four Cuts" strategy
    if match["scale1"]:
        return False  # "five thousand had fled", "one million": a scale word makes it an amount
    if word.lower() == "one":
        return not _one_is_a_quantity(match, masked, typed)
    return kind == "count" and not unit and not _counts_without_noun(match, masked)


# "One" states a quantity before a noun or a unit ("one hospital", "one kilometer"), not as a pronoun or
# in an idiom ("one of the", "one another", "no one", "one day", "at one point", "on one hand").
_ONE_IDIOMS = frozenset(
    "another day days time times point side hand way thing night morning evening afternoon moment week "
    "month year hour minute instance reason said says analysis study studies report review survey trial "
    "estimate example".split()
)
_ONE_PRONOUN_BEFORE = frozenset("no any every some each the this that which no-one".split())
_TIME_UNITS = frozenset("hour day week month year".split())
_ONE_VERB_AFTER = frozenset("was died remains remained".split())  # not "one is", "one would": pronouns


def _one_is_a_quantity(match: re.Match[str], masked: str, typed: tuple[str, str]) -> bool:
    kind, unit = typed
    if (match["measure"] or "").startswith("-"):
        return True  # "one-year state of emergency": a duration
    if _previous_word(masked, match.start()) in _ONE_PRONOUN_BEFORE:
        return False
    if kind == "measure":
        return unit not in _TIME_UNITS  # "one kilometer"; "one day later" is an idiom
    if kind == "count" and not unit:  # "one was destroyed and another four were damaged"
        following = _NEXT_WORD.match(masked, match.end())
        return following is not None and following.group(1).lower() in _ONE_VERB_AFTER
    return kind == "count" and unit.split()[0] not in _ONE_IDIOMS


# A word number with no noun after it still counts when the clause says so: after "another" or a verb in
# -ing ("injuring ten"), or before the verb it is the subject of ("four were damaged"). Not "four from
# aerial bombardment": the seed's list of causes names no verb.
_COUNT_BEFORE = frozenset("another other further additional".split())
_NOT_VERBS = frozenset(
    "during according following including regarding concerning morning evening nothing".split()
)
_COUNT_VERB_AFTER = frozenset("were was are is had have died remain remained more".split())


def _counts_without_noun(match: re.Match[str], masked: str) -> bool:
    previous = _previous_word(masked, match.start())
    if previous in _COUNT_BEFORE or (previous.endswith("ing") and previous not in _NOT_VERBS):
        return True
    following = _NEXT_WORD.match(masked, match.end())
    return following is not None and following.group(1).lower() in _COUNT_VERB_AFTER


_NAME_BEFORE = re.compile(r"(?<![\w.'’-])[A-Z][A-Za-z]*[ -]$")
_MODEL_NUMBER = re.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})?")


def _follows_a_name(match: re.Match[str], masked: str, opening: int) -> bool:
    """Return True for a short number right after a capitalized word that does not open the sentence."""
    if not _MODEL_NUMBER.fullmatch(match["n1"]) or match["amount2"]:
        return False
    name = _NAME_BEFORE.search(masked, max(opening, match.start() - 30), match.start())
    return name is not None and name.start() > opening


def _is_year_or_code(match: re.Match[str], masked: str, unit: str) -> bool:
    """Return True for a comma-less four-digit number that is a year or a code rather than a count."""
    if not _FOUR_DIGITS.fullmatch(match["n1"]):
        return False
    head = unit.rsplit(" ", 1)[-1]
    counts_something = _is_plural(head)
    if 1800 <= int(match["n1"]) <= 2099:
        previous = _previous_word(masked, match.start())
        return (
            not counts_something
            or head in _EVENT_NOUNS
            or previous in _YEAR_PRECEDERS
            or previous.endswith(("'s", "’s"))
            or _next_is_capitalized(masked, match)
        )
    return not (counts_something or match["qualifier"])


def _is_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _previous_word(masked: str, position: int) -> str:
    """Return the lowercased word just before position ("no." in "No. 5"), or ""."""
    match = _PREVIOUS_WORD.search(masked, max(0, position - 40), position)
    return match.group(1).lower() if match else ""


def _next_is_capitalized(masked: str, match: re.Match[str]) -> bool:
    """Return True when the word after the candidate starts with a capital, as in a name."""
    word = _NEXT_WORD.match(masked, match.end())
    return bool(word) and word.group(1)[0].isupper()


def _qualifier(raw: str | None) -> str:
    """Return the QUALIFIERS entry for the words written before a number."""
    if not raw:
        return "exact"
    words = " ".join(raw.lower().split())
    return _QUALIFIER_ALIASES.get(words, words)
