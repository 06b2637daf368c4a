"""The reviewer's workbench on a claim's admin page: the sentence with its figures marked, each cited
source's passage with the values that state a figure marked, the verdicts, and the passages the
reviewer confirms in the same form as the decision. It reads and displays; the writes are
``claims.services.claim_decide``'s."""

from dataclasses import dataclass, replace

from claims.evidence.highlight import Segment, passage_segments, segments, stated_figures
from claims.evidence.passages import ranked_passages
from claims.evidence.verdicts import CONTRADICTED, NO_EVIDENCE, NOT_FOUND, SUPPORTED, Evidence, check_figures
from claims.models import Claim
from claims.verification import figures_for_text, index_for_text, pure_figure
from sources.selectors import latest_snapshots

ALTERNATIVES = 2
TYPED = "typed"  # the choice of the text area rather than a listed passage
CONFIRM_PREFIX = "confirm-passage-"  # + citation id: the *Confirm this passage* box
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
    # What the form shows: the passage, or what the reviewer typed, ticked and picked when the page comes
    # back refused (nothing they entered is lost).
    typed: str | None = None
    is_ticked: bool = False
    picked: str = TYPED

    @property
    def text_to_edit(self) -> str:
        return self.passage if self.typed is None else self.typed


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
        spans, stated = stated_figures(passage, pure)  # the passage read once, whatever the figures
        states = tuple(figures[position].text for position in stated)
        citations.append(
            CitationEvidence(
                citation_id=citation.pk,
                key=citation.source.key,
                title=citation.source.title or citation.source.PLACEHOLDER_TITLE,
                is_inferred=citation.is_inferred,
                passage=passage,
                passage_segments=passage_segments(passage, pure, spans),
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


def with_posted(workbench: Workbench, data) -> Workbench:
    """Return the workbench showing what a refused form posted: typed text, ticks and picks."""
    if not data:
        return workbench
    citations = tuple(
        replace(
            source,
            typed=data.get(f"passage-{source.citation_id}", source.passage),
            is_ticked=bool(data.get(f"{CONFIRM_PREFIX}{source.citation_id}")),
            picked=data.get(f"pick-passage-{source.citation_id}", TYPED),
        )
        for source in workbench.citations
    )
    return replace(workbench, citations=citations)


def ticked_citations(claim: Claim, data) -> list:
    """Return the claim's citations whose *Confirm this passage* box ``data`` ticks (no query when none
    is)."""
    if not any(name.startswith(CONFIRM_PREFIX) for name in data):
        return []
    return [c for c in claim.citations.all() if data.get(f"{CONFIRM_PREFIX}{c.pk}")]


def posted_passage(citation, data) -> str:
    """Return the text a ticked citation's form confirms: the picked passage, else the typed one."""
    picked = data.get(f"pick-passage-{citation.pk}", TYPED)
    return data.get(f"passage-{citation.pk}", "") if picked == TYPED else picked


def figures_failing_after(claim: Claim, data) -> list[str]:
    """Return the claim's figures that the check would not find once the ticked passages of ``data``
    are confirmed: what an approval in the same form would leave failing."""
    figures = list(claim.figures.all())
    if not figures:
        return []
    ticked = {citation.pk for citation in ticked_citations(claim, data)}
    citations = list(claim.citations.select_related("source"))
    snapshots = latest_snapshots({citation.source_id for citation in citations})
    evidence = []
    for citation in citations:
        # As the check reads a stored citation (claims.verification): the confirmed quote first, then the
        # source's whole latest snapshot; a ticked passage is what citation_confirm_passage would store.
        text = citation.quote
        if citation.pk in ticked:
            text = " ".join(posted_passage(citation, data).split()) or citation.suggested_passage
        snapshot = snapshots.get(citation.source_id)
        evidence.append(
            Evidence(citation.source.key, text, figures_for_text(snapshot.text) if snapshot else None)
        )
    verdicts = check_figures([pure_figure(figure) for figure in figures], evidence, claim.text)
    return [
        figure.text
        for figure, verdict in zip(figures, verdicts, strict=True)
        if verdict.verdict not in (SUPPORTED, NO_EVIDENCE)
    ]


def posted_passages(claim: Claim, data) -> dict[int, str]:
    """Return the passages the workbench's form ticks (``confirm-passage-<citation id>``), by citation id:
    the passage picked in ``pick-passage-<citation id>``, or the text of ``passage-<citation id>``; what
    ``claims.services.claim_decide`` confirms."""
    return {citation.pk: posted_passage(citation, data) for citation in ticked_citations(claim, data)}
