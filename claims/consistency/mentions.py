"""What a statement says that another can contradict: quantities (a figure with what it counts, the words
around it and the statement's time frames) and dated events ("founded in 1953" with the entity founded).

Pure Python; linear in the statement's length.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from claims.consistency.dates import MONTHS, DateMention, Frame, Token, read_dates, time_frames, tokens
from claims.figures import Figure, extract_figures

STOP_WORDS = frozenset(
    """a an the this that these those its their his her our it they them he she we i you of in on at by for
    from to with without within into onto across along among amid around over under after before during
    since until through toward towards between against near per via including beyond behind despite like
    upon about above below and or but nor while as than which who whom whose where when if because though
    although so yet each all both any some is are was were be been being has have had do does did will
    would could should may might must can shall also only still already more most other such than then
    there here not no up down out off again further once very just least approximately nearly almost
    around roughly estimated some over fewer less many much several according per said says say
    et al""".split()
)
# Words that say nothing about which quantity is meant: too common to pair two statements on.
WEAK_WORDS = frozenset("total number figure report reported reports people group force time year".split())
UNCOUNTED_HEADS = frozenset("time times other others more".split())
READ_CACHE_SIZE = 20_000  # sentences kept read, per process (a 25x-seed article has 5,754)
WINDOW = 10  # tokens either side of a figure that describe it
PARTICIPLE = " + "  # joins a head noun and the participle after it: "soldier + wounded"
INCREMENT_WORDS = frozenset({"additional", "another", "further", "extra"})
VERB_REACH = 3  # tokens before a figure where its verb is looked for
CLAUSE_REACH = 30
CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "(", ")", ".", "!", "?"})
IRREGULAR_VERBS = {
    "lost": "lose",
    "won": "win",
    "took": "take",
    "hit": "hit",
    "fled": "flee",
    "left": "leave",
    "held": "hold",
    "struck": "strike",
    "fell": "fall",
    "spent": "spend",
    "killing": "kill",
    "kills": "kill",
    "kill": "kill",
    "wounding": "wound",
    "injuring": "injur",
    "displacing": "displac",
    "seizing": "seiz",
}
FOUNDING = frozenset({"founded", "established", "formed", "emerged", "created"})
EVENT_CLASSES = {verb: "founded" for verb in FOUNDING} | {"launched": "launched", "captured": "captured"}
PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are"})
ENTITY_SPAN_BEFORE, ENTITY_SPAN_AFTER = 8, 6
DATE_AFTER, DATE_BEFORE = 12, 8
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
SENTENCE_OPENERS = frozenset(
    {"the", "in", "on", "by", "a", "an", "after", "before", "during", "its", "their"}
)


@dataclass(frozen=True)
class Quantity:
    """A figure in statement ``index`` with what it counts (``head``) and its describing words."""

    index: int
    figure: Figure
    head: str
    context: frozenset[str]
    frames: tuple[Frame, ...]
    names: frozenset[str] = frozenset()  # proper nouns and acronyms of the figure's clause
    verb: str = ""  # the verb just before the figure, simply lemmatised ("uproot"), or ""
    increment: bool = False  # "an additional 1,000", "another 300": an addition, not a total


@dataclass(frozen=True)
class Event:
    """A dated event in statement ``index``: its class ("founded"), the entity's words and the date."""

    index: int
    event: str
    verb: str
    entity: frozenset[str]
    date: DateMention


def lemma(word: str) -> str:
    """Return a word lowercased, possessive dropped and plural made singular, simply."""
    word = word.lower().removesuffix("'s").removesuffix("’s").strip("'’-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def is_content(word: str) -> bool:
    lowered = word.lower()
    return word[0].isalpha() and lowered not in STOP_WORDS and lowered not in MONTHS and len(lowered) > 1


def quantities(index: int, text: str, words: list[Token], frames: tuple[Frame, ...]) -> list[Quantity]:
    """Return the quantities statement ``index`` states, each with its unit's head noun."""
    starts = [token.start for token in words]
    found = []
    for figure in extract_figures(text):
        head = unit_head(figure, text, words, starts)
        if not head:
            continue
        first, last = bisect_left(starts, figure.start), bisect_left(starts, figure.end)
        nearby = words[max(0, first - WINDOW) : first] + words[last : last + WINDOW]
        context = frozenset(lemma(t.text) for t in nearby if is_content(t.text)) - {head}
        names = frozenset(lemma(t.text) for t in clause(words, first, last) if _is_name(t, words))
        verb = governing_verb(words[max(0, first - VERB_REACH) : first])
        increment = any(t.text.lower() in INCREMENT_WORDS for t in words[max(0, first - 2) : first])
        found.append(Quantity(index, figure, head, context, frames, names, verb, increment))
    return found


def clause(words: list[Token], first: int, last: int) -> list[Token]:
    """Return the tokens of the clause around tokens [first, last): up to the nearest clause punctuation,
    at most CLAUSE_REACH tokens either way (so many figures in one long clause stay linear)."""
    start = first
    while start > max(0, first - CLAUSE_REACH) and words[start - 1].text not in CLAUSE_MARKS:
        start -= 1
    end = last
    while end < min(len(words), last + CLAUSE_REACH) and words[end].text not in CLAUSE_MARKS:
        end += 1
    return words[start:end]


def governing_verb(before: list[Token]) -> str:
    """Return the verb nearest before a figure ("uprooted over 150,000" -> "uproot"), or ""."""
    for token in reversed(before):
        word = token.text.lower()
        if word in IRREGULAR_VERBS:
            return IRREGULAR_VERBS[word]
        if word.endswith("ed") and len(word) > 4 and word not in STOP_WORDS:
            return verb_stem(word)
    return ""


def verb_stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)].rstrip("e")
    return word.rstrip("e")


