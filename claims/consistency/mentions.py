"""What a statement says that another can contradict: quantities (a figure with what it counts, the words
around it and the statement's time frames) and dated events ("founded in 1953" with the entity founded).

Pure Python; linear in the statement's length.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from claims.consistency.dates import MONTHS, DateMention, Frame, Token, located_frames, read_dates, tokens
from claims.figures import Figure, extract_figures
from claims.sentences import is_table_row

STOP_WORDS = frozenset(
    """a an the this that these those its their his her our it they them he she we i you of in on at by for
    from to with without within into onto across along among amid around over under after before during
    since until through toward towards between against near per via including beyond behind despite like
    upon about above below and or but nor while as than which who whom whose where when if because though
    although so yet each all both any some is are was were be been being has have had do does did will
    would could should may might must can shall also only still already more most other such than then
    there here not no up down out off again further once very just least approximately nearly almost
    around roughly estimated some over fewer less many much several according per said says say
    et al versus""".split()
)
# Words that say nothing about which quantity is meant: too common to pair two statements on.
WEAK_WORDS = frozenset("total number figure report reported reports people group force time year".split())
UNCOUNTED_HEADS = frozenset("time times other others more".split())
# Sentences kept read, per process (a 25x-seed article has 5,754). An article larger than the cache is
# read again whole on every refresh (a scan misses on every entry of an LRU smaller than it): 50,000
# readings of real sentences take about 120 MiB (README, "A one-sentence edit of one very long section").
READ_CACHE_SIZE = 50_000
WINDOW = 10  # tokens either side of a figure that describe it
PARTICIPLE = " + "  # joins a head noun and the participle after it: "soldier + wounded"
DISPLACED = f"people{PARTICIPLE}displaced"  # one head for refugees, people displaced and people who fled
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
EVENT_CLASSES = {verb: "founded" for verb in FOUNDING} | {
    "launched": "launched",
    "captured": "captured",
    "born": "born",
    "died": "died",
}
PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are"})
ENTITY_SPAN_BEFORE, ENTITY_SPAN_AFTER = 8, 6
DATE_AFTER, DATE_BEFORE = 12, 8
STATISTIC_LABELS = frozenset({"CI", "RR", "OR", "HR", "IRR", "aOR", "AOR", "aHR", "SD", "IQR"})
CURRENCY_PREFIXES = frozenset({"US", "A", "C", "S", "HK", "NZ"})  # "US$2.8 billion" names no one
NUMBER_WORDS_IN_ORDER = "one two three four five six seven eight nine ten".split()
NUMBER_WORDS = frozenset(NUMBER_WORDS_IN_ORDER)
SENTENCE_OPENERS = frozenset(
    {"the", "in", "on", "by", "a", "an", "after", "before", "during", "its", "their"}
)


ACTUAL, PLAN, PART, DISPUTED = "actual", "plan", "part", "disputed"
# Words by which a writer says a figure is wrong ("Casualties of 40,000 were greatly exaggerated",
# "120,000 men perished, but this figure is doubtless exaggerated"): the sentence reports a figure it does
# not hold, so it contradicts no other (and readers already read that it is doubted).
DISPUTED_WORDS = frozenset("exaggerated inflated overstated".split())
# Words that make a statement's figures a plan, a target or a forecast rather than what happened.
PLAN_WORDS = frozenset(
    """plan plans planned planning aim aims aimed target targets targeted goal forecast forecasts forecasted
    projected projection projections expects expected expect will would could intends intended proposed
    anticipated anticipating hopes""".split()
)
# Words that make a figure one part of a sum ("the initial letter raised", "another 23 killed").
PART_WORDS = frozenset(
    "initial first additional another further extra including included includes remaining".split()
)
# Words that attribute what follows or precedes to a source.
ATTRIBUTION_WORDS = frozenset(
    """said says stated states claimed claims claim estimated estimates estimate assessed reported
    recognised recognized announced put counted""".split()
)
# Generic nouns counted: what they count is said by the verb or participle with them.
GENERIC_HEADS = frozenset({"people", "person", "individual"})
# Casualty nouns written several ways for one quantity.
HEAD_SYNONYMS = {
    "fatality": "death",
    "dead": "death",
    "toll": "death",
    # Police counted as "agents", "officers" or "policemen" (issue 18: synonyms of what is counted).
    "agent": "officer",
    "policemen": "officer",
    "policeman": "officer",
}
DEATH_PARTICIPLES = frozenset({"died", "killed", "dead", "perished"})
# Displacement written several ways for one quantity: refugees, people who fled, people displaced.
DISPLACEMENT_PARTICIPLES = frozenset({"displaced", "fled"})
INJURY_PARTICIPLES = frozenset({"injured", "wounded", "hurt"})
DEATH_VERBS = frozenset({"kill", "di", "perish"})  # governing_verb's stems of killed, died, perished
# Words between what is counted and a figure written after it: "the death toll at 546", "the number of
# police officers injured was 111", "the death toll increased sharply to 842".
HEAD_LINKS = frozenset({"at", "of", "to", "was", "were", "is", "are", "reached", "totalled", "totaled"})
LINKING_VERBS = frozenset(
    "rose fell increased decreased climbed stood reached grew dropped jumped sharply further".split()
)
COUNTING_NOUNS = frozenset({"number", "total", "figure", "count", "toll", "tally"})
HEAD_REACH = 6
NEAR_FRAMES_CAP = 8  # dates looked at in one clause (a clause is at most 60 words)
WHOLE = "*whole*"  # the subject of a figure said to cover everything ("nationwide", "in total")
WHOLE_SCOPE = frozenset({"nationwide", "worldwide", "overall", "altogether", "countrywide", "statewide"})
# Counts that only grow as an event goes on: a later, smaller figure is not a progression.
CUMULATIVE_HEADS = frozenset({"death", "casualty", "injury"})
CUMULATIVE_PARTICIPLES = frozenset(
    {"killed", "injured", "wounded", "died", "displaced", "evacuated", "arrested"}
)
# One measure written several ways: a trial's "risk reduction", "protective efficacy", "reduction in
# incidence" and "protection" are the same share.
SHARE_SYNONYMS = {"efficacy": "reduction", "protection": "reduction", "effectiveness": "reduction"}
# Nouns that measure a group as a whole: a figure after "a population of", "a capacity of", "a crew of"
# counts that, not what happened to some of its members ("half of its population of 100,000 people died").
COLLECTIVE_NOUNS = frozenset(
    """population capacity crew garrison workforce staff membership force army fleet team enrolment
    enrollment attendance audience complement contingent strength""".split()
)
# Prepositions that give a death count its cause: "deaths from disease", "died of the plague".
CAUSE_PREPOSITIONS = frozenset({"from", "of"})
# Words between a name and the figure it owns: "X has 704 beds", "X, with 252 beds".
OWNING_LINKS = frozenset({"has", "had", "have", "with"})
NAME_JOINS = frozenset({"of", "and"})  # inside one name: "University of Tarn", "Children's and Women's"
OWN_NAME_REACH = 10
# A time measured from another moment: "Eight days earlier", "about seven years after the founding".
TIME_UNITS = frozenset("second minute hour day week month year decade century".split())
OFFSET_WORDS = frozenset({"earlier", "later", "after", "before", "ago"})


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
    # What the figure is about besides what it counts (issue 18):
    subject: frozenset[str] = frozenset()  # a name in brackets right after it ("51% (Bailey)"), else none
    sentence_names: frozenset[str] = frozenset()  # every name of its sentence
    attributed: bool = False  # its sentence attributes it ("according to", "X said", "X's estimate")
    modality: str = ACTUAL  # ACTUAL, PLAN (plans, targets, forecasts) or a part of a whole (PART)
    near_frames: tuple[Frame, ...] = ()  # the dates of its own clause, when the sentence has several
    head_before: bool = False  # what it counts was written before it ("the death toll at 546")
    sentence_words: frozenset[str] = frozenset()  # every describing word of its sentence
    record: bool = False  # its sentence counts several different things: a record of some scope
    kind_words: frozenset[str] = frozenset()  # a rank's words for what kind it is ("oil" reserves)
    scope: str = ""  # what a rank is in ("world", "state"), or "" when unsaid
    places: frozenset[str] = frozenset()  # names its clause puts it in or at ("In Ouest, about 55,000")
    own_names: frozenset[str] = frozenset()  # the name it belongs to: "16 Turkish soldiers", "X has 704 beds"
    relative_time: bool = False  # its sentence is timed from another moment ("Eight days earlier, ...")
    statistic: frozenset[str] = frozenset()  # which statistic it is: "median", "per day"; empty for a sum
    row: str = ""  # the first cell of the table row it stands in ("east flanders"), "" outside a table
    span: Decimal | None = None  # the days its sentence opens by saying it adds up over ("In two years,")
    agent: frozenset[str] = frozenset()  # who did what its verb says: "the Romanians destroyed 127 tanks"
    roles: frozenset[tuple[str, str]] = frozenset()  # (noun, verb) of every figure its sentence says


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


def quantities(
    index: int, text: str, words: list[Token], frames: tuple[Frame, ...], located: tuple = ()
) -> list[Quantity]:
    """Return the quantities statement ``index`` states, each with its unit's head noun and what it is
    about: its subject, its sentence's names, whether it is attributed, its modality and its clause's
    dates (``located``: each time frame with the tokens of its date)."""
    starts = [token.start for token in words]
    lowered = [token.text.lower() for token in words]
    sources = source_names(words, lowered)
    frame_starts = [start for start, _, _ in located]
    several_times = len(set(frames)) > 1
    listed = None  # the head and end of the last share or sum read, which a list goes on with
    sentence_names = frozenset(lemma(t.text) for t in words if _is_name(t, words)) - sources
    attributed = is_attributed(lowered)
    sentence_words = frozenset(lemma(t.text) for t in words if is_content(t.text) and not _is_name(t, words))
    is_plan = any(word in PLAN_WORDS for word in lowered)
    # Where the sentence first says its figures are parts ("including", "the remaining"): figures after it.
    first_part_word = next(
        (i for i, word in enumerate(lowered) if word in PART_WORDS - {"first"}), len(words)
    )
    # "In Ouest, which contains the capital, about 55,000 people evacuated": an opening place is where
    # the whole sentence is.
    opening = next((i for i, t in enumerate(words) if t.text in CLAUSE_MARKS), len(words))
    opening_places = located_names(words, 0, opening) if lowered[:1] == ["in"] else frozenset()
    row = row_label(text)
    span = time_span(lowered)
    found = []
    figures = extract_figures(text)
    offsets = {number for number, figure in enumerate(figures) if is_time_offset(figure, words, starts)}
    for number, figure in enumerate(figures):
        if number in offsets:
            continue  # "seven years after the founding" is a distance between two moments, not an amount
        first, last = bisect_left(starts, figure.start), bisect_left(starts, figure.end)
        if is_not_a_length(figure, words, first, last):
            continue  # "scored two centuries", "males aged 10 years": no length of time
        head = unit_head(figure, text, words, starts)
        head_before, link = False, None
        if not head and figure.kind == "count" and not figure.unit:
            link = head_link(words, first)  # read once: for what is counted, then for whose it is
            head, head_before = head_written_before(words, link), True
            if head and counts_a_plural_in_parts(figure, head, words[max(0, first - HEAD_REACH) : first]):
                head = ""  # "took 23 wickets at 24.65": 24.65 is no number of wickets (it is an average)
        if not head:
            continue
        if figure.kind == "count" and PARTICIPLE not in head and normal_head(head) not in CUMULATIVE_HEADS:
            closing = list_outcome(words, last)
            if closing:
                head = normal_head(
                    f"{head}{PARTICIPLE}{closing}"
                )  # "893 civilians and 111 agents were injured"
        collective = collective_noun(words, first)
        if collective and figure.kind == "count":
            head = collective  # "a capacity of 90,000 people" counts a capacity, not people
        if figure.kind == "money" or head in ("percent", "fraction"):
            bare = head
            noun = object_noun(words, first, last)  # what the sum or the share is of
            if noun:
                head = f"{head} {SHARE_SYNONYMS.get(noun, noun)}"
            elif listed is not None and listed[0].startswith(bare) and in_a_list(words, listed[1], first):
                head = listed[0]  # "reductions of 60% (Auvert), 51% (Bailey)": the list's noun
            if bare == "percent" and growth_verb_before(lowered, first) is not None:
                head = "percent growth"  # "the economy grew 6.0%", "grew by 6.0%": a growth rate
            elif head.startswith("percent") and first and lowered[first - 1] == "by":
                head = f"change {head}"  # "reduced incidence by 51%": a change, not a level
            listed = (head, last)
        nearby = words[max(0, first - WINDOW) : first] + words[last : last + WINDOW]
        context = frozenset(lemma(t.text) for t in nearby if is_content(t.text)) - {
            head,
            head.partition(PARTICIPLE)[0],
        }
        clause_start, clause_end = clause_bounds(words, first, last)
        around = words[clause_start:clause_end]
        names = frozenset(lemma(t.text) for t in around if _is_name(t, words)) - sources
        verb = governing_verb(words[max(0, first - VERB_REACH) : first])
        if head in GENERIC_HEADS and verb in DEATH_VERBS:
            head = "death"  # "killed 842 people" counts deaths, as "842 people were killed" does
        increment = any(t.text.lower() in INCREMENT_WORDS for t in words[max(0, first - 2) : first])
        is_part = increment or first_part_word < first
        modality = modality_of(is_part, is_disputed(words, lowered, clause_start, clause_end), is_plan)
        clause_span = (around[0].start, around[-1].end) if around else (figure.start, figure.end)
        # The frames whose dates lie inside the clause: a bisection, so many figures and dates stay linear.
        low, high = bisect_left(frame_starts, clause_span[0]), bisect_left(frame_starts, clause_span[1])
        inside = located[low : min(high, low + NEAR_FRAMES_CAP)]
        near = tuple(frame for _, end, frame in inside if end <= clause_span[1])
        places = (located_names(words, clause_start, clause_end) or opening_places) - sources
        if any(t.text.lower() in WHOLE_SCOPE for t in around):
            names = names | {WHOLE}  # "nationwide as many as 1,600": the whole, not the place named before
        found.append(
            Quantity(
                index,
                figure,
                head,
                context,
                frames,
                names,
                verb,
                increment,
                subject=bracketed_name(words, last) or share_subject(figure, words, lowered, first),
                sentence_names=sentence_names,
                attributed=attributed,
                modality=modality,
                near_frames=near if near and several_times else (),
                head_before=head_before,
                sentence_words=sentence_words,
                places=places,
                own_names=(
                    (own_name_before_head(words, link) if head_before else own_name(words, first, last))
                    if figure.kind == "count"
                    else frozenset()
                ),
                relative_time=bool(offsets),
                statistic=statistic(around, words, first, last),
                row=row,
                span=None if head.partition(PARTICIPLE)[0] in TIME_UNITS else span,  # "24 months" is the span
                # a participle after the count says what happened to it; the verb before says what its
                # sentence's subject did ("The Luftwaffe lost 300 aircraft destroyed"): no one doer
                agent=frozenset() if PARTICIPLE in head else agent_before(words, first, clause_start),
            )
        )
    roles = frozenset((noun_of(quantity), role) for quantity in found if (role := role_of(quantity)))
    record = is_record(found)
    if record or roles:
        found = [replace(quantity, record=record, roles=roles) for quantity in found]
    rank_base = Quantity(index, found[0].figure if found else None, "", frozenset(), frames, row=row)
    for rank in ranks(text, words):
        rank_start, rank_end = clause_bounds(words, rank.first, rank.last)
        around = words[rank_start:rank_end]
        nearby = words[max(0, rank.first - WINDOW) : rank.first] + words[rank.last : rank.last + WINDOW]
        found.append(
            replace(
                rank_base,
                figure=rank.figure,
                head=rank.head,
                context=frozenset(lemma(t.text) for t in nearby if is_content(t.text)) | {rank.scope} - {""},
                names=frozenset(lemma(t.text) for t in around if _is_name(t, words)) - sources - {rank.scope},
                sentence_names=sentence_names,
                attributed=attributed,
                modality=modality_of(False, is_disputed(words, lowered, rank_start, rank_end), is_plan),
                sentence_words=sentence_words,
                kind_words=rank.kind_words,
                scope=rank.scope,
                own_names=rank_owner(words, rank.first),
            )
        )
    return found


# Ranks (issue 18): "the second-largest proven petroleum reserves", "Saudi oil reserves are the second
# largest in the world", "the third most populous city in Alabama". A rank is a figure of its own kind:
# its value is the place (1 for "the largest"), what it counts is the superlative and the noun.
SUPERLATIVES = {
    "largest": "largest",
    "biggest": "largest",
    "smallest": "smallest",
    "busiest": "busiest",
    "oldest": "oldest",
    "longest": "longest",
    "tallest": "tallest",
    "highest": "highest",
    "richest": "richest",
    "poorest": "poorest",
    "populous": "populous",  # after "most"
}
ORDINALS = {
    word: place
    for place, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), start=1
    )
}
# Words for one commodity: "petroleum reserves" and "oil reserves" are one kind of reserve.
KIND_SYNONYMS = {"petroleum": "oil", "crude": "oil"}
RANK_NOUN_REACH = 4  # words of the noun phrase after a superlative
RANK_LINKS = frozenset({"is", "are", "was", "were", "remains", "remain", "became", "become"})
RANK_SCOPE_REACH = 4
NOT_A_PLACE = frozenset({"one", "among", "some", "several", "many", "two", "three"})  # "one of the largest"
# Scopes a rank may be in without naming it: "in the state" may be the state another sentence names.
GENERIC_SCOPES = frozenset({"state", "country", "nation", "city", "region", "province", "county"})
WORLD_WORDS = frozenset({"worldwide", "world", "globally", "global"})


@dataclass(frozen=True)
class Rank:
    figure: Figure
    head: str
    first: int
    last: int
    scope: str  # what it is ranked in ("world", "state", "alabama"), or ""
    kind_words: frozenset[str]


def ranks(text: str, words: list[Token]) -> list[Rank]:
    """Return the ranks a sentence states: an ordinal (or none: first) and a superlative, with the noun
    after it or, in "X reserves are the second largest", before the linking verb; "one of the largest"
    and "among the largest" are no rank. Linear: each superlative looks a few words either way."""
    found = []
    for position, token in enumerate(words):
        lowered = token.text.lower()
        ordinal_word, _, superlative = lowered.rpartition("-")
        superlative = SUPERLATIVES.get(superlative)
        if superlative is None:
            continue
        start = position
        if superlative == "populous":
            if _word_at(words, position - 1) != "most":
                continue
            start -= 1
            ordinal_word = ordinal_word or _word_at(words, start - 1)
        elif not ordinal_word:
            ordinal_word = _word_at(words, position - 1)
            if ordinal_word == "-":  # "12th-largest"
                ordinal_word = _word_at(words, position - 2)
        place = ORDINALS.get(ordinal_word) or _numeric_ordinal(ordinal_word)
        if place and ordinal_word not in lowered:
            start -= 2 if _word_at(words, start - 1) == "-" else 1
        place = place or 1
        if _word_at(words, start - 1) != "the" and not _word_at(words, start - 1).endswith(("'s", "’s")):
            continue  # "largest" with no article: not a rank ("largest in area")
        if is_one_of_many(words, start):
            continue  # "one of the largest", "one of the world's largest", "among the largest"
        noun_words = _rank_noun_after(words, position + 1)
        end = position + 1 + len(noun_words)
        if not noun_words:
            noun_words = _rank_noun_before(words, start - 1)
        if not noun_words:
            continue
        noun = lemma(noun_words[-1].text)
        kinds = frozenset(lemma(t.text) for t in noun_words[:-1])
        if _word_at(words, end) == "of" and end + 1 < len(words) and is_content(words[end + 1].text):
            kinds |= {lemma(words[end + 1].text)}  # "the largest producer of dates": a kind of producer
        kinds = frozenset(KIND_SYNONYMS.get(word, word) for word in kinds) - {"proven", "proved", "known"}
        scope = _rank_scope(words, start, end)
        written = text[words[start].start : token.end]
        figure = Figure(written, words[start].start, token.end, Decimal(place), None, noun, "exact", "rank")
        found.append(Rank(figure, f"rank {superlative} {noun}", start, end, scope, kinds))
    return found


RANK_OWNER_SKIPS = frozenset({"the", "both", "also", "still", "now"})


def rank_owner(words: list[Token], start: int) -> frozenset[str]:
    """Return the name that "has" a rank ("Vell Petroleum has both the largest reserves"): the rank is
    that owner's among its peers (companies), not the country's its article is about; else empty."""
    position = start - 1
    while position > 0 and _word_at(words, position) in RANK_OWNER_SKIPS:
        position -= 1
    if _word_at(words, position) not in OWNING_LINKS:
        return frozenset()
    return own_name(words, position + 1, position + 1)


def is_one_of_many(words: list[Token], start: int) -> bool:
    """Return True when a superlative starting at ``start`` names no place: "one of the largest", "among
    the largest", "one of the world's largest"; but "the center of Vell's second-largest area" does."""
    for back in (2, 3):
        word = _word_at(words, start - back)
        if word in NOT_A_PLACE or (word == "of" and _word_at(words, start - back - 1) in NOT_A_PLACE):
            return True
    return False


