"""Cut a sentence or a passage into plain and marked pieces, for the reviewer's workbench.

The template escapes every piece; nothing here produces markup.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from claims.evidence.values import supporting_figure
from claims.figures import Figure, extract_figures


@dataclass(frozen=True)
class Segment:
    text: str
    is_marked: bool = False


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
