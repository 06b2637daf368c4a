"""Writes to sources. A change of rating is a change to every claim citing the source: the claims app
recomputes their flags in the same unit of work (``sources.signals.reliability_changed``), so no page or
report ever shows stale flags."""

from editorial.errors import NOT_AN_EDITOR
from editorial.work import article_touched, editorial_change
from sources.keys import check_key
from sources.models import Source
from sources.signals import reliability_changed


def source_save(*, source: Source, user, reason: str = "") -> Source:
    """Save a new or edited source with its history, as one unit of work; a changed rating re-flags the
    claims citing it (and sends approved ones back to review when it was downgraded to unreliable)."""
    permission = "sources.change_source" if source.pk else "sources.add_source"
    with editorial_change(user=user, comment=reason, permission=permission, refusal=NOT_AN_EDITOR):
        check_key(source.key)  # the form says so first; this keeps every other caller to the same rule
        article_touched(source.article_id)
        previous = Source.objects.filter(pk=source.pk).values_list("reliability", flat=True).first()
        source._history_user = user
        source._change_reason = reason
        source.save()
        if previous is not None and previous != source.reliability:
            reliability_changed.send(sender=Source, source=source, previous=previous, user=user)
    return source
