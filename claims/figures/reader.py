"""Find the candidate numbers of a sentence and read each into figures (see the package docstring)."""

import re
from dataclasses import replace
from decimal import Decimal

from claims.figures.context import _counts_without_noun, _follows_a_name, _one_is_a_quantity
from claims.figures.marks import (
    is_era_year,
    is_price_base,
    minus_positions,
    one_in,
    unglue_years,
    with_minus,
    without_signs,
)
from claims.figures.periods import age_periods
from claims.figures.statistics import _fractions, _is_a_change, _not_a_quantity, _splits, _statistic
from claims.figures.units import unit_name
from claims.figures.words import (
    _NEXT_WORD,
    _ONES,
    _QUALIFIER,
    _WORD_NUMBER,
    _WORD_VALUES,
    Figure,
    _previous_word,
    _qualifier,
    _tidy,
)
from claims.normalise import Normalised, normalise

# ASCII digits only: the seed's Burmese numerals ("၁၁၀၇") restate an operation name.
_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:\.[0-9]+)?(?![0-9])"
_SCALE = r"[\s-]+(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn)\b|m\b|[kK]\b"
_PERCENT = r"\s?%|\s+per\s?cent\b"
# A code may be glued to the number: "CHF5 million", "HTG 1 billion".
_CURRENCY_SIGN = r"US\$|[ACS]\$|\$|€|£|฿|(?:USD|EUR|GBP|THB|MMK|CNY|CHF|JPY|INR|HTG|CAD|AUD)\s?"
_CURRENCY_WORD = (
    r"[\s-]+(?:(?:US|U\.S\.)\s+)?dollars?\b|\s+(?:euros?|kyats?|baht|yuan|gourdes?)\b"
    r"|\s+(?:USD|EUR|MMK|THB|CHF|HTG)\b"
)
# A unit is whatever pint reads in the word(s) after the number (claims.figures.units): "ft", "metric
# tons", "sq ft", "cu in", "km/h", "kilometres per hour", "m²". "fold" and "times" are ratios, a calibre
# a designation; pint knows neither.
_MEASURE = (
    r"fold|times|calib(?:er|re)"
    r"|(?:(?:square|sq\.?|cubic|cu\.?|metric|nautical)\s+)?[A-Za-zµ]+[²³]?(?:(?:\s+per\s+|/)[A-Za-z]+)?"
)
_SPECIAL_MEASURES = frozenset({"fold", "times", "calibre", "caliber"})


def _amount(i: int) -> str:
    return (
        rf"(?P<amount{i}>(?P<cur{i}>{_CURRENCY_SIGN})?(?P<n{i}>{_DIGITS}|{_WORD_NUMBER})"
        rf"(?P<scale{i}>{_SCALE})?(?P<pct{i}>{_PERCENT})?)"
    )


# One candidate: qualifier? between? amount (separator amount)? currency word? measure unit?
# The lookbehind keeps model designations ("AK-47", "G3"), decimals, "11/07" and "mid-2021" out.
# The lookahead lets the search skip, at once, every position where no figure can start (spaces,
# brackets, dashes...), instead of trying each alternative there.
_CANDIDATE = rf"""(?<![\w.,/:\#'’$-])(?=[\w€£฿$])
    (?:(?P<qualifier>{_QUALIFIER})\s+)?
    (?:(?P<between>between)\s+)?
    {_amount(1)}
    (?:(?(between)(?:\s+and\s+|\s*[-–]\s*)|(?:\s*[-–]\s*|-?\s+to\s+)){_amount(2)})?
    (?P<curword>{_CURRENCY_WORD})?
    MEASURE
    """
