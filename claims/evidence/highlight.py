"""Cut a sentence or a passage into plain and marked pieces, for the reviewer's workbench.

The template escapes every piece; nothing here produces markup.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from claims.evidence.values import _STEM as STEM
from claims.evidence.values import _SYNONYM_GROUP as SYNONYM_GROUP
from claims.evidence.values import supporting_figure
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
    """Return the spans of the passage's figures that state the value of one of ``figures``."""
    figures = tuple(figures)
    return tuple(
        (stated.start, stated.end)
        for stated in extract_figures(passage)
        if any(supporting_figure(figure, (stated,)) for figure in figures)
    )


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
