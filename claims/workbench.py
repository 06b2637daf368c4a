"""The reviewer's workbench on a claim's admin page: the sentence with its figures marked, each cited
source's passage with the values that state a figure marked, the verdicts, and the passages the
reviewer confirms in the same form as the decision."""

from dataclasses import dataclass

from claims.evidence.highlight import Segment, segments, stated_spans
from claims.evidence.passages import ranked_passages
from claims.evidence.verdicts import CONTRADICTED, NO_EVIDENCE, NOT_FOUND, SUPPORTED
from claims.models import Claim
from claims.verification import citation_confirm_passage, index_for_text, pure_figure

ALTERNATIVES = 2
TYPED = "typed"  # the choice of the text area rather than a listed passage
VERDICT_LABELS = {
    SUPPORTED: "verified",
    CONTRADICTED: "contradicted by source: it gives another value",
    NOT_FOUND: "failed verification: no cited source states it",
    NO_EVIDENCE: "no evidence yet: no cited source has text",
}


@dataclass(frozen=True)
class FigureCheck:
    text: str
    verdict: str
    keys: tuple[str, ...]
    passage: str = ""  # the sentence of the source that states (or contradicts) this figure
    says: str = ""  # contradicted: the value the source gives instead
    why: str = ""  # not found although a source gives the value for something else

    @property
    def label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)


@dataclass(frozen=True)
class CitationEvidence:
    citation_id: int
    key: str
    title: str
    is_inferred: bool
    passage: str
    passage_segments: tuple[Segment, ...]
    is_confirmed: bool
    confirmed_by: str
    score: float | None
    has_snapshot: bool
    states: tuple[str, ...]  # the claim's figures this passage states
    alternatives: tuple[str, ...] = ()  # other passages of the snapshot the reviewer may pick instead


@dataclass(frozen=True)
class Workbench:
    sentence: tuple[Segment, ...]
    figures: tuple[FigureCheck, ...]
    citations: tuple[CitationEvidence, ...]


def claim_workbench(claim: Claim) -> Workbench:
    """Return the workbench of a claim: its citations with their sources, who confirmed each passage and
    the snapshot it comes from read in one query, whatever their number."""
    figures = list(claim.figures.all())
    pure = [pure_figure(figure) for figure in figures]
    citations = []
    read = claim.citations.select_related("source", "quote_confirmed_by", "passage_snapshot")
    for citation in read.order_by("is_inferred", "position"):
        passage = citation.passage
        spans = stated_spans(passage, pure)
        states = tuple(f.text for f, p in zip(figures, pure, strict=True) if stated_spans(passage, [p]))
        citations.append(
            CitationEvidence(
                citation_id=citation.pk,
                key=citation.source.key,
                title=citation.source.title or citation.source.PLACEHOLDER_TITLE,
                is_inferred=citation.is_inferred,
                passage=passage,
                passage_segments=segments(passage, spans),
                is_confirmed=bool(citation.quote),
                confirmed_by=str(citation.quote_confirmed_by or ""),
                score=citation.suggested_score,
                has_snapshot=citation.passage_snapshot_id is not None,
                states=states,
                alternatives=alternatives(citation, claim.text, pure, passage),
            )
        )
    return Workbench(
        sentence=segments(claim.text, [(f.start, f.end) for f in figures]),
        figures=tuple(figure_check(figure) for figure in figures),
        citations=tuple(citations),
    )


def figure_check(figure) -> FigureCheck:
    """Return a stored figure's verdict with the passage that decided it."""
    evidence = figure.evidence or {}
    return FigureCheck(
        figure.text,
        figure.verdict,
        tuple(evidence.get("keys", ())),
        passage=evidence.get("passage", ""),
        says=evidence.get("says", ""),
        why=evidence.get("why", ""),
    )


def alternatives(citation, claim_text: str, figures, current: str) -> tuple[str, ...]:
    """Return the other passages of the citation's snapshot that match the claim best (one query, on a
    single claim's page)."""
    snapshot = citation.passage_snapshot
    if snapshot is None:
        return ()
    ranked = ranked_passages(
        index_for_text(snapshot.text), claim_text, tuple(figures), limit=ALTERNATIVES + 1
    )
    return tuple(match.passage.text for match in ranked if match.passage.text != current)[:ALTERNATIVES]


def confirm_posted_passages(*, claim: Claim, data, user) -> int:
    """Confirm the passages ticked on the workbench (``confirm-passage-<citation id>``): the passage
    picked in ``pick-passage-<citation id>``, or the text of ``passage-<citation id>``; return how many."""
    confirmed = 0
    for citation in claim.citations.all():
        if data.get(f"confirm-passage-{citation.pk}"):
            picked = data.get(f"pick-passage-{citation.pk}", TYPED)
            text = data.get(f"passage-{citation.pk}", "") if picked == TYPED else picked
            citation_confirm_passage(citation=citation, text=text, user=user)
            confirmed += 1
    return confirmed
