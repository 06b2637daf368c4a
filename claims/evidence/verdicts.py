"""Give each figure of a claim a verdict from the passages of the sources it cites.

``supported``: a passage states the value (see ``claims.evidence.values``); ``not_found``: at least one
cited source has a passage, and none of them states it; ``no_evidence``: no cited source has text yet.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from claims.evidence.values import supporting_figure
from claims.figures import Figure, extract_figures

SUPPORTED = "supported"
NOT_FOUND = "not_found"
NO_EVIDENCE = "no_evidence"
VERDICTS = (SUPPORTED, NOT_FOUND, NO_EVIDENCE)


@dataclass(frozen=True)
class Evidence:
    """What one cited source offers a claim: its key and passage ("" when it has no text)."""

    key: str
    passage: str


@dataclass(frozen=True)
class Support:
    """A source whose passage states a figure, and how the passage words it."""

    key: str
    passage: str
    stated: str  # the figure as the passage writes it: "six thousand", "45 per cent"


@dataclass(frozen=True)
class FigureVerdict:
    verdict: str
    support: tuple[Support, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(support.key for support in self.support)

    @property
    def passage(self) -> str:
        """Return the first supporting passage, or ""."""
        return self.support[0].passage if self.support else ""


def check_figures(figures: Sequence[Figure], evidence: Sequence[Evidence]) -> tuple[FigureVerdict, ...]:
    """Return a verdict for each figure, reading each passage's figures once."""
    with_text = [(item, extract_figures(item.passage)) for item in evidence if item.passage.strip()]
    return tuple(_verdict(figure, with_text) for figure in figures)


def _verdict(figure: Figure, with_text: list[tuple[Evidence, tuple[Figure, ...]]]) -> FigureVerdict:
    if not with_text:
        return FigureVerdict(NO_EVIDENCE)
    support = []
    for item, stated in with_text:
        match = supporting_figure(figure, stated)
        if match is not None:
            support.append(Support(item.key, item.passage, match.text))
    return FigureVerdict(SUPPORTED, tuple(support)) if support else FigureVerdict(NOT_FOUND)


def has_failed_verification(verdicts: Sequence[FigureVerdict]) -> bool:
    """Return True when a figure's sources have text and none states it."""
    return any(verdict.verdict == NOT_FOUND for verdict in verdicts)


def check_claim_against_texts(claim: str, texts: dict[str, str]) -> tuple[tuple[Figure, FigureVerdict], ...]:
    """Return each figure of ``claim`` with its verdict against the given source texts (key -> text), as
    claims_check_evidence gives it: the best passage of each text for the claim, then every figure checked
    against those passages."""
    from claims.evidence.passages import best_passage, build_index

    figures = extract_figures(claim)
    evidence = []
    for key, text in texts.items():
        match = best_passage(build_index(text), claim, figures)
        evidence.append(Evidence(key, match.passage.text if match else ""))
    return tuple(zip(figures, check_figures(figures, evidence), strict=True))
