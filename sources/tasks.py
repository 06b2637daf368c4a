"""Background work of the sources app, run by `manage.py db_worker` (django-tasks, database backend).

The fetch task is defined beside the service it runs (``sources.services.fetch_source``), so the two
modules do not import each other; tasks queued under this module's name still find it here."""

from sources.services import fetch_source

__all__ = ["fetch_source"]
