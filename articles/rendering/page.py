"""Turn an article's sections, claims and sources into what a reader's page shows: pure, no ORM.

Citation markers are numbered by first use in page order, like MediaWiki's Cite: the first marker a
reader meets is [1], and each reference-list entry links back to every marker occurrence (a, b, c …).
Inferred markers (shown on a sentence that has no marker of its own, for the sources of the next marker
group in its paragraph) take part in the numbering too, because a reader sees them. For text read by
``claims.sentences`` this gives the same numbers as counting explicit markers alone: an inferred group
copies the very next explicit group, with no other marker between them. It also gives a number to a
source that is only ever cited by inference, so every marker has a reference to land on.

Nothing is escaped here: the templates escape every string (autoescape stays on).
"""

from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import ClassVar

from articles.rendering.tables import RenderedTable, TableRow, body_blocks, header_cells, padded, split_cells
from claims.evidence.verdicts import CONTRADICTED, NOT_FOUND, SUPPORTED
from claims.flags import (
    CONFLICTING,
    CONTRADICTED_BY_SOURCE,
    DISPUTED,
    ESTIMATES_DIFFER,
    FAILED_VERIFICATION,
    FLAG_INFO,
    FLAG_NAMES,
    HEDGED,
    PARTISAN_ONLY,
    UNSOURCED,
    figures_are_flagged,
)

INFERRED_TITLE = (
    "Inferred citation: this sentence carries no citation of its own; "
    "the next citation in its paragraph is assumed to cover it."
)
PLACEHOLDER_TEXT = "Source {key} — details not yet entered"
SAFE_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class SourceInput:
    key: str
    number: int | None = None
    title: str = ""
    publisher: str = ""
    author: str = ""
    work: str = ""
    url: str = ""
    published_on: date | None = None
    published_text: str = ""  # a year or a month, when no day is known
    accessed_on: date | None = None
    archive_url: str = ""
    archived_on: date | None = None
    kind: str = ""  # a label for readers, e.g. "News outlet"
    reliability: str = ""  # a label for readers, e.g. "Unrated"
    quotes: tuple[str, ...] = ()  # passages an editor or reviewer confirmed, as Wikipedia's quote=
    is_dead_link: bool = False
    pages: str = ""  # as the citation template gave them ("12", "3–5")
    isbn: str = ""
    doi: str = ""
    quote: str = ""  # the citation template's quote=

    @property
    def is_placeholder(self) -> bool:
        return not (self.title or self.url or self.publisher or self.work)

    @property
    def has_date(self) -> bool:
        return bool(self.published_on or self.published_text)

    @property
    def author_end(self) -> str:
        """Return the period after the author, unless the author already ends with one ("Smith, J.")."""
        return "" if self.author.endswith(".") else "."

    @property
    def placeholder_text(self) -> str:
        return PLACEHOLDER_TEXT.format(key=self.key)

    @property
    def link(self) -> str:
        """Return the URL when it is safe to put in an href (never ``javascript:``), else ""."""
        return self.url if self.url.lower().startswith(SAFE_URL_SCHEMES) else ""

    @property
    def archive_link(self) -> str:
        return self.archive_url if self.archive_url.lower().startswith(SAFE_URL_SCHEMES) else ""

    @property
    def title_link(self) -> str:
        """Return where the title links: the archived copy once the original is a dead link."""
        return (self.is_dead_link and self.archive_link) or self.link


@dataclass(frozen=True)
class FigureSpan:
    start: int  # offsets into the claim's text
    end: int
    verdict: str = ""  # "supported", "contradicted", "not_found" or "no_evidence" (claims.evidence.verdicts)
    keys: tuple[str, ...] = ()  # the sources stating the figure (contradicted: stating another value)
    passage: str = ""  # the first passage that states it (source text: escaped by the template)
    says: str = ""  # contradicted: the value the source gives instead

    @property
    def is_checked(self) -> bool:
        """Return True when the figure check has something to tell a reader about this figure."""
        return self.verdict in (SUPPORTED, CONTRADICTED, NOT_FOUND)


