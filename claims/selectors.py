"""Reads of claims for reports, the review queue and pages: fixed query counts whatever the size."""

from django.db.models import F, Prefetch, Q

from claims.models import Citation, Claim, ConsistencyFinding
from claims.report import ClaimRow, FigureRow


def claims_with_relations(queryset):
    """Return the claims with their citations, sources and figures: three queries whatever their number.
    The section is joined without its body: every claim row would otherwise carry its own copy of the
    whole section text (memory and time growing with the square of a section's length)."""
    return (
        queryset.select_related("section")
        .defer("section__body")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("is_inferred", "position"),
            ),
            "figures",
        )
    )


def reader_claims(article, *, with_removed: bool) -> list[Claim]:
    """Return what the reader's page needs of the article's claims, in article order, in the same three
    queries as ``article_claims``, their reviewers' and approvers' public names joined. ``with_removed``
    adds the removed claims whose removal awaits approval (the reviewed view still shows them), each after
    the current claim that took its place."""
    wanted = Q(retired_at__isnull=True)
    if with_removed:
        wanted |= Q(retired_at__isnull=False) & ~Q(approved_raw="")
    return list(
        claims_with_relations(
            Claim.objects.filter(wanted, section__article=article)
            .select_related("reviewed_by__profile", "approved_by__profile")
            .order_by("section__order", "position", F("retired_at").asc(nulls_first=True), "pk")
        )
    )


def article_claims(article) -> list[Claim]:
    """Return the article's current claims in article order with their citations, sources and figures."""
    return list(claims_with_relations(Claim.objects.for_article(article).in_article_order()))


def claim_row(claim) -> ClaimRow:
    """Return the report row of a claim fetched by ``article_claims`` (citations, sources and figures
    prefetched, so this issues no query)."""
    citations = list(claim.citations.all())
    return ClaimRow(
        id=claim.pk,
        section=claim.section.heading or "(lead)",
        text=claim.text,
        status=claim.status,
        sources=tuple(c.source.key for c in citations if not c.is_inferred),
        inferred_sources=tuple(c.source.key for c in citations if c.is_inferred),
        flags=claim.flag_names,
        figures=tuple(figure_row(figure) for figure in claim.figures.all()),
    )


def figure_row(figure) -> FigureRow:
    evidence = figure.evidence or {}
    return FigureRow(
        figure.text,
        figure.value,
        figure.value_max,
        figure.unit,
        figure.qualifier,
        figure.kind,
        verdict=figure.verdict,
        keys=tuple(evidence.get("keys", ())),
        passage=evidence.get("passage", ""),
    )


def factcheck_rows(article) -> list[ClaimRow]:
    """Return the report rows of the article's current claims, in article order."""
    return [claim_row(claim) for claim in article_claims(article)]


def article_findings(article) -> list[ConsistencyFinding]:
    """Return the article's consistency findings (conflicts first) with both claims, in one query."""
    return list(
        ConsistencyFinding.objects.filter(article=article)
        .select_related("first_claim__section", "second_claim__section")
        .order_by("-kind", "first_claim__section__order", "first_claim__position", "second_claim__position")
    )


def finding_as_dict(finding: ConsistencyFinding) -> dict:
    """Return a finding as the public JSON states it: kind, status, why, and both statements."""
    return {
        "kind": finding.kind,
        "status": finding.status,
        "quantity": finding.quantity,
        "reason": finding.reason,
        "statements": [
            {"id": claim.pk, "text": claim.text, "value": value}
            for claim, value in (
                (finding.first_claim, finding.first_value),
                (finding.second_claim, finding.second_value),
            )
        ],
    }


def conflicting_pairs(findings: list[ConsistencyFinding]) -> dict[int, tuple[int, ...]]:
    """Return, for each claim in an open or confirmed conflict, the other statements it conflicts with."""
    others: dict[int, list[int]] = {}
    for finding in findings:
        if finding.is_raised:
            first, second = finding.claim_ids
            others.setdefault(first, []).append(second)
            others.setdefault(second, []).append(first)
    return {claim: tuple(ids) for claim, ids in others.items()}
