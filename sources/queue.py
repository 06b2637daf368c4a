"""Run queued tasks of our own in the foreground (``fetch_sources --wait``), as a worker would.

django-tasks' database worker takes whatever task is next; here only the given ones are claimed, with
the same row lock, so a ``db_worker`` running beside us never runs a task twice."""

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def run_now(task_id: str) -> bool:
    """Run the queued task ``task_id`` in this process; return False if a worker already took it."""
    worker_id = "foreground-" + get_random_string(12)
    with exclusive_transaction(DBTaskResult.objects.db):
        result = DBTaskResult.objects.ready().filter(id=task_id).get_locked()
        if result is not None:
            result.claim(worker_id)
    if result is None:
        return False
    worker = Worker(
        queue_names=[result.queue_name],
        interval=0,
        batch=True,
        backend_name=result.backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run_task(result)
    return True