def _numeric_ordinal(word: str) -> int | None:
    if len(word) > 2 and word[:-2].isdigit() and word[-2:] in ("st", "nd", "rd", "th"):
        return int(word[:-2])
    return None


def _rank_noun_after(words: list[Token], position: int) -> list[Token]:
    phrase = []
    for token in words[position : position + RANK_NOUN_REACH]:
        if not is_content(token.text) or _is_name(token, words) or token.text.lower() in WORLD_WORDS:
            break  # "the largest oil reserves worldwide": the scope, not the noun
        phrase.append(token)
    return phrase


def _rank_noun_before(words: list[Token], the: int) -> list[Token]:
    """Return the noun phrase before "is/are the ...": "Saudi oil reserves are the second largest"."""
    if _word_at(words, the) != "the" or _word_at(words, the - 1) not in RANK_LINKS:
        return []
    phrase = []
    for token in reversed(words[max(0, the - 1 - RANK_NOUN_REACH) : the - 1]):
        if not is_content(token.text) or _is_name(token, words):
            break
        phrase.append(token)
    return phrase[::-1]


def _rank_scope(words: list[Token], start: int, end: int) -> str:
    """Return what a rank is in: "in the world", "worldwide", "the world's", "in the state", "in Alabama"."""
    if _word_at(words, start - 1) in ("world's", "world’s") or _word_at(words, end) in WORLD_WORDS:
        return "world"
    if start and _word_at(words, start - 1).endswith(("'s", "’s")) and _is_name(words[start - 1], words):
        return lemma(words[start - 1].text)  # "Vell's second-largest area": ranked in Vell
    following = words[end : end + RANK_SCOPE_REACH]
    if following and following[0].text.lower() in ("in", "on"):
        for token in following[1:]:
            if token.text.lower() != "the":
                word = lemma(token.text)
                return "world" if word in WORLD_WORDS else word
    return ""


