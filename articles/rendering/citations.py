"""The numbers readers see for editors' citation keys: pure, no ORM.

Editors cite a source by its key (``[unhcr-2024]``); readers see numbers by first use (``[1]``). The
numbers here come from rendering the sections exactly as the reader's page does (``page.render_article``),
so the admin's citation legend and the public history's diffs can never disagree with the page.
"""

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from articles.rendering.page import ClaimInput, SectionInput, Text, render_article
from claims.sentences import MARKER_PATTERN, is_marker, split_body
from textdiff.diffing import DELETED, EQUAL, TextDiff

NOT_CITED_LABEL = "–"


@dataclass(frozen=True)
class BodySection:
    heading: str
    level: int
    body: str


def body_claims(body: str, keys: Container[str] | None = None) -> tuple[ClaimInput, ...]:
    """Return the body's sentences as the page's claim inputs: what ``claims_sync`` stores for them."""
    return tuple(
        ClaimInput(
            id=index,
            text=sentence.text,
            paragraph=sentence.paragraph,
            markers=tuple((marker.key, marker.offset) for marker in sentence.markers),
            inferred_keys=sentence.inferred_keys,
        )
        for index, sentence in enumerate(split_body(body, keys))
    )


def citation_numbers(sections: Iterable[BodySection], keys: Container[str] | None = None) -> dict[str, int]:
    """Return the number readers see for each key cited in the sections (given in article order);
    ``keys``, the article's source keys, as ``split_body`` takes them."""
    inputs = (
        SectionInput(section.heading, section.level, f"s{order}", body_claims(section.body, keys))
        for order, section in enumerate(sections)
    )
    rendered = render_article(inputs, {}, highlight=False)
    return {reference.key: reference.number for reference in rendered.references}


@dataclass(frozen=True)
class LegendEntry:
    key: str
    title: str
    number: int | None  # None: no section cites the source yet


@dataclass(frozen=True)
class CitationLegend:
    cited: tuple[LegendEntry, ...]  # in the readers' order: [1], [2] …
    uncited: tuple[LegendEntry, ...]  # by key


def citation_legend(numbers: Mapping[str, int], titles: Mapping[str, str]) -> CitationLegend:
    """Return each source key of the article with its title and reader's number, cited ones first."""
    cited = sorted((number, key) for key, number in numbers.items())
    return CitationLegend(
        cited=tuple(LegendEntry(key, titles.get(key, ""), number) for number, key in cited),
        uncited=tuple(LegendEntry(key, titles[key], None) for key in sorted(titles) if key not in numbers),
    )


@dataclass(frozen=True)
class ReaderCitation:
    """A marker as readers see it: ``[number]``, with the source's title for a hover."""

    kind: ClassVar[str] = "citation"
    number: int | None
    title: str

    @property
    def label(self) -> str:
        return f"[{self.number if self.number is not None else NOT_CITED_LABEL}]"


@dataclass(frozen=True)
class ReaderDiffPiece:
    kind: str  # textdiff.diffing's EQUAL, INSERTED or DELETED
    parts: tuple[Text | ReaderCitation, ...]


class MarkerReader:
    """The citation markers of one text, read once over the whole text (a bracket followed by a link is
    no marker, which a diff piece alone cannot tell), handed out piece by piece in order, each with the
    key its source has now (``keys`` maps the text's keys to current ones; a key not in it is kept)."""

    def __init__(self, text: str, keys: Mapping[str, str] | None):
        self.markers = [
            (match.start(), match.end(), (keys or {}).get(match["key"], match["key"]))
            for match in MARKER_PATTERN.finditer(text)
            if is_marker(match["key"], keys)  # "[sic]" is text unless a source had that key
        ]
        self.next = 0
        self.offset = 0

    def take(self, length: int) -> list[tuple[int, int, str]]:
        """Return the markers inside the next ``length`` characters, relative to that stretch."""
        start, self.offset = self.offset, self.offset + length
        found = []
        while self.next < len(self.markers) and self.markers[self.next][0] < self.offset:
            marker_start, marker_end, key = self.markers[self.next]
            if marker_start >= start and marker_end <= self.offset:
                found.append((marker_start - start, marker_end - start, key))
            self.next += 1
        return found


def reader_parts(text: str, markers, numbers: Mapping[str, int], titles: Mapping[str, str]) -> tuple:
    """Return ``text`` cut into plain text and citations, each marker shown with the reader's number."""
    parts: list = []
    position = 0
    for start, end, key in markers:
        if start > position:
            parts.append(Text(text[position:start]))
        title = titles.get(key) or f"Source {key}"
        if key not in numbers:
            title += " (not cited in the current article)"
        parts.append(ReaderCitation(numbers.get(key), title))
        position = end
    if position < len(text):
        parts.append(Text(text[position:]))
    return tuple(parts)


def reader_diff(
    diff: TextDiff,
    numbers: Mapping[str, int],
    titles: Mapping[str, str],
    *,
    old_keys: Mapping[str, str] | None = None,
    new_keys: Mapping[str, str] | None = None,
) -> tuple:
    """Return the diff's pieces with every citation marker replaced by what readers see now.

    ``numbers`` and ``titles`` go by current key; ``old_keys`` and ``new_keys`` map the keys written in
    the older and newer text to current keys (a source renamed since). Markers are read in the old text
    for removed words and in the new one for kept and added words."""
    old, new = MarkerReader(diff.old_text(), old_keys), MarkerReader(diff.new_text(), new_keys)
    pieces = []
    for piece in diff.pieces:
        length = len(piece.text)
        if piece.kind == DELETED:
            markers = old.take(length)
        else:
            markers = new.take(length)
            if piece.kind == EQUAL:
                old.take(length)
        pieces.append(ReaderDiffPiece(piece.kind, reader_parts(piece.text, markers, numbers, titles)))
    return tuple(pieces)
