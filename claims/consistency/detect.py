"""Find statements of one article that give different values for the same quantity, or agree on it.

Two figures are the same quantity only when they count the same thing (the same head noun), are described
by enough of the same words (entity and context), and their statements' time frames agree. Values are
compared with their qualifiers and ranges: equal values agree ("over 477" and "at least 477"); different
values conflict when both cannot be true, or when both are stated the same way ("over 150,000" and "over
180,000": a writer giving a floor means about that much). Dated events of the same entity ("founded in
1953", "emerged on May 2, 1957") conflict when their dates differ at the precision both state.

Precision comes first: a false conflict costs a reviewer time. Work is linear in the statements: figures
are bucketed by head noun and events by class, and each mention is compared with at most ``PAIR_CAP``
later ones in its bucket.

Pure Python, standard library only.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from claims.consistency.dates import Frame
from claims.consistency.mentions import (
    CUMULATIVE_HEADS,
    CUMULATIVE_PARTICIPLES,
    DISPUTED,
    GENERIC_HEADS,
    GENERIC_SCOPES,
    HIGH_ESTIMATE_PHRASES,
    LIFE_EVENTS,
    PARTICIPLE,
    RECURRING_EVENTS,
    WEAK_WORDS,
    WHOLE,
    Event,
    Quantity,
    noun_of,
    read_statement,
    read_text,
    role_of,
    sentence_frames,
    statement_names,
)

CONFLICT, AGREEMENT = "conflict", "agreement"
MIN_SHARED = 2  # describing words two figures must share, besides what they count
MIN_OVERLAP = 0.3  # shared words over the smaller description
MIN_ENTITY_OVERLAP = 0.5
PAIR_CAP = 50
# Units the figure reader takes for counted nouns although they measure ("150 mph").
MEASURE_WORDS = frozenset("mph kph km/h knot inch foot feet cm mbar hpa degree".split())
SMALL_COUNT = 10  # counts below this are compared for agreement only
APPROXIMATE = Decimal("0.1")  # "about 100" covers 90 to 110
# ... but no more than this many units of the last digit the writer wrote: "approximately 243,610
# square kilometres" is given to ten, so it reaches 500 either way and is not 242,500 ("about 1,600",
# given to the hundred, still reaches a tenth of itself).
HEDGE_UNITS = 50
FAMILIES = {
    "exact": "exact",
    "over": "floor",
    "more than": "floor",
    "at least": "floor",
    "up to": "ceiling",
    "fewer than": "ceiling",
    "less than": "ceiling",
    "nearly": "near",
    "almost": "near",
}  # anything else ("about", "some", "estimated") is approximate


@dataclass(frozen=True)
class Statement:
    """A sentence of an article, with where it stands: the heading of its section ("" for the lead) and
    a key its paragraph's statements share (None when unknown: the statement is its own paragraph)."""

    id: int
    text: str
    section: str = ""
    paragraph: object = None


ESTIMATES = "estimates"  # two sources' figures for one quantity: readers are told "estimates differ"
PUBLIC, POSSIBLE = "public", "possible"  # how sure: readers see a public finding; reviewers a possible one


@dataclass(frozen=True)
class Finding:
    """Two statements about one quantity or event: their values as written and why they were paired."""

    kind: str  # CONFLICT, ESTIMATES or AGREEMENT
    first: int  # statement ids, the earlier statement first
    second: int
    first_value: str
    second_value: str
    quantity: str  # what both count or which event both date: "airstrike", "founded"
    shared: tuple[str, ...]  # the words both use for the entity and its context
    level: str = PUBLIC
    why: tuple[str, ...] = ()  # plain words: what makes the pair likely, or only possible

    @property
    def is_raised(self) -> bool:
        """A disagreement: a conflict or differing estimates (an agreement is not)."""
        return self.kind in (CONFLICT, ESTIMATES)

    @property
    def reason(self) -> str:
        said = f"Both give {self.quantity} for: {', '.join(self.shared)}."
        return " ".join((said, *self.why))


def is_compared(text: str) -> bool:
    """Return True when ``text`` states anything the detector compares (a figure or a dated event). A
    statement that states none is in no finding, whatever the others say: adding, changing, moving or
    removing it leaves every finding as it was."""
    quantities, events = read_text(text)
    return bool(quantities or events)


