"""Fixtures for the load and fault tests: a database of their own on the PostgreSQL server the suite runs
on, Redis, collected static files and wrk. A missing prerequisite fails the test and says what to do."""

import os
import secrets

import pytest

from bench import stack
from bench.corpus import SEED_PATH, SEED_SLUG

NEEDS_POSTGRES = (
    "load and fault tests run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/verity bin/test "
    "(CI's second pass)"
)


def postgres_server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def pytest_collection_modifyitems(config, items):
    if postgres_server_url():
        return
    for item in items:
        if item.get_closest_marker("load"):
            item.add_marker(pytest.mark.skip(reason=NEEDS_POSTGRES))


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once, as `manage.py collectstatic` does for production."""
    root = tmp_path_factory.mktemp("static")
    env = stack.production_env(database_url="postgres://unused@127.0.0.1/unused", static_root=root)
    stack.manage(env, "collectstatic", "--noinput")
    return root


@pytest.fixture(scope="session")
def wrk():
    try:
        return stack.ensure_wrk()
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def redis_url():
    """The Redis of REDIS_URL, or the local one CI starts on 6379."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} does not answer ({error}): start redis-server or set REDIS_URL")
    return url


@pytest.fixture
def database_url():
    """A migrated database of this test's own on the suite's PostgreSQL server, dropped afterwards."""
    name = f"verity_load_{os.getpid()}_{secrets.token_hex(3)}"
    url = stack.pg_create_database(postgres_server_url(), name)
    try:
        yield url
    finally:
        stack.pg_drop_database(url)


def import_seed(env: dict) -> None:
    stack.manage(env, "migrate", "--noinput")
    stack.manage(env, "import_article", str(SEED_PATH), "--slug", SEED_SLUG, "--title", "Operation 1107")