_FIGURE = re.compile(
    _CANDIDATE.replace("MEASURE", rf"(?P<measure>(?<!%)(?<!cent)(?:\s+|-)?(?:{_MEASURE})(?!\w))?"),
    re.IGNORECASE | re.VERBOSE,
)
# The same candidate read without a unit, for when pint reads none in the word after the number ("20
# soldiers"): the group is kept, never matching, so the rest of the reader asks the same names.
_FIGURE_WITHOUT_UNIT = re.compile(
    _CANDIDATE.replace("MEASURE", "(?P<measure>(?!))?"), re.IGNORECASE | re.VERBOSE
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

# The hyphen of "top-8", "top-ten": the number after it counts a ranking's places ("finished in the top-8").
_TOP_HYPHEN = re.compile(rf"(?<=(?<![\w-])top)-(?=[0-9]|(?:{_ONES}|ten)\b)", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES |= {"bn": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_CURRENCY_CODES = {"$": "USD", "us$": "USD", "a$": "AUD", "c$": "CAD", "s$": "SGD", "€": "EUR", "£": "GBP"}
_CURRENCY_CODES |= {"฿": "THB", "dollar": "USD", "euro": "EUR", "kyat": "MMK", "baht": "THB", "yuan": "CNY"}
_CURRENCY_CODES |= {"gourde": "HTG"}
# A number of times or "-fold" is a ratio when it compares ("1.5 times higher", "5- to 8-fold"); "struck
# three times" counts occasions.
_RATIO_UNITS = frozenset({"fold", "time"})
_COMPARATIVE = re.compile(r"\s+(?:as|more|less|the|that|than|over|[a-z]+er)\b", re.IGNORECASE)
_CALIBRES = {"mm", "millimeter", "caliber", "calibre"}
# Words before a number that make it a name or a reference: "Operation 1107", "Highway No. 5".
_DESIGNATORS = frozenset(
    "operation operations division brigade battalion regiment squadron corps command highway route "
    "no. nos. article section chapter resolution phase type model mark mk camp sector zone ward "
    "category class version part episode volume vol. issue season page".split()
    + "interstate junction unit exit flight gate platform terminal pier runway".split()
)
# Words before a bare number (nothing counted after it) that make it a year: "struck in 541".
_BARE_YEAR_PRECEDERS = frozenset({"in", "since", "until", "till", "circa", "c."})
_YEARISH = re.compile(r"[1-9][0-9]{2,3}")
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
    masked = unglue_years(_mask_non_figures(text))
    minus = minus_positions(masked)
    masked = without_signs(masked, minus)  # the number alone must pass the reader's rules
    fractions = _fractions(text, masked) + one_in(text, masked) + _splits(text, masked) + age_periods(masked)
    numbers = with_minus(_numbers(text, masked), text, minus)
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


def _mask_non_figures(text: str) -> str:
    """Return text of the same length with citation markers blanked and dates and times masked."""
    masked = _CITATION.sub(lambda match: " " * len(match.group()), text)
    masked = _TOP_HYPHEN.sub(" ", masked)  # "top-8" is read as "top 8" (a hyphen before a number is a name's)
    for pattern in (_DATE, _TIME):
        masked = pattern.sub(lambda match: _MASK * len(match.group()), masked)
    return masked


def _read_match(text: str, masked: str, match: re.Match[str], opening: int) -> tuple[tuple[Figure, ...], int]:
    """Return the figures one candidate stands for (none when it is not a figure) and where to go on."""
    if match["measure"] and _measure_unit(match["measure"]) is None:
        match = _FIGURE_WITHOUT_UNIT.match(masked, match.start()) or match
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
    written_once = not match["scale1"] and match["scale2"] and not _is_metres(match)
    if written_once and _number_value(match["n1"]) <= _number_value(match["n2"]):
        low *= _SCALES[_scale_word(match["scale2"])]
    return (low, high) if high > low else None


def _is_metres(match: re.Match[str]) -> bool:
    """Return True for a glued lowercase "m" without a currency: "30m" is 30 metres, "10.4M" and "£55m"
    are millions."""
    return any(match[group] == "m" for group in ("scale1", "scale2")) and not _currency(match)


def _amount_value(match: re.Match[str], i: int) -> Decimal:
    """Return the value of amount i, its scale word applied."""
    value = _number_value(match[f"n{i}"])
    scale = match[f"scale{i}"]
    if scale == "m" and not _currency(match):
        return value  # metres, not millions
    return value * _SCALES[_scale_word(scale)] if scale else value


def _scale_word(scale: str) -> str:
    return scale.strip(" -").lower()  # " Million" -> "million", "-billion" -> "billion"


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
    if _is_metres(match):
        return "measure", "meter"
    currency = _currency(match)
    if currency:
        return "money", currency
    return "count", _counted_noun(masked, match.end())


def _measure_unit(raw: str) -> str | None:
    """Return a measure unit in pint's words ("-kilometres" -> "kilometer", "sq ft" -> "square foot"),
    "fold", "times" or "calibre"; None when the word after the number is no unit ("20 soldiers", "5s")."""
    words = raw.strip(" -")
    special = words.lower().removesuffix("s")
    if special in _SPECIAL_MEASURES or words.lower() in _SPECIAL_MEASURES:
        return "calibre" if special.startswith("calib") else special
    if len(words) == 1 and not raw[0].isspace():
        return None  # "1980s", "5K": a glued letter is no unit
    return unit_name(words)


def _currency(match: re.Match[str]) -> str:
    """Return the ISO code of the currency a candidate is written in, or ""."""
    raw = match["cur1"] or match["cur2"] or match["curword"]
    if not raw:
        return ""
    key = re.sub(r"^(?:us|u\.s\.)\s+|s$", "", raw.strip(" -").lower())
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
    previous = _previous_word(masked, match.start())
    if previous in _DESIGNATORS:
        return True
    if kind in ("count", "money") and not match["scale1"] and not match["pct1"]:
        if is_era_year(masked, match.start(), match.end(), previous):
            return True  # "430 BC", "165–180 AD", "AD 541": years
        if is_price_base(
            match["n1"], unit if kind == "count" else match["curword"] or "", masked, match.end()
        ):
            return True  # "at 1985 prices", "(2017 USD)": the base of a value, not an amount
        if (
            kind == "count"
            and not unit
            and previous in _BARE_YEAR_PRECEDERS
            and _YEARISH.fullmatch(match["n1"])
        ):
            return True  # "struck in 541 and killed": a year, when nothing counted follows
    if kind == "count" and not match["qualifier"] and _follows_a_name(match, masked, opening):
        return True  # "Leopard 2 tanks", "DMPPT 2.0": a model named by a capitalized word and a number
    scales = {_scale_word(match[group]) for group in ("scale1", "scale2") if match[group]}
    if "m" in scales and not _currency(match) and _is_metres(match) and kind != "measure":
        return True  # "5m" after a name is a model
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


def _next_is_capitalized(masked: str, match: re.Match[str]) -> bool:
    """Return True when the word after the candidate starts with a capital, as in a name."""
    word = _NEXT_WORD.match(masked, match.end())
    return bool(word) and word.group(1)[0].isupper()
