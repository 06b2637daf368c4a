"""Find, for each figure of a claim, what a whole source says of that quantity (pure Python, no ORM).

A snapshot's text is read once (``index_source``): its sentences, every number they hold with its value
(from the BM25 index's postings, so no second pass over the words), and the sentences stating a measure
of each dimension (one digit-led scan, units read by pint). A claim's figure then looks up the sentences
whose numbers could state it (bisect on the value, widened by the claim's rounding), or a measure of its
dimension for conversions; only those sentences are read by the figure reader (once, kept for the next
claim), at most MAX_CANDIDATES of them, those sharing most of the claim's words first. Among their
statements it chooses by what they are about:

- **Same quantity, not only the same number.** A statement supports a figure only when it counts or
  measures the same thing: when both name what they count, the nouns must agree (a shared stem or a
  synonym group: "the page gives 11 for pressures, not tackles"); when either leaves it unsaid (a bare
  "six each", a duration), the statement's sentence must be about the claim: one of the TOPICAL
  sentences best matching its words, or one naming its counted thing or sharing its words near the
  figure. A number the reader gives no noun still shows what it counts ("11 total pressures"). What a
  count counts includes what follows a measure word's "of" ("one count of felony assault"), a page's
  counter line counts its label's noun ("All Critics (13)"), whom a claim says were killed are deaths,
  a hyphenated duration is about the noun after it ("a six-month deployment" is not "a six-month
  overhaul"), a count, amount or share stated only for other years than the claim's is about another
  time, and a capitalised word number in a name ("League Two") counts nothing.
- **Contradicted**: no statement supports the figure, and one about the very same quantity (the same
  counted noun, or the same words around a measure) gives another value: "91 different shapes" for
  "93 different shapes".
- **Conversions** (values in other units of the same dimension, through pint) are compared within the
  rounding of both values: 108 m (107.5-108.5 m) states "355 feet" (354.5-355.5 ft). A figure followed
  by its conversion in brackets ("180,000 square feet (17,000 m²)") is one quantity written twice: the
  pair is supported when either is stated.
- **Ages** ("at 31", "aged 10-24", "the 31-year-old") compare only with ages or a bare number; fixed
  equivalents of durations ("annually" for one year) are statements too (evidence-dev's policy).

Each figure keeps its own passage: the sentence of the statement that supports or contradicts it.
Linear: the text is read once per snapshot; a figure's lookup costs at most MAX_CANDIDATES sentences.
"""

import bisect
import heapq
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from claims.evidence.passages import PassageIndex, bm25_scores, build_index, tokens
from claims.evidence.values import APPROXIMATE_MARGIN, claimed_interval, is_bound, nouns_agree, supports
from claims.figures import Figure
from claims.figures.reader import _UNIT_STOP_WORDS, _is_plural
from claims.figures.units import base_value, dimension, in_unit, unit_name
from claims.figures.words import _WORD_VALUES

NEAR_WORDS = 6  # the claim's words this close to a figure say what it is about
MIN_SHARED_NEAR = 1
MIN_SHARED_CLAIM = 3
CONTRADICTION_SHARED = 2
TOPICAL = 3  # the sentences best matching the claim's words (BM25) are about it
MAX_CANDIDATES = 64  # sentences read per figure at most (see _candidates)


@dataclass(frozen=True)
class Statement:
    """A figure a source states, and the sentence (passage) it stands in."""

    figure: Figure  # offsets into its passage
    passage: int


# The values a source's sentences hold come from its BM25 index (claims.evidence.passages), which has
# every number and word already: "6000" (commas dropped), "six", "twenty", "million". A scale word in a
# sentence multiplies each of its numbers ("6 million" lists 6 and 6,000,000); a tens word and a ones
# word in one sentence add up ("twenty-five"). That may list a value the sentence does not state; the
# figure reader then reads only those sentences, and decides.
_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_STEM = 7  # as claims.evidence.passages.tokens cuts words: "thirteen" is "thirtee"
_WORDS = {word[:_STEM]: n for n, word in enumerate(_ONES, 1)} | {"dozen": 12}
_WORDS |= {word[:_STEM]: n for n, word in enumerate(_TEENS, 10)}
_WORDS |= {word[:_STEM]: 10 * n for n, word in enumerate(_TENS, 2)}
_GLUED_SCALES = {"k": 10**3, "m": 10**6, "bn": 10**9, "mn": 10**6}
_SCALE_VALUES = {"hundred": 100, "thousan": 10**3, "million": 10**6, "billion": 10**9, "trillio": 10**12}
_SCALE_VALUES |= {"bn": 10**9, "mn": 10**6}
_GLUED_SCALE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(k|m|bn|mn)")  # "21k", "55m" as BM25 tokens
_NUMERIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# An age period ("in my mid-20s", "in her twenties", "his late teens", claims.figures.periods) lists its
# decade's ends, so a claim's period finds the sentence.
_DECADE = re.compile(r"[1-9]0s")
_PERIOD_STEMS = {(word[:-1] + "ies")[:_STEM]: 10 * n for n, word in enumerate(_TENS, 2)} | {"teens": 10}
_FRACTION_STEMS = frozenset("half halves third thirds quarter quarter fifth fifths tenth tenths".split())
# A number with a word after it that may be a unit: read by pint once per distinct word. The number's
# digits are taken possessively and never start after a comma, so "1,1,1,..." is one scan, not n.
_MEASURED = re.compile(
    r"(?<![\w.,])[0-9][0-9,.]*+[\s-]?((?:(?:square|sq\.?|cubic|cu\.?|metric|nautical)\s+)?[A-Za-zµ]{1,12}[²³]?"
    r"(?:(?:\s+per\s+|/)[A-Za-z]{1,12})?)"
)