@dataclass(frozen=True)
class Setting:
    """What a statement's surroundings add: the time its paragraph or section sets when it sets none
    (``inherited``), and the names too common in the article to tell two quantities apart."""

    frames: tuple[Frame, ...]
    inherited: bool
    common_names: frozenset[str]
    recurring: frozenset[tuple[str, str]] = frozenset()  # (noun, verb) the article says again and again


def find_findings(statements: Iterable[Statement]) -> tuple[Finding, ...]:
    """Return the conflicts and agreements among ``statements``, at most one per pair (a conflict wins)."""
    statements = list(statements)
    by_head: dict[str, list[Quantity]] = {}
    by_event: dict[str, list[Event]] = {}
    name_counts: Counter[str] = Counter()
    role_counts: Counter[tuple[str, str]] = Counter()
    for index, statement in enumerate(statements):
        found_quantities, found_events = read_statement(index, statement.text)
        for quantity in found_quantities:
            by_head.setdefault(noun_of(quantity), []).append(quantity)  # compared within what it counts
        role_counts.update(statement_roles(found_quantities))
        for event in found_events:
            by_event.setdefault(event.event, []).append(event)
        name_counts.update(statement_names(statement.text))
    common, recurring = judged_against(name_counts, role_counts, len(statements))
    settings = statement_settings(statements, common, recurring)
    pairs: dict[tuple[int, int], Finding] = {}
    for bucket in by_head.values():
        _collect(pairs, statements, bucket, lambda a, b: compare_quantities(a, b, settings))
    for bucket in by_event.values():
        _collect(pairs, statements, bucket, lambda a, b: compare_events(a, b, common))
    return tuple(pairs[key] for key in sorted(pairs))


def statement_roles(quantities) -> set[tuple[str, str]]:
    """Return the (noun, verb) pairs a statement's quantities are said with, each once."""
    return {(noun_of(quantity), role_of(quantity)) for quantity in quantities if role_of(quantity)}


def judged_against(names: Counter, roles: Counter, count: int) -> tuple[frozenset, frozenset]:
    """Return what every pair of an article of ``count`` statements is judged against, from how many
    statements use each name and say each (noun, verb): the names common to the article, and what it
    says again and again ("took 30 wickets": a season's activity, not one event)."""
    common = frozenset(name for name, tally in names.items() if tally > common_limit(count))
    recurring = frozenset(key for key, tally in roles.items() if tally >= recurring_limit(count))
    return common, recurring


