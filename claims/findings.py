"""Writes to consistency findings: keep them in step with an article's sentences, and record resolutions.

``findings_refresh`` re-reads an article's current claims with ``claims.consistency`` (pure) and stores
the conflicts and agreements it finds, in a fixed number of queries whatever the article's size: it reads
the claims and the stored findings once each, and writes in bulk. A stored finding whose two sentences
read as they did when it was found keeps its status (so a dismissed one is not raised again); one whose
sentence changed opens again; one no longer found is deleted (its history keeps it). The ``conflicting``
flag of each claim follows its open and confirmed conflicts.
"""

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims import errors
from claims.consistency import Finding, Statement, find_findings
from claims.flags import with_conflicting
from claims.models import Claim, ConsistencyFinding
from editorial.bulk import update_rows
from editorial.work import article_locked, article_touched, current_unit, editorial_change

REFRESHED_FIELDS = [
    "kind",
    "status",
    "first_value",
    "second_value",
    "quantity",
    "reason",
    "first_raw",
    "second_raw",
    "resolved_by",
    "resolved_at",
    "note",
]
RESOLUTIONS = (
    ConsistencyFinding.Status.CONFIRMED,
    ConsistencyFinding.Status.DISMISSED,
    ConsistencyFinding.Status.CONSISTENT,
)


def findings_refresh(*, article_id: int, user=None) -> int:
    """Recompute the article's findings from its current claims; return how many rows were written.
    Inside a running unit of work (a save, an import) it joins it without a savepoint of its own."""
    if current_unit() is not None:
        return _refresh(article_id, user)
    with editorial_change(user=user, comment="Consistency findings refreshed"):
        return _refresh(article_id, user)


def _refresh(article_id: int, user) -> int:
    """Read the claims and the stored findings once each, then write what changed in bulk."""
    article_locked(article_id)  # the article first: one lock order for every write
    claims = {
        claim.pk: claim
        for claim in Claim.objects.for_article(article_id)
        .in_article_order()
        .only("pk", "raw", "text", "flags")
    }
    found = find_findings(Statement(pk, claim.text) for pk, claim in claims.items())
    stored = {f.claim_ids: f for f in ConsistencyFinding.objects.filter(article_id=article_id)}
    created, changed = plan_findings(article_id, claims, found, stored)
    pairs = {(finding.first, finding.second) for finding in found}
    stale = {f.pk for key, f in stored.items() if key not in pairs}
    if created or changed or stale:
        article_touched(article_id)
    if stale:
        ConsistencyFinding.objects.filter(pk__in=stale).delete()
    bulk_create_with_history(created, ConsistencyFinding, default_user=user)
    if changed:
        # Not bulk_update: its CASE per row grows with the square of the rows (minutes for thousands).
        update_rows(ConsistencyFinding, changed, REFRESHED_FIELDS)
        ConsistencyFinding.history.bulk_history_create(changed, update=True, default_user=user)
    raised = {
        pk for f in [*created, *stored.values()] if f.pk not in stale and f.is_raised for pk in f.claim_ids
    }
    flagged = refresh_conflicting_flags(claims.values(), raised)
    return len(created) + len(changed) + len(stale) + flagged


def plan_findings(article_id: int, claims: dict, found: tuple[Finding, ...], stored: dict):
    """Return (new findings, stored findings that changed); a stored one keeps its resolution while both
    sentences read as they did."""
    created, changed = [], []
    for finding in found:
        first, second = claims[finding.first], claims[finding.second]
        values = {
            "kind": finding.kind,
            "first_value": finding.first_value[:200],
            "second_value": finding.second_value[:200],
            "quantity": finding.quantity[:100],
            "reason": finding.reason,
        }
        current = stored.get((finding.first, finding.second))
        if current is None:
            created.append(
                ConsistencyFinding(
                    article_id=article_id,
                    first_claim_id=first.pk,
                    second_claim_id=second.pk,
                    first_raw=first.raw,
                    second_raw=second.raw,
                    **values,
                )
            )
            continue
        unchanged = (current.first_raw, current.second_raw) == (first.raw, second.raw)
        if unchanged and all(getattr(current, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(current, name, value)
        if not unchanged:  # a sentence changed: the old resolution was about other words
            current.status, current.resolved_by, current.resolved_at, current.note = "open", None, None, ""
            current.first_raw, current.second_raw = first.raw, second.raw
        changed.append(current)
    return created, changed


def refresh_conflicting_flags(claims, raised: set[int]) -> int:
    """Set the ``conflicting`` flag on exactly the claims in ``raised``; return how many changed."""
    changed = []
    for claim in claims:
        flags = with_conflicting(claim.flags, claim.pk in raised)
        if flags != claim.flags:
            claim.flags = flags
            changed.append(claim)
    update_rows(Claim, changed, ["flags"])
    return len(changed)


def finding_resolve(*, finding: ConsistencyFinding, user, status: str, note: str = "") -> ConsistencyFinding:
    """Record a reviewer's resolution: a real conflict (confirmed), different quantities (dismissed) or
    consistent. Raises ReviewRefused for anything else, changing nothing."""
    with editorial_change(
        user=user,
        comment=f"Consistency: {status}",
        permission="claims.review_claim",
        refusal=errors.NOT_A_REVIEWER,
        error=errors.ReviewRefused,
    ):
        article_touched(finding.article_id)  # the article first: one lock order for every write
        finding = ConsistencyFinding.objects.select_for_update().get(pk=finding.pk)
        if status not in RESOLUTIONS:
            raise errors.ReviewRefused(errors.NOT_A_DECISION)
        finding.status, finding.note = status, note.strip()
        finding.resolved_by, finding.resolved_at = user, timezone.now()
        finding._history_user = user
        finding._change_reason = note.strip() or ConsistencyFinding.Status(status).label
        finding.save()
        claim_ids = finding.claim_ids
        still_raised = {
            pk
            for pair in ConsistencyFinding.objects.filter(
                article_id=finding.article_id,
                kind=ConsistencyFinding.Kind.CONFLICT,
                status__in=["open", "confirmed"],
            ).values_list("first_claim_id", "second_claim_id")
            for pk in pair
        }
        refresh_conflicting_flags(Claim.objects.filter(pk__in=claim_ids).only("pk", "flags"), still_raised)
    return finding