_MEASURED_IN_WORDS = re.compile(
    rf"\b(?:{'|'.join(_TENS + _TEENS + _ONES)})[\s-]((?:(?:square|sq\.?|cubic|cu\.?|metric|nautical)\s+)?"
    r"[A-Za-zµ]{1,12}[²³]?(?:(?:\s+per\s+|/)[A-Za-z]{1,12})?)",
    re.IGNORECASE,
)


# Fixed equivalents of a duration ("elected annually" is a one-year term): evidence-dev's policy. In a
# source only; the BM25 stems of the words list the value 1.
_EVERY = {"annually": "year", "yearly": "year", "daily": "day", "weekly": "week", "monthly": "month"}
_EVERY_STEMS = {word[:_STEM]: unit for word, unit in _EVERY.items()}
_EVERY_WORD = re.compile(r"\b(" + "|".join(_EVERY) + r")\b", re.IGNORECASE)


def _every(text: str, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Return the durations a sentence states by a fixed equivalent ("annually": one year)."""
    found = [
        Figure(m.group(), m.start(), m.end(), Decimal(1), None, _EVERY[m.group(1).lower()], kind="measure")
        for m in _EVERY_WORD.finditer(text)
    ]
    return figures + tuple(found)


# A count of seasons is a duration in years: a sports season (and a broadcast one) comes once a year, so "for
# the next two seasons" states a two-year contract (evidence-dev's policy names this fixed equivalent).
_SEASONS = frozenset({"season", "seasons"})


def _seasons(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Return ``figures`` with each count of seasons also read as that many years."""
    found = [
        replace(figure, kind="measure", unit="year")
        for figure in figures
        if figure.kind == "count" and figure.unit and figure.unit.split()[-1] in _SEASONS
    ]
    return figures + tuple(found)


def _values(index: PassageIndex) -> list[tuple[Decimal, int]]:
    """Return (value, passage) for every number the BM25 index holds, sorted (see above)."""
    numbers: dict[int, list[Decimal]] = defaultdict(list)
    tens: dict[int, list[int]] = defaultdict(list)
    ones: dict[int, list[int]] = defaultdict(list)
    scales: dict[int, list[int]] = defaultdict(list)
    for stem, entries in index.postings.items():
        if _NUMERIC.fullmatch(stem):
            value = Decimal(stem)
        elif (glued := _GLUED_SCALE.fullmatch(stem)) is not None:
            value = Decimal(glued.group(1)) * _GLUED_SCALES[glued.group(2)]
        elif stem in _WORDS:
            value = Decimal(_WORDS[stem])
            for passage, _ in entries:
                if _WORDS[stem] in (20, 30, 40, 50, 60, 70, 80, 90):
                    tens[passage].append(_WORDS[stem])
                elif _WORDS[stem] < 10:
                    ones[passage].append(_WORDS[stem])
        elif stem in _EVERY_STEMS:
            value = Decimal(1)
        elif (period := _PERIOD_STEMS.get(stem)) is not None or _DECADE.fullmatch(stem):
            low = period if period is not None else int(stem[:2])  # "20s", "twenties": 20-29
            for passage, _ in entries:
                numbers[passage].extend((Decimal(low), Decimal(low + 9)))
            continue
        elif stem in _SCALE_VALUES:
            for passage, _ in entries:
                scales[passage].append(_SCALE_VALUES[stem])
            continue
        else:
            continue
        for passage, _ in entries:
            numbers[passage].append(value)
    values = []
    for passage, found in numbers.items():
        found = found + [Decimal(ten + one) for ten in tens.get(passage, ()) for one in ones.get(passage, ())]
        values.extend((value, passage) for value in found)
        values.extend((value * scale, passage) for value in found for scale in scales.get(passage, ()))
    values.sort()
    return values


# Word numbers a source states without a noun after them ("down to three", "six each", "three or more
# children"): the figure reader leaves them out of claims (a bare "three" in a claim is rarely a figure),
# but in a source they may state one; the claim's words must then be in their sentence.
_LOOSE_WORD_NUMBER = re.compile(
    r"(?<![\w-])(" + "|".join(word for word in _WORD_VALUES if word != "one") + r")(?![\w-])", re.IGNORECASE
)


# A capitalised word number after a capitalised word inside a sentence is part of a name: "Sky Bet League
# Two", "the League Two clash", "Formula One". "Top Ten" still counts a ranking's places, and a headline in
# title case ("Film Gets Six Genie Nods": a capital after the number too) still counts.
_NAME_BEFORE_WORD_NUMBER = re.compile(r"(?<![\w.'’-])([A-Z][A-Za-z]*)[ -]$")
_CAPITAL_AFTER = re.compile(r"[ -][A-Z]")


def _in_a_name(text: str, match: re.Match[str]) -> bool:
    if not match.group(1)[0].isupper() or _CAPITAL_AFTER.match(text, match.end()):
        return False
    name = _NAME_BEFORE_WORD_NUMBER.search(text, max(0, match.start() - 30), match.start())
    if name is None or name.group(1).lower() == "top":
        return False
    return bool(text[: name.start()].strip(" \"'“‘("))  # not the sentence's first word ("Three Tonys")


# A web page's counter: a label whose last word is a plural noun, then the count in brackets, alone on its
# line ("All Critics (110)", "View All Critic Reviews (34)", "Photos (14)"). The count is of the label's
# noun, and the label is all its sentence says, so it is about the page's own subject.
_LABEL_COUNT = re.compile(r"^[\s|•·>-]*(?P<label>[A-Za-z][A-Za-z' ]{0,48}?)\s*\((?P<n>[0-9][0-9,]*)\)\s*$")
_LABEL_WORDS = 2


def label_count(text: str) -> Figure | None:
    """Return the count of a counter line ("All Critics (110)": 110 critics), or None."""
    match = _LABEL_COUNT.match(text)
    if match is None:
        return None
    words = [word.lower() for word in match["label"].split() if word.lower() not in _NOT_PARTITIVE]
    if not words or not _is_plural(words[-1]):
        return None
    value = Decimal(match["n"].replace(",", ""))
    unit = " ".join(words[-_LABEL_WORDS:])
    return Figure(match["n"], match.start("n"), match.end("n"), value, None, unit, "exact", "count")


def _label_counts(text: str, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Return a counter line's figures with its count given the label's noun."""
    counted = label_count(text)
    if counted is None:
        return figures
    return tuple(figure for figure in figures if figure.start != counted.start) + (counted,)


def _loose_numbers(text: str, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Return the word numbers of a source's sentence that the reader did not take, as bare counts (not
    those in a name)."""
    # The reader's figures are in order and never overlap: one walk along them, not a scan per match.
    taken = sorted((figure.start, figure.end) for figure in figures)
    loose, position = [], 0
    for match in _LOOSE_WORD_NUMBER.finditer(text):
        while position < len(taken) and taken[position][1] <= match.start():
            position += 1
        if (position < len(taken) and taken[position][0] < match.end()) or _in_a_name(text, match):
            continue
        value = Decimal(_WORD_VALUES[match.group(1).lower()])
        loose.append(Figure(match.group(), match.start(), match.end(), value, None, "", "exact", "count"))
    return figures + tuple(loose)


# Ages: a number said to be someone's age, in the claim ("at the age of 78", "aged 10-24", "Winslet, at
# 31,", "10-24 year old") or in a source ("the 31-year-old", "aged 10-24", "age of 78"). An age compares
# only with an age: "31" in a source's "31 years" of marriage is not one.
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages|\bage of|\bat)\s*$", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bat\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[\s-]*(?:years?|yrs?)?[\s-]*old\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)]|$)")
_AGE_IN_SOURCE = re.compile(
    r"\b(?:aged?|age of)\s+(?P<a>[0-9]{1,3})(?:\s*[-–]\s*(?P<b>[0-9]{1,3}))?\b"
    r"|\b(?P<c>[0-9]{1,3})(?:\s*[-–]\s*(?P<d>[0-9]{1,3}))?[\s-]+years?[\s-]+old\b",
    re.IGNORECASE,
)
_AGE_WINDOW = 16


