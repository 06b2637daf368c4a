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

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from claims.consistency.mentions import PARTICIPLE, WEAK_WORDS, Event, Quantity, read_statement, read_text

CONFLICT, AGREEMENT = "conflict", "agreement"
MIN_SHARED = 2  # describing words two figures must share, besides what they count
MIN_OVERLAP = 0.3  # shared words over the smaller description
MIN_ENTITY_OVERLAP = 0.5
PAIR_CAP = 50
# Units the figure reader takes for counted nouns although they measure ("150 mph").
MEASURE_WORDS = frozenset("mph kph km/h knot inch foot feet cm mbar hpa degree".split())
SMALL_COUNT = 10  # counts below this are compared for agreement only
APPROXIMATE = Decimal("0.1")  # "about 100" covers 90 to 110
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
    id: int
    text: str


@dataclass(frozen=True)
class Finding:
    """Two statements about one quantity or event: their values as written and why they were paired."""

    kind: str  # CONFLICT or AGREEMENT
    first: int  # statement ids, the earlier statement first
    second: int
    first_value: str
    second_value: str
    quantity: str  # what both count or which event both date: "airstrike", "founded"
    shared: tuple[str, ...]  # the words both use for the entity and its context

    @property
    def reason(self) -> str:
        return f"Both give {self.quantity} for: {', '.join(self.shared)}."


def is_compared(text: str) -> bool:
    """Return True when ``text`` states anything the detector compares (a figure or a dated event). A
    statement that states none is in no finding, whatever the others say: adding, changing, moving or
    removing it leaves every finding as it was."""
    quantities, events = read_text(text)
    return bool(quantities or events)


def find_findings(statements: Iterable[Statement]) -> tuple[Finding, ...]:
    """Return the conflicts and agreements among ``statements``, at most one per pair (a conflict wins)."""
    statements = list(statements)
    by_head: dict[str, list[Quantity]] = {}
    by_event: dict[str, list[Event]] = {}
    for index, statement in enumerate(statements):
        found_quantities, found_events = read_statement(index, statement.text)
        for quantity in found_quantities:
            by_head.setdefault(quantity.head.split(PARTICIPLE)[0], []).append(quantity)
        for event in found_events:
            by_event.setdefault(event.event, []).append(event)
    pairs: dict[tuple[int, int], Finding] = {}
    for bucket in by_head.values():
        _collect(pairs, statements, bucket, compare_quantities)
    for bucket in by_event.values():
        _collect(pairs, statements, bucket, compare_events)
    return tuple(pairs[key] for key in sorted(pairs))


def _collect(pairs: dict, statements: list[Statement], bucket: list, compare) -> None:
    for position, a in enumerate(bucket):
        for b in bucket[position + 1 : position + 1 + PAIR_CAP]:
            if a.index == b.index:
                continue
            found = compare(a, b)
            if found is None:
                continue
            kind, value_a, value_b, quantity, shared = found
            key = (a.index, b.index)
            if key in pairs and not (kind == CONFLICT and pairs[key].kind == AGREEMENT):
                continue
            pairs[key] = Finding(
                kind, statements[a.index].id, statements[b.index].id, value_a, value_b, quantity, shared
            )


def compare_quantities(a: Quantity, b: Quantity):
    """Return (kind, value a, value b, quantity, shared words) when two figures are one quantity and
    agree or conflict, else None."""
    if not frames_agree(a, b) or not same_entity(a, b):
        return None
    shared = a.context & b.context
    strong = shared - WEAK_WORDS
    if len(strong) < MIN_SHARED:
        return None
    kind = compare_values(a.figure, b.figure)
    if kind is None:
        return None
    # A conflict needs more evidence than an agreement: equal values of one head noun rarely mislead.
    overlap = len(shared) >= MIN_OVERLAP * min(len(a.context), len(b.context))
    if kind == CONFLICT and not (overlap and conflict_is_plausible(a, b)):
        return None
    return kind, a.figure.text, b.figure.text, a.head, tuple(sorted(shared))


def frames_agree(a: Quantity, b: Quantity) -> bool:
    """Return True unless both statements set time frames and none of one agrees with one of the other."""
    if not a.frames or not b.frames:
        return True
    return any(x.agrees(y) for x in a.frames for y in b.frames)


def same_entity(a: Quantity, b: Quantity) -> bool:
    """Return False when both figures' clauses name something and share no name ("the Unity Party won
    112 seats", "the Farmers' League won 40 seats")."""
    return not (a.names and b.names and not a.names & b.names)


def conflict_is_plausible(a: Quantity, b: Quantity) -> bool:
    """Return False for differing values that are most likely two quantities: small counts (each event's
    "three villages" captured), measures whose clauses share no name, or two different verbs ("attacked
    15 posts", "seized over 100 posts")."""
    if a.head != b.head or (a.figure.kind == "percent" and a.head == "percent") or a.increment or b.increment:
        return False  # "3,000 homes" may agree with "3,000 homes destroyed"; a different count may not
    if a.figure.kind == "count" and min(a.figure.value, b.figure.value) < SMALL_COUNT:
        return False
    is_measure = a.figure.kind == "measure" or a.head in MEASURE_WORDS
    if is_measure and not a.names & b.names:
        return False  # speeds, distances and durations change from one moment to the next: name the thing
    return not (a.verb and b.verb and a.verb != b.verb)


def family(qualifier: str) -> str:
    return FAMILIES.get(qualifier, "approximate")


def bounds(figure) -> tuple[Decimal, Decimal | None]:
    """Return the values a figure allows, as (low, high); high None is unbounded."""
    low, high = figure.value, figure.value_max if figure.value_max is not None else figure.value
    kind = family(figure.qualifier)
    if kind == "floor":
        return low, None
    if kind == "ceiling":
        return Decimal(0), high
    if kind == "near":
        return low * (1 - APPROXIMATE), high
    if kind == "approximate":
        return low * (1 - APPROXIMATE), high * (1 + APPROXIMATE)
    return low, high


def compare_values(a, b) -> str | None:
    """Return AGREEMENT for the same value stated compatibly, CONFLICT when both cannot be true or when
    the same kind of qualifier states different values, else None (compatible, nothing to say)."""
    families = {family(a.qualifier), family(b.qualifier)}
    if (a.value, a.value_max) == (b.value, b.value_max):
        return None if families == {"floor", "ceiling"} else AGREEMENT
    if len(families) == 1 and families <= {"floor", "ceiling"}:
        return CONFLICT  # "over 150,000" and "over 180,000": two different floors for one count
    (low_a, high_a), (low_b, high_b) = bounds(a), bounds(b)
    disjoint = (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a)
    return CONFLICT if disjoint else None


def compare_events(a: Event, b: Event):
    """Return (kind, date a, date b, event, shared names) for two datings of one entity's event."""
    shared = a.entity & b.entity
    if not shared or len(shared) < MIN_ENTITY_OVERLAP * min(len(a.entity), len(b.entity)):
        return None
    kind = AGREEMENT if a.date.when.agrees(b.date.when) else CONFLICT
    return kind, a.date.text, b.date.text, a.event, tuple(sorted(shared))