def common_limit(count: int) -> int:
    """Return how many statements a name may occur in and still tell two quantities apart: a name in
    more than one statement in twenty (and more than three) is what the whole article is about."""
    return max(COMMON_NAME_MIN, count // COMMON_NAME_SHARE)


COMMON_NAME_MIN, COMMON_NAME_SHARE = 8, 20
RECURRING_MIN, RECURRING_SHARE = 8, 40


def recurring_limit(count: int) -> int:
    """Return in how many statements a verb said of one noun ("took 30 wickets", "captured two villages")
    makes it the article's recurring activity, a season's or a campaign's, rather than one event: in
    eight or more, and in at least one statement in forty."""
    return max(RECURRING_MIN, count // RECURRING_SHARE)


SAME_WORDING = 5  # describing words two sentences share when one restates the other
# Words many organisations' and places' names share: two names sharing only these are two organisations
# ("the General Investment Authority", "the General Authority for Foreign Trade") or two places ("the
# Flemish Region", "the Walloon Region").
GENERIC_NAME_WORDS = frozenset(
    """general national authority company corporation party force army group council committee ministry
    department university bank association foundation organization organisation union front state
    republic united international new central federal region province county district territory
    municipality""".split()
)


def statement_settings(
    statements: list[Statement],
    common: frozenset[str],
    recurring: frozenset[tuple[str, str]] = frozenset(),
    has_sections: bool | None = None,
) -> list[Setting]:
    """Return each statement's time: its own dates, else the last dates stated earlier in its
    paragraph, else its section heading's; linear in the statements. In an article with sections the
    lead (the statements before the first heading) sums the article up: a lead sentence that states no
    time borrows none ("The government assessed the death toll at 546" is the final count, not the
    count on the landfall date its paragraph opened with). ``has_sections`` says whether the whole
    article has sections, when ``statements`` are only a part of it (one section's, as the incremental
    refresh reads them)."""
    settings = []
    if has_sections is None:
        has_sections = any(statement.section for statement in statements)
    heading_frames: dict[str, tuple[Frame, ...]] = {}
    paragraph_frames: tuple[Frame, ...] = ()  # the first dates its paragraph stated: when it is set
    previous = None
    for statement in statements:
        key = (statement.section, statement.paragraph) if statement.paragraph is not None else None
        if key is None or key != previous:
            paragraph_frames = ()
        previous = key
        own = sentence_frames(statement.text)
        if own:
            paragraph_frames = paragraph_frames or own
            settings.append(Setting(own, False, common, recurring))
            continue
        if has_sections and not statement.section:
            settings.append(Setting((), True, common, recurring))  # the lead: a summary, time unknown
            continue
        if paragraph_frames:
            settings.append(Setting(paragraph_frames, True, common, recurring))
            continue
        if statement.section not in heading_frames:
            heading_frames[statement.section] = sentence_frames(statement.section)
        settings.append(Setting(heading_frames[statement.section], True, common, recurring))
    return settings


def _collect(pairs: dict, statements: list[Statement], bucket: list, compare) -> None:
    for position, a in enumerate(bucket):
        for b in bucket[position + 1 : position + 1 + PAIR_CAP]:
            if a.index == b.index:
                continue
            found = compare(a, b)
            if found is None:
                continue
            kind, value_a, value_b, quantity, shared, *rest = found
            level, why = rest if rest else (PUBLIC, ())
            key = (a.index, b.index)
            if key in pairs and not outranks(kind, level, pairs[key]):
                continue
            pairs[key] = Finding(
                kind,
                statements[a.index].id,
                statements[b.index].id,
                value_a,
                value_b,
                quantity,
                shared,
                level,
                why,
            )


def outranks(kind: str, level: str, held: Finding) -> bool:
    """Return True when a new finding on a pair should replace the one held: a disagreement wins over
    an agreement, and a public one over a possible one."""
    if held.kind == AGREEMENT:
        return kind != AGREEMENT
    return kind != AGREEMENT and level == PUBLIC and held.level == POSSIBLE


def compare_quantities(a: Quantity, b: Quantity, settings: list[Setting] | None = None):
    """Return (kind, value a, value b, quantity, shared words, level, why) when two figures are one
    quantity and agree or conflict, else None."""
    setting_a = settings[a.index] if settings else Setting(a.frames, False, frozenset())
    setting_b = settings[b.index] if settings else Setting(b.frames, False, frozenset())
    frames_a, frames_b = a.near_frames or setting_a.frames, b.near_frames or setting_b.frames
    subject = subject_relation(a, b, setting_a.common_names)
    if subject == "different" or not same_entity(a, b, setting_a.common_names) or own_names_differ(a, b):
        return None
    if a.statistic != b.statistic:
        return None  # a median against a sum or an income per person, an average a day against one day
    if a.row and b.row and a.row != b.row:
        return None  # two rows of a table: "East Flanders" and "West Flanders" each have their own area
    if a.relative_time or b.relative_time:
        # "Eight days earlier, ... 551 tons": timed from a moment the sentence does not date, so it can
        # be placed against no other statement's time, and borrows none from its paragraph.
        return None
    if a.figure.kind == "rank" and a.names - setting_a.common_names != b.names - setting_a.common_names:
        # A rank places its subject among its peers: "Saudi Aramco has the largest reserves" (among
        # companies) is not "the country has the second-largest" (among countries).
        return None
    if a.figure.kind == "rank" and (owned_elsewhere(a, b) or owned_elsewhere(b, a)):
        return None  # "Vell Petroleum has the largest reserves" (among firms), "the country has the second"
    shared = a.context & b.context
    strong = shared - WEAK_WORDS - setting_a.common_names
    specific = same_head(a, b) and is_specific(a.head)
    if len(shared - WEAK_WORDS) < MIN_SHARED and not specific:
        return None
    inherited_a = setting_a.inherited and not a.near_frames
    inherited_b = setting_b.inherited and not b.near_frames
    if not frames_overlap(frames_a, frames_b) and inherited_a != inherited_b:
        # A time borrowed from the paragraph against one the sentence states: the sentence may be about
        # another moment than its paragraph ("pre-existing conflict had already uprooted"). Unknown.
        frames_a, frames_b = ((), frames_b) if inherited_a else (frames_a, ())
    if not frames_overlap(frames_a, frames_b):
        if same_head(a, b) and a.modality == b.modality and receding(a, b, frames_a, frames_b):
            why = ("A count that only grows is smaller at the later date.",)
            return ESTIMATES, a.figure.text, b.figure.text, a.head, tuple(sorted(shared)), POSSIBLE, why
        return None
    if DISPUTED in (a.modality, b.modality):
        # A figure its writer calls exaggerated is not the writer's: it neither agrees nor conflicts.
        return None
    kind = compare_values(a.figure, b.figure)
    if kind is None:
        return None
    if a.head.startswith(("percent", "fraction", "change")) and kind != AGREEMENT and subject != "same":
        # A share differs from place to place and year to year: both must state their time, and agree.
        if setting_a.inherited or setting_b.inherited or not frames_a or not frames_b:
            return None
        if len(strong) < (2 if to_the_month(frames_a) and to_the_month(frames_b) else 3):
            return None  # a month both state ties two shares more than a year does: fewer words will do
    if kind == AGREEMENT:
        return kind, a.figure.text, b.figure.text, a.head, tuple(sorted(shared))
    if a.span != b.span:
        return None  # "in two and a half years, $60 billion" is no month's sum ("In January, $7.5 billion")
    # A conflict needs more evidence than an agreement: equal values of one head noun rarely mislead.
    overlap = len(shared) >= MIN_OVERLAP * min(len(a.context), len(b.context))
    same_role = bool(role_of(a)) and role_of(a) == role_of(b)
    if not (overlap or specific or same_role) or not conflict_is_plausible(a, b):
        return None
    if a.modality != b.modality:
        return None  # a plan against an outturn, a part against a whole: both can hold
    if same_role and named_apart(a.agent, b.agent, setting_a.common_names):
        return None  # "the Romanians destroyed 127 tanks", "the Luftwaffe destroyed 300 tanks": two doers
    if fits_in_its_whole(a, b, setting_a.common_names):
        return None  # "In Ouest about 55,000 people evacuated" is a part of "340,000 people had evacuated"
    if one_day_of_the_whole(a, b, frames_a if not inherited_a else (), frames_b if not inherited_b else ()):
        return None  # "destroyed 62 tanks on 20 November" is a part of "destroyed 127 tanks" (undated)
    kind = ESTIMATES if a.attributed or b.attributed else CONFLICT
    level, why = confidence(a, b, setting_a, setting_b, subject, strong, frames_a, frames_b)
    if level is None:
        return None
    return kind, a.figure.text, b.figure.text, a.head, tuple(sorted(shared)), level, why


def confidence(a, b, setting_a, setting_b, subject, strong, frames_a, frames_b) -> tuple[str | None, tuple]:
    """Return (PUBLIC or POSSIBLE, the reasons in words) for a disagreement already found: public needs
    two kinds of evidence that both figures are one quantity, and no sign that they are not; possible
    needs one. With none (only what they count is alike: "355 incorporated cities" and "the 100 largest
    cities", "500 miles inland" and "34,000 miles of shoreline"), (None, ()): not worth a reviewer's time."""
    evidence, doubts = [], []
    same_role = bool(role_of(a)) and role_of(a) == role_of(b)
    if same_role and (noun_of(a), role_of(a)) in setting_a.recurring:
        # "took 30 wickets" and "took 145 wickets": the article tells this again and again (each season,
        # each village captured), so the same verb does not make the two figures one event.
        same_role = False
        doubts.append(f"The article says this happened many times ({role_of(a)}).")
    if same_role:
        evidence.append(f"Both say the same thing happened ({role_of(a)}).")
    recurring = setting_a.recurring
    if (told_again(a, recurring) and told_again(b, recurring)) or a.record or b.record:
        # "scored 738 runs with a highest of 114" and "scored 434 runs ... with a highest of 65": what
        # the article tells season after season, or as a record of several counts, is told in the same
        # words each time, so the words two such figures share tie them to nothing, unless the two
        # sentences use the very same describing words (one sentence told again).
        if a.sentence_words == b.sentence_words:
            evidence.append("Their sentences use the same describing words.")
    elif len(strong) >= MIN_SHARED + 1:
        evidence.append("They share several describing words.")
    elif len(a.sentence_words & b.sentence_words) >= SAME_WORDING:
        evidence.append("Their sentences are worded much alike.")
    if subject == "same":
        evidence.append("They name the same subject.")
    if frames_a and frames_b and not (setting_a.inherited or setting_b.inherited):
        evidence.append("Both state the same time.")
    if is_specific(a.head):
        evidence.append("What they count is specific.")
    if a.head in GENERIC_HEADS and not same_role:
        doubts.append("Both count people without saying what happened to them.")
    if not frames_a or not frames_b:
        doubts.append("One of them states no time, so they may be about different moments.")
    elif setting_a.inherited or setting_b.inherited:
        doubts.append("A time was taken from the paragraph or the section heading.")
    if subject == "unknown":
        doubts.append("They name no common subject.")
    one_place = placed_part(a, b, setting_a.common_names) is not None
    if one_place:
        # "In Ouest, about 55,000 people evacuated" against "340,000 people had evacuated": a place said
        # of one figure only may make it a part of the other.
        doubts.append("Only one of them says where, so it may count a part of the other.")
    if a.scope != b.scope:
        doubts.append("One rank names its place, the other does not, so they may be two rankings.")
    if a.record or b.record:
        # "took 30 wickets" in a first-class season and "took 12 wickets" in one-day games: a record's
        # scope (a competition, a season, a place) is in its context more than in its words.
        doubts.append("One of them is a record of several counts, whose scope its words may not say.")
    generic = a.head in GENERIC_HEADS and not same_role
    timeless = not frames_a or not frames_b or setting_a.inherited or setting_b.inherited
    # Without a time both state, only the same thing happening (the same verb) ties them to one moment.
    sure = (
        len(evidence) >= 2
        and not generic
        and not (timeless and not same_role)
        and not (a.record or b.record)
        and not one_place
        and a.scope == b.scope
    )
    if not evidence:
        return None, ()
    return (PUBLIC if sure else POSSIBLE), tuple(evidence + doubts)


def told_again(quantity: Quantity, recurring: frozenset[tuple[str, str]]) -> bool:
    """Return True when a figure is part of what the article tells again and again: it says the recurring
    activity itself ("took 30 wickets"), or, with no verb of its own, stands in a sentence that does
    ("took 40 wickets at the high average of 34.67": the season's average). A figure with a verb of its
    own is told for itself ("destroyed 2,400 homes" beside "killed 40 people", the storms' refrain)."""
    role = role_of(quantity)
    return (noun_of(quantity), role) in recurring if role else bool(quantity.roles & recurring)


def placed_part(a: Quantity, b: Quantity, common: frozenset[str]) -> Quantity | None:
    """Return the figure of the two that names a place the other does not (it may count a part of the
    other: "In Ouest, about 55,000 people evacuated" against "340,000 people had evacuated"), else None."""
    placed = [quantity for quantity in (a, b) if quantity.places - common]
    return placed[0] if len(placed) == 1 else None


def fits_in_its_whole(a: Quantity, b: Quantity, common: frozenset[str]) -> bool:
    """Return True when one count names a place the other does not and is no larger than the other can
    be: a part of a whole, which both can hold. A part larger than its whole is still raised. Counts and
    sums only: a place's share or rate may be above the whole's as well as below it."""
    part = placed_part(a, b, common)
    if part is None or a.figure.kind not in ("count", "money"):
        return False
    return no_larger(part, b if part is a else a)


def no_larger(part: Quantity, whole: Quantity) -> bool:
    """Return True when the part's value can be no larger than the whole's: its least value is at most
    the whole's greatest (an unbounded whole holds any part)."""
    low, _ = bounds(part.figure)
    _, high = bounds(whole.figure)
    return high is None or low <= high


def one_day_of_the_whole(a: Quantity, b: Quantity, frames_a, frames_b) -> bool:
    """Return True when one count is one day's of a day-by-day account and the other states no time and
    is no smaller: the undated count may be the total of every day ("Romanian forces destroyed 62 Soviet
    tanks on 20 November ..., followed by 65 more on 22 November" against "the Romanians destroyed 127
    Soviet tanks"). The day's sentence must date its counts to two days or more: a one-day event's date
    is the event's, not one day of it ("On 12 January 2010 an earthquake killed 160,000 people" against
    "The earthquake killed 220,000 people" still conflict). A day's count larger than the whole is still
    raised, as are running totals ("as of 15 October") and sums dated to a day (estimates made then)."""
    if bool(frames_a) == bool(frames_b) or a.figure.kind != "count" or b.figure.kind != "count":
        return False
    day, whole = (a, b) if frames_a else (b, a)
    if not all(is_a_day(frame) for frame in frames_a or frames_b):
        return False
    if len({frame.first for frame in day.frames if is_a_day(frame)}) < 2:
        return False
    return no_larger(day, whole)


def is_a_day(frame: Frame) -> bool:
    return frame.relation == "at" and frame.second is None and frame.first.day is not None


def to_the_month(frames: tuple[Frame, ...]) -> bool:
    """Return True when every time frame states a month (or a day) of a year, not a year or a quarter
    only, nor a month of no year."""
    return all(frame.first.month is not None and frame.first.year is not None for frame in frames)


def frames_overlap(first: tuple[Frame, ...], second: tuple[Frame, ...]) -> bool:
    """Return True unless both set time frames and none of one agrees with one of the other."""
    if not first or not second:
        return True
    return any(x.agrees(y) for x in first for y in second)


def frames_agree(a: Quantity, b: Quantity) -> bool:
    """Return True unless both statements set time frames and none of one agrees with one of the other."""
    return frames_overlap(a.frames, b.frames)


def subject_relation(a: Quantity, b: Quantity, common: frozenset[str]) -> str:
    """Return "same" when both figures name a distinctive subject in common, "different" when both name
    distinctive subjects and share none, else "unknown". A name in brackets after a figure ("51%
    (Bailey)") is its subject; else the distinctive names of its clause; else of its sentence."""
    first, second = subject_names(a, common), subject_names(b, common)
    if not first or not second:
        return "unknown"
    shared = first & second
    if shared <= GENERIC_NAME_WORDS and first - shared and second - shared:
        return "different"  # "the Flemish Region (Flanders)" and "the Walloon Region (Wallonia)"
    return "same"


def subject_names(quantity: Quantity, common: frozenset[str]) -> frozenset[str]:
    if quantity.subject:
        return quantity.subject
    if WHOLE in quantity.names:
        return frozenset({WHOLE})
    return (quantity.names - common) or (quantity.sentence_names - common)


def is_specific(head: str) -> bool:
    """Return True for a head that says by itself what is counted: a casualty count, a count with what
    happened to it ("officers + injured"), a sum or share with its noun ("USD damage")."""
    noun, _, participle = head.partition(PARTICIPLE)
    if noun.startswith(("percent", "fraction", "change")):
        return False  # shares of many things share their nouns ("of the population"): never enough alone
    return noun in CUMULATIVE_HEADS or " " in noun or participle in CUMULATIVE_PARTICIPLES


def same_head(a: Quantity, b: Quantity) -> bool:
    """Return True when two figures count the same noun with no different thing happening to it."""
    if noun_of(a) != noun_of(b):
        return False
    first, second = role_of(a), role_of(b)
    if first == second:
        return True  # "16 soldiers were killed", "killed more than 70 soldiers"
    # A verb before one figure only: the other may have left it unsaid. A participle says what it counts.
    participles = PARTICIPLE in a.head or PARTICIPLE in b.head
    return not participles and not (first and second)


def is_cumulative(head: str) -> bool:
    noun, _, participle = head.partition(PARTICIPLE)
    return noun in CUMULATIVE_HEADS or participle in CUMULATIVE_PARTICIPLES


def receding(a: Quantity, b: Quantity, frames_a, frames_b) -> bool:
    """Return True when a count that only grows is smaller at a later date: 842 dead by 7 October and
    546 as of 15 October cannot both be right (a larger later count is a progression, not a conflict)."""
    if not (is_cumulative(a.head) and frames_a and frames_b):
        return False
    first, second = frames_a[0].first, frames_b[0].first
    if (
        first.month is None
        or second.month is None
        or (first.year and second.year and first.year != second.year)
    ):
        return False
    order = ((first.month, first.day or 0), (second.month, second.day or 0))
    if order[0] == order[1]:
        return False
    earlier, later = (a, b) if order[0] < order[1] else (b, a)
    low, _ = bounds(earlier.figure)
    _, high = bounds(later.figure)
    return high is not None and high < low


def same_entity(a: Quantity, b: Quantity, common: frozenset[str] = frozenset()) -> bool:
    """Return False when both figures' clauses name something and share no name ("the Unity Party won
    112 seats", "the Farmers' League won 40 seats"). A source's names ("according to the Generalitat")
    are left out of a figure's names: they say who counted, not what; so are the article's own."""
    return not named_apart(a.names, b.names, common)


def named_apart(first: frozenset[str], second: frozenset[str], common: frozenset[str]) -> bool:
    """Return True when both sides name something besides the article's own names and share none of it:
    two entities (``same_entity``), or two doers of one verb ("the Romanians", "the Tarnish air force")."""
    first, second = first - common, second - common
    return bool(first and second and not first & second)


def own_names_differ(a: Quantity, b: Quantity) -> bool:
    """Return True when both figures belong to a name and neither name holds the other: "the Vell
    Infirmary Medical Center has 704 beds" is not "the University of Tarn Medical Center has 346 beds",
    though both are medical centres; "the Vell Infirmary" may be the first."""
    first, second = a.own_names, b.own_names
    return bool(first and second and not (first <= second or second <= first))


def conflict_is_plausible(a: Quantity, b: Quantity) -> bool:
    """Return False for differing values that are most likely two quantities: small counts (each event's
    "three villages" captured), measures whose clauses share no name, or two different verbs ("attacked
    15 posts", "seized over 100 posts")."""
    bare_percent = a.figure.kind == "percent" and a.head == "percent"
    if not same_head(a, b) or bare_percent or a.increment or b.increment:
        return False  # "3,000 homes" may agree with "3,000 homes destroyed"; a different count may not
    if a.kind_words and b.kind_words and not a.kind_words & b.kind_words:
        return False  # "the fifth-largest natural gas reserves", "the largest oil reserves": two kinds
    if a.scope and b.scope and a.scope != b.scope and not one_named_scope(a.scope, b.scope):
        return False  # "the largest city in the state", "the 40th largest in the nation": two rankings
    if a.figure.kind == "count" and min(a.figure.value, b.figure.value) < SMALL_COUNT:
        return False
    is_measure = a.figure.kind == "measure" or a.head in MEASURE_WORDS
    if is_measure and not a.names & b.names:
        return False  # speeds, distances and durations change from one moment to the next: name the thing
    return not (role_of(a) and role_of(b) and role_of(a) != role_of(b))


def owned_elsewhere(a: Quantity, b: Quantity) -> bool:
    """Return True when a rank has a named owner that the other rank's sentence does not name. The
    article's own names are kept here: "Saudi Aramco" is common in an article on Saudi Arabia's economy,
    yet the company's rank is not the country's."""
    named = b.names | b.own_names | b.sentence_names | b.sentence_words  # a sentence's first word is no name
    return bool(a.own_names) and not a.own_names <= named


def one_named_scope(first: str, second: str) -> bool:
    """Return True when one rank is in a named place and the other in a generic one ("Vell's second-largest
    area", "the third-largest area in the state"): the state may be Vell, so only possibly one ranking."""
    named = [scope not in GENERIC_SCOPES and scope != "world" for scope in (first, second)]
    generic = [scope in GENERIC_SCOPES for scope in (first, second)]
    return (named[0] and generic[1]) or (named[1] and generic[0])


def family(qualifier: str) -> str:
    return FAMILIES.get(qualifier, "approximate")


def figure_family(figure) -> str:
    """Return how a figure bounds its value. "As many as 1,600" is read as "up to", but a writer who says
    it gives a high estimate of the count, not a limit a count of 546 keeps under: it is about 1,600."""
    if figure.text.lower().startswith(HIGH_ESTIMATE_PHRASES):
        return "approximate"
    return family(figure.qualifier)


def bounds(figure) -> tuple[Decimal, Decimal | None]:
    """Return the values a figure allows, as (low, high); high None is unbounded."""
    low, high = figure.value, figure.value_max if figure.value_max is not None else figure.value
    kind = figure_family(figure)
    if kind == "floor":
        return low, None
    if kind == "ceiling":
        return Decimal(0), high
    if kind == "near":
        return low - hedge(figure, low), high
    if kind == "approximate":
        return low - hedge(figure, low), high + hedge(figure, high, last=True)
    return low, high


def hedge(figure, value: Decimal, last: bool = False) -> Decimal:
    """Return how far a hedged value ("about", "nearly") may be off: a tenth of it, or less when the
    writer wrote more digits than a round figure has (a hedge does not unsay the digits it is given).
    ``last``: the value is a range's high end, written last ("about 3,274–4,000")."""
    unit = written_unit(figure, value, last)
    width = abs(value) * APPROXIMATE
    return width if unit is None else min(width, HEDGE_UNITS * unit)


def written_unit(figure, value: Decimal, last: bool = False) -> Decimal | None:
    """Return the place value of the last digit written of ``value`` (the figure's first number, or
    its last), a whole number's trailing zeros being rounding: 100 for "1,600", 10 for "243,610", a
    tenth of a million for "11.8 million"; None for a figure written in words."""
    place = written_place(figure, value, last, zeros_round=True)
    return None if place is None else abs(place)


WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def step(figure) -> Decimal | None:
    """Return the precision a value was written to: 1 for "842", 0.1 billion for "$2.2 billion"."""
    return written_place(figure, figure.value)


def written_place(figure, value: Decimal, last: bool = False, zeros_round: bool = False) -> Decimal | None:
    """Return the place value of the last digit written of ``value``, in its own units ("billion"): from
    the figure's first number, or its last; with ``zeros_round``, a whole number's trailing zeros are
    rounding, not digits ("1,600" is written to the hundred). None for a figure written in words."""
    if last:
        match = next(reversed(list(WRITTEN_NUMBER.finditer(figure.text))), None)
    else:
        match = WRITTEN_NUMBER.search(figure.text)
    if match is None:
        return None
    digits = match.group().replace(",", "")
    written = Decimal(digits)
    if not written:
        return None
    if match.group(1) is not None:
        place = Decimal(1).scaleb(-len(match.group(1)))
    elif zeros_round:
        place = Decimal(10) ** (len(digits) - len(digits.rstrip("0")))
    else:
        place = Decimal(1)
    return value / written * place


def rounds_to(a, b) -> bool:
    """Return True when the less precise value is the other rounded to its precision."""
    steps = [value for value in (step(a), step(b)) if value is not None]
    if len(steps) < 2:
        return False
    return abs(a.value - b.value) * 2 <= max(steps)


def compare_values(a, b) -> str | None:
    """Return AGREEMENT for the same value stated compatibly, CONFLICT when both cannot be true or when
    the same kind of qualifier states different values, else None (compatible, nothing to say)."""
    families = {figure_family(a), figure_family(b)}
    if (a.value, a.value_max) == (b.value, b.value_max):
        return None if families == {"floor", "ceiling"} else AGREEMENT
    if families == {"exact"} and a.value_max is None and b.value_max is None and rounds_to(a, b):
        return AGREEMENT  # "$2.2 billion" is "US$2.21 billion" written to one decimal
    if len(families) == 1 and families <= {"floor", "ceiling"}:
        return CONFLICT  # "over 150,000" and "over 180,000": two different floors for one count
    (low_a, high_a), (low_b, high_b) = bounds(a), bounds(b)
    disjoint = (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a)
    return CONFLICT if disjoint else None


def compare_events(a: Event, b: Event, common: frozenset[str] = frozenset()):
    """Return (kind, date a, date b, event, shared names) for two datings of one entity's event.

    One entity's names must hold the other's ("the KNDF" is "the Karenni Nationalities Defense Force
    (KNDF)"; "the General Authority for Foreign Trade" is not "the Saudi Arabian General Investment
    Authority"), judged on the names that are not common to the whole article when both have some."""
    first, second = a.entity - common, b.entity - common
    if not (first and second):
        first, second = a.entity, b.entity
    shared = first & second
    if not shared or shared not in (first, second) or shared <= GENERIC_NAME_WORDS:
        return None
    if a.event in LIFE_EVENTS and first != second and len(shared) < 2:
        return None  # "Tarn Vellman was born" and "his father Ostan Vellman was born": a family name
    kind = AGREEMENT if a.date.when.agrees(b.date.when) else CONFLICT
    if kind == CONFLICT and a.event in RECURRING_EVENTS and years_apart(a.date.when, b.date.when) > 1:
        return None  # "captured by an Anglo-Dutch force in 1704" and again in 1782: two captures
    if kind == CONFLICT and a.event in RECURRING_EVENTS:
        why = ("The same kind of event may have happened to it twice: only possibly one event.",)
        return kind, a.date.text, b.date.text, a.event, tuple(sorted(shared)), POSSIBLE, why
    return kind, a.date.text, b.date.text, a.event, tuple(sorted(shared))


def years_apart(first, second) -> int:
    """Return how many years lie between two dates that both state a year, else 0 (unknown). An event
    that may recur, dated a year apart, may be one event misdated ("the 1991 eruption of Pinatubo", "the
    1992 Pinatubo eruption"); dated further apart, it happened twice."""
    if first.year is None or second.year is None:
        return 0
    return max(
        0, max(first.year, second.year) - min(first.last_year or first.year, second.last_year or second.year)
    )