def as_age(claim: str, figure: Figure) -> Figure:
    """Return the figure as an age when the claim says it is one, else the figure."""
    if figure.kind not in ("count", "measure") or (figure.kind == "measure" and figure.unit != "year"):
        return figure
    before = claim[max(0, figure.start - _AGE_WINDOW) : figure.start]
    after_old = _AGE_AFTER.match(claim, figure.end) is not None
    said_before = _AGE_BEFORE.search(before) is not None and figure.kind == "count" and not figure.unit
    if said_before and _AT_BEFORE.search(before) and not _CLAUSE_END.match(claim, figure.end):
        said_before = False  # "at 31 locations" is no age; "Winslet, at 31, became" is
    if (figure.kind == "measure" and after_old) or said_before or (figure.kind == "count" and after_old):
        return replace(figure, kind="age", unit="")
    return figure


def _ages(text: str, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Return the ages a source's sentence states ("the 31-year-old", "aged 10-24")."""
    ages = []
    for match in _AGE_IN_SOURCE.finditer(text):
        low, high = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        value_max = Decimal(high) if high and int(high) > int(low) else None
        age = Figure(match.group(), match.start(), match.end(), Decimal(low), value_max, "", "exact", "age")
        ages.append(age)
    return figures + tuple(ages)


def family(figure: Figure) -> str:
    """Return what a figure's value can be compared with: the kind, and the currency or dimension."""
    if figure.kind == "measure":
        return f"measure:{dimension(figure.unit)}"
    if figure.kind in ("money", "ratio"):
        return f"{figure.kind}:{figure.unit}"
    return figure.kind


class SourceFigures:
    """A source's text read once: its passages (sentences), every number with its value, and the
    passages stating a measure of each dimension. A passage's figures and words are read only when a
    claim's figure could be in it, then kept for the next claim citing the source."""

    def __init__(self, text: str, index: PassageIndex):
        self.text = text
        self.index = index
        self.passages = index.passages
        self.values = _values(index)
        starts = [passage.start for passage in self.passages]
        dimensions: dict[str, set[int]] = defaultdict(set)
        for match in _MEASURED.finditer(text):
            unit = unit_name(match.group(1))
            if unit is not None:
                passage = bisect.bisect_right(starts, match.start()) - 1
                if passage >= 0 and match.start() < self.passages[passage].end:
                    dimensions[dimension(unit)].add(passage)
        # "two inches": a number word before a unit, read in the sentences holding a number word only.
        for passage in {p for stem in _WORDS for p, _ in index.postings.get(stem, ())}:
            for match in _MEASURED_IN_WORDS.finditer(self.passages[passage].text):
                unit = unit_name(match.group(1))
                if unit is not None:
                    dimensions[dimension(unit)].add(passage)
        self.dimensions = {key: tuple(sorted(found)) for key, found in dimensions.items()}
        self.fractions = tuple(
            sorted({p for stem in _FRACTION_STEMS for p, _ in index.postings.get(stem, ())})
        )
        self._statements: dict[int, tuple[Statement, ...]] = {}
        self._stems: dict[int, frozenset[str]] = {}
        self._years: dict[int, frozenset[str]] = {}

    @property
    def has_text(self) -> bool:
        return bool(self.passages)

    def statements(self, passage: int) -> tuple[Statement, ...]:
        """Return the figures a passage states (read once)."""
        if passage not in self._statements:
            text = self.passages[passage].text
            read = tuple(with_partitive(text, figure) for figure in self.index.figures(passage))
            figures = _seasons(_every(text, _ages(text, _loose_numbers(text, _label_counts(text, read)))))
            # One statement per reading: "7 7 7 ..." states 7 once, not 300 times.
            readings = {}
            for figure in figures:
                key = (figure.kind, figure.value, figure.value_max, figure.unit, figure.qualifier)
                readings.setdefault(key, figure)
            self._statements[passage] = tuple(Statement(figure, passage) for figure in readings.values())
        return self._statements[passage]

    def stems(self, passage: int) -> frozenset[str]:
        """Return a passage's word stems, with those of the sentence before it in its paragraph: sources
        are cut wrongly at "c. £66 million" or "No. 5", and what a number is about is often said just
        before it."""
        if passage not in self._stems:
            own = frozenset(tokens(self.passages[passage].text))
            previous = self.passages[passage - 1] if passage else None
            between = self.text[previous.end : self.passages[passage].start] if previous else "\n"
            joined = "\n" not in between
            self._stems[passage] = own | frozenset(tokens(previous.text)) if previous and joined else own
        return self._stems[passage]

    def years(self, passage: int) -> frozenset[str]:
        """Return the years a passage names (read once: a long sentence may hold many statements)."""
        if passage not in self._years:
            self._years[passage] = frozenset(_YEAR_IN_TEXT.findall(self.passages[passage].text))
        return self._years[passage]

    def passages_with_values(self, low: Decimal | None, high: Decimal | None) -> set[int]:
        """Return the passages with a number between low and high (None: unbounded)."""
        start = bisect.bisect_left(self.values, (low, -1)) if low is not None else 0
        found = set()
        for value, passage in self.values[start:]:
            if high is not None and value > high:
                break
            found.add(passage)
        return found

    def passages_with_words(self, stems) -> set[int]:
        """Return the passages containing one of the word stems."""
        return {passage for stem in stems for passage, _ in self.index.postings.get(stem, ())}


def index_source(text: str, index: PassageIndex | None = None) -> SourceFigures:
    """Return a source's text read once (linear in the text); ``index`` is the text's BM25 index when
    the caller has it already."""
    return SourceFigures(text, index if index is not None else build_index(text))


@dataclass(frozen=True)
class ClaimContext:
    """What the claim says around each figure: its words near the figure, and all its words."""

    near: tuple[frozenset[str], ...]
    words: frozenset[str]
    partners: dict[int, int]  # figure -> its conversion in brackets, both ways


def claim_context(claim: str, figures: Sequence[Figure]) -> ClaimContext:
    """Return the words of a claim that say what each of its figures is about."""
    numbers = {figure_stem for figure in figures for figure_stem in tokens(figure.text)}
    near = []
    for figure in figures:
        before = [w for w in tokens(claim[: figure.start]) if w not in numbers][-NEAR_WORDS:]
        after = [w for w in tokens(claim[figure.end :]) if w not in numbers][:NEAR_WORDS]
        near.append(frozenset(before + after))
    words = frozenset(w for w in tokens(claim) if w not in numbers and not w.isdigit())
    return ClaimContext(tuple(near), words, _partners(claim, figures))


def _partners(claim: str, figures: Sequence[Figure]) -> dict[int, int]:
    """Return the pairs "A (B)" of measures where B converts A: 355 feet (108 m), 80 ft (24 m)."""
    pairs: dict[int, int] = {}
    for n in range(len(figures) - 1):
        first, second = figures[n], figures[n + 1]
        if first.kind == second.kind == "measure" and claim[first.end : second.start].strip() == "(":
            pairs[n], pairs[n + 1] = n + 1, n
    return pairs


@dataclass(frozen=True)
class Finding:
    """What one source says of one figure: supported or contradicted, with the statement's sentence."""

    verdict: str  # "supported", "contradicted", or "not_found" for a decoy (the value, about another thing)
    passage: str
    stated: str  # the statement as the source writes it
    start: int  # the passage's offset in the source text
    why: str = ""  # a decoy: "the source gives 11 for pressures, not tackles"


def value_states(claimed: Figure, stated: Figure) -> bool:
    """Return True when ``stated``'s value states ``claimed``'s, converting units of one dimension."""
    if claimed.kind == "age" and stated.kind == "count":
        stated = replace(stated, kind="age")  # "She was 78.": a bare number, compared as an age
    if claimed.kind != "measure" or stated.unit == claimed.unit:
        return supports(claimed, stated)
    if dimension(claimed.unit) != dimension(stated.unit):
        return False
    converted = in_unit(stated, claimed.unit)
    if converted is None:
        return False
    if claimed.qualifier == "exact" and not claimed.is_range and not is_bound(stated) and not stated.is_range:
        low, high = converted  # the stated value's rounding, in the claim's unit
        step = _step(claimed.value) / 2
        return low <= claimed.value + step and claimed.value - step <= high
    middle = (converted[0] + converted[1]) / 2
    return supports(claimed, replace(stated, value=middle, value_max=None, unit=claimed.unit))


def _step(value: Decimal) -> Decimal:
    """Return the unit of the last written digit: 355 -> 1, 2.4 -> 0.1, 17,000 -> 1000."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)


def about_same_thing(
    claimed: Figure,
    context: "FigureContext",
    stated: Figure,
    stems: frozenset[str],
    topical: bool,
    passage: str = "",
) -> tuple[bool, int]:
    """Return whether a statement is about what the claim's figure counts or measures, and how much of
    the claim its sentence shares (to choose among several).

    Both name what they count: the nouns decide. Otherwise the statement's sentence must be about the
    claim: one of the sentences that best match the claim's words (``topical``), or one naming the
    claim's counted thing, or sharing its words near the figure."""
    shared_claim = len(context.words & stems) + (2 if topical else 0)
    if claimed.kind == "count" and names_a_thing(claimed) and not names_a_thing(stated):
        stated = replace(stated, unit=_plural_after(passage, stated.end))  # "11 total pressures"
    if claimed.kind == "count" and names_a_thing(claimed) and names_a_thing(stated):
        return nouns_agree(claimed, stated) or heads_agree(claimed.unit, stated.unit), shared_claim + 2
    if topical:
        return True, shared_claim
    if claimed.kind == "count" and names_a_thing(claimed):
        return bool(set(tokens(claimed.unit)) & stems), shared_claim
    shared_near = len(context.near & stems)
    return shared_near >= MIN_SHARED_NEAR or shared_claim >= MIN_SHARED_CLAIM, shared_claim


# A compound names a kind of its last part (English compounds are head-final): "songwriters" are writers,
# "grandchildren" children. The head must be long enough to be a word, not a suffix ("-ships").
HEAD_LETTERS = 6  # "ships" (relationships) and "mates" are too short to be sure of


def heads_agree(claimed: str, stated: str) -> bool:
    """Return True when a noun of one phrase is a compound whose head is a noun of the other."""
    ours, theirs = claimed.lower().split(), stated.lower().split()
    return any(
        len(short) >= HEAD_LETTERS and long != short and long.endswith(short)
        for one in ours
        for other in theirs
        for long, short in ((one, other), (other, one))
    )


# A count of a list counts every noun of it: "66 playwrights, poets, songwriters, and novelists".
_LISTED = re.compile(r"((?:\s*,\s*[a-z]+){1,6}),?\s+(?:and|or)\s+([a-z]+)")


def with_listed_nouns(claim: str, figure: Figure) -> Figure:
    """Return a claim's count with the nouns listed after its own ("playwrights, poets, ... and novelists")
    added to its noun phrase, so a source counting any of them is about the same thing."""
    if figure.kind != "count" or not figure.unit:
        return figure
    after = claim.lower().find(figure.unit, figure.end, figure.end + len(figure.unit) + 3)
    if after < 0:
        return figure
    listed = _LISTED.match(claim, after + len(figure.unit))
    if listed is None:
        return figure
    nouns = [word.strip(" ,") for word in listed.group(1).split(",") if word.strip()] + [listed.group(2)]
    if not all(_is_plural(noun) for noun in nouns):
        return figure
    return replace(figure, unit=" ".join([figure.unit, *nouns]))


# A count of a measure word counts what follows "of": "one count of felony assault", "three pairs of
# shoes", "two cases of measles". Up to two words, not after a determiner ("one of her children" is no
# such count) and up to the next preposition.
_PARTITIVE = re.compile(r"\s+of\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?")
_NOT_PARTITIVE = frozenset(
    "the a an his her their its this that these those our my your whom which what all each both".split()
)
_PREPOSITIONS = frozenset("by in at for from to with on against of and or over under after before".split())


def with_partitive(text: str, figure: Figure) -> Figure:
    """Return a count with the nouns after its measure word's "of" added to its noun phrase."""
    if figure.kind != "count" or not figure.unit:
        return figure
    after = text.lower().find(figure.unit, figure.end, figure.end + len(figure.unit) + 3)
    if after < 0:
        return figure
    partitive = _PARTITIVE.match(text, after + len(figure.unit))
    if partitive is None or partitive.group(1) in _NOT_PARTITIVE | _PREPOSITIONS:
        return figure
    nouns = [partitive.group(1)]
    if partitive.group(2) and partitive.group(2) not in _PREPOSITIONS:
        nouns.append(partitive.group(2))
    return replace(figure, unit=" ".join([figure.unit, *nouns]))


# Whom a claim says were killed are deaths: "killed 46 men and boys" counts what a source calls "46
# victims" or "46 deaths" (the deaths group of claims.evidence.values.COUNT_SYNONYMS). Only the claim's
# side is marked, so two counts of different people killed ("soldiers", "civilians") still disagree.
_KILLED_BEFORE = re.compile(r"\b(?:killed|killing|kills|kill)\s+$", re.IGNORECASE)
_KILLED_AFTER = re.compile(r"\s+(?:were|was|had\s+been|have\s+been)\s+killed\b|\s+died\b", re.IGNORECASE)
_KILL_REACH = 12
KILLED = " killed"  # the mark added to the claim's noun phrase (not a word it shares with the source)


def as_deaths(claim: str, figure: Figure) -> Figure:
    """Return a claim's count of people killed with "killed" added to what it counts."""
    if figure.kind != "count" or not figure.unit or figure.unit.endswith(KILLED):
        return figure
    before = _KILLED_BEFORE.search(claim, max(0, figure.start - _KILL_REACH), figure.start)
    after = claim.lower().find(figure.unit, figure.end, figure.end + len(figure.unit) + 3)
    said_after = after >= 0 and _KILLED_AFTER.match(claim, after + len(figure.unit))
    if before is None and not said_after:
        return figure
    return replace(figure, unit=figure.unit + KILLED)


@dataclass(frozen=True)
class FigureContext:
    near: frozenset[str]  # the claim's words near the figure
    words: frozenset[str]  # all the claim's words
    topical: frozenset[int]  # the source's passages that best match the claim
    scores: dict[int, float] = field(default_factory=dict)  # BM25 score of passages sharing a word
    claim: str = ""  # the claim's sentence

    @property
    def years(self) -> frozenset[str]:
        """Return the years the claim names near the figure ("As of June 30, 2017, ... 36,000")."""
        return frozenset(word for word in self.near if _YEAR.fullmatch(word))


# The same quantity at another time is another quantity: when the claim names a year near a count, an
# amount of money or a percentage (what changes from year to year; a length or a race's distance does not)
# and the statement's sentence names years, none of them that one ("37,012 retirees ... in fiscal year
# 2018" for "As of 2017, approximately 36,000 retirees"), the statement neither supports nor contradicts it.
_CHANGES_YEARLY = frozenset({"count", "money", "percent"})
_YEAR = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")
_YEAR_IN_TEXT = re.compile(r"(?<![0-9,.$£€])(?:1[89][0-9]{2}|20[0-9]{2})(?![0-9,]|\.[0-9])")


def another_time(claimed: Figure, context: FigureContext, stated: frozenset[str]) -> str:
    """Return the years of a statement's sentence when the claim names another year near its figure, else
    "" (a sentence naming no year, or the claim's year among others, may be about the claim's time)."""
    if claimed.kind not in _CHANGES_YEARLY or not context.years:
        return ""
    return "" if not stated or stated & context.years else ", ".join(sorted(stated))


_WORDS_AFTER = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’-]*)")
_WORDS_AFTER_LIMIT = 3