LOCATIVES = frozenset({"in", "at", "near"})


def located_names(words: list[Token], start: int, end: int) -> frozenset[str]:
    """Return the names the clause ``words[start:end]`` says its figure is in or at: "In Ouest, ... about
    55,000 people", "at the Vell shelter" (a preposition, then at most "the", then the name)."""
    found = set()
    for position in range(start, end):
        if words[position].text.lower() not in LOCATIVES:
            continue
        name = position + 1 + (_word_at(words, position + 1) == "the")
        if name < end and _is_name(words[name], words) and not is_period_label(words, name):
            found.add(lemma(words[name].text))
    return frozenset(found)


def is_period_label(words: list[Token], position: int) -> bool:
    """Return True for a letter written against a number, "Q2" or "H1": a quarter or a half, not a place."""
    letter = words[position]
    following = words[position + 1] if position + 1 < len(words) else None
    return len(letter.text) == 1 and following is not None and following.start == letter.end


RECORD_HEADS = 3  # different things one sentence counts that make it a record ("runs", "wickets", "catches")


def noun_of(quantity: Quantity) -> str:
    """Return what a figure counts, its head noun without the participle ("soldier" for "soldier +
    killed"): the bucket it is compared in, figures of other nouns never being compared."""
    return quantity.head.partition(PARTICIPLE)[0]


def role_of(quantity: Quantity) -> str:
    """Return what happened to what a figure counts: the participle after it ("16 soldiers were
    killed") or the verb before it ("killed more than 70 soldiers"), as one stem; "" when unsaid."""
    participle = quantity.head.partition(PARTICIPLE)[2]
    return verb_stem(participle) if participle else quantity.verb


def is_record(found: list[Quantity]) -> bool:
    """Return True when a sentence counts RECORD_HEADS or more different things: a season's, a career's or
    a census's record ("scored 584 runs ... took 30 wickets ... held 18 catches"). Its scope is said by its
    context (a competition, a season, a place) more than by its words, so two records' figures are told
    apart by what the sentence does not repeat."""
    return len({quantity.head.partition(PARTICIPLE)[0] for quantity in found}) >= RECORD_HEADS


