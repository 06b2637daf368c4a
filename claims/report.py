"""Build the fact-check report of an article from plain rows: pure, so it is tested without a database.

The same report feeds the ``factcheck`` command (JSON and a table), the public fact-check page and the
article's JSON.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from claims.evidence.verdicts import CONTRADICTED, NO_EVIDENCE, SUPPORTED, VERDICTS
from claims.flags import CONTRADICTED_BY_SOURCE, FAILED_VERIFICATION, FLAG_INFO, FLAG_NAMES, UNREVIEWED


@dataclass(frozen=True)
class FigureRow:
    text: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str
    kind: str
    verdict: str = "no_evidence"
    keys: tuple[str, ...] = ()  # the sources whose passage states it (or, contradicted, states another value)
    passage: str = ""  # the first supporting (or contradicting) passage
    says: str = ""  # contradicted: the value the source gives instead, as it words it

    @property
    def verdict_text(self) -> str:
        """Return the verdict as the table shows it: "supported [1, 3]", "contradicted [2]: the source
        says 91", "not_found"."""
        if self.verdict == SUPPORTED:
            return f"{self.verdict} [{', '.join(self.keys)}]"
        if self.verdict == CONTRADICTED:
            return f"{self.verdict} [{', '.join(self.keys)}]: the source says {self.says}"
        return self.verdict


@dataclass(frozen=True)
class ClaimRow:
    id: int
    section: str
    text: str
    status: str
    sources: tuple[str, ...]
    inferred_sources: tuple[str, ...]
    flags: tuple[str, ...]
    figures: tuple[FigureRow, ...]
    public_reason: str = ""  # a disputed or rejected claim's note, when the reviewer made it public

    @property
    def severity(self) -> tuple[int, int]:
        """Sort key, worst first: the worst flag's rank in FLAG_NAMES, then more figures first."""
        ranks = [FLAG_NAMES.index(flag) for flag in self.flags if flag in FLAG_NAMES]
        return (min(ranks) if ranks else len(FLAG_NAMES), -len(self.figures))


def figure_is_flagged(claim_flags, verdict: str) -> bool:
    """Return True when readers see this figure marked as doubtful: a figure the sources failed to
    support, or one whose claim carries a strong flag, or a weak one (single source, inferred source)
    while no passage states it. A figure a source verifies is not doubtful for a thin-support flag
    alone: the reader sees it "verified in [n]", and counting it as flagged too said "6 of 6 figures
    flagged" of an article with 5 verified."""
    if verdict not in (SUPPORTED, NO_EVIDENCE):  # not found, or contradicted by a source
        return True
    # failed_verification and contradicted_by_source belong to the claim's other figures, the ones no
    # source states or one states otherwise.
    own = [
        flag for flag in claim_flags if flag not in (UNREVIEWED, FAILED_VERIFICATION, CONTRADICTED_BY_SOURCE)
    ]
    if verdict == SUPPORTED:
        return any(FLAG_INFO[flag].is_strong for flag in own if flag in FLAG_INFO)
    return bool(own)


@dataclass(frozen=True)
class Summary:
    claims: int
    figures: int
    flagged_figures: int
    approved: int
    by_flag: dict[str, int]
    by_verdict: dict[str, int]

    @property
    def verified_figures(self) -> int:
        return self.by_verdict.get(SUPPORTED, 0)


def summarize(rows) -> Summary:
    """Return the counts a reader or reviewer sees first. ``rows`` are report rows, or anything else with
    a claim's ``status``, ``flags`` and ``figures`` (each with a ``verdict``), such as the reader page's
    rendering input."""
    by_flag = Counter(flag for row in rows for flag in row.flags)
    by_verdict = Counter(figure.verdict for row in rows for figure in row.figures)
    return Summary(
        claims=len(rows),
        figures=sum(len(row.figures) for row in rows),
        flagged_figures=sum(
            figure_is_flagged(row.flags, figure.verdict) for row in rows for figure in row.figures
        ),
        approved=sum(row.status == "approved" for row in rows),
        by_flag={flag: by_flag.get(flag, 0) for flag in FLAG_NAMES},
        by_verdict={verdict: by_verdict.get(verdict, 0) for verdict in VERDICTS},
    )


def number(value: Decimal | None) -> int | float | None:
    """Return a JSON number: an int when the value is whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def figure_as_dict(figure: FigureRow, claim_flags: tuple[str, ...]) -> dict:
    """Return a figure's JSON: its value, the claim's flags, and its verdict with, when supported, the
    keys of the sources stating it and the first passage that does; when contradicted, the source's key,
    its passage and what it ``says`` instead."""
    supported = {"keys": list(figure.keys), "passage": figure.passage} if figure.verdict == SUPPORTED else {}
    if figure.verdict == CONTRADICTED:
        supported = {"keys": list(figure.keys), "passage": figure.passage, "says": figure.says}
    return {
        "text": figure.text,
        "value": number(figure.value),
        "value_max": number(figure.value_max),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "kind": figure.kind,
        "flagged": figure_is_flagged(claim_flags, figure.verdict),
        "flags": list(claim_flags),
        "verdict": figure.verdict,
        **supported,
    }


def claim_as_dict(row: ClaimRow) -> dict:
    return {
        "id": row.id,
        "section": row.section,
        "text": row.text,
        "status": row.status,
        "sources": list(row.sources),
        "inferred_sources": list(row.inferred_sources),
        "flags": list(row.flags),
        "public_reason": row.public_reason,
        "figures": [figure_as_dict(figure, row.flags) for figure in row.figures],
    }


def report_as_dict(article_slug: str, rows: list[ClaimRow]) -> dict:
    """Return the report's JSON form, claims in article order."""
    summary = summarize(rows)
    return {
        "article": article_slug,
        "summary": {
            "claims": summary.claims,
            "figures": summary.figures,
            "flagged_figures": summary.flagged_figures,
            "approved": summary.approved,
            "by_flag": summary.by_flag,
            "by_verdict": summary.by_verdict,
        },
        "claims": [claim_as_dict(row) for row in rows],
    }


def worst_first(rows: list[ClaimRow]) -> list[ClaimRow]:
    """Return the rows worst first; article order breaks ties."""
    return sorted(rows, key=lambda row: row.severity)


def report_as_table(title: str, rows: list[ClaimRow], *, width: int = 72) -> str:
    """Return a plain-text table a reviewer can scan, worst first."""
    summary = summarize(rows)
    lines = [
        f"Fact-check report: {title}",
        f"{summary.claims} claims, {summary.approved} approved; "
        f"{summary.figures} figures, {summary.flagged_figures} flagged",
        "Flags: "
        + ", ".join(f"{flag} {count}" for flag, count in summary.by_flag.items())
        + "; figures: "
        + ", ".join(f"{verdict} {count}" for verdict, count in summary.by_verdict.items()),
        "",
        f"{'claim':>6}  {'status':<10}  {'flags':<40}  figures / sentence",
    ]
    for row in worst_first(rows):
        figures = "; ".join(f"{figure.text} ({figure.verdict_text})" for figure in row.figures) or "-"
        flags = " ".join(row.flags) or "-"
        sentence = row.text if len(row.text) <= width else row.text[: width - 1] + "…"
        lines.append(f"{row.id:>6}  {row.status:<10}  {flags:<40}  {figures}")
        lines.append(f"{'':>6}  {'':<10}  {'§ ' + row.section[:38]:<40}  {sentence}")
    return "\n".join(lines) + "\n"
