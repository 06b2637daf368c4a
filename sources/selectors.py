"""Reads of sources that pages, the admin and the evidence checks share."""

import uuid
from dataclasses import dataclass

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sources.models import FetchAttempt, Snapshot, Source
from sources.suggestions import Suggestion, suggestions

UNFINISHED = (FetchAttempt.State.PENDING, FetchAttempt.State.RUNNING)


def latest_snapshots(source_ids) -> dict[int, Snapshot]:
    """Return each source's newest snapshot by source id, in one query (sources without one are absent)."""
    return {snapshot.source_id: snapshot for snapshot in Snapshot.objects.latest_per_source(source_ids)}


@dataclass(frozen=True)
class AttemptRow:
    """A fetch attempt as the admin shows it, with the state of its queued task."""

    attempt: FetchAttempt
    state: str  # pending, running, done or failed
    reason: str  # why it failed, for people

    @property
    def is_failed(self) -> bool:
        return self.state == FetchAttempt.State.FAILED


def fetch_attempt_rows(source: Source, limit: int = 20) -> list[AttemptRow]:
    """Return the source's latest attempts; an attempt whose task died in the worker before it could
    record anything shows as failed with the task's exception."""
    attempts = list(source.fetch_attempts.select_related("requested_by")[:limit])
    unfinished = [a.task_id for a in attempts if a.task_id and a.state in UNFINISHED]
    task_failures = dict(
        DBTaskResult.objects.filter(id__in=unfinished, status=TaskResultStatus.FAILED).values_list(
            "id", "exception_class_path"
        )
    )
    rows = []
    for attempt in attempts:
        failure = task_failures.get(uuid_or_none(attempt.task_id))
        if failure is not None:
            rows.append(AttemptRow(attempt, FetchAttempt.State.FAILED, f"The task failed: {failure}"))
        else:
            reason = attempt.get_reason_display() if attempt.reason else ""
            rows.append(AttemptRow(attempt, attempt.state, reason))
    return rows


def uuid_or_none(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def metadata_suggestions(source: Source) -> tuple[Snapshot | None, list[Suggestion]]:
    """Return the latest snapshot and what its metadata suggests that differs from the source."""
    snapshot = source.snapshots.first()
    if snapshot is None:
        return None, []
    return snapshot, suggestions(source.suggestible_values(), snapshot.metadata)