def _plural_after(text: str, end: int) -> str:
    """Return the plural nouns among the few words after a number that the reader gave no noun ("11
    total pressures": the reader stops at "total"), so a count of something else is seen as such."""
    plurals, position = [], end
    for _ in range(_WORDS_AFTER_LIMIT):
        word = _WORDS_AFTER.match(text, position)
        if word is None:
            break
        position = word.end()
        if _is_plural(word.group(1).lower()):
            plurals.append(word.group(1).lower())
            break
    return " ".join(plurals)


def names_a_thing(figure: Figure) -> bool:
    """Return True when a count's noun phrase names what it counts: a plural ("players", "people"), or
    anything after 1 ("1 Fields Medalist"); "three Wednesday" or "31 down" name nothing."""
    if not figure.unit:
        return False
    if figure.value == 1:
        return True
    return any(_is_plural(word) for word in figure.unit.split())


def find(source: SourceFigures, claimed: Figure, context: FigureContext) -> Finding | None:
    """Return the statement of a source that supports a figure, else one that contradicts it, else None."""
    wanted = family(claimed)
    best, best_score, decoy = None, -1, None
    for statement in _candidates(source, context, _support_passages(source, claimed, context)):
        if not _comparable(claimed, statement, wanted, source) or not value_states(claimed, statement.figure):
            continue
        if (
            noun := _another_duration_noun(claimed, context.claim, statement.figure, source, statement)
        ) is not None:
            decoy = decoy or (statement, noun, _duration_noun(context.claim, claimed))
            continue
        if years := another_time(claimed, context, source.years(statement.passage)):
            decoy = decoy or (statement, years, ", ".join(sorted(context.years)))
            continue
        agrees, score = about_same_thing(
            claimed,
            context,
            statement.figure,
            source.stems(statement.passage),
            statement.passage in context.topical,
            source.passages[statement.passage].text,
        )
        if agrees and score > best_score:
            best, best_score = statement, score
        elif not agrees and decoy is None:
            stated = statement.figure
            text = source.passages[statement.passage].text
            noun = stated.unit if names_a_thing(stated) else _plural_after(text, stated.end)
            decoy = (statement, noun, claimed.unit) if noun else None
    if best is not None:
        return _finding(source, "supported", best)
    if is_bound(claimed):
        return _decoy(source, decoy)
    contradiction, contradiction_score = None, -1
    for statement in _candidates(source, context, _contradiction_passages(source, claimed, context)):
        stated = statement.figure
        if family(stated) != wanted or is_bound(stated):
            continue
        if value_states(claimed, stated) or _overlaps(claimed, stated):
            continue
        if another_time(claimed, context, source.years(statement.passage)):
            continue
        score = _same_quantity_score(claimed, context.near, context.words, statement, source)
        if score > contradiction_score:
            contradiction, contradiction_score = statement, score
    if contradiction is not None and contradiction_score >= CONTRADICTION_SHARED:
        return _finding(source, "contradicted", contradiction)
    return _decoy(source, decoy)


