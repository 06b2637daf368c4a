"""Writes to sources, each one unit of work (``editorial.work``). A change of rating is a change to every
claim citing the source: the claims app recomputes their flags in the same unit of work
(``sources.signals.reliability_changed``), so no page or report ever shows stale flags. A snapshot with new
text is announced the same way (``sources.signals.snapshot_added``): the claims app re-checks the figures of
every claim citing the source."""

import datetime
import hashlib

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from editorial.errors import NOT_AN_EDITOR
from editorial.work import (
    article_locked,
    article_touched,
    describe_write,
    editorial_change,
    require_permission,
)
from sources import fetching
from sources.errors import (
    CHANGE_SOURCE,
    EMPTY_SNAPSHOT,
    FILE_TOO_LARGE,
    NO_URL,
    NOT_ALLOWED,
    SNAPSHOT_TOO_LONG,
    UNREADABLE_FILE,
    UNSUPPORTED_FILE,
    EmptySnapshot,
    NoURL,
    SnapshotTooLong,
    UnsupportedFile,
)
from sources.extraction import CONTENT_TYPE_FOR_KIND, ExtractionFailed, ExtractionRefused, detect_kind
from sources.isolation import ExtractionLimits, extract_isolated
from sources.keys import check_key
from sources.models import FetchAttempt, Snapshot, Source
from sources.signals import reliability_changed, snapshot_added
from sources.suggestions import clean_metadata, parse_date, suggestions


def source_save(*, source: Source, user, reason: str = "") -> Source:
    """Save a new or edited source with its history, as one unit of work; a changed rating re-flags the
    claims citing it (and sends approved ones back to review when it was downgraded to unreliable)."""
    permission = "sources.change_source" if source.pk else "sources.add_source"
    with editorial_change(user=user, comment=reason, permission=permission, refusal=NOT_AN_EDITOR):
        check_key(source.key)  # the form says so first; this keeps every other caller to the same rule
        article_touched(source.article_id)
        previous = Source.objects.filter(pk=source.pk).values_list("reliability", flat=True).first()
        describe_write(source, reason)
        source.save()
        if previous is not None and previous != source.reliability:
            reliability_changed.send(sender=Source, source=source, previous=previous, user=user)
    return source


def require_change_source(user) -> None:
    """Raise PermissionDenied unless ``user`` may change sources; None is the system (commands, tasks).
    Checked before a file is read; the unit of work checks again when it writes."""
    require_permission(user, CHANGE_SOURCE, refusal=NOT_ALLOWED)


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
    file_name: str = "",
) -> Snapshot:
    """Store what a source says; every way in (fetch, upload, paste) comes through here.

    Text equal to the latest snapshot's returns that snapshot and stores nothing. A new text fills the
    source's empty fields from the metadata and sends ``snapshot_added`` inside the transaction."""
    require_change_source(user)
    text = normalize_snapshot_text(text)
    if not text:
        raise EmptySnapshot(EMPTY_SNAPSHOT)
    if len(text) > settings.VERITY_SNAPSHOT_MAX_CHARS:
        limit = settings.VERITY_SNAPSHOT_MAX_CHARS
        raise SnapshotTooLong(SNAPSHOT_TOO_LONG.format(length=len(text), limit=limit))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with editorial_change(
        user=user,
        comment=f"Stored a snapshot of [{source.key}]",
        permission=CHANGE_SOURCE,
        refusal=NOT_ALLOWED,
    ):
        article_locked(source.article_id)  # the article first: one lock order for every write
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
            file_name=file_name[:255],
            content_hash=digest,
            metadata=clean_metadata(metadata),
            created_by=user,
        )
        article_touched(source.article_id)  # verdicts and filled fields change what readers see
        source_fill_from_metadata(source=source, metadata=snapshot.metadata, user=user)
        snapshot_added.send(sender=Snapshot, snapshot=snapshot)
    return snapshot


