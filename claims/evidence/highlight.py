"""Cut a sentence or a passage into plain and marked pieces, for the reviewer's workbench.

The template escapes every piece; nothing here produces markup.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from claims.evidence.values import nouns_agree, same_family, supporting_figure
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


def near_misses(passage: str, figures: Iterable[Figure]) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, claimed text) of the passage's figures that count or measure the same kind of
    thing as a claimed figure with another value: "310 homes" where the claim says 950 homes. A count
    must name what it counts, as the claim does, so a bare number is never a near miss."""
    figures = tuple(figures)
    found = []
    for stated in extract_figures(passage):
        if any(supporting_figure(figure, (stated,)) for figure in figures):
            continue
        missed = next((figure for figure in figures if _same_quantity(figure, stated)), None)
        if missed is not None:
            found.append((stated.start, stated.end, missed.text))
    return tuple(found)


def _same_quantity(claimed: Figure, stated: Figure) -> bool:
    if not same_family(claimed, stated):
        return False
    if claimed.kind == "count":
        return bool(claimed.unit and stated.unit) and nouns_agree(claimed, stated)
    return True


def passage_segments(
    passage: str, figures: Iterable[Figure], stated: Iterable[tuple[int, int]]
) -> tuple[Segment, ...]:
    """Return the passage cut into pieces: the ``stated`` spans marked, and each near miss of a claimed
    figure marked with the figure it misses."""
    misses = {(start, end): claimed for start, end, claimed in near_misses(passage, figures)}
    pieces = segments(passage, [*stated, *misses])
    out, position = [], 0
    for piece in pieces:
        span = (position, position + len(piece.text))
        position = span[1]
        if piece.is_marked and span in misses:
            piece = Segment(piece.text, is_marked=True, near_miss_of=misses[span])
        out.append(piece)
    return tuple(out)