# A hyphenated duration qualifies the noun after it: "a six-month contract", "a 24-hour performance". When
# the claim and the statement both write one, the nouns must agree, as a count's do: "a six-month
# deployment" does not state "a six-month dry-docked overhaul" ("the source gives six-month for
# deployment, not dry-docked overhaul").
_NOUN_WORDS = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")
_DURATION_NOUN_WORDS = 2


def _duration_noun(text: str, figure: Figure) -> str:
    """Return the words after a hyphenated duration ("six-month dry-docked overhaul"), or ""."""
    if figure.kind != "measure" or "-" not in figure.text or dimension(figure.unit) != dimension("year"):
        return ""
    words, position = [], figure.end
    while len(words) < _DURATION_NOUN_WORDS and (word := _NOUN_WORDS.match(text, position)) is not None:
        if word.group(1).lower() in _UNIT_STOP_WORDS:
            break
        words.append(word.group(1).lower())
        position = word.end()
    return " ".join(words)


def _another_duration_noun(
    claimed: Figure, claim: str, stated: Figure, source: SourceFigures, statement: Statement
) -> str | None:
    """Return the noun of a stated hyphenated duration when it disagrees with the claim's, else None."""
    ours = _duration_noun(claim, claimed)
    theirs = _duration_noun(source.passages[statement.passage].text, stated) if ours else ""
    if not ours or not theirs:
        return None
    as_counts = replace(claimed, kind="count", unit=ours), replace(stated, kind="count", unit=theirs)
    return None if nouns_agree(*as_counts) or heads_agree(ours, theirs) else theirs


