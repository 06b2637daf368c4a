"""Give each figure of a claim a verdict from the sources it cites.

Each source is looked up whole (``claims.evidence.lookup``): every figure of its latest snapshot read
once, each figure of the claim finding its own statement. A passage an editor confirmed or typed is
looked in first.

- ``supported``: a source states the value, about the same thing; the figure keeps that sentence.
- ``contradicted``: no source states it, and one states the same quantity with another value ("the
  source says 91"): the claim gets the strong flag ``contradicted_by_source``.
- ``not_found``: at least one cited source has text, and none states the quantity: the claim gets
  ``failed_verification``.
- ``no_evidence``: no cited source has text yet (no snapshot, no passage).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.evidence.lookup import SourceFigures, find_all, index_source
from claims.figures import Figure, extract_figures

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
NOT_FOUND = "not_found"
NO_EVIDENCE = "no_evidence"
VERDICTS = (SUPPORTED, CONTRADICTED, NOT_FOUND, NO_EVIDENCE)
FAILED = (CONTRADICTED, NOT_FOUND)


@dataclass(frozen=True)
class Evidence:
    """What one cited source offers a claim: its key, a passage (confirmed, typed or suggested; "" when
    none) and its latest snapshot read once (None when it has no snapshot)."""

    key: str
    passage: str
    snapshot: SourceFigures | None = field(default=None, compare=False, repr=False)

    @property
    def has_text(self) -> bool:
        return bool(self.passage.strip()) or (self.snapshot is not None and self.snapshot.has_text)


@dataclass(frozen=True)
class Support:
    """A source's sentence that states (or contradicts) a figure, and how it words the value."""

    key: str
    passage: str
    stated: str  # the figure as the passage writes it: "six thousand", "45 per cent", "91"


@dataclass(frozen=True)
class FigureVerdict:
    verdict: str
    support: tuple[Support, ...] = ()  # the supporting sources, or the contradicting one
    why: str = ""  # not found although a source gives the value, for another thing: the one-sentence reason

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(support.key for support in self.support)

    @property
    def passage(self) -> str:
        """Return the first supporting (or contradicting) passage, or ""."""
        return self.support[0].passage if self.support else ""

    @property
    def says(self) -> str:
        """Return what the source says instead, for a contradicted figure ("91 different shapes")."""
        return self.support[0].stated if self.verdict == CONTRADICTED and self.support else ""


def check_figures(
    figures: Sequence[Figure], evidence: Sequence[Evidence], claim: str = ""
) -> tuple[FigureVerdict, ...]:
    """Return a verdict for each figure of ``claim`` from its sources: each passage and snapshot is read
    once, each figure looked up in all of them."""
    with_text = [item for item in evidence if item.has_text]
    if not with_text:
        return tuple(FigureVerdict(NO_EVIDENCE) for _ in figures)
    figures = tuple(figures)
    found: list[list] = [[] for _ in figures]  # per figure: (key, Finding) from each source
    for item in with_text:
        passage = index_source(item.passage) if item.passage.strip() else None
        in_passage = find_all(passage, claim, figures, confirmed=True) if passage else (None,) * len(figures)
        in_snapshot = (
            find_all(item.snapshot, claim, figures) if item.snapshot is not None else (None,) * len(figures)
        )
        for n, (first, second) in enumerate(zip(in_passage, in_snapshot, strict=True)):
            chosen = _preferred(first, second)
            if chosen is not None:
                found[n].append((item.key, chosen))
    return tuple(_verdict(findings) for findings in found)


def _preferred(in_passage, in_snapshot):
    """Return what the confirmed passage says, unless only the whole snapshot states the value."""
    if in_passage is not None and (in_passage.verdict == SUPPORTED or in_snapshot is None):
        return in_passage
    return in_snapshot if in_snapshot is not None else in_passage


def _verdict(findings: list) -> FigureVerdict:
    supporting = [Support(key, f.passage, f.stated) for key, f in findings if f.verdict == SUPPORTED]
    if supporting:
        return FigureVerdict(SUPPORTED, tuple(supporting))
    against = [Support(key, f.passage, f.stated) for key, f in findings if f.verdict == CONTRADICTED]
    if against:
        return FigureVerdict(CONTRADICTED, tuple(against[:1]))
    why = next((f"[{key}]: {f.why}" for key, f in findings if f.why), "")
    return FigureVerdict(NOT_FOUND, why=why)


def has_failed_verification(verdicts: Sequence[FigureVerdict]) -> bool:
    """Return True when a figure's sources have text and none states it."""
    return any(verdict.verdict == NOT_FOUND for verdict in verdicts)


def is_contradicted(verdicts: Sequence[FigureVerdict]) -> bool:
    """Return True when a source states one of the figures' quantities with another value."""
    return any(verdict.verdict == CONTRADICTED for verdict in verdicts)


def check_claim_against_texts(claim: str, texts: dict[str, str]) -> tuple[tuple[Figure, FigureVerdict], ...]:
    """Return each figure of ``claim`` with its verdict against whole source texts (key -> text), as
    claims_check_evidence gives it for sources with a snapshot and no confirmed passage."""
    figures = extract_figures(claim)
    evidence = [Evidence(key, "", index_source(text)) for key, text in texts.items()]
    return tuple(zip(figures, check_figures(figures, evidence, claim), strict=True))