def snapshot_upload(*, source: Source, data: bytes, name: str, user) -> Snapshot:
    """Store a file (HTML, PDF or plain text, told apart by its bytes) as the source's snapshot."""
    require_change_source(user)
    if len(data) > settings.VERITY_FETCH_MAX_BYTES:
        raise UnsupportedFile(FILE_TOO_LARGE.format(name=name, limit=settings.VERITY_FETCH_MAX_BYTES))
    kind = detect_kind(data)
    if kind is None:
        raise UnsupportedFile(UNSUPPORTED_FILE.format(name=name))
    try:
        extracted = extract_isolated(data, kind, "", extraction_limits())
    except ExtractionFailed as error:
        raise UnsupportedFile(UNREADABLE_FILE.format(name=name, error=error)) from error
    return snapshot_store(
        source=source,
        text=extracted.text,
        origin=Snapshot.Origin.UPLOAD,
        user=user,
        content_type=CONTENT_TYPE_FOR_KIND[kind],
        metadata=extracted.metadata,
        file_name=uploaded_file_name(name),
    )


def uploaded_file_name(name: str) -> str:
    """Return the file's own name, as it is kept: no folder (some browsers send a path), no control
    characters, at most 255 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(character for character in base if character.isprintable()).strip()[:255]


def source_fill_from_metadata(*, source: Source, metadata: dict, user) -> list[str]:
    """Fill the source's empty fields from a snapshot's metadata; return the names of those filled.
    A field an editor typed is never overwritten: differing values stay suggestions to accept."""
    empty = [s for s in suggestions(source_field_values(source), metadata) if s.fills_empty]
    return source_apply_suggestions(source=source, fields={s.field: s.suggested for s in empty}, user=user)


def source_accept_metadata(*, source: Source, snapshot: Snapshot, fields: list[str], user) -> list[str]:
    """Copy the chosen suggested fields of a snapshot onto its source (the editor accepted them)."""
    require_change_source(user)
    offered = {s.field: s.suggested for s in suggestions(source_field_values(source), snapshot.metadata)}
    with editorial_change(
        user=user,
        comment=f"Accepted details of [{source.key}]",
        permission=CHANGE_SOURCE,
        refusal=NOT_ALLOWED,
    ):
        chosen = {field: offered[field] for field in fields if field in offered}
        return source_apply_suggestions(source=source, fields=chosen, user=user)


def source_field_values(source: Source) -> dict[str, str]:
    return source.suggestible_values()


def source_apply_suggestions(*, source: Source, fields: dict[str, str], user) -> list[str]:
    if not fields:
        return []
    for field, value in fields.items():
        setattr(source, field, parse_date(value) if field == "published_on" else value)
    describe_write(source, "Filled from snapshot metadata: " + ", ".join(sorted(fields)))
    article_touched(source.article_id)  # the reference list shows these fields
    source.save(update_fields=[*fields, "updated_at"])
    return sorted(fields)


# Failures that say the link itself is broken; a refused address or an unsupported type says nothing
# about whether the page is still there.
LINK_FAILURES = (
    FetchAttempt.Reason.DNS,
    FetchAttempt.Reason.CONNECTION,
    FetchAttempt.Reason.TIMEOUT,
    FetchAttempt.Reason.NOT_FOUND,
    FetchAttempt.Reason.GONE,
    FetchAttempt.Reason.HTTP_STATUS,
    FetchAttempt.Reason.TOO_MANY_REDIRECTS,
)
DEAD_LINK_REASON = "Marked dead after {count} failed fetches in a row"
ALIVE_AGAIN_REASON = "Fetched again: no longer a dead link"


CITED_AS_DEAD = frozenset({"dead", "unfit", "usurped"})


def fetch_url(source: Source) -> str:
    """Return the address a fetch downloads: the archived copy when the citation itself says its URL is
    dead (a wiki's url-status=dead), else the URL (a link marked dead by failed fetches is tried again)."""
    if source.url_status in CITED_AS_DEAD and source.archive_url:
        return source.archive_url
    return source.url


def fetch_enqueue(*, source: Source, user) -> FetchAttempt:
    """Queue a download of the source's URL; the attempt shows as pending until a worker runs it.
    A fetch of the same URL still waiting in the queue is returned instead of queuing another."""
    require_change_source(user)
    if not source.url:
        raise NoURL(NO_URL.format(key=source.key))
    # The database backend stores the task in this transaction: both are queued or neither.
    with editorial_change(user=user, comment="", permission=CHANGE_SOURCE, refusal=NOT_ALLOWED):
        source = Source.objects.select_for_update().get(pk=source.pk)
        url = fetch_url(source)
        waiting = source.fetch_attempts.filter(state=FetchAttempt.State.PENDING, url=url).first()
        if waiting is not None:
            return waiting  # asked twice before a worker got to it: one download is enough
        attempt = FetchAttempt.objects.create(source=source, url=url, requested_by=user)
        attempt.task_id = str(fetch_source.enqueue(attempt.pk).id)
        attempt.save(update_fields=["task_id"])
    return attempt


def fetch_policy() -> fetching.FetchPolicy:
    return fetching.FetchPolicy(
        timeout=settings.VERITY_FETCH_TIMEOUT,
        max_bytes=settings.VERITY_FETCH_MAX_BYTES,
        max_redirects=settings.VERITY_FETCH_MAX_REDIRECTS,
        allow_loopback=settings.VERITY_FETCH_ALLOW_LOOPBACK,
    )


def extraction_limits() -> ExtractionLimits:
    return ExtractionLimits(
        seconds=settings.VERITY_EXTRACT_SECONDS,
        memory_bytes=settings.VERITY_EXTRACT_MEMORY_BYTES,
        max_chars=settings.VERITY_SNAPSHOT_MAX_CHARS,
    )


WORKER_LOST_DETAIL = "No result {seconds} s after a worker took it: the worker stopped (killed or restarted)."


def fetch_attempts_reclaim(*, now=None) -> int:
    """Fail every running attempt whose worker died; return how many. No fetch outlives its bounds
    (``VERITY_FETCH_LOST_AFTER``), so one still running past them will never record its end."""
    seconds = settings.VERITY_FETCH_LOST_AFTER
    started_before = (now or timezone.now()) - datetime.timedelta(seconds=seconds)
    lost = list(FetchAttempt.objects.lost(started_before=started_before).select_related("source"))
    detail = WORKER_LOST_DETAIL.format(seconds=seconds)
    for attempt in lost:
        fetch_attempt_fail(attempt=attempt, reason=FetchAttempt.Reason.WORKER_LOST, detail=detail)
    return len(lost)


def fetch_attempt_run(*, attempt_id: int) -> FetchAttempt:
    """Run a pending attempt: download, extract, store the snapshot, and record how it went."""
    fetch_attempts_reclaim()  # a worker starting a task is the moment to notice one that died
    claimed = FetchAttempt.objects.filter(pk=attempt_id, state=FetchAttempt.State.PENDING).update(
        state=FetchAttempt.State.RUNNING, started_at=timezone.now()
    )
    attempt = FetchAttempt.objects.select_related("source", "requested_by").get(pk=attempt_id)
    if not claimed:
        return attempt  # already run (a task delivered twice): nothing to do
    try:
        fetched = fetching.fetch(attempt.url, fetch_policy())
        extracted = extract_isolated(fetched.body, fetched.kind, fetched.charset, extraction_limits())
        # The snapshot and the attempt's outcome commit together.
        with editorial_change(user=attempt.requested_by, comment=f"Fetched {attempt.url}"[:200]):
            snapshot = snapshot_store(
                source=attempt.source,
                text=extracted.text,
                origin=Snapshot.Origin.FETCH,
                user=attempt.requested_by,
                url=fetched.url,
                final_url=fetched.final_url,
                http_status=fetched.status,
                content_type=fetched.content_type,
                metadata=extracted.metadata,
            )
            return fetch_attempt_succeed(attempt=attempt, snapshot=snapshot, fetched=fetched)
    except fetching.FetchFailed as failure:
        return fetch_attempt_fail(
            attempt=attempt,
            reason=failure.reason,
            detail=failure.detail,
            status=failure.status,
            final_url=failure.final_url,
        )
    except (ExtractionRefused, SnapshotTooLong) as failure:
        return fetch_attempt_fail(
            attempt=attempt,
            reason=FetchAttempt.Reason.UNREADABLE,
            detail=str(failure),
            status=fetched.status,
            final_url=fetched.final_url,
        )
    except (ExtractionFailed, EmptySnapshot) as failure:
        return fetch_attempt_fail(
            attempt=attempt,
            reason=FetchAttempt.Reason.EMPTY_TEXT,
            detail=str(failure),
            status=fetched.status,
            final_url=fetched.final_url,
        )
    except Exception as error:
        fetch_attempt_fail(attempt=attempt, reason=FetchAttempt.Reason.WORKER_ERROR, detail=repr(error))
        raise  # the task's result records the traceback


@editorial_change(comment="A fetch succeeded")
def fetch_attempt_succeed(*, attempt: FetchAttempt, snapshot: Snapshot, fetched) -> FetchAttempt:
    article_locked(attempt.source.article_id)  # the article first: one lock order for every write
    attempt.state, attempt.reason, attempt.detail = FetchAttempt.State.DONE, "", ""
    attempt.snapshot, attempt.http_status = snapshot, fetched.status
    attempt.final_url = fetched.final_url[:1000]
    attempt.finished_at = timezone.now()
    attempt.save()
    source = Source.objects.select_for_update().get(pk=attempt.source_id)
    if source.is_dead_link and attempt.url == source.url:  # the archive answering says nothing of the URL
        source_set_dead_link(source=source, is_dead=False, reason=ALIVE_AGAIN_REASON)
    return attempt


@editorial_change(comment="A fetch failed")
def fetch_attempt_fail(
    *, attempt, reason: str, detail: str, status=None, final_url: str = ""
) -> FetchAttempt:
    article_locked(attempt.source.article_id)  # the article first: one lock order for every write
    attempt.state, attempt.reason, attempt.detail = FetchAttempt.State.FAILED, reason, detail[:500]
    attempt.http_status, attempt.final_url = status, final_url[:1000]
    attempt.finished_at = timezone.now()
    attempt.save()
    source = Source.objects.select_for_update().get(pk=attempt.source_id)
    count = settings.VERITY_FETCH_DEAD_AFTER
    recent = list(
        source.fetch_attempts.finished()
        .order_by("-finished_at", "-id")
        .values_list("state", "reason")[:count]
    )
    in_a_row = len(recent) == count and all(
        state == FetchAttempt.State.FAILED and why in LINK_FAILURES for state, why in recent
    )
    if in_a_row and not source.is_dead_link:
        source_set_dead_link(source=source, is_dead=True, reason=DEAD_LINK_REASON.format(count=count))
    return attempt


def source_set_dead_link(*, source: Source, is_dead: bool, reason: str) -> None:
    article_touched(source.article_id)  # readers see the dead-link mark
    source.is_dead_link = is_dead
    describe_write(source, reason)
    source.save(update_fields=["is_dead_link", "updated_at"])


@task()
def fetch_source(attempt_id: int) -> dict:
    """Download a queued FetchAttempt's URL and store its text as a snapshot (run by ``manage.py
    db_worker``; ``sources.tasks`` names it for the worker)."""
    attempt = fetch_attempt_run(attempt_id=attempt_id)
    return {"attempt": attempt.pk, "state": attempt.state, "reason": attempt.reason}
