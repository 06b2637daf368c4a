"""The numbers readers see for editors' citation keys: pure, no ORM.

Editors cite a source by its key (``[unhcr-2024]``); readers see numbers by first use (``[1]``). The
numbers here come from rendering the sections exactly as the reader's page does (``page.render_article``),
so the admin's citation legend and the public history's diffs can never disagree with the page.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from articles.rendering.page import ClaimInput, SectionInput, Text, render_article
from claims.sentences import MARKER_PATTERN, split_body
from editorial.diffing import TextDiff

NOT_CITED_LABEL = "–"


@dataclass(frozen=True)
class BodySection:
    heading: str
    level: int
    body: str


def body_claims(body: str) -> tuple[ClaimInput, ...]:
    """Return the body's sentences as the page's claim inputs: what ``claims_sync`` stores for them."""
    return tuple(
        ClaimInput(
            id=index,
            text=sentence.text,
            paragraph=sentence.paragraph,
            markers=tuple((marker.key, marker.offset) for marker in sentence.markers),
            inferred_keys=sentence.inferred_keys,
        )
        for index, sentence in enumerate(split_body(body))
    )


def citation_numbers(sections: Iterable[BodySection]) -> dict[str, int]:
    """Return the number readers see for each key cited in the sections (given in article order)."""
    inputs = (
        SectionInput(section.heading, section.level, f"s{order}", body_claims(section.body))
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
    kind: str  # editorial.diffing's EQUAL, INSERTED or DELETED
    parts: tuple[Text | ReaderCitation, ...]


def reader_parts(text: str, numbers: Mapping[str, int], titles: Mapping[str, str]) -> tuple:
    """Return ``text`` cut into plain text and citations, each marker shown with the reader's number."""
    parts: list = []
    position = 0
    for match in MARKER_PATTERN.finditer(text):
        if match.start() > position:
            parts.append(Text(text[position : match.start()]))
        key = match["key"]
        title = titles.get(key) or f"Source {key}"
        if key not in numbers:
            title += " (not cited in the current article)"
        parts.append(ReaderCitation(numbers.get(key), title))
        position = match.end()
    if position < len(text):
        parts.append(Text(text[position:]))
    return tuple(parts)


def reader_diff(diff: TextDiff, numbers: Mapping[str, int], titles: Mapping[str, str]) -> tuple:
    """Return the diff's pieces with every citation marker replaced by what readers see now."""
    return tuple(
        ReaderDiffPiece(piece.kind, reader_parts(piece.text, numbers, titles)) for piece in diff.pieces
    )
