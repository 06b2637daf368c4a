"""Test processes that share one Redis (pytest-xdist's workers of one run, or two runs on one machine)
keep apart: each uses keys and a pointer channel of its own, and emptying its cache leaves the others'."""

import os
import subprocess
import sys
from pathlib import Path

import redis
from django.core.cache import cache

from tests.pagecache.conftest import RedisServer

ROOT = Path(__file__).resolve().parents[2]

PREFIX_OF_A_NEW_PROCESS = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"


def test_clearing_the_cache_keeps_another_processes_keys(private_redis):
    server = redis.Redis.from_url(private_redis.url)
    server.set("verity-test-4242:1:pointer", b"theirs")  # the key another worker's cache.set made
    server.set("verity-test:1:stray", b"mine")
    cache.set("pointer", b"mine")
    cache.clear()  # before: FLUSHDB, and the other worker's next read found its pointer gone
    assert cache.get("pointer") is None and server.get("verity-test:1:stray") is None
    assert server.get("verity-test-4242:1:pointer") == b"theirs"


def test_each_test_process_on_redis_has_a_key_prefix_of_its_own():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    env.pop("CACHE_KEY_PREFIX", None)
    prefixes = {
        subprocess.run(
            [sys.executable, "-c", PREFIX_OF_A_NEW_PROCESS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    }
    assert len(prefixes) == 2 and all(prefix.startswith("verity-test-") for prefix in prefixes), prefixes


def test_a_private_redis_handed_a_port_in_use_moves_to_another(private_redis, tmp_path):
    """Two workers may be handed the same free port; the second server must not take the first one's
    answers for its own (before: started "fine" on the port, and the tests spoke to the other server)."""
    second = RedisServer(tmp_path)
    second.port, second.url = private_redis.port, private_redis.url
    second.start()
    try:
        assert second.port != private_redis.port
        assert redis.Redis.from_url(second.url).info("server")["process_id"] == second.process.pid
    finally:
        second.stop()