OBJECT_LINKS = HEAD_LINKS | {"around", "about", "estimated", "valued", "worth", "cost", "by", "be", "been"}


def object_noun(words: list[Token], first: int, last: int) -> str:
    """Return the noun a sum or a share is of: written right after it ("a 53% protective efficacy", "6.2%
    growth") or before it ("damage was estimated at US$2.8 billion", "turnout of 43%"), or ""."""
    if last < len(words) and is_content(words[last].text) and not _is_name(words[last], words):
        # The noun phrase right after it, up to three words: its last word is what it is of ("a 51%
        # relative risk reduction", "a 53% protective efficacy", "6.2% growth in").
        end = last
        while end < min(len(words), last + 3) and is_content(words[end].text):
            end += 1
        return lemma(words[end - 1].text)
    lowest = max(0, first - HEAD_REACH)
    position = first - 1
    while position >= lowest and words[position].text.lower() in QUALIFIER_WORDS | OBJECT_LINKS | {"a", "an"}:
        position -= 1
    noun = noun_before(words, position, lowest) if position >= lowest else ""
    return noun.partition(PARTICIPLE)[0]


LIST_TOKENS = frozenset({",", "and", "or", "(", ")", ";"})
LIST_REACH = 6


def in_a_list(words: list[Token], after: int, before: int) -> bool:
    """Return True when only list punctuation and names stand between two figures ("60% (Auvert), 51%")."""
    if before - after > LIST_REACH:
        return False
    return all(t.text in LIST_TOKENS or _is_name(t, words) for t in words[after:before])


def is_attributed(lowered: list[str]) -> bool:
    """Return True when a sentence gives its figures as a source's ("according to the ministry", "the
    government said", "Cousens' estimate of 800,000")."""
    for position, word in enumerate(lowered):
        if word == "according" and position + 1 < len(lowered) and lowered[position + 1] == "to":
            return True
        if word in ATTRIBUTION_WORDS:
            return True
    return False


SOURCE_REACH = 5


def source_names(words: list[Token], lowered: list[str]) -> frozenset[str]:
    """Return the names of whoever a sentence attributes its figures to: after "according to" up to the
    clause's end, and just before an attribution verb ("the Haitian government assessed", "Turkish
    officials said"). They say who counted, not what was counted."""
    found: set[str] = set()
    for position, word in enumerate(lowered):
        if word == "according" and lowered[position + 1 : position + 2] == ["to"]:
            span = according_span(words, position + 2)
        elif word in ATTRIBUTION_WORDS:
            span = []
            for token in reversed(words[max(0, position - SOURCE_REACH) : position]):
                if token.text in CLAUSE_MARKS:
                    break
                span.append(token)
        else:
            continue
        found.update(lemma(t.text) for t in span if _is_name(t, words))
    return frozenset(found)


BRACKETED_REACH = 4  # tokens of a bracketed acronym inside a source's name: "(CatSalut)"


def according_span(words: list[Token], start: int) -> list[Token]:
    """Return the tokens of the source after "according to": up to the clause's end or the first figure,
    through a short bracketed acronym ("the report by the Vell Health Service (VHS) of the Council 1066
    civilians": the Council is the source's, the civilians are not)."""
    end, limit = start, min(len(words), start + CLAUSE_REACH)
    while end < limit and not words[end].text[:1].isdigit():
        if words[end].text == "(":
            closing = next(
                (i for i in range(end + 1, min(limit, end + BRACKETED_REACH)) if words[i].text == ")"), None
            )
            if closing is None:
                break
            end = closing + 1
            continue
        if words[end].text in CLAUSE_MARKS:
            break
        end += 1
    return words[start:end]


# Verbs that give a part's share of a whole: "agriculture accounted for 33%", "industry made up 21%".
SHARE_VERBS = frozenset(
    "accounted accounts account comprised comprises represented represents contributed contributes "
    "constituted constitutes made makes".split()
)


# Verbs that make a percentage a growth rate: "the economy grew 6.0%", "agriculture expanded by 4.1%".
GROWTH_VERBS = frozenset("grew grow grows growing expanded expand expands expanding".split())


def growth_verb_before(lowered: list[str], first: int) -> int | None:
    """Return the position of a growth verb at most ``VERB_REACH`` words before a percentage, past "by",
    "at" and qualifiers ("grew by nearly 6.3%"), else None."""
    lowest = max(0, first - VERB_REACH)
    position = first - 1
    while position > lowest and lowered[position] in GROWTH_LINKS:
        position -= 1
    return position if position >= lowest and lowered[position] in GROWTH_VERBS else None


def share_subject(figure: Figure, words: list[Token], lowered: list[str], first: int) -> frozenset[str]:
    """Return what a share is of when the sentence names it before its verb: "agriculture accounted for
    33%" and "industry accounted for 21%" are two sectors' shares; "agriculture grew 4.1%" and "the
    economy grew 6.0%" two growth rates."""
    if figure.kind not in ("percent", "ratio"):
        return frozenset()
    position = growth_verb_before(lowered, first)
    if position is None:
        position = first - 1
        while position >= max(0, first - VERB_REACH) and words[position].text.lower() not in SHARE_VERBS:
            position -= 1
    if position <= 0 or position < first - VERB_REACH:
        return frozenset()
    noun = words[position - 1]
    if not is_content(noun.text) or _is_name(noun, words) or noun.text.lower().endswith("ly"):
        return frozenset()
    return frozenset({lemma(noun.text)})


def bracketed_name(words: list[Token], after: int) -> frozenset[str]:
    """Return the name in brackets right after a figure ("51% (Bailey)"): the figure's own subject."""
    window = words[after : after + 3]
    if len(window) == 3 and window[0].text == "(" and window[2].text == ")" and window[1].text[:1].isupper():
        return frozenset({lemma(window[1].text)})
    return frozenset()


# Words before or after a number of time units that make it no length of time: an age ("aged 10 years",
# "10 years old", "15 years of age") or a cricketer's hundreds ("scored two centuries").
NOT_A_LENGTH_BEFORE = frozenset({"aged", "age", "ages", "scored", "made", "hit"})
NOT_A_LENGTH_AFTER = frozenset({"old", "older", "younger"})


def is_not_a_length(figure: Figure, words: list[Token], first: int, last: int) -> bool:
    """Return True for a number of time units that is no length of time: an age or a count of hundreds.
    Two such figures are no two lengths of one thing; every other number of time units is compared
    ("served 27 years", "reigned 63 years", "the 872-day siege", "life expectancy was 84 years")."""
    if not is_time_measure(figure):
        return False
    if _word_at(words, first - 1) in NOT_A_LENGTH_BEFORE:
        return True
    after = _word_at(words, last)
    return after in NOT_A_LENGTH_AFTER or (after == "of" and _word_at(words, last + 1) == "age")


def is_time_offset(figure: Figure, words: list[Token], starts: list[int]) -> bool:
    """Return True for a time measured from another moment ("Eight days earlier", "seven years after the
    founding", "two weeks later"): its sentence happened at a time no date says."""
    return is_time_measure(figure) and _word_at(words, bisect_left(starts, figure.end)) in OFFSET_WORDS


def is_time_measure(figure: Figure) -> bool:
    """Return True for a number of time units ("three days", "two centuries")."""
    return figure.kind == "measure" and figure.unit in TIME_UNITS


def own_name_before_head(words: list[Token], link: tuple[int, int] | None) -> frozenset[str]:
    """Return the names right before what a count counts when that was written before it: "According
    to Walsh, Romanian casualties were 158,854" belongs to the Romanians as "16 Turkish soldiers" to the
    Turks. What is counted is one noun and at most one word before it ("Vellian death toll was"), never a
    verb: in "Soviet sources put casualties at 50,000" and "Vell reported casualties of 50,000" the names
    are who counted, not whose casualties. ``link`` is the figure's ``head_link``. Bounded: a few words
    looked at whatever the sentence's length."""
    if link is None:
        return frozenset()
    position = link[0] - 1
    for _ in range(2):  # the counted noun, then at most one word describing it
        if position < 0 or _is_name(words[position], words) or not is_content(words[position].text):
            break
        word = words[position].text.lower()
        if word in PAST_FORMS or word in IRREGULAR_VERBS:  # PAST_FORMS holds every "-ed" word
            return frozenset()  # a verb before the noun: its subject is who said or did it
        position -= 1
    found = []
    while position >= 0 and len(found) < OWN_NAME_REACH and _is_name(words[position], words):
        found.append(words[position])
        position -= 1
    return frozenset(lemma(t.text) for t in found)


