"""Writes to sources. A change of rating is a change to every claim citing the source: its flags are
recomputed in the same transaction, so no page or report ever shows stale flags."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from articles.cache import article_changed
from articles.errors import require_permission
from claims.models import Claim
from claims.services import claims_refresh_flags
from sources.errors import CHANGE_SOURCE, EMPTY_SNAPSHOT, NOT_ALLOWED, EmptySnapshot
from sources.models import Snapshot, Source
from sources.signals import snapshot_added
from sources.suggestions import clean_metadata, parse_date, suggestions

UNRELIABLE_REASON = "Source [{key}] was rated unreliable; the claim goes back to review."


@transaction.atomic
def source_save(*, source: Source, user, reason: str = "") -> Source:
    """Save a new or edited source with its history; if its rating changed, refresh the flags of the
    claims citing it, and send approved claims back to review when it was downgraded to unreliable."""
    require_permission(user, "sources.change_source" if source.pk else "sources.add_source")
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


def require_change_source(user) -> None:
    """Raise PermissionDenied unless ``user`` may change sources; None is the system (commands, tasks)."""
    if user is not None and not (user.is_active and user.has_perm(CHANGE_SOURCE)):
        raise PermissionDenied(NOT_ALLOWED)


def normalize_snapshot_text(text: str) -> str:
    """Return the text with one kind of line ending, no NUL (PostgreSQL refuses it) and no outer blanks,
    so the same words fetched twice hash the same."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def snapshot_store(
    *,
    source: Source,
    text: str,
    origin: str,
    user,
    url: str = "",
    final_url: str = "",
    http_status: int | None = None,
    content_type: str = "",
    metadata: dict | None = None,
) -> Snapshot:
    """Store what a source says; every way in (fetch, upload, paste) comes through here.

    Text equal to the latest snapshot's returns that snapshot and stores nothing. A new text fills the
    source's empty fields from the metadata and sends ``snapshot_added`` inside the transaction."""
    require_change_source(user)
    text = normalize_snapshot_text(text)
    if not text:
        raise EmptySnapshot(EMPTY_SNAPSHOT)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():  # UNIT OF WORK: editorial_change(user=user, permission=CHANGE_SOURCE)
        # Locking the source serialises two stores of one source, so both cannot see the same "latest".
        source = Source.objects.select_for_update().get(pk=source.pk)
        previous = source.snapshots.order_by("-created_at", "-id").first()
        if previous is not None and previous.content_hash == digest:
            return previous
        snapshot = Snapshot.objects.create(
            source=source,
            text=text,
            origin=origin,
            url=url[:1000],
            final_url=final_url[:1000],
            http_status=http_status,
            content_type=content_type[:200],
            content_hash=digest,
            metadata=clean_metadata(metadata),
            created_by=user,
        )
        source_fill_from_metadata(source=source, metadata=snapshot.metadata, user=user)
        snapshot_added.send(sender=Snapshot, snapshot=snapshot)
    return snapshot


def source_fill_from_metadata(*, source: Source, metadata: dict, user) -> list[str]:
    """Fill the source's empty fields from a snapshot's metadata; return the names of those filled.
    A field an editor typed is never overwritten: differing values stay suggestions to accept."""
    empty = [s for s in suggestions(source_field_values(source), metadata) if s.fills_empty]
    return source_apply_suggestions(source=source, fields={s.field: s.suggested for s in empty}, user=user)


def source_accept_metadata(*, source: Source, snapshot: Snapshot, fields: list[str], user) -> list[str]:
    """Copy the chosen suggested fields of a snapshot onto its source (the editor accepted them)."""
    require_change_source(user)
    offered = {s.field: s.suggested for s in suggestions(source_field_values(source), snapshot.metadata)}
    with transaction.atomic():  # UNIT OF WORK: editorial_change(user=user, permission=CHANGE_SOURCE)
        chosen = {field: offered[field] for field in fields if field in offered}
        return source_apply_suggestions(source=source, fields=chosen, user=user)


def source_field_values(source: Source) -> dict[str, str]:
    published = source.published_on.isoformat() if source.published_on else ""
    return {
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "published_on": published,
    }


def source_apply_suggestions(*, source: Source, fields: dict[str, str], user) -> list[str]:
    if not fields:
        return []
    for field, value in fields.items():
        setattr(source, field, parse_date(value) if field == "published_on" else value)
    source._history_user = user
    source._change_reason = "Filled from snapshot metadata: " + ", ".join(sorted(fields))
    source.save(update_fields=[*fields, "updated_at"])
    # UNIT OF WORK: article_touched(source.article_id) — the reference list shows these fields.
    return sorted(fields)