@dataclass(frozen=True)
class ClaimInput:
    id: int
    text: str
    paragraph: int = 0
    markers: tuple[tuple[str, int], ...] = ()  # (key, offset in text), as written
    inferred_keys: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    figures: tuple[FigureSpan, ...] = ()
    status: str = "unreviewed"
    reviewed_at: datetime | None = None
    conflicts_with: tuple[int, ...] = ()  # claims in an open or confirmed conflict with this one
    pages: tuple[tuple[str, str], ...] = ()  # (key, the page(s) the claim cites of that source)


@dataclass(frozen=True)
class SectionInput:
    heading: str
    level: int  # 0 for the lead
    anchor: str
    claims: tuple[ClaimInput, ...] = ()
    body: str = ""  # read only for its tables; without it every claim renders in a paragraph


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class CitationMark:
    kind: ClassVar[str] = "citation"
    number: int
    anchor: str  # this occurrence: "cite-ref-<number>-<occurrence>"
    note_anchor: str  # its reference-list entry: "cite-note-<number>"
    key: str
    is_inferred: bool

    @property
    def classes(self) -> str:
        return "citation inferred" if self.is_inferred else "citation"

    @property
    def title(self) -> str:
        return INFERRED_TITLE if self.is_inferred else ""


@dataclass(frozen=True)
class ConflictLink:
    """After a conflicting statement: a link to the other statement of the conflict."""

    kind: ClassVar[str] = "conflict"
    other: int

    @property
    def href(self) -> str:
        return f"#claim-{self.other}"


@dataclass(frozen=True)
class FlagNote:
    name: str
    label: str
    reason: str
    is_strong: bool = True  # see claims.flags.FlagInfo: only strong flags show their label


@dataclass(frozen=True)
class FlagMark:
    """A flagged figure (``text`` is the figure), or the marker after a flagged claim without figures."""

    kind: ClassVar[str] = "flag"
    text: str
    notes: tuple[FlagNote, ...]
    tip_id: str
    verified_in: tuple[int, ...] = ()  # reference numbers of the sources stating the figure
    passage: str = ""  # what the first of them says
    contradicted_in: tuple[int, ...] = ()  # reference numbers of the sources giving another value
    says: str = ""  # the value the first of them gives instead

    @property
    def is_figure(self) -> bool:
        return bool(self.text)

    @property
    def is_verified(self) -> bool:
        return bool(self.verified_in)

    @property
    def verified_label(self) -> str:
        return "verified in " + "".join(f"[{number}]" for number in self.verified_in)

    @property
    def is_contradicted(self) -> bool:
        return bool(self.contradicted_in)

    @property
    def contradiction_text(self) -> str:
        """Return what the tooltip says of a contradicted figure: "The source [3] says 27"."""
        numbers = "".join(f"[{number}]" for number in self.contradicted_in)
        return f"The source {numbers} says {self.says}"

    @property
    def classes(self) -> str:
        role = "flag-figure" if self.is_figure else "flag-claim"
        verified = ["verified"] if self.is_verified else []
        quiet = ["flag-quiet"] if self.is_quiet else []
        return " ".join(["flag", role, *verified, *quiet, *(f"flag-{note.name}" for note in self.notes)])

    @property
    def is_quiet(self) -> bool:
        """Return True when only weak flags mark it: a dotted underline, no label."""
        return not any(note.is_strong for note in self.notes)

    @property
    def label(self) -> str:
        """Return the short labels readers see: the strong flags' only (weak ones are in the reason)."""
        return ", ".join(note.label for note in self.notes if note.is_strong)

    @property
    def reason(self) -> str:
        return " ".join(note.reason for note in self.notes)


@dataclass(frozen=True)
class RenderedClaim:
    id: int
    flags: tuple[str, ...]  # empty when highlighting is off
    pieces: tuple[Text | CitationMark | FlagMark | ConflictLink, ...]

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"

    @property
    def classes(self) -> str:
        return " ".join(["claim", *(f"flag-{flag}" for flag in self.flags)])