def before_qualifiers(words: list[Token], first: int) -> int:
    """Return the position of the word before a figure and its qualifiers ("of" in "a capacity of about
    90,000"), looking back at most HEAD_REACH words; below that reach when every word there qualifies."""
    position, lowest = first - 1, max(0, first - HEAD_REACH)
    while position >= lowest and words[position].text.lower() in QUALIFIER_WORDS:
        position -= 1
    return position


def collective_noun(words: list[Token], first: int) -> str:
    """Return the noun of a group measured whole when a figure follows "<noun> of" ("a population of
    100,000", "a collective capacity of about 90,000"), else ""."""
    position = before_qualifiers(words, first)
    if position < 1 or words[position].text.lower() != "of":
        return ""
    noun = lemma(words[position - 1].text)
    return noun if noun in COLLECTIVE_NOUNS else ""


def own_name(words: list[Token], first: int, last: int) -> frozenset[str]:
    """Return the words of the name a count belongs to: written right after the figure, before what it
    counts ("16 Turkish soldiers"), or right before "has" or "with" ("the Vell Infirmary Medical Center
    has 704 beds", "Springhill Medical Center, with 252 beds"); empty when there is none. Two figures whose
    own names are different ("Vell Infirmary Medical Center", "University of Tarn Medical Center": the
    words they share are generic) are about two things."""
    after = last
    while after < min(len(words), last + OWN_NAME_REACH) and _is_name(words[after], words):
        after += 1
    if after > last and after < len(words) and is_content(words[after].text):
        return frozenset(lemma(t.text) for t in words[last:after])
    position = before_qualifiers(words, first)
    if position < 1 or words[position].text.lower() not in OWNING_LINKS:
        return frozenset()
    position -= 1
    if words[position].text == ",":
        position -= 1
    found: list[Token] = []
    lowest = max(0, position - OWN_NAME_REACH)
    while position >= lowest:
        token = words[position]
        if _is_name(token, words) or (position == 0 and found and opens_a_name(token)):
            # A sentence's capitalised first word before a name is the name's own first word
            # ("Springhill Medical Center, with 252 beds").
            found.append(token)
        elif not (token.text.lower() in NAME_JOINS and position > 0 and _is_name(words[position - 1], words)):
            break
        position -= 1
    return frozenset(lemma(t.text) for t in found)


def opens_a_name(token: Token) -> bool:
    text = token.text
    lowered = text.lower()
    return (
        text[:1].isupper()
        and lowered not in SENTENCE_OPENERS
        and lowered not in STOP_WORDS | NUMBER_WORDS
        and lowered not in MONTHS
    )


def death_cause(words: list[Token], position: int) -> str:
    """Return what a death count says its deaths were from, read at ``position`` ("from disease", "of
    the plague"), else "": deaths from one cause are a part of all deaths."""
    if _word_at(words, position) not in CAUSE_PREPOSITIONS:
        return ""
    position += 1
    if _word_at(words, position) in ("the", "a", "an"):
        position += 1
    if position >= len(words) or not is_content(words[position].text) or _is_name(words[position], words):
        return ""
    return lemma(words[position].text)


def counts_a_plural_in_parts(figure: Figure, head: str, before: list[Token]) -> bool:
    """Return True when a fractional figure would count things written as a plural before it: things
    are counted whole, so the noun is not what the figure measures ("23 wickets at 24.65"; "a
    population of 11.8 million" is whole, "an average of 28.40" counts no plural)."""
    if figure.value == figure.value.to_integral_value():
        return False
    return any(lemma(token.text) == head and token.text.lower() != head for token in before)


def head_written_before(words: list[Token], link: tuple[int, int] | None) -> str:
    """Return what a bare number counts when it was written before it: "the death toll at 546" -> death,
    "the number of police officers injured was 111" -> "officer + injured", or "". ``link`` is the
    figure's ``head_link``."""
    if link is None:
        return ""
    position, lowest = link
    attribution = attribution_before(words, position)
    if attribution is not None:
        # "the total population of Belgium according to its population register was 11,763,650": the
        # source stands between what is counted and its figure; the noun is read before the source.
        noun = noun_before(words, attribution - 1, max(0, attribution - HEAD_REACH))
        if noun:
            return noun
    return noun_before(words, position - 1, lowest)


SOURCE_REACH = 8  # words of a source named between a noun and its figure ("according to its register")


def attribution_before(words: list[Token], link: int) -> int | None:
    """Return where "according to <source>" starts when that phrase ends just before ``link`` (the word
    linking a figure to what it counts), past a comma either side ("the population, according to the
    census, was"): a source of at most ``SOURCE_REACH`` words with no clause mark and no "and" or "or"
    (which would join another clause: "grew according to plan and its strength was"); else None."""
    end = link - 1 if link and words[link - 1].text == "," else link
    for position in range(end - 1, max(0, end - SOURCE_REACH - 2) - 1, -1):
        word = words[position].text
        if word in CLAUSE_MARKS or word.lower() in ("and", "or"):
            return None
        if word.lower() == "to" and position and words[position - 1].text.lower() == "according":
            start = position - 1
            if start and words[start - 1].text == ",":
                start -= 1
            return start
    return None


def head_link(words: list[Token], first: int) -> tuple[int, int] | None:
    """Return the position of the word linking a figure to what it counts written before it ("at" in
    "the death toll at about 546", "were" in "casualties were as high as 1,600") and the lowest position
    the counted noun is looked for at, or None."""
    position = first - 1
    if " ".join(t.text.lower() for t in words[max(0, first - 3) : first]) in HIGH_ESTIMATE_PHRASES:
        position -= 3  # "other estimates were as high as 1,600": a high estimate of the count
    lowest = max(0, position + 1 - HEAD_REACH)
    while position >= lowest and words[position].text.lower() in QUALIFIER_WORDS:
        if words[position].text.lower() == "least":
            position -= 1  # "at least": "at" is the qualifier's here, not a link
        position -= 1  # "at about 546", "to nearly 842"
    if position < lowest or words[position].text.lower() not in HEAD_LINKS:
        return None
    return position, lowest


def noun_before(words: list[Token], position: int, lowest: int) -> str:
    """Return the noun a figure is about, read backwards from ``position``: verbs, adverbs and a
    participle are passed over ("the death toll increased sharply to"), "toll" and "number" give way to
    what they count ("death toll", "number of officers"); "" when there is none."""
    participle = ""
    nouns: list[str] = []
    skipped_name = False
    while position >= lowest:
        word = words[position].text.lower()
        if word in LINKING_VERBS or (word.endswith("ly") and not nouns):
            position -= 1
            continue
        if not nouns and _is_name(words[position], words):
            skipped_name = True  # "the death toll in Vell stood at": the place, then what was counted
            position -= 1
            continue
        if not nouns and skipped_name and word in PLACE_PREPOSITIONS:
            position -= 1
            continue
        if word.endswith("ed") and not nouns and len(word) > 4:
            participle = word
            position -= 1
            continue
        if not is_content(words[position].text):
            break
        nouns.append(lemma(word))
        position -= 1
    if not nouns:
        return ""
    head = nouns[0]
    if head in COUNTING_NOUNS and len(nouns) > 1:
        head = nouns[1]  # "death toll" -> death
    elif head in COUNTING_NOUNS:
        return ""
    return normal_head(f"{head}{PARTICIPLE}{participle}" if participle else head)


# "As many as 1,600": a high estimate of a count, about that value, not a limit (the figure reader reads it
# as "up to"); the detector's bounds and the head written before a figure both read it so.
HIGH_ESTIMATE_PHRASES = ("as many as", "as much as", "as high as")
PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "for", "on"})
QUALIFIER_WORDS = frozenset(
    "about around approximately nearly almost some roughly over under more than less fewer least".split()
)
GROWTH_LINKS = QUALIFIER_WORDS | {"by", "at"}  # between a growth verb and its rate: "grew by nearly 6.3%"


AUXILIARIES = frozenset("had have has were was been are is being".split())


class _PastForms:
    """A word that says what happened to what was counted: a participle or past tense ("killed",
    "died", "fled", "evacuated")."""

    IRREGULAR = frozenset("died fled left lost hurt held taken seen made sent".split())

    def __contains__(self, word: str) -> bool:
        return word in self.IRREGULAR or (word.endswith("ed") and len(word) > 4)


PAST_FORMS = _PastForms()


