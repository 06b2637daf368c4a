"""A claim's stored flags from its citations (``claims.flags`` computes them from plain values): used by
the writes of claims (``claims.services``) and of the figure check (``claims.verification``) alike."""

from claims.flags import CONFLICTING, ESTIMATES_DIFFER, compute_flags, encode_flags
from claims.models import Claim


def flags_for(claim: Claim, citations: list) -> str:
    """Return the stored flags of a claim from its ``(source, is_inferred)`` citations."""
    return encode_flags(
        compute_flags(
            explicit_sources=[source.key for source, inferred in citations if not inferred],
            inferred_sources=[source.key for source, inferred in citations if inferred],
            partisan_sources=[source.key for source, _ in citations if source.is_partisan_or_worse],
            is_hedged=claim.is_hedged,
            status=claim.status,
            failed_verification=claim.has_failed_verification,
            contradicted=claim.has_contradiction,
            # Set by findings_refresh and finding_resolve; a re-flag keeps it.
            conflicting=CONFLICTING in claim.flag_names,
            estimates_differ=ESTIMATES_DIFFER in claim.flag_names,
        )
    )
