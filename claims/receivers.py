"""The claims app's answers to what happens to sources (``sources.signals``)."""

from claims.models import Citation, Claim
from claims.services import claims_refresh_flags
from claims.verification import claims_check_evidence
from editorial.bulk import update_rows_with_history
from sources.models import Source

UNRELIABLE_REASON = "Source [{key}] was rated unreliable; the claim goes back to review."


def reflag_citing_claims(sender, *, source: Source, previous: str, user, **kwargs) -> None:
    """Recompute the flags of the claims citing ``source``; an unreliable rating sends approved ones back
    to the review queue, their decision kept in history."""
    citing = Claim.objects.active().filter(citations__source=source).distinct()
    if source.reliability == Source.Reliability.UNRELIABLE:
        send_back_to_review(citing.filter(status=Claim.Status.APPROVED), source=source, user=user)
    claims_refresh_flags(claims=citing)


def send_back_to_review(claims, *, source: Source, user) -> int:
    claims = list(claims)
    for claim in claims:
        claim.status = Claim.Status.UNREVIEWED
        claim.reviewed_by, claim.reviewed_at = None, None
    update_rows_with_history(
        Claim,
        claims,
        ["status", "reviewed_by", "reviewed_at"],
        user=user,
        reason=UNRELIABLE_REASON.format(key=source.key),
    )
    return len(claims)


def recheck_claims_citing_snapshot_source(sender, snapshot, **kwargs) -> None:
    """A source's text changed: re-check every active claim citing it, in the snapshot's unit of work."""
    citing = Citation.objects.filter(source_id=snapshot.source_id, claim__retired_at__isnull=True)
    claim_ids = set(citing.values_list("claim_id", flat=True))
    claims_check_evidence(claims=sorted(claim_ids), user=snapshot.created_by)