def normal_head(head: str) -> str:
    """Return one spelling for a casualty count: "fatalities", "the dead", "people killed" and "the death
    toll" are all deaths; any other head as it is."""
    noun, _, participle = head.partition(PARTICIPLE)
    if noun in GENERIC_HEADS and participle in DEATH_PARTICIPLES:
        return "death"
    if (noun in GENERIC_HEADS and participle in DISPLACEMENT_PARTICIPLES) or (
        noun == "refugee" and participle in DISPLACEMENT_PARTICIPLES | {""}
    ):
        return DISPLACED  # "more than 40,000 refugees (fled)", "22,000 people were displaced", "people fled"
    if noun in GENERIC_HEADS and participle in INJURY_PARTICIPLES:
        return "injury"  # "4,000 people were injured" counts injuries, as "1,200 injuries" does
    noun = HEAD_SYNONYMS.get(noun, noun)
    return f"{noun}{PARTICIPLE}{participle}" if participle else noun


def clause_bounds(words: list[Token], first: int, last: int) -> tuple[int, int]:
    """Return where the clause around tokens [first, last) starts and ends: at the nearest clause
    punctuation, at most CLAUSE_REACH tokens either way (so many figures in one long clause stay linear)."""
    start = first
    while start > max(0, first - CLAUSE_REACH) and words[start - 1].text not in CLAUSE_MARKS:
        start -= 1
    end = last
    while end < min(len(words), last + CLAUSE_REACH) and words[end].text not in CLAUSE_MARKS:
        end += 1
    return start, end


def modality_of(is_part: bool, disputed: bool, is_plan: bool) -> str:
    """Return a figure's modality: a part of a whole, a figure its writer disputes, a plan, else actual."""
    return PART if is_part else DISPUTED if disputed else PLAN if is_plan else ACTUAL


def is_disputed(words: list[Token], lowered: list[str], start: int, end: int) -> bool:
    """Return True when the writer calls a figure wrong, in its clause ``words[start:end]`` ("Casualties
    of 40,000 were greatly exaggerated") or in the next clause when that one refers back to it ("120,000
    men perished, but this figure is doubtless exaggerated"); not when the doubt is denied ("the figure
    was not exaggerated")."""
    if doubts(lowered, start, end):
        return True
    if end >= len(words) or words[end].text not in (",", ";"):
        return False
    following_end = clause_bounds(words, end + 1, end + 1)[1]
    following = lowered[end + 1 : following_end]
    # "…, though 120,000 is an exaggerated figure": a clause with a figure of its own doubts that one.
    refers_back = any(word in REFERRING_WORDS for word in following) and not any(
        word[:1].isdigit() for word in following
    )
    return refers_back and doubts(lowered, end + 1, following_end)


REFERRING_WORDS = frozenset({"figure", "number", "estimate", "count", "claim", "total", "toll"})
NEGATIONS = frozenset({"not", "never", "hardly"})


def doubts(lowered: list[str], start: int, end: int) -> bool:
    """Return True when a word of ``lowered[start:end]`` calls a figure wrong, not denied right before."""
    return any(
        lowered[position] in DISPUTED_WORDS and not is_negated(lowered[max(start, position - 2) : position])
        for position in range(start, end)
    )


def is_negated(before: list[str]) -> bool:
    return any(word in NEGATIONS or word.endswith("n't") for word in before)


SPAN_OPENERS = frozenset({"in", "over", "within", "during"})
SPAN_DETERMINERS = frozenset({"the", "past", "last", "first", "almost", "nearly", "about", "some", "over"})
NUMBER_VALUES = {word: Decimal(value) for value, word in enumerate(NUMBER_WORDS_IN_ORDER, start=1)}
DAYS_IN = {
    "second": Decimal(1) / 86400,
    "minute": Decimal(1) / 1440,
    "hour": Decimal(1) / 24,
    "day": 1,
    "week": 7,
    "month": 30,
    "year": 365,
    "decade": 3650,
    "century": 36500,
}


def time_span(lowered: list[str]) -> Decimal | None:
    """Return the length of time, in days, a sentence opens by saying its figures add up over: "In almost
    two and a half years, bonds worth $60 billion have been sold" (912.5), "Over the past 24 months, ..."
    (720); else None. Only an opening phrase closed by a comma counts: "built in 24 months", "killed 300
    people in 10 minutes" or "will evacuate 300 people in 3 days" say how long something took or when it
    will happen, not what a sum is over."""
    if not lowered or lowered[0] not in SPAN_OPENERS:
        return None
    number = 1
    while number < min(len(lowered), 4) and lowered[number] in SPAN_DETERMINERS:
        number += 1
    if number >= len(lowered):
        return None
    written = lowered[number]
    value = NUMBER_VALUES.get(written)
    if value is None and written.replace(",", "").isdigit():
        value = Decimal(written.replace(",", ""))
    if value is None:
        return None
    unit = number + 1
    if lowered[unit : unit + 3] == ["and", "a", "half"]:
        value, unit = value + Decimal("0.5"), unit + 3
    if unit + 1 >= len(lowered) or lemma(lowered[unit]) not in DAYS_IN or lowered[unit + 1] != ",":
        return None
    return value * Decimal(DAYS_IN[lemma(lowered[unit])])


AGENT_REACH = 6  # words before an active verb read as who did it ("the He 111 gruppen lost 165 aircraft")


def agent_before(words: list[Token], first: int, clause_start: int) -> frozenset[str]:
    """Return the describing words of whoever did what the verb right before a figure says, in the active
    voice and in the figure's clause, as the names it has: "the Romanians destroyed 127 Soviet tanks" ->
    {"romanian"}; "the Tarnish air force that destroyed" -> {"tarnish"}; empty when the verb is passive
    ("were destroyed") or measures ("reached"), or the doer has no name ("they", "the storm")."""
    verb = next(
        (
            position
            for position in range(first - 1, max(clause_start, first - VERB_REACH) - 1, -1)
            if governing_verb(words[position : position + 1])
        ),
        None,
    )
    if verb is None or words[verb].text.lower() in MEASURING_VERBS:
        return frozenset()  # "the death toll reached 300": a measure's verb has no doer
    before = verb - 1
    while before >= clause_start and is_adverb_or_perfect(words[before].text):
        before -= 1  # "had already uprooted": the doer is before "had"
    if before < clause_start or words[before].text.lower() in PASSIVE_AUXILIARIES:
        return frozenset()  # "were destroyed": the doer, if said, follows "by"
    # The doer's names back to the clause's start, a few words at most. Only names tell two doers apart:
    # "the storm" and "Hurricane Matthew", "the militants" and "gunmen" may be one doer in other words.
    span = words[max(clause_start, before + 1 - AGENT_REACH) : before + 1]
    return frozenset(lemma(token.text) for token in span if _is_name(token, words))


PERFECT_AUXILIARIES = AUXILIARIES - PASSIVE_AUXILIARIES  # "had", "has", "have"
MEASURING_VERBS = LINKING_VERBS | {"totalled", "totaled", "numbered", "exceeded", "topped", "amounted"}
TIME_ADVERBS = frozenset({"already", "also", "still", "then", "just", "later", "since", "ever", "never"})


def is_adverb_or_perfect(word: str) -> bool:
    """Return True for "had", "has", "have" or an adverb between a doer and its verb ("already",
    "reportedly"); a capitalised "-ly" word is a name ("Italy", "July")."""
    lowered = word.lower()
    adverb = word.islower() and lowered.endswith("ly") and len(lowered) > 3
    return lowered in PERFECT_AUXILIARIES or lowered in TIME_ADVERBS or adverb


VERB_STOPS = frozenset({"(", ")", ";", ":"})  # a verb behind one of these is another clause's


def governing_verb(before: list[Token]) -> str:
    """Return the verb nearest before a figure ("uprooted over 150,000" -> "uproot"), or "". A
    capitalised word is a name's ("the United Kingdom is approximately 243,610 square kilometres")."""
    for token in reversed(before):
        if token.text in VERB_STOPS:
            return ""  # "(84,830 killed, missing and 29,690 wounded) and 143,000": the bracket's verb
        if token.text[:1].isupper():
            continue
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


REPORTING_VERBS = frozenset({"reported", "said", "believed", "thought", "known", "estimated", "feared"})
AUXILIARY_CHAIN = AUXILIARIES | {"have", "be"}
NAMED_PHRASE_REACH = 10


def past_auxiliaries(words: list[Token], after: int) -> int:
    while after < len(words) - 1 and words[after].text.lower() in AUXILIARY_CHAIN:
        after += 1
    return after


