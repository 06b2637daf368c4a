"""What review decided, as readers see it: the two reader views and the review marks. Pure, no ORM.

An article is read in one of two views (``Article.reader_view`` chooses the default, ``?view=`` the other):

- the *reviewed* view shows each statement as a reviewer last approved it. A statement edited since keeps
  its approved wording until the new one is approved; a removed statement stays until its removal is
  approved; a statement never approved is left out (and counted, so the page can say how many await review).
- the *latest* view shows the current text; a statement whose wording changed since its approval is marked
  "changed since review" and links to its approved wording, listed under the article.

Both views mark an approved statement (who approved it, by public name, and when) and a disputed or rejected
one whose reviewer made the note public (the note, as written: the templates escape it).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from articles.rendering.page import (
    ClaimInput,
    RenderedArticle,
    RenderedClaim,
    RenderedParagraph,
    SectionInput,
)

LATEST, REVIEWED = "latest", "reviewed"
VIEWS = (LATEST, REVIEWED)
APPROVED = "approved"
NOTED_STATUSES = {"disputed": "Disputed", "rejected": "Rejected"}


def chosen_view(requested: str | None, default: str) -> str:
    """Return the view a reader asked for, else the article's default; anything unknown is the default."""
    return requested if requested in VIEWS else (default if default in VIEWS else LATEST)


@dataclass(frozen=True)
class ReviewState:
    """A claim's review, as far as readers may know it (a private note is never put here)."""

    id: int
    status: str = "unreviewed"
    reviewed_at: datetime | None = None
    reviewer: str = ""  # public name
    public_note: str = ""  # "" unless the reviewer made the note public
    approved_text: str = ""  # "" when no wording of the claim is approved
    approved_markers: tuple[tuple[str, int], ...] = ()
    approved_at: datetime | None = None
    approved_by: str = ""  # public name
    is_changed: bool = False  # the current wording differs from the approved one
    is_retired: bool = False

    @property
    def has_approved_wording(self) -> bool:
        return bool(self.approved_text)

    @property
    def shows_current_wording(self) -> bool:
        """Whether the reviewed view shows the claim as it is now."""
        return self.has_approved_wording and not self.is_changed and not self.is_retired


@dataclass(frozen=True)
class ReviewMark:
    """The mark after a reviewed statement: approved (by whom, when), or disputed/rejected with the
    reviewer's public reason."""

    kind: ClassVar[str] = "review"
    status: str
    label: str
    by: str
    at: datetime | None
    note: str
    tip_id: str

    @property
    def classes(self) -> str:
        return f"review review-{self.status}"


@dataclass(frozen=True)
class ChangedMark:
    """The mark after a statement edited since its approval, linking to the approved wording."""

    kind: ClassVar[str] = "changed"
    claim_id: int

    @property
    def anchor(self) -> str:
        return f"changed-{self.claim_id}"

    @property
    def target(self) -> str:
        return f"approved-{self.claim_id}"


@dataclass(frozen=True)
class ApprovedWording:
    """An entry of the latest view's list of approved wordings that have changed since."""

    claim_id: int
    text: str
    by: str
    at: datetime | None

    @property
    def anchor(self) -> str:
        return f"approved-{self.claim_id}"

    @property
    def back(self) -> str:
        return f"changed-{self.claim_id}"


def approved_input(claim: ClaimInput, state: ReviewState) -> ClaimInput:
    """Return the claim as its approved wording: its markers as approved; no figure or flag marks, which
    belong to the current wording."""
    return replace(
        claim,
        text=state.approved_text,
        markers=state.approved_markers,
        figures=(),
        flags=(),
        inferred_keys=(),
    )


def reviewed_sections(
    sections: Iterable[SectionInput], states: Mapping[int, ReviewState]
) -> tuple[SectionInput, ...]:
    """Return the sections as the reviewed view shows them: only approved wordings, never another."""
    shown = []
    for section in sections:
        claims = []
        for claim in section.claims:
            state = states.get(claim.id, ReviewState(claim.id))
            if state.shows_current_wording:
                claims.append(claim)
            elif state.has_approved_wording:
                claims.append(approved_input(claim, state))
        shown.append(replace(section, claims=tuple(claims)))
    return tuple(shown)


def awaiting_review(states: Iterable[ReviewState]) -> int:
    """Return how many current statements the reviewed view does not show as they now read."""
    return sum(not state.is_retired and not state.shows_current_wording for state in states)


def changed_wordings(sections: Iterable[SectionInput], states: Mapping[int, ReviewState]):
    """Return the approved wordings of the current statements changed since, in article order."""
    return tuple(
        ApprovedWording(state.id, state.approved_text, state.approved_by, state.approved_at)
        for section in sections
        for claim in section.claims
        for state in [states.get(claim.id)]
        if state is not None and state.has_approved_wording and state.is_changed and not state.is_retired
    )


def review_pieces(state: ReviewState, *, view: str) -> tuple:
    """Return the marks after a statement in ``view``."""
    tip = f"review-{state.id}"
    if view == REVIEWED and not state.shows_current_wording:
        # The approved wording stands in for the current one: its approval is what the reader sees.
        return (ReviewMark(APPROVED, "approved", state.approved_by, state.approved_at, "", tip),)
    pieces: list = []
    if state.status == APPROVED:
        pieces.append(ReviewMark(APPROVED, "approved", state.reviewer, state.reviewed_at, "", tip))
    elif state.status in NOTED_STATUSES and state.public_note:
        label = NOTED_STATUSES[state.status]
        pieces.append(
            ReviewMark(state.status, label.lower(), state.reviewer, state.reviewed_at, state.public_note, tip)
        )
    if view == LATEST and state.has_approved_wording and state.is_changed:
        pieces.append(ChangedMark(state.id))
    return tuple(pieces)


def with_review_marks(
    rendered: RenderedArticle, states: Mapping[int, ReviewState], *, view: str
) -> RenderedArticle:
    """Return the page with each statement's review marks after it."""

    def marked(paragraphs: tuple[RenderedParagraph, ...]) -> tuple[RenderedParagraph, ...]:
        # A table renders its cells, not its rows' claims: it has no place for a mark and passes through.
        return tuple(
            RenderedParagraph(tuple(mark_claim(claim) for claim in paragraph.claims))
            if paragraph.kind == "paragraph"
            else paragraph
            for paragraph in paragraphs
        )

    def mark_claim(claim: RenderedClaim) -> RenderedClaim:
        state = states.get(claim.id)
        pieces = review_pieces(state, view=view) if state is not None else ()
        return replace(claim, pieces=claim.pieces + pieces) if pieces else claim

    sections = tuple(replace(section, paragraphs=marked(section.paragraphs)) for section in rendered.sections)
    return replace(rendered, lead=marked(rendered.lead), sections=sections)