def _comparable(claimed: Figure, statement: Statement, wanted: str, source: SourceFigures) -> bool:
    """Return True when a statement's value may be compared with the claim's: the same family, or, for
    an age, a bare number ("She was 78.") that counts nothing."""
    stated = statement.figure
    if family(stated) == wanted:
        return True
    if claimed.kind != "age" or stated.kind != "count" or stated.unit:
        return False
    return not _plural_after(source.passages[statement.passage].text, stated.end)


def _decoy(source: SourceFigures, decoy: tuple[Statement, str, str] | None) -> Finding | None:
    """Return the explanation of a value the source gives for something else ("the source gives 11 for
    total pressures, not tackles"; "the source gives 37,012 for 2018, not 2017"), or None."""
    if decoy is None or not decoy[2]:
        return None
    statement, other, instead = decoy
    passage = source.passages[statement.passage]
    why = f"the source gives {statement.figure.text} for {other}, not {instead}"
    return Finding("not_found", passage.text, statement.figure.text, passage.start, why)


def _overlaps(claimed: Figure, stated: Figure) -> bool:
    """Return True when two values of one family could be the same: a range holding the other, or an
    approximation ("some 6,000", 10% either way) reaching it."""
    if claimed.kind == "measure" and stated.unit != claimed.unit:
        converted = in_unit(stated, claimed.unit)
        if converted is None:
            return True  # not comparable, so never a contradiction
        stated = replace(stated, value=converted[0], value_max=converted[1], unit=claimed.unit)
    return claimed_interval(claimed).overlaps(claimed_interval(stated))


