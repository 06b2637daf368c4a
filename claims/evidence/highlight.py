"""Cut a sentence or a passage into plain and marked pieces, for the reviewer's workbench.

The template escapes every piece; nothing here produces markup.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from claims.evidence.values import _STEM as STEM
from claims.evidence.values import _SYNONYM_GROUP as SYNONYM_GROUP
from claims.evidence.values import (
    BOUND_REACH,
    LOWER_BOUNDS,
    UPPER_BOUNDS,
    Interval,
    claimed_interval,
    is_bound,
    stated_interval,
    supports,
)
from claims.figures import Figure, extract_figures


@dataclass(frozen=True)
class Segment:
    text: str
    is_marked: bool = False
    near_miss_of: str = ""  # a value of the same kind of thing as this claimed figure, but another value


def segments(text: str, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    """Return ``text`` as pieces with the given [start, end) spans marked; overlapping or out-of-range
    spans are dropped."""
    pieces: list[Segment] = []
    position = 0
    for start, end in sorted(spans):
        if start < position or not 0 <= start < end <= len(text):
            continue
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], is_marked=True))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return tuple(pieces)


def stated_spans(passage: str, figures: Iterable[Figure]) -> tuple[tuple[int, int], ...]:
    """Return the spans of the passage's figures that state the value of one of ``figures``.

    The claimed figures are indexed (``StatedIndex``), so each figure of the passage costs a few
    look-ups, whatever the number of claimed figures."""
    index = StatedIndex(figures)
    return tuple((stated.start, stated.end) for stated in extract_figures(passage) if index.supported(stated))


def stated_figures(
    passage: str, figures: Iterable[Figure]
) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Return the spans of the passage that state a claimed value (``stated_spans``) and the positions of
    the claimed figures some figure of the passage states, reading the passage once."""
    spans_index, claimed_index = StatedIndex(figures), StatedIndex(figures)
    spans, stated = [], []
    for figure in extract_figures(passage):
        if spans_index.supported(figure):
            spans.append((figure.start, figure.end))
        stated.extend(claimed_index.take(figure))
    return tuple(spans), tuple(sorted(stated))


def near_misses(
    passage: str, figures: Iterable[Figure], supported: Iterable[tuple[int, int]] = ()
) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, claimed text) of the passage's figures that count or measure the same kind of
    thing as a claimed figure with another value: "310 homes" where the claim says 950 homes. A count
    must name what it counts, as the claim does, so a bare number is never a near miss. ``supported``
    are the spans that state a claimed value (``stated_spans``): never near misses.

    The claimed figures are indexed by what they count or measure, so each figure of the passage costs
    a look-up, whatever the number of claimed figures."""
    index = _quantity_index(figures)
    supported = set(supported)
    found = []
    for stated in extract_figures(passage):
        if (stated.start, stated.end) in supported:
            continue
        missed = next((index[key] for key in _quantity_keys(stated) if key in index), None)
        if missed is not None:
            found.append((stated.start, stated.end, missed.text))
    return tuple(found)


def _quantity_keys(figure: Figure) -> tuple[tuple, ...]:
    """Return the keys under which two figures count or measure the same thing (``same_family`` and, for
    counts, ``nouns_agree`` with both nouns given)."""
    if figure.kind == "percent":
        return (("percent",),)
    if figure.kind != "count":
        return ((figure.kind, figure.unit),)
    stems = {word[:STEM] for word in figure.unit.split()}
    return (
        *(("count", stem) for stem in sorted(stems)),
        *(("count-group", SYNONYM_GROUP[stem]) for stem in sorted(stems) if stem in SYNONYM_GROUP),
    )


def _quantity_index(figures: Iterable[Figure]) -> dict[tuple, Figure]:
    index: dict[tuple, Figure] = {}
    for figure in figures:
        for key in _quantity_keys(figure):
            index.setdefault(key, figure)
    return index


def passage_segments(
    passage: str, figures: Iterable[Figure], stated: Iterable[tuple[int, int]]
) -> tuple[Segment, ...]:
    """Return the passage cut into pieces: the ``stated`` spans marked, and each near miss of a claimed
    figure marked with the figure it misses."""
    stated = tuple(stated)
    misses = {(start, end): claimed for start, end, claimed in near_misses(passage, figures, stated)}
    pieces = segments(passage, [*stated, *misses])
    out, position = [], 0
    for piece in pieces:
        span = (position, position + len(piece.text))
        position = span[1]
        if piece.is_marked and span in misses:
            piece = Segment(piece.text, is_marked=True, near_miss_of=misses[span])
        out.append(piece)
    return tuple(out)


def _family(figure: Figure) -> tuple:
    """Return what two figures share when they measure the same kind of thing (``same_family``)."""
    return (figure.kind,) if figure.kind in ("count", "percent") else (figure.kind, figure.unit)


def _precision(value: Decimal) -> tuple[int, Decimal]:
    """Return the exponent a value is written at (as ``rounds_to`` reads it) and the value normalised."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return (exponent if isinstance(exponent, int) else 0), normal


