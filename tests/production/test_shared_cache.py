"""Two gunicorn workers with the production settings, PostgreSQL and a private Redis: once warm, a page hit
asks Redis nothing (the pointers live in each worker's memory), and a section saved by a third process is
on every worker's page at once."""

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from bench import stack
from bench.corpus import SEED_SLUG
from tests.pagecache.conftest import RedisServer
from tests.production.conftest import import_seed


def redis_reads(url: str) -> int:
    stats = redis.Redis.from_url(url).info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget", "exists"))


@pytest.mark.load
def test_hits_ask_redis_nothing_and_a_change_reaches_every_worker_at_once(
    database_url, static_root, tmp_path
):
    server = RedisServer(tmp_path)
    server.start()
    try:
        env = stack.production_env(database_url=database_url, static_root=static_root, redis_url=server.url)
        import_seed(env)
        with stack.gunicorn(env, tmp_path / "gunicorn.log", workers=2) as app:
            page = f"{app.base_url}/articles/{SEED_SLUG}/"
            # Warm up until a round of requests reads nothing: a worker keeps copies only once its
            # listener has subscribed, which a loaded machine may delay past the first requests. The
            # round's requests run four at a time, so that both workers serve it: one after another,
            # one worker may take them all and the other first reads Redis in the measured round.
            with ThreadPoolExecutor(max_workers=4) as pool:
                for _ in range(30):
                    before = redis_reads(server.url)
                    statuses = list(pool.map(lambda _: stack.http_get(page)[0], range(40)))
                    assert all(status == 200 for status in statuses)
                    if redis_reads(server.url) == before:
                        break
            before = redis_reads(server.url)
            assert all(stack.http_get(page)[0] == 200 for _ in range(100))
            assert redis_reads(server.url) == before

            editor = subprocess.run(
                [stack.PYTHON, "-m", "tests.production.editor", "0.01"],
                cwd=stack.ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            saved = json.loads(editor.stdout)
            assert saved["saved"] == 1, editor.stderr
            pages = [stack.http_get(page) for _ in range(20)]
        assert all(status == 200 and saved["last_sentence"] in body.decode() for status, body in pages)
    finally:
        server.stop()