def past_named_phrase(words: list[Token], after: int) -> int:
    """Return the token after an "of" phrase of names right after a count ("111 agents of the National
    Police and the Guardia Civil were injured"): whose they are, not what happened to them."""
    if _word_at(words, after) != "of":
        return after
    position, named = after + 1, False
    while position < min(len(words), after + NAMED_PHRASE_REACH):
        token = words[position]
        if _is_name(token, words):
            named = True
        elif token.text.lower() not in ("the", "and"):
            break
        position += 1
    return position if named else after


def unit_head(figure: Figure, text: str, words: list[Token], starts: list[int]) -> str:
    """Return what a figure counts or measures, as one simple lemma ("airstrike", "percent of population"),
    or "" when it says nothing that could be compared."""
    if figure.kind == "count":
        head = lemma(figure.unit.rsplit(" ", 1)[-1]) if figure.unit else ""
        if head in UNCOUNTED_HEADS or not head:
            return ""
        negated = [word for word in figure.unit.lower().split()[:-1] if word.startswith("non-")]
        if negated:
            return f"{negated[-1]} {head}"  # "777 non-fatal casualties" are not all casualties
        # A participle right after the unit says what happened to it: "150 soldiers wounded" is not
        # "20 soldiers" lost. (The figure reader leaves it out of the unit.)
        after = past_named_phrase(words, bisect_left(starts, figure.end + len(figure.unit) + 1))
        after = past_auxiliaries(words, after)  # "20 people had died", "16 soldiers were killed"
        if _word_at(words, after) in REPORTING_VERBS and _word_at(words, after + 1) == "to":
            after = past_auxiliaries(words, after + 2)  # "were reported to have been injured"
        participle = _word_at(words, after)
        if participle in PAST_FORMS and not says_its_outcome(head, words, after):
            head, after = normal_head(f"{head}{PARTICIPLE}{participle}"), after + 1
        else:
            head = normal_head(head)
        cause = death_cause(words, after) if head == "death" else ""
        return f"{head} from {cause}" if cause else head
    if figure.kind == "ratio" and figure.unit == "fraction":
        after = bisect_left(starts, figure.end)
        following = [t.text.lower() for t in words[after : after + 5]]
        if following and following[0] == "of":
            nouns = [w for w in following[1:] if is_content(w) and w not in COUNTING_NOUNS | {"amount"}]
            return f"fraction of {lemma(nouns[0])}" if nouns else "fraction"
        return "fraction"
    if figure.kind == "percent":
        after = bisect_left(starts, figure.end)
        following = [t.text.lower() for t in words[after : after + 4]]
        if following and following[0] == "of":
            nouns = [w for w in following[1:] if is_content(w)]
            return f"percent of {lemma(nouns[0])}" if nouns else "percent"
        return "percent"
    return figure.unit  # a currency code or a measure unit, already one spelling


# Words that make a figure a statistic of a set rather than its sum or one member's value: "the median
# income", "an average of 85 tonnes per day", "the per capita income".
STATISTIC_WORDS = frozenset({"median", "mean", "average", "capita"})
RATE_NOUNS = TIME_UNITS | {"capita", "person", "head", "household", "inhabitant", "resident"}
STATISTIC_AFTER = 6  # words after a figure where "per day" is looked for


def statistic(around: list[Token], words: list[Token], first: int, last: int) -> frozenset[str]:
    """Return which statistic a figure is, from the words of its clause near it: {"median"}, {"average",
    "per day"}, or empty for a plain amount. A median household income is not an income per person, nor
    a sum of grants; an average a day is not the best day's delivery."""
    if not around:
        return frozenset()
    found = set()
    clause_start, clause_end = around[0].start, around[-1].end
    for position in range(max(0, first - WINDOW), min(len(words), last + STATISTIC_AFTER)):
        token = words[position]
        if token.start < clause_start or token.end > clause_end:
            continue  # another clause's words: "..., the best day's average was ..." is not this figure's
        word = token.text.lower()
        if word in STATISTIC_WORDS:
            found.add(word)
        elif word == "per" and lemma(_word_at(words, position + 1)) in RATE_NOUNS:
            found.add(f"per {lemma(_word_at(words, position + 1))}")
    return frozenset(found)


LIST_OUTCOME_REACH = 30  # tokens of a list of counts before the verb that closes it
LIST_ENDS = frozenset({";", ".", ":", "!", "?", "who", "which", "that", "while", "but", "whom", "whose"})


def list_outcome(words: list[Token], after: int) -> str:
    """Return the outcome a list of counts ends with when a count is not the last of it: "893 civilians
    and 111 agents of the National Police were reported to have been injured" says both were injured;
    else "". A verb or a relative clause inside the list ends it ("893 civilians who fled and ...")."""
    listed = False
    for position in range(after, min(len(words), after + LIST_OUTCOME_REACH)):
        word = words[position].text.lower()
        if word in AUXILIARIES:
            verb = past_auxiliaries(words, position)
            if _word_at(words, verb) in REPORTING_VERBS and _word_at(words, verb + 1) == "to":
                verb = past_auxiliaries(words, verb + 2)  # "were reported to have been injured"
            outcome = _word_at(words, verb)
            if _word_at(words, verb + 1) in (",", "or", "and") and _word_at(words, verb + 2) in PAST_FORMS:
                return ""  # "were killed, wounded or captured": casualties of every kind, not deaths
            return outcome if listed and outcome in CUMULATIVE_PARTICIPLES else ""
        if word in LIST_ENDS or word in PAST_FORMS:
            return ""
        listed = listed or word[:1].isdigit()
    return ""


def says_its_outcome(noun: str, words: list[Token], verb: int) -> bool:
    """Return True when a counted noun already says what happened ("800,000 deaths", "1,200 injuries"):
    a verb after it is its sentence's ("deaths relied heavily on the census", "injuries recorded in
    1846"), not another outcome; unless "by" or "to" follows, which gives a cause ("deaths caused by
    typhus", "deaths attributed to cholera": a part of all deaths)."""
    return normal_head(noun) in CUMULATIVE_HEADS and _word_at(words, verb + 1) not in ("by", "to")


def events(index: int, words: list[Token], dates: tuple[DateMention, ...]) -> list[Event]:
    """Return the dated events statement ``index`` states: an event verb, its entity and its date."""
    found = []
    starts = [date.first_token for date in dates]
    for position, token in enumerate(words):
        verb = token.text.lower()
        if verb not in EVENT_CLASSES:
            continue
        date = event_date(position, words, dates, starts)
        if EVENT_CLASSES[verb] in LIFE_EVENTS:
            # One person's birth or death: the name right before the verb ("120,000 labourers died" is
            # many people's deaths, "In Ostrey, Tarn Vellman was born" Tarn Vellman's, not Ostrey's).
            entity = frozenset(lemma(t.text) for t in person_before(words, position))
        else:
            entity = event_entity(position, words, EVENT_CLASSES[verb])
        if date is not None and entity:
            found.append(Event(index, EVENT_CLASSES[verb], verb, entity, date))
    found.extend(named_events(index, words, dates))
    return found


LIFE_EVENTS = frozenset({"born", "died"})


def person_before(words: list[Token], position: int) -> list[Token]:
    """Return the name right before the verb at ``position``, past auxiliaries and an opening bracket,
    as its tokens: "Barack Obama was born", "Tarn Vellman (born 1961)", "Neil Armstrong died", one
    person's birth or death (a capitalised first word of the sentence before a name is the first name);
    [] for "Vellian labourers died" or "many Vellians died" (a group's), or "their father who had died"."""
    before = position - 1
    while before >= 0 and words[before].text.lower() in LIFE_VERB_AUXILIARIES:
        before -= 1
    names: list[Token] = []
    while before >= 0 and len(names) < NOUN_EVENT_REACH:
        token = words[before]
        # "Tarn Vellman died": the sentence's capitalised first word before a name is the first name.
        first_name = before == 0 and bool(names) and token.text[:1].isupper()
        if not (_is_name(token, words) or (first_name and token.text.lower() not in STOP_WORDS)):
            break
        names.insert(0, token)
        before -= 1
    if not names:
        return []
    # "many Vellians died", "120,000 Vellians died", "the Vellians died": a people, not a person; a year
    # before a name dates the death ("In 2011 Vellman died").
    ahead = words[before].text if before >= 0 else ""
    is_year = len(ahead) == 4 and ahead.isdigit()
    return [] if (ahead[:1].isdigit() and not is_year) or ahead.lower() in GROUP_WORDS else names


GROUP_WORDS = frozenset("the many some most several all few more other thousands hundreds millions".split())
LIFE_VERB_AUXILIARIES = PASSIVE_AUXILIARIES | {"had", "has", "("}