def _roundings(value: Decimal, exponent: int) -> set[Decimal]:
    """Return the values ``value`` may be written as at ``exponent`` (both ways at a half)."""
    step = Decimal(1).scaleb(exponent)
    try:
        return {value.quantize(step, rounding=way).normalize() for way in (ROUND_HALF_UP, ROUND_HALF_DOWN)}
    except InvalidOperation:  # a value too long for the context at that precision: no writing of it
        return set()


_ANY_NOUN = ("any",)


def _noun_keys(claimed: Figure) -> tuple[tuple, ...]:
    """Return the keys a claimed figure is filed under for ``nouns_agree``: every kind but counts, and
    a count without a noun, agree with anything; a count with a noun with its stems and groups."""
    if claimed.kind != "count" or not claimed.unit:
        return (_ANY_NOUN,)
    stems = {word[:STEM] for word in claimed.unit.split()}
    return (
        *(("stem", stem) for stem in sorted(stems)),
        *(("group", SYNONYM_GROUP[stem]) for stem in sorted(stems) if stem in SYNONYM_GROUP),
    )


def _stated_noun_keys(stated: Figure) -> tuple[tuple, ...]:
    """Return the keys under which the claimed figures whose nouns agree with ``stated`` are filed."""
    if stated.kind != "count" or not stated.unit:
        return (_ANY_NOUN, ("all",))
    return (_ANY_NOUN, *_noun_keys(stated))


class _IntervalTree:
    """Closed intervals sorted by their low end, with the highest high end over each node: which of them
    overlap [low, high] is found in a logarithmic time each, and a found one may be removed."""

    def __init__(self, entries: list[tuple[Decimal, Decimal, int]]):
        entries = sorted(entries, key=lambda entry: entry[0])
        self.lows = [entry[0] for entry in entries]
        self.positions = [entry[2] for entry in entries]
        self.size = 1
        while self.size < max(1, len(entries)):
            self.size *= 2
        self.highs: list[Decimal | None] = [None] * (2 * self.size)
        for at, entry in enumerate(entries):
            self.highs[self.size + at] = entry[1]
        for node in range(self.size - 1, 0, -1):
            self.highs[node] = _highest(self.highs[2 * node], self.highs[2 * node + 1])

    def overlapping(self, low: Decimal, high: Decimal, *, remove: bool = False) -> Iterator[int]:
        """Yield the positions of the intervals that overlap [low, high] (the first only, unless
        ``remove``, which yields and removes every one)."""
        limit = bisect_right(self.lows, high)  # intervals starting after ``high`` cannot overlap
        stack = [(1, 0, self.size)]
        while stack:
            node, begin, end = stack.pop()
            if begin >= limit or self.highs[node] is None or self.highs[node] < low:
                continue
            if end - begin == 1:
                yield self.positions[begin]
                if not remove:
                    return
                self.highs[node] = None
                parent = node // 2
                while parent:
                    self.highs[parent] = _highest(self.highs[2 * parent], self.highs[2 * parent + 1])
                    parent //= 2
                continue
            middle = (begin + end) // 2
            stack.append((2 * node + 1, middle, end))
            stack.append((2 * node, begin, middle))


def _highest(one: Decimal | None, other: Decimal | None) -> Decimal | None:
    if one is None:
        return other
    if other is None:
        return one
    return max(one, other)


def _first_lower_in_reach(entries: list[tuple[Decimal, bool, int]], stated: Interval) -> int:
    """Return the first floor (ascending) that ``stated`` lies within reach of (``within_reach``): at
    least half the highest value it writes."""
    highest = stated.farthest_up()
    if highest is None:
        return len(entries)
    return bisect_left(entries, highest / BOUND_REACH, key=lambda entry: entry[0])