def unit_head(figure: Figure, text: str, words: list[Token], starts: list[int]) -> str:
    """Return what a figure counts or measures, as one simple lemma ("airstrike", "percent of population"),
    or "" when it says nothing that could be compared."""
    if figure.kind == "count":
        head = lemma(figure.unit.rsplit(" ", 1)[-1]) if figure.unit else ""
        if head in UNCOUNTED_HEADS or not head:
            return ""
        # A participle right after the unit says what happened to it: "150 soldiers wounded" is not
        # "20 soldiers" lost. (The figure reader leaves it out of the unit.)
        after = bisect_left(starts, figure.end + len(figure.unit) + 1)
        if after < len(words) and words[after].text.lower().endswith("ed") and len(words[after].text) > 4:
            return f"{head}{PARTICIPLE}{words[after].text.lower()}"
        return head
    if figure.kind == "percent":
        after = bisect_left(starts, figure.end)
        following = [t.text.lower() for t in words[after : after + 4]]
        if following and following[0] == "of":
            nouns = [w for w in following[1:] if is_content(w)]
            return f"percent of {lemma(nouns[0])}" if nouns else "percent"
        return "percent"
    return figure.unit  # a currency code or a measure unit, already one spelling


def events(index: int, words: list[Token], dates: tuple[DateMention, ...]) -> list[Event]:
    """Return the dated events statement ``index`` states: an event verb, its entity and its date."""
    found = []
    starts = [date.first_token for date in dates]
    for position, token in enumerate(words):
        verb = token.text.lower()
        if verb not in EVENT_CLASSES:
            continue
        date = event_date(position, dates, starts)
        entity = event_entity(position, words, EVENT_CLASSES[verb])
        if date is not None and entity:
            found.append(Event(index, EVENT_CLASSES[verb], verb, entity, date))
    return found


def event_date(position: int, dates: tuple[DateMention, ...], starts: list[int]) -> DateMention | None:
    """Return the date an event verb at ``position`` is given: the first after it, else the last before.
    ``starts`` are the dates' first tokens, in order (a bisection, so many verbs and dates stay linear)."""
    at = bisect_right(starts, position)
    if at < len(dates) and dates[at].first_token <= position + DATE_AFTER:
        return dates[at]
    if at and position - DATE_BEFORE <= dates[at - 1].last_token <= position:
        return dates[at - 1]
    return None


def event_entity(position: int, words: list[Token], event: str) -> frozenset[str]:
    """Return the names the event is of: the proper nouns and acronyms of its subject, or, for a capture
    or a launch in the active voice, of its object ("captured Loikaw University")."""
    passive = position and words[position - 1].text.lower() in PASSIVE_AUXILIARIES
    after = words[position + 1 : position + 1 + ENTITY_SPAN_AFTER]
    object_named = bool(after) and _is_name(after[after[0].text.lower() == "the" and len(after) > 1], words)
    if (event in ("launched", "captured") or object_named) and not passive:
        span = _object_span(after)  # "formed the Northern Front in 2017": the object is what was founded
    else:
        span = _subject_span(words, position)
    return frozenset(lemma(t.text) for t in span if _is_name(t, words))


def _object_span(after: list[Token]) -> list[Token]:
    """Return the object's tokens: up to the first preposition, conjunction or clause mark ("captured two
    villages from ISIL" is about villages, not ISIL)."""
    span: list[Token] = []
    for token in after:
        word = token.text.lower()
        if token.text in CLAUSE_MARKS or (word in STOP_WORDS and word not in {"the", "a", "an"}):
            break
        span.append(token)
    return span


def _subject_span(words: list[Token], position: int) -> list[Token]:
    """Return the tokens before ``position`` back to the last clause boundary (at most a few words)."""
    span: list[Token] = []
    for token in reversed(words[max(0, position - ENTITY_SPAN_BEFORE) : position]):
        if token.text in {";", ":", "."}:
            break
        span.append(token)
    return span


def _is_name(token: Token, words: list[Token]) -> bool:
    """Return True for a proper noun or an acronym (not a month, not a capitalised opener)."""
    text = token.text
    if not text[0].isupper() or text.lower() in MONTHS or text.lower() in STOP_WORDS | NUMBER_WORDS:
        return False
    return not (token.start == words[0].start and text.lower() in SENTENCE_OPENERS)


def read_statement(index: int, text: str) -> tuple[list[Quantity], list[Event]]:
    """Return everything statement ``index`` states that the detector compares."""
    found_quantities, found_events = read_text(text)
    return [replace(q, index=index) for q in found_quantities], [
        replace(e, index=index) for e in found_events
    ]


@lru_cache(maxsize=READ_CACHE_SIZE)
def read_text(text: str) -> tuple[tuple[Quantity, ...], tuple[Event, ...]]:
    """Read one sentence; cached, as a save re-reads the whole article and most sentences did not change."""
    words = tokens(text)
    frames = time_frames(text, words)
    return tuple(quantities(-1, text, words, frames)), tuple(events(-1, words, read_dates(text, words)))
