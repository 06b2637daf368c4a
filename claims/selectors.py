"""Reads of claims for reports, the review queue and pages: fixed query counts whatever the size."""

from datetime import datetime
from typing import NamedTuple

from django.db.models import F, Prefetch, Q

from accounts.names import choose_public_name
from claims.models import Citation, Claim, ConsistencyFinding, Figure
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


class ReaderClaim(NamedTuple):
    """What the reader's page needs of one claim, read as plain values: building a model instance (and its
    citations', sources' and figures' instances, and a queryset per prefetched relation) costs more than
    rendering the sentence. A named tuple: thousands are built per page, and a tuple is built fastest."""

    id: int
    section_id: int
    text: str
    paragraph: int
    markers: list
    flags: tuple[str, ...]
    status: str
    reviewed_at: datetime | None
    reviewer: str  # public name, "" for none
    public_note: str  # "" unless the reviewer made the note public
    approved_raw: str
    approved_text: str
    approved_markers: list
    approved_at: datetime | None
    approver: str
    is_changed: bool  # the wording differs from the approved one
    is_retired: bool
    citations: tuple[tuple[int, bool, str], ...] = ()  # (source id, is inferred, confirmed quote)
    cited_pages: tuple[tuple[int, str], ...] = ()  # (source id, the pages its citation cites)
    figures: tuple[tuple[int, int, str, dict | None], ...] = ()  # (start, end, verdict, evidence)


# The claim's own columns, then its reviewer's and approver's, for ``choose_public_name``.
READER_CLAIM_COLUMNS = (
    "pk",
    "section_id",
    "text",
    "paragraph",
    "markers",
    "flags",
    "status",
    "reviewed_at",
    "review_note",
    "note_is_public",
    "raw",
    "approved_raw",
    "approved_text",
    "approved_markers",
    "approved_at",
    "retired_at",
)
PERSON_COLUMNS = ("id", "username", "first_name", "last_name", "profile__display_name")


def reader_wanted(*, with_removed: bool, prefix: str = "") -> Q:
    """Return the claims the reader's page shows: current ones, and with ``with_removed`` the removed ones
    whose removal awaits approval (the reviewed view still shows them)."""
    wanted = Q(**{f"{prefix}retired_at__isnull": True})
    if with_removed:
        wanted |= Q(**{f"{prefix}retired_at__isnull": False}) & ~Q(**{f"{prefix}approved_raw": ""})
    return wanted


def person_name(values: tuple) -> str:
    """Return the public name of a person read as ``PERSON_COLUMNS`` ("" when there is none)."""
    user_id, username, first_name, last_name, display_name = values
    if user_id is None:
        return ""
    full_name = f"{first_name} {last_name}".strip()
    return choose_public_name(
        display_name=display_name or "", full_name=full_name, username=username, user_id=user_id
    )


def reader_claims(article, *, with_removed: bool) -> list[ReaderClaim]:
    """Return what the reader's page needs of the article's claims, in article order, in three queries
    (claims with their reviewers' and approvers' names, citations, figures) whatever their number.
    ``with_removed`` adds the removed claims whose removal awaits approval, each after the current claim
    that took its place."""
    people = [f"{who}__{column}" for who in ("reviewed_by", "approved_by") for column in PERSON_COLUMNS]
    rows = (
        Claim.objects.filter(reader_wanted(with_removed=with_removed), section__article=article)
        .order_by("section__order", "position", F("retired_at").asc(nulls_first=True), "pk")
        .values_list(*READER_CLAIM_COLUMNS, *people)
    )
    wanted = reader_wanted(with_removed=with_removed, prefix="claim__")
    citations: dict[int, list] = {}
    cited_pages: dict[int, list] = {}
    for claim_id, source_id, is_inferred, quote, pages in (
        Citation.objects.filter(wanted, claim__section__article=article)
        .order_by("claim_id", "is_inferred", "position")
        .values_list("claim_id", "source_id", "is_inferred", "quote", "pages")
    ):
        citations.setdefault(claim_id, []).append((source_id, is_inferred, quote))
        if pages:
            cited_pages.setdefault(claim_id, []).append((source_id, pages))
    figures: dict[int, list] = {}
    for claim_id, start, end, verdict, evidence in (
        Figure.objects.filter(wanted, claim__section__article=article)
        .order_by("claim_id", "position", "pk")
        .values_list("claim_id", "start", "end", "verdict", "evidence")
    ):
        figures.setdefault(claim_id, []).append((start, end, verdict, evidence))
    own, width = len(READER_CLAIM_COLUMNS), len(PERSON_COLUMNS)
    claims = []
    for row in rows:
        pk, section_id, text, paragraph, markers, flags, status, reviewed_at, note, note_is_public = row[:10]
        raw, approved_raw, approved_text, approved_markers, approved_at, retired_at = row[10:own]
        claims.append(
            ReaderClaim(
                id=pk,
                section_id=section_id,
                text=text,
                paragraph=paragraph,
                markers=markers,
                flags=tuple(flags.split()),
                status=status,
                reviewed_at=reviewed_at,
                reviewer=person_name(row[own : own + width]),
                public_note=note if note_is_public else "",
                approved_raw=approved_raw,
                approved_text=approved_text,
                approved_markers=approved_markers,
                approved_at=approved_at,
                approver=person_name(row[own + width :]),
                is_changed=bool(approved_raw) and approved_raw != raw,
                is_retired=retired_at is not None,
                citations=tuple(citations.get(pk, ())),
                figures=tuple(figures.get(pk, ())),
                cited_pages=tuple(cited_pages.get(pk, ())),
            )
        )
    return claims