# Events told by a noun: "the 1992 Pinatubo eruption", "Pinatubo's 1991 eruption", "the 1991 eruption of
# Pinatubo", "the acquisition of Alcatel-Lucent in 2015". One-off events happen once to an entity; a
# recurring one (an eruption, an earthquake) may happen again, so two dates are only possibly a conflict.
# So may a capture: a town or an island changes hands and is taken again ("Minorca, captured by an
# Anglo-Dutch force in 1704" and "Spanish and French forces captured Minorca" in 1782).
EVENT_NOUNS = {
    "acquisition": "acquired",
    "takeover": "acquired",
    "purchase": "acquired",
    "merger": "merged",
    "founding": "founded",
    "foundation": "founded",
    "independence": "independence",
    "eruption": "eruption",
    "earthquake": "earthquake",
    "birth": "born",
    "death": "died",
}
RECURRING_EVENTS = frozenset({"eruption", "earthquake", "captured"})
NOUN_EVENT_REACH = 4


def named_events(index: int, words: list[Token], dates: tuple[DateMention, ...]) -> list[Event]:
    """Return the events a sentence tells by a noun, each with the name next to it and the date next to
    it: a year right before the noun or its name, or "in"/"on" a date right after "of NAME"."""
    found = []
    by_first = {date.first_token: date for date in dates}
    by_last = {date.last_token: date for date in dates}
    for position, token in enumerate(words):
        event = EVENT_NOUNS.get(token.text.lower())
        if event is None:
            continue
        name_after = _names_forward(words, position + 2) if _word_at(words, position + 1) == "of" else []
        if event in LIFE_EVENTS and not name_after:
            continue  # "the death of Tarn Vellman" is one person's; "the 1918 Vellian death toll" is not
        date = by_last.get(position)  # a date right before the noun
        if date is not None:
            names = _names_back(words, date.first_token) or name_after  # "Pinatubo's 1991 eruption"
        else:
            names = _names_back(words, position)
            if names:
                date = by_last.get(position - len(names))  # "the 1992 Pinatubo eruption"
            else:
                names, after = name_after, position + 2 + len(name_after)
                if _word_at(words, after) in ("in", "on"):
                    date = by_first.get(after + 1)  # "the acquisition of Alcatel-Lucent in 2015"
        if date is not None and names:
            entity = frozenset(lemma(t.text) for t in names)
            found.append(Event(index, event, token.text.lower(), entity, date))
    return found


def _word_at(words: list[Token], index: int) -> str:
    return words[index].text.lower() if 0 <= index < len(words) else ""


def _names_back(words: list[Token], position: int) -> list[Token]:
    names = []
    index = position - 1
    while index >= max(0, position - NOUN_EVENT_REACH) and _is_name(words[index], words):
        names.append(words[index])
        index -= 1
    return names


def _names_forward(words: list[Token], position: int) -> list[Token]:
    names = []
    index = position
    while index < min(len(words), position + NOUN_EVENT_REACH) and _is_name(words[index], words):
        names.append(words[index])
        index += 1
    return names


def event_date(
    position: int, words: list[Token], dates: tuple[DateMention, ...], starts: list[int]
) -> DateMention | None:
    """Return the date an event verb at ``position`` is given: the first after it, else the last before.
    ``starts`` are the dates' first tokens, in order (a bisection, so many verbs and dates stay linear)."""
    at = bisect_right(starts, position)
    if at < len(dates) and dates[at].first_token <= position + DATE_AFTER:
        # "born two years after May 5, 1945": the offset takes the date, which is another moment's; "born
        # two years after the war, on May 5, 1947": the offset takes the war, the date is the birth's.
        found = dates[at]
        offset = is_offset(words[max(position + 1, found.first_token - 2) : found.first_token])
    elif at and position - DATE_BEFORE <= dates[at - 1].last_token <= position:
        # "married on February 2, 1961, six months before Obama was born": a date told apart from the
        # event by a time offset ("six months before", "two years later") is another moment's.
        found = dates[at - 1]
        offset = is_offset(words[found.last_token : position])
    else:
        return None
    return None if offset else found


def is_offset(tokens: list[Token]) -> bool:
    """Return True when ``tokens`` hold a time offset: a unit of time, then "before", "after", "later" …"""
    return any(
        token.text.lower() in OFFSET_WORDS and lemma(previous.text) in TIME_UNITS
        for previous, token in pairwise(tokens)
    )


OBJECT_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "new"})


def event_entity(position: int, words: list[Token], event: str) -> frozenset[str]:
    """Return the names the event is of: the proper nouns and acronyms of its subject, or, for a capture
    or a launch in the active voice, of its object ("captured Loikaw University")."""
    passive = position and words[position - 1].text.lower() in PASSIVE_AUXILIARIES
    after = words[position + 1 : position + 1 + ENTITY_SPAN_AFTER]
    object_named = bool(after) and _is_name(after[after[0].text.lower() == "the" and len(after) > 1], words)
    # "established a football team in 2007": an object follows the verb, so the object is what was
    # founded, and a common noun names no entity (the subject, the university, was founded long before).
    has_object = bool(after) and after[0].text.lower() in OBJECT_DETERMINERS
    if (event in ("launched", "captured") or object_named or has_object) and not passive:
        span = _object_span(after)  # "formed the Northern Front in 2017": the object is what was founded
        head = next((token for token in reversed(span) if token.text[0].isalpha()), None)
        if head is not None and not _is_name(head, words):
            # "captured the British naval base": the object is a base, which its names only describe;
            # "captured the town of Tadef": the name after "of" is what was captured (for a capture only).
            rest = after[len(span) :]
            of_name = event == "captured" and bool(rest) and rest[0].text.lower() == "of"
            span = _names_forward(rest, 1) if of_name else []  # "the first newspaper of Vell" was no city
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
    if token.start == words[0].start:
        # Every sentence's first word is capitalised: only an acronym or a word capitalised inside
        # ("KNPP", "McCormick") shows it is a name there.
        return text.lower() not in SENTENCE_OPENERS and (text.isupper() or not text[1:].islower())
    return text not in CURRENCY_PREFIXES and text not in STATISTIC_LABELS


def read_statement(index: int, text: str) -> tuple[list[Quantity], list[Event]]:
    """Return everything statement ``index`` states that the detector compares."""
    found_quantities, found_events = read_text(text)
    return [replace(q, index=index) for q in found_quantities], [
        replace(e, index=index) for e in found_events
    ]


@lru_cache(maxsize=READ_CACHE_SIZE)
def sentence_frames(text: str) -> tuple[Frame, ...]:
    """Return the time frames a sentence (or a heading) sets; cached like ``read_text``."""
    return tuple(frame for _, _, frame in dated_frames(text, tokens(text)))


def dated_frames(text: str, words: list[Token]) -> tuple:
    """Return the located time frames of ``text`` whose date is no figure: "1066 civilians" counts, it
    does not date (the figure reader tells a year from a count by the noun after it)."""
    spans = sorted((figure.start, figure.end) for figure in extract_figures(text))
    starts = [start for start, _ in spans]
    kept = []
    for start, end, frame in located_frames(text, words):
        # Figures do not overlap one another, so only the last one starting before this date can cover it.
        at = bisect_left(starts, end) - 1
        if at < 0 or spans[at][1] <= start:
            kept.append((start, end, frame))
    return tuple(kept)


def row_label(text: str) -> str:
    """Return the first cell of a table row, lowercased ("| East Flanders | ... | 3,007 km² |" gives
    "east flanders"), or "" for a sentence: a table's first column names what each row is about."""
    if not is_table_row(text):
        return ""
    return " ".join(text.lstrip().removeprefix("|").partition("|")[0].lower().split())


@lru_cache(maxsize=READ_CACHE_SIZE)
def statement_names(text: str) -> frozenset[str]:
    """Return the names (proper nouns, acronyms) a sentence uses, as lemmas."""
    words = tokens(text)
    return frozenset(lemma(t.text) for t in words if _is_name(t, words))


@lru_cache(maxsize=READ_CACHE_SIZE)
def read_text(text: str) -> tuple[tuple[Quantity, ...], tuple[Event, ...]]:
    """Read one sentence; cached, as a save re-reads the whole article and most sentences did not change."""
    words = tokens(text)
    located = dated_frames(text, words)
    frames = tuple(frame for _, _, frame in located)
    return (
        tuple(quantities(-1, text, words, frames, located)),
        tuple(events(-1, words, read_dates(text, words))),
    )