def _first_upper_in_reach(entries: list[tuple[Decimal, bool, int]], stated: Interval) -> int:
    """Return the first ceiling (descending) that ``stated`` lies within reach of (``within_reach``): at
    most twice the lowest value it writes."""
    lowest = stated.farthest_down()
    if lowest is None:
        return len(entries)
    return bisect_left(entries, -lowest * BOUND_REACH, key=lambda entry: -entry[0])


def _passes_lower(stated: Interval, bound: tuple[Decimal, bool, int]) -> bool:
    return Interval(bound[0], None, low_open=bound[1]).contains(stated)


def _passes_upper(stated: Interval, bound: tuple[Decimal, bool, int]) -> bool:
    return Interval(None, bound[0], high_open=bound[1]).contains(stated)


class StatedIndex:
    """The claimed figures indexed by what a stated figure must be to support them, so that each stated
    figure costs a few look-ups, not a comparison with every claimed figure. The index only finds
    candidates; ``supports`` (claims.evidence.values) decides each.

    - An exact value is found by rounding the stated value to each precision the claimed values are
      written at (``rounds_to``), or, for a stated range, as a claimed value inside it.
    - An exact range is found by rounding both ends the same way.
    - Bounds ("over 20", "up to 5") sorted from the most permissive: the bounds a stated figure passes
      are a run of them, from the first within its reach (``BOUND_REACH``: a floor at least half the
      stated value, a ceiling at most twice it), found by bisection; taken ones are skipped by links.
    - Any other value (approximate) is an interval, found by overlap (``_IntervalTree``).
    Counts that must name the same thing (all but exact values) are filed under their noun's stems and
    synonym groups (``nouns_agree``).

    ``supported`` answers whether a stated figure supports any claimed one; ``take`` returns every claimed
    figure a stated figure supports that no earlier ``take`` returned, each claimed figure costing its
    look-ups once."""

    def __init__(self, figures: Iterable[Figure]):
        self.figures = tuple(figures)
        self.exact: dict[tuple, list[int]] = defaultdict(list)  # (family, exponent, value) -> positions
        self.exponents: dict[tuple, set[int]] = defaultdict(set)
        self.exact_values: dict[tuple, list[tuple[Decimal, int]]] = defaultdict(list)
        self.ranges: dict[tuple, list[int]] = defaultdict(list)  # (family, noun, e1, v1, e2, v2) -> positions
        self.range_exponents: dict[tuple, set[tuple[int, int]]] = defaultdict(set)
        self.lower: dict[tuple, list[tuple[Decimal, bool, int]]] = defaultdict(list)
        self.upper: dict[tuple, list[tuple[Decimal, bool, int]]] = defaultdict(list)
        intervals: dict[tuple, list[tuple[Decimal, Decimal, int]]] = defaultdict(list)
        for position, figure in enumerate(self.figures):
            family = _family(figure)
            if figure.qualifier == "exact" and not figure.is_range:
                exponent, value = _precision(figure.value)
                self.exact[(family, exponent, value)].append(position)
                self.exponents[family].add(exponent)
                self.exact_values[family].append((figure.value, position))
                continue
            for noun in _noun_keys(figure):
                key = (family, noun)
                all_key = (family, ("all",))
                for filed in (key, all_key) if noun != _ANY_NOUN else (key,):
                    self._file(filed, figure, position, intervals)
        for entries in self.exact_values.values():
            entries.sort()
        for entries in self.lower.values():
            entries.sort(key=lambda entry: (entry[0], entry[1]))
        for entries in self.upper.values():
            entries.sort(key=lambda entry: (-entry[0], entry[1]))
        self.trees = {key: _IntervalTree(entries) for key, entries in intervals.items()}
        self.taken = [False] * len(self.figures)
        self.next_value: dict[tuple, list[int]] = {}  # per family: the next value not taken (skip links)
        self.next_bound: dict[tuple, list[int]] = {}  # per bound list: the next bound not taken (skip links)

    def _file(self, key: tuple, figure: Figure, position: int, intervals: dict) -> None:
        if figure.is_range and figure.qualifier == "exact":
            (e1, v1), (e2, v2) = _precision(figure.value), _precision(figure.value_max)
            self.ranges[(*key, e1, v1, e2, v2)].append(position)
            self.range_exponents[key].add((e1, e2))
        elif figure.qualifier in LOWER_BOUNDS:
            self.lower[key].append((figure.value, LOWER_BOUNDS[figure.qualifier], position))
        elif figure.qualifier in UPPER_BOUNDS:
            self.upper[key].append(
                (figure.value_max or figure.value, UPPER_BOUNDS[figure.qualifier], position)
            )
        else:
            allowed = claimed_interval(figure)
            intervals[key].append((allowed.low, allowed.high, position))

    def supported(self, stated: Figure) -> Figure | None:
        """Return a claimed figure that ``stated`` supports, or None."""
        return next(
            (
                self.figures[p]
                for p in self._candidates(stated, take=False)
                if supports(self.figures[p], stated)
            ),
            None,
        )

    def take(self, stated: Figure) -> list[int]:
        """Return the positions of the claimed figures not taken yet that ``stated`` supports; take them."""
        taken = []
        for position in self._candidates(stated, take=True):
            if not self.taken[position] and supports(self.figures[position], stated):
                self.taken[position] = True
                taken.append(position)
        return taken

    def _candidates(self, stated: Figure, *, take: bool) -> Iterator[int]:
        """Yield positions of claimed figures ``stated`` may support. With ``take``, every such figure
        not yet taken, and what is yielded is not yielded again."""
        family = _family(stated)
        if not is_bound(stated):
            if stated.is_range:
                yield from self._values_inside(family, stated.value, stated.value_max, take=take)
            else:
                for exponent in sorted(self.exponents.get(family, ())):
                    for value in _roundings(stated.value, exponent):
                        yield from self._group(self.exact, (family, exponent, value), stated, take=take)
        values = stated_interval(stated)
        for noun in _stated_noun_keys(stated):
            key = (family, noun)
            if stated.is_range and not is_bound(stated):
                for e1, e2 in sorted(self.range_exponents.get(key, ())):
                    for v1 in _roundings(stated.value, e1):
                        for v2 in _roundings(stated.value_max, e2):
                            yield from self._group(self.ranges, (*key, e1, v1, e2, v2), stated, take=take)
            for bounds, passes, first in (
                (self.lower, _passes_lower, _first_lower_in_reach),
                (self.upper, _passes_upper, _first_upper_in_reach),
            ):
                entries = bounds.get(key, ())
                if not entries:
                    continue
                at = first(entries, values)
                if take:
                    links = self.next_bound.get((id(bounds), key))
                    if links is None:  # made once per list, not at each look-up (that would be quadratic)
                        links = self.next_bound[(id(bounds), key)] = list(range(len(entries) + 1))
                    at = _follow(links, at)
                while at < len(entries) and passes(values, entries[at]):
                    yield entries[at][2]
                    if not take:
                        break  # one bound passed: enough to say one is supported
                    links[at] = at + 1  # yielded once: ``take`` decides it, so it is not looked at again
                    at = _follow(links, at + 1)
            tree = self.trees.get(key)
            if tree is not None and not is_bound(stated):
                yield from tree.overlapping(values.low, values.high, remove=take)

    def _group(self, groups: dict, key: tuple, stated: Figure, *, take: bool) -> list[int]:
        """Return the claimed figures filed under ``key`` (alike in all ``supports`` reads: one decides for
        all). With ``take``, the group is removed once ``stated`` supports it, never before."""
        group = groups.get(key, ())
        if take and group:
            if not supports(self.figures[group[0]], stated):
                return []
            del groups[key]
        return group

    def _values_inside(self, family: tuple, low: Decimal, high: Decimal, *, take: bool) -> Iterator[int]:
        """Yield the exact claimed values of ``family`` between ``low`` and ``high``: the first one, or with
        ``take`` every one not taken, skipping taken ones by links so none is stepped over twice."""
        entries = self.exact_values.get(family, ())
        at = bisect_left(entries, low, key=lambda entry: entry[0])
        if not take:
            if at < len(entries) and entries[at][0] <= high:
                yield entries[at][1]
            return
        links = self.next_value.get(family)
        if links is None:  # made once per family, not at each look-up (that would be quadratic)
            links = self.next_value[family] = list(range(len(entries) + 1))
        at = _follow(links, at)
        while at < len(entries) and entries[at][0] <= high:
            yield entries[at][1]
            links[at] = at + 1
            at = _follow(links, at + 1)


def _follow(links: list[int], at: int) -> int:
    """Return the first index from ``at`` not taken, shortening the links walked (path halving)."""
    while links[at] != at:
        links[at] = links[links[at]]
        at = links[at]
    return at
