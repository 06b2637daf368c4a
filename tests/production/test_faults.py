"""Faults: an import killed halfway, and PostgreSQL restarted under load."""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from bench import stack
from bench.corpus import SEED_PATH, scaled_article
from tests.production.conftest import import_seed

SLUG = "operation-1107"


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Return each table's row count and a digest of all its rows."""
    fingerprint = sql.SQL(
        "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {} t"
    )
    with psycopg.connect(url, autocommit=True) as connection:
        tables = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        return {
            table: connection.execute(fingerprint.format(sql.Identifier(table))).fetchone()
            for (table,) in tables
        }


def wait_until_writing_claims(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the importer's open transaction has written claims: sections and claims are half in."""
    query = """
        SELECT count(*) FROM pg_locks l
        JOIN pg_class c ON c.oid = l.relation
        JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE c.relname = 'claims_claim' AND l.mode = 'RowExclusiveLock'
          AND a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
    """
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as connection:
        while time.monotonic() < deadline:
            assert process.poll() is None, "the import ended before it was seen writing"
            if connection.execute(query).fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail("the import was never seen writing claims")


def wait_until_no_other_backends(url: str, timeout: float = 30) -> None:
    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as connection:
        while connection.execute(query).fetchone()[0]:
            assert time.monotonic() < deadline, "the killed import's connection stayed open"
            time.sleep(0.05)


@pytest.mark.load
@pytest.mark.parametrize("existing", [False, True], ids=["new-article", "existing-article"])
def test_import_killed_halfway_leaves_the_database_as_it_was(database_url, static_root, tmp_path, existing):
    env = stack.production_env(database_url=database_url, static_root=static_root)
    stack.manage(env, "migrate", "--noinput")
    if existing:
        stack.manage(env, "import_article", str(SEED_PATH), "--slug", SLUG)
    before = table_fingerprints(database_url)
    big = tmp_path / "big.txt"
    big.write_text(scaled_article(25), encoding="utf-8")

    process = subprocess.Popen(
        [stack.PYTHON, "manage.py", "import_article", str(big), "--slug", SLUG],
        cwd=stack.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_writing_claims(database_url, process)
        time.sleep(0.5)
        assert process.poll() is None, "the import finished before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    wait_until_no_other_backends(database_url)

    assert table_fingerprints(database_url) == before


def postgres_binary(name: str) -> str:
    """Return the path of a PostgreSQL server program: on PATH, or Debian's newest under /usr/lib."""
    found = shutil.which(name) or next(
        (str(path) for path in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
    )
    if not found:
        pytest.fail(f"{name} is missing: install Debian's postgresql package (it has initdb and pg_ctl)")
    return found


@pytest.fixture
def private_postgres():
    """A PostgreSQL cluster of this test's own on a free port, to restart without touching the shared one.

    PostgreSQL refuses to run as root, so as root the cluster belongs to and runs as the postgres user.
    """
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    directory = Path(tempfile.mkdtemp(prefix="verity-pg-"))
    if as_owner:
        shutil.chown(directory, "postgres", "postgres")
    data, port = directory / "data", stack.free_port()
    subprocess.run(
        [*as_owner, postgres_binary("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off"
    pg_ctl = [*as_owner, postgres_binary("pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w"]
    subprocess.run([*pg_ctl, "-o", options, "start"], check=True, capture_output=True)
    try:
        yield PrivatePostgres(f"postgres://postgres@127.0.0.1:{port}/postgres", pg_ctl, options)
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


@dataclass(frozen=True)
class PrivatePostgres:
    url: str
    pg_ctl: list[str]
    options: str

    def restart(self) -> None:
        subprocess.run(
            [*self.pg_ctl, "-o", self.options, "-m", "fast", "restart"], check=True, capture_output=True
        )


@dataclass(frozen=True)
class Request:
    started: float
    finished: float
    status: int


REQUESTS = 21  # read before the restart, after it, and after the idle restart (were: whatever 2 s allowed)


class Readers:
    """Threads reading a page in a loop until the block ends; ``results`` has every request."""

    def __init__(self, url: str, count: int = 8):
        self.url, self.stop, self.results = url, threading.Event(), []
        self.threads = [threading.Thread(target=self.read) for _ in range(count)]

    def read(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            status, _body = stack.http_get(self.url, timeout=10)
            self.results.append(Request(started, time.monotonic(), status))

    def wait_for(self, count: int, *, started_after: float = 0.0, timeout: float = 120) -> None:
        """Wait until ``count`` requests that started after ``started_after`` have finished: a number of
        requests, not a number of seconds, however slowly a loaded machine answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for request in list(self.results) if request.started > started_after) >= count:
                return
            time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join()


@pytest.mark.load
def test_postgres_restart_under_load_recovers_without_restarting_gunicorn(
    private_postgres, static_root, tmp_path
):
    """Requests in flight during a restart may fail; every request after it succeeds. The second restart
    happens while the workers are idle, so each one's persistent connection is stale when the next request
    comes: the connection health check must notice and reconnect instead of failing that request."""
    database_url = stack.pg_create_database(private_postgres.url, "verity")
    env = stack.production_env(database_url=database_url, static_root=static_root)
    import_seed(env)
    with stack.gunicorn(env, tmp_path / "gunicorn.log", workers=2) as server:
        page = f"{server.base_url}/articles/{SLUG}/"
        with Readers(page) as under_load:
            under_load.wait_for(REQUESTS)
            restart_started = time.monotonic()
            private_postgres.restart()
            restarted = time.monotonic()
            under_load.wait_for(REQUESTS, started_after=restarted)
        private_postgres.restart()
        with Readers(page) as after_idle_restart:
            after_idle_restart.wait_for(REQUESTS)
        log = server.log()

    results = under_load.results
    before = Counter(r.status for r in results if r.finished < restart_started)
    during = Counter(r.status for r in results if r.finished >= restart_started and r.started <= restarted)
    after = Counter(r.status for r in results if r.started > restarted)
    after_idle = Counter(r.status for r in after_idle_restart.results)
    print(f"before: {before}, during: {during}, after: {after}, after the idle restart: {after_idle}")
    assert before and set(before) == {200}, log
    assert after.total() >= REQUESTS and set(after) == {200}, (after, log)
    assert after_idle.total() >= REQUESTS and set(after_idle) == {200}, (after_idle, log)
