"""Writes to sources. A change of rating is a change to every claim citing the source: its flags are
recomputed in the same transaction, so no page or report ever shows stale flags."""

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from articles.cache import article_changed
from articles.errors import require_permission
from claims.models import Claim
from claims.services import claims_refresh_flags
from sources.keys import check_key
from sources.models import Source

UNRELIABLE_REASON = "Source [{key}] was rated unreliable; the claim goes back to review."


@transaction.atomic
def source_save(*, source: Source, user, reason: str = "") -> Source:
    """Save a new or edited source with its history; if its rating changed, refresh the flags of the
    claims citing it, and send approved claims back to review when it was downgraded to unreliable.
    Raises BadSourceKey, changing nothing, for a key that cannot be cited or linked."""
    require_permission(user, "sources.change_source" if source.pk else "sources.add_source")
    check_key(source.key)  # the form says so first; this keeps every other caller to the same rule
    previous = Source.objects.filter(pk=source.pk).values_list("reliability", flat=True).first()
    source._history_user = user
    source._change_reason = reason
    source.save()
    if previous is not None and previous != source.reliability:
        citing = Claim.objects.active().filter(citations__source=source).distinct()
        if source.reliability == Source.Reliability.UNRELIABLE:
            send_back_to_review(citing.filter(status=Claim.Status.APPROVED), source=source, user=user)
        claims_refresh_flags(claims=citing)
    article_changed(source.article_id)
    return source


def send_back_to_review(claims, *, source: Source, user) -> int:
    """Return approved claims to the queue, their decision kept in history."""
    claims = list(claims)
    for claim in claims:
        claim.status = Claim.Status.UNREVIEWED
        claim.reviewed_by, claim.reviewed_at = None, None
    bulk_update_with_history(
        claims,
        Claim,
        ["status", "reviewed_by", "reviewed_at"],
        default_user=user,
        default_change_reason=UNRELIABLE_REASON.format(key=source.key),
    )
    return len(claims)