@dataclass(frozen=True)
class RenderedParagraph:
    kind: ClassVar[str] = "paragraph"
    claims: tuple[RenderedClaim, ...]


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    level: int
    anchor: str
    paragraphs: tuple[RenderedParagraph | RenderedTable, ...]

    @property
    def heading_tag(self) -> str:
        """Return h2 for a top-level heading and h3 under it: the page's title is its only h1."""
        return f"h{min(self.level + 1, 6)}"


@dataclass(frozen=True)
class TocEntry:
    number: str  # "2.1"
    heading: str
    anchor: str
    children: tuple["TocEntry", ...] = ()


@dataclass(frozen=True)
class Backlink:
    label: str  # "a", "b", … "z", "aa", …
    anchor: str
    is_inferred: bool
    pages: str = ""  # the page(s) this use cites ("p. 12"), shown after the entry as a short citation's


@dataclass(frozen=True)
class Reference:
    number: int
    key: str
    source: SourceInput
    backlinks: tuple[Backlink, ...]

    @property
    def anchor(self) -> str:
        return f"cite-note-{self.number}"


@dataclass(frozen=True)
class RenderedArticle:
    lead: tuple[RenderedParagraph, ...]
    sections: tuple[RenderedSection, ...]
    toc: tuple[TocEntry, ...]
    references: tuple[Reference, ...]
    is_highlighted: bool

    @property
    def explicit_citations(self) -> int:
        return sum(not link.is_inferred for ref in self.references for link in ref.backlinks)

    @property
    def inferred_citations(self) -> int:
        return sum(link.is_inferred for ref in self.references for link in ref.backlinks)


def backlink_label(index: int) -> str:
    """Return the letters of the ``index``-th backlink (from 0): a … z, aa, ab …, as MediaWiki does."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


class Numbering:
    """Numbers sources by first use and remembers every occurrence, for the reference list's backlinks."""

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.uses: dict[str, list[Backlink]] = {}

    def cite(self, key: str, *, is_inferred: bool, pages: str = "") -> CitationMark:
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        uses = self.uses.setdefault(key, [])
        anchor = f"cite-ref-{number}-{len(uses) + 1}"
        uses.append(Backlink(backlink_label(len(uses)), anchor, is_inferred, pages))
        return CitationMark(number, anchor, f"cite-note-{number}", key, is_inferred)

    def references(self, sources: Mapping[str, SourceInput]) -> tuple[Reference, ...]:
        return tuple(
            Reference(number, key, sources.get(key) or SourceInput(key), tuple(self.uses[key]))
            for key, number in self.numbers.items()
        )


# A sentence without figures gets a visible label only for these flags: "single source" after most
# sentences of an article would bury the labels that matter, and an inferred citation already shows
# as such. The sentence element still carries every flag's class.
SENTENCE_MARKER_FLAGS = frozenset({UNSOURCED, DISPUTED, CONFLICTING, ESTIMATES_DIFFER, PARTISAN_ONLY, HEDGED})


def flag_notes(flags: Iterable[str]) -> tuple[FlagNote, ...]:
    """Return the label and reason of each known flag, worst first."""
    return notes_of(frozenset(flags))


@lru_cache(maxsize=1024)
def notes_of(flags: frozenset[str]) -> tuple[FlagNote, ...]:
    # Built once per combination of flags (a few dozen exist), not once per flagged sentence.
    return tuple(
        FlagNote(name, info.label, info.reason, info.is_strong)
        for name, info in ((name, FLAG_INFO[name]) for name in FLAG_NAMES if name in flags)
    )


def disjoint_spans(spans: Iterable[FigureSpan], length: int) -> tuple[FigureSpan, ...]:
    """Return the spans that fit in the text, in order, dropping any that overlap an earlier one."""
    kept: list[FigureSpan] = []
    for span in sorted(spans, key=lambda span: (span.start, span.end)):
        if 0 <= span.start < span.end <= length and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return tuple(kept)


def marker_positions(claim: ClaimInput, spans: tuple[FigureSpan, ...]) -> list[tuple[int, str]]:
    """Return (offset, key) for each explicit marker in order; one inside a figure moves to its end."""
    length = len(claim.text)
    positions = []
    for key, offset in claim.markers:
        offset = min(max(offset, 0), length)
        for span in spans:
            if span.start < offset < span.end:
                offset = span.end
        positions.append((offset, key))
    return sorted(positions, key=lambda position: position[0])