def _candidates(source: SourceFigures, context: FigureContext, passages: set[int]):
    """Yield the statements of at most MAX_CANDIDATES passages, those sharing most of the claim's words
    first: a text where every word is a number makes every sentence a candidate, and reading them all
    for each claim would cost claims x text."""
    chosen = heapq.nsmallest(MAX_CANDIDATES, passages, key=lambda p: (-context.scores.get(p, 0.0), p))
    for passage in sorted(chosen):
        yield from source.statements(passage)


def _support_passages(source: SourceFigures, claimed: Figure, context: FigureContext) -> set[int]:
    """Return the passages that may state a figure's value: a number in its window, a measure of its
    dimension (for conversions), a fraction in words. An open window ("over 20": any number above) is
    narrowed to the sentences that could be about the claim, so a bound costs what a value does."""
    low, high = _search_window(replace(claimed, kind="count") if claimed.kind == "measure" else claimed)
    found = source.passages_with_values(low, high)
    if claimed.kind == "measure":
        found |= set(source.dimensions.get(dimension(claimed.unit), ()))
    elif claimed.kind == "ratio":
        found |= set(source.fractions)
    if low is None or high is None:
        found &= _about_the_claim(source, claimed, context)
    return found


def _about_the_claim(source: SourceFigures, claimed: Figure, context: FigureContext) -> set[int]:
    """Return the passages that may be about a claim's figure: the best matches of the claim, and those
    sharing its counted noun or a word near the figure."""
    return set(context.topical) | source.passages_with_words(context.near | set(tokens(claimed.unit)))