def raised_conflicts(article) -> dict[int, tuple[int, ...]]:
    """Return, for each claim in an open or confirmed conflict, the other statements it conflicts with:
    what the reader's page links, in one query of two columns (an article of repeated figures can hold
    findings by the thousand)."""
    rows = (
        ConsistencyFinding.objects.filter(ConsistencyFinding.raised_q(), article=article)
        .order_by("-kind", "first_claim__section__order", "first_claim__position", "second_claim__position")
        .values_list("first_claim_id", "second_claim_id")
    )
    others: dict[int, list[int]] = {}
    for first, second in rows:
        others.setdefault(first, []).append(second)
        others.setdefault(second, []).append(first)
    return {claim: tuple(ids) for claim, ids in others.items()}


def article_claims(article) -> list[Claim]:
    """Return the article's current claims in article order with their citations, sources and figures."""
    return list(claims_with_relations(Claim.objects.for_article(article).in_article_order()))


def factcheck_rows(article) -> list[ClaimRow]:
    """Return the report rows of the article's current claims, in article order, in three queries of plain
    values (claims with their section's heading, citations with their source's key, figures): the report
    of the 25x article has 5,754 rows, and a model instance per claim, citation, source and figure (with a
    queryset per prefetched relation) cost seconds."""
    current = Claim.objects.for_article(article)
    citations: dict[int, tuple[list, list]] = {}
    for claim_id, key, is_inferred in (
        Citation.objects.filter(claim__in=current)
        .order_by("claim_id", "is_inferred", "position")
        .values_list("claim_id", "source__key", "is_inferred")
    ):
        citations.setdefault(claim_id, ([], []))[is_inferred].append(key)
    figures: dict[int, list[FigureRow]] = {}
    for claim_id, *fields, verdict, evidence in (
        Figure.objects.filter(claim__in=current)
        .order_by("claim_id", "position", "pk")
        .values_list("claim_id", *FIGURE_ROW_COLUMNS, "verdict", "evidence")
    ):
        figures.setdefault(claim_id, []).append(figure_row(fields, verdict, evidence or {}))
    rows = current.in_article_order().values_list(
        "pk", "section__heading", "text", "status", "flags", "review_note", "note_is_public"
    )
    return [
        ClaimRow(
            id=pk,
            section=heading or "(lead)",
            text=text,
            status=status,
            sources=tuple(citations.get(pk, ((), ()))[0]),
            inferred_sources=tuple(citations.get(pk, ((), ()))[1]),
            flags=tuple(flags.split()),
            figures=tuple(figures.get(pk, ())),
            public_reason=public_reason(status, note, note_is_public),
        )
        for pk, heading, text, status, flags, note, note_is_public in rows
    ]


def public_reason(status: str, note: str, note_is_public: bool) -> str:
    """Return the reviewer's reason readers may read: the note of a disputed or rejected claim, when the
    reviewer ticked *Show the note to readers*; "" otherwise (a private note is never published)."""
    return note if note_is_public and status in ("disputed", "rejected") else ""


FIGURE_ROW_COLUMNS = ("text", "value", "value_max", "unit", "qualifier", "kind")


def figure_row(fields, verdict: str, evidence: dict) -> FigureRow:
    """Return a figure read as ``FIGURE_ROW_COLUMNS`` with its verdict and evidence."""
    return FigureRow(
        *fields,
        verdict=verdict,
        keys=tuple(evidence.get("keys", ())),
        passage=evidence.get("passage", ""),
        says=evidence.get("says", ""),
    )


FINDING_COLUMNS = (
    "kind",
    "status",
    "quantity",
    "reason",
    "first_claim_id",
    "first_claim__text",
    "first_value",
    "second_claim_id",
    "second_claim__text",
    "second_value",
)


def public_findings(article) -> list[dict]:
    """Return the article's consistency findings (conflicts first) as the public JSON states them: kind,
    status, why, and both statements, in one query of plain values. An article that repeats its figures
    holds findings by the ten thousand: a model instance per finding and per claim, each claim joined with
    its section's whole text, made the fact-check page of the 25x article take 18 s."""
    rows = (
        ConsistencyFinding.objects.filter(ConsistencyFinding.public_q(), article=article)
        .order_by("-kind", "first_claim__section__order", "first_claim__position", "second_claim__position")
        .values_list(*FINDING_COLUMNS)
    )
    return [finding_dict(*row) for row in rows]


def finding_dict(kind, status, quantity, reason, *statements) -> dict:
    """Return a finding read as ``FINDING_COLUMNS`` as the public JSON states it."""
    first, second = statements[:3], statements[3:]
    return {
        "kind": kind,
        "status": status,
        "quantity": quantity,
        "reason": reason,
        "statements": [{"id": pk, "text": text, "value": value} for pk, text, value in (first, second)],
    }
