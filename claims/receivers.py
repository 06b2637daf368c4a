"""What claims do when something they depend on changes in another app."""

from claims.models import Citation
from claims.verification import claims_check_evidence


def recheck_claims_citing_snapshot_source(sender, snapshot, **kwargs) -> None:
    """A source's text changed: re-check every active claim citing it, in the snapshot's transaction."""
    citing = Citation.objects.filter(source_id=snapshot.source_id, claim__retired_at__isnull=True)
    claim_ids = set(citing.values_list("claim_id", flat=True))
    claims_check_evidence(claims=sorted(claim_ids), user=snapshot.created_by)