def claim_pieces(claim: ClaimInput, numbering: Numbering, *, highlight: bool) -> tuple:
    """Return the sentence as text, marked figures and citation markers, in reading order.

    A figure is marked when its claim is flagged or the figure check verified it or failed to; the
    failed_verification note goes only on the figures none of the passages states."""
    flagged = highlight and figures_are_flagged(claim.flags)
    notes = flag_notes(claim.flags) if flagged else ()
    marked = claim.figures if flagged else [span for span in claim.figures if span.is_checked]
    spans = disjoint_spans(marked, len(claim.text)) if highlight else ()
    numbers = upcoming_numbers(claim, numbering)
    pieces: list = []
    position = 0

    def text_to(end: int) -> None:
        nonlocal position
        if end > position:
            pieces.append(Text(claim.text[position:end]))
            position = end

    markers = marker_positions(claim, spans)
    pages = dict(claim.pages)  # a claim's pages go with its first marker of that source
    for index, span in enumerate(spans):
        while markers and markers[0][0] <= span.start:
            offset, key = markers.pop(0)
            text_to(offset)
            pieces.append(numbering.cite(key, is_inferred=False, pages=pages.pop(key, "")))
        text_to(span.start)
        pieces.append(figure_mark(claim, span, notes, numbers, f"flag-{claim.id}-{index + 1}"))
        position = span.end
    for offset, key in markers:
        text_to(offset)
        pieces.append(numbering.cite(key, is_inferred=False, pages=pages.pop(key, "")))
    text_to(len(claim.text))
    pieces.extend(numbering.cite(key, is_inferred=True) for key in claim.inferred_keys)
    sentence_notes = tuple(note for note in notes if note.name in SENTENCE_MARKER_FLAGS)
    if sentence_notes and not spans:
        pieces.append(FlagMark("", sentence_notes, f"flag-{claim.id}"))
    if flagged and (CONFLICTING in claim.flags or ESTIMATES_DIFFER in claim.flags):
        pieces.extend(ConflictLink(other) for other in claim.conflicts_with)
    return tuple(pieces)


def rendered_claim(claim: ClaimInput, numbering: Numbering, *, highlight: bool) -> RenderedClaim:
    flags = claim.flags if highlight else ()
    return RenderedClaim(claim.id, flags, claim_pieces(claim, numbering, highlight=highlight))


def upcoming_numbers(claim: ClaimInput, numbering: Numbering) -> Mapping[str, int]:
    """Return the reference number each key of the claim has or will get once its markers are read, so
    a figure before its sentence's markers can say "verified in [3]". Only the claim's new keys are
    stored: copying the numbering for every sentence would grow with sentences times sources."""
    known = numbering.numbers
    pending: dict[str, int] = {}
    for key in [key for key, _ in sorted(claim.markers, key=lambda m: m[1])] + list(claim.inferred_keys):
        if key not in known and key not in pending:
            pending[key] = len(known) + len(pending) + 1
    return ChainMap(known, pending) if pending else known


def figure_mark(
    claim: ClaimInput, span: FigureSpan, notes, numbers: Mapping[str, int], tip_id: str
) -> FlagMark:
    """Return the mark of one figure: its claim's flags, and its own verdict."""
    own = tuple(note for note in notes if note.name not in (FAILED_VERIFICATION, CONTRADICTED_BY_SOURCE))
    if span.verdict == NOT_FOUND:
        own = flag_notes([note.name for note in own] + [FAILED_VERIFICATION])
    if span.verdict == CONTRADICTED:
        own = flag_notes([note.name for note in own] + [CONTRADICTED_BY_SOURCE])
        contradicted_in = tuple(sorted({numbers[key] for key in span.keys if key in numbers}))
        return FlagMark(
            claim.text[span.start : span.end],
            own,
            tip_id,
            passage=span.passage,
            contradicted_in=contradicted_in,
            says=span.says,
        )
    if span.verdict != SUPPORTED:
        return FlagMark(claim.text[span.start : span.end], own, tip_id)
    verified_in = tuple(sorted({numbers[key] for key in span.keys if key in numbers}))
    return FlagMark(claim.text[span.start : span.end], own, tip_id, verified_in, span.passage)


