"""What the benchmark scripts share: a throwaway database, query counting and timing, result tables.

Run the scripts from the project root as modules (``.venv/bin/python -m bench.factcheck``). They use an
SQLite file in a temporary directory, or, when DATABASE_URL names a PostgreSQL server, a database
``verity_bench`` (or ``$BENCH_DATABASE``) on it; either is removed when the script ends.
"""

import atexit
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from bench import stack

# Several people may benchmark on one server: BENCH_DATABASE names a database of one's own.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "verity_bench")


def throwaway_database_url() -> str:
    """Return the URL of an empty database for this run (see the module docstring)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        bench_url = stack.pg_create_database(url, BENCH_DATABASE)
        atexit.register(stack.pg_drop_database, bench_url)
        return bench_url
    directory = tempfile.mkdtemp(prefix="verity-bench-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return f"sqlite:///{directory}/bench.sqlite3"


def setup_django(database_url: str) -> None:
    """Configure Django in this process on ``database_url`` and migrate it."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def database_label(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


@dataclass
class QueryLog:
    """Queries run inside ``measure()``, and the seconds spent inside the database driver's execute."""

    count: int = 0
    database_seconds: float = 0.0
    total_seconds: float = 0.0
    statements: list[str] = field(default_factory=list)


@contextmanager
def measure():
    """Count queries and time them, and time the whole block, on the default connection."""
    from django.db import connection

    log = QueryLog()

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            log.database_seconds += time.perf_counter() - started
            log.count += 1
            log.statements.append(sql)

    started = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        yield log
    log.total_seconds = time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def print_table(title: str, headers: list[str], rows: list[list]) -> None:
    """Print a Markdown table, so the numbers can be pasted into the README as they are."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]
    print(f"\n{title}\n")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) + " |")
    print()


def cold_requests(client, url: str, rounds: int) -> list[QueryLog]:
    """Request ``url`` ``rounds`` times with every page cache emptied before each (a cold render each
    time); return each request's queries and time."""
    from django.core.cache import caches

    logs = []
    for _ in range(rounds):
        for alias in ("default", "pages"):
            caches[alias].clear()
        with measure() as cold:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        logs.append(cold)
    return logs
