"""Background work of the sources app, run by `manage.py db_worker` (django-tasks, database backend)."""

from django_tasks import task

from sources.services import fetch_attempt_run


@task()
def fetch_source(attempt_id: int) -> dict:
    """Download a queued FetchAttempt's URL and store its text as a snapshot."""
    attempt = fetch_attempt_run(attempt_id=attempt_id)
    return {"attempt": attempt.pk, "state": attempt.state, "reason": attempt.reason}