def _contradiction_passages(source: SourceFigures, claimed: Figure, context: FigureContext) -> set[int]:
    """Return the passages that may state the claim's quantity with another value: those naming what it
    counts, or about the claim (the best matches of its words) for other kinds."""
    if claimed.kind == "count":
        if not names_a_thing(claimed):
            return set()
        naming = source.passages_with_words(tokens(claimed.unit))
        return naming & (source.passages_with_words(context.near) | set(context.topical))
    if claimed.kind == "measure":
        return set(context.topical) & set(source.dimensions.get(dimension(claimed.unit), ()))
    return set(context.topical)


def _same_quantity_score(
    claimed: Figure, near: frozenset[str], words: frozenset[str], statement: Statement, source: SourceFigures
) -> int:
    """Return how surely a statement with another value is about the claim's very quantity (-1: not)."""
    stated, stems = statement.figure, source.stems(statement.passage)
    if claimed.kind == "count":
        if not (names_a_thing(claimed) and names_a_thing(stated) and _share_stem(claimed.unit, stated.unit)):
            return -1
        if label_count(source.passages[statement.passage].text) == stated:
            return CONTRADICTION_SHARED  # a counter line says nothing but what it counts
        return len((words | near) & stems) - len(tokens(claimed.unit.removesuffix(KILLED)))
    return len(near & stems) - 1


def _share_stem(one: str, other: str) -> bool:
    return bool(set(tokens(one)) & set(tokens(other)))


def _search_window(claimed: Figure) -> tuple[Decimal | None, Decimal | None]:
    """Return the base values a statement of the claim's figure may have (generous: value_states decides)."""
    low = base_value(claimed)
    high = base_value(replace(claimed, value=claimed.value_max or claimed.value, value_max=None))
    margin = APPROXIMATE_MARGIN * 2
    if claimed.qualifier in ("over", "more than", "at least"):
        return low * (1 - margin), None
    if claimed.qualifier in ("up to", "fewer than", "less than"):
        return None, high * (1 + margin)
    return low * (1 - margin), high * (1 + margin)


def _finding(source: SourceFigures, verdict: str, statement: Statement) -> Finding:
    passage = source.passages[statement.passage]
    return Finding(verdict, passage.text, statement.figure.text, passage.start)


def find_all(
    source: SourceFigures, claim: str, figures: Sequence[Figure], *, confirmed: bool = False
) -> tuple[Finding | None, ...]:
    """Return, for each figure of a claim, what the source says of it; a figure and its bracketed
    conversion share a support."""
    figures = tuple(
        as_deaths(claim, with_partitive(claim, with_listed_nouns(claim, as_age(claim, figure))))
        for figure in figures
    )
    context = claim_context(claim, figures)
    scores = bm25_scores(source.index, claim)
    if confirmed:  # a passage an editor confirmed for this claim is about it, every sentence of it
        topical = frozenset(range(len(source.passages)))
    else:
        topical = frozenset(sorted(scores, key=lambda passage: (-scores[passage], passage))[:TOPICAL])
    found = [
        find(source, figure, FigureContext(context.near[n], context.words, topical, scores, claim))
        for n, figure in enumerate(figures)
    ]
    for n, partner in context.partners.items():
        mine, theirs = found[n], found[partner]
        settled = mine is not None and mine.verdict == "supported"
        if theirs is None or theirs.verdict == "not_found" or settled:
            continue
        if theirs.verdict == "supported" or mine is None or mine.verdict == "not_found":
            found[n] = theirs
    return tuple(found)