def paragraphs(claims: Iterable[ClaimInput], numbering: Numbering, *, highlight: bool):
    """Return the claims grouped into paragraphs: consecutive claims with one paragraph index."""
    grouped: list[tuple[int, list[RenderedClaim]]] = []
    for claim in claims:
        rendered = rendered_claim(claim, numbering, highlight=highlight)
        if grouped and grouped[-1][0] == claim.paragraph:
            grouped[-1][1].append(rendered)
        else:
            grouped.append((claim.paragraph, [rendered]))
    return tuple(RenderedParagraph(tuple(claims)) for _, claims in grouped)


def section_blocks(section: SectionInput, numbering: Numbering, *, highlight: bool):
    """Return the section's paragraphs and tables in reading order (tables only when its body is given)."""
    blocks = body_blocks(section.body)
    if not any(block.is_table for block in blocks):
        return paragraphs(section.claims, numbering, highlight=highlight)
    by_paragraph: dict[int, list[ClaimInput]] = {}
    for claim in section.claims:
        by_paragraph.setdefault(claim.paragraph, []).append(claim)
    rendered: list = []
    for block in blocks:
        claims = [claim for index in block.indexes for claim in by_paragraph.pop(index, ())]
        if not block.is_table:
            rendered.extend(paragraphs(claims, numbering, highlight=highlight))
            continue
        rows = []
        for claim in claims:
            row = rendered_claim(claim, numbering, highlight=highlight)
            rows.append(TableRow(row, split_cells(row.pieces, Text)))
        rendered.append(RenderedTable(*padded(rows, header_cells(block))))
    leftover = [claim for claims in by_paragraph.values() for claim in claims]  # text out of step with body
    return (*rendered, *paragraphs(leftover, numbering, highlight=highlight))


def table_of_contents(sections: Iterable[SectionInput]) -> tuple[TocEntry, ...]:
    """Return the headings as a numbered tree (1, 1.1, 1.2, 2 …); a deeper heading nests under the last
    shallower one, and one with no parent sits at the top."""
    root: list = []
    stack: list[tuple[int, list, str]] = [(0, root, "")]  # (level, children, number prefix)
    for section in sections:
        while len(stack) > 1 and stack[-1][0] >= section.level:
            stack.pop()
        _, siblings, prefix = stack[-1]
        number = f"{prefix}{len(siblings) + 1}"
        entry = {"section": section, "number": number, "children": []}
        siblings.append(entry)
        stack.append((section.level, entry["children"], f"{number}."))
    return freeze_toc(root)


def freeze_toc(entries: list[dict]) -> tuple[TocEntry, ...]:
    return tuple(
        TocEntry(e["number"], e["section"].heading, e["section"].anchor, freeze_toc(e["children"]))
        for e in entries
    )


def render_article(
    sections: Iterable[SectionInput], sources: Mapping[str, SourceInput], *, highlight: bool = True
) -> RenderedArticle:
    """Return the page: lead, sections with numbered markers and flags, contents, references.

    Sections at level 0 make up the lead. With ``highlight`` off nothing is flagged: no figure or claim
    marker, no flag classes on sentences; citations are unchanged.
    """
    numbering = Numbering()
    sections = tuple(sections)
    lead = tuple(
        paragraph
        for section in sections
        if section.level == 0
        for paragraph in section_blocks(section, numbering, highlight=highlight)
    )
    headed = tuple(section for section in sections if section.level > 0)
    rendered = tuple(
        RenderedSection(
            section.heading,
            section.level,
            section.anchor,
            section_blocks(section, numbering, highlight=highlight),
        )
        for section in headed
    )
    return RenderedArticle(
        lead, rendered, table_of_contents(headed), numbering.references(sources), is_highlighted=highlight
    )
