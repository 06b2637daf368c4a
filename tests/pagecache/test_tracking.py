"""Pointers kept in process memory with Redis: read without a round trip, dropped at once when another
process publishes a change, and all dropped when the connection to Redis is lost (a private redis-server
that the tests stop and start)."""

import os
import subprocess
import sys
import textwrap

from django.core.cache import caches

from pagecache import pointers, tracking
from pagecache.keys import pointer_key
from tests.pagecache.conftest import wait_for

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PUBLISHER = textwrap.dedent(
    """
    import django
    django.setup()
    from django.db import transaction
    from pagecache import pointers
    with transaction.atomic():
        pointers.publish([pointers.Pointer(1, "elsewhere", 3, True, 200)])
    """
)


def listening_tracker():
    tracker = tracking.tracker()
    assert tracker is not None and wait_for(lambda: tracker.listening)
    return tracker


def test_without_redis_there_is_no_tracker(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "no-redis"},
    }
    assert tracking.tracker() is None


def test_a_change_committed_in_another_process_is_seen_at_once(private_redis, tmp_path):
    """The copy is dropped by the message the commit sends, not by a clock: a copy that no message names
    stays, however long the wait (an expiry or a reconnection would drop it too). Whether the message
    comes within milliseconds is a matter of load, so it is waited for, not timed."""
    tracker = listening_tracker()
    pointers.remember("untouched", 1, 2, 100)
    pointers.remember("elsewhere", 1, 2, 100)
    assert pointers.read("untouched") == pointers.read("elsewhere") == (1, 2, 100)
    assert tracker.copy_count() == 2
    # Written behind the tracker's back (no message): the copies in memory answer, not Redis.
    caches["default"].set(pointer_key("untouched"), (1, 9, 100))
    caches["default"].set(pointer_key("elsewhere"), (1, 9, 100))
    assert pointers.read("elsewhere") == (1, 2, 100) and pointers.read("untouched") == (1, 2, 100)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}",
        "REDIS_URL": private_redis.url,
        "CACHE_KEY_PREFIX": "verity-test",
    }
    subprocess.run([sys.executable, "-c", PUBLISHER], cwd=ROOT, env=env, check=True, timeout=60)
    assert wait_for(lambda: pointers.read("elsewhere") == (1, 3, 200), timeout=30)
    assert pointers.read("untouched") == (1, 2, 100)  # still the copy: only the named pointer was dropped
    assert tracker.copy_count() == 2  # "elsewhere" read again from Redis and kept


def test_a_publish_here_drops_the_copy_here_before_any_message(private_redis):
    tracker = listening_tracker()
    pointers.remember("here", 1, 2, 100)
    assert pointers.read("here") == (1, 2, 100)
    pointers.announce([pointer_key("here")])
    assert tracker.copy_count() == 0


def test_a_lost_connection_drops_every_copy_until_the_listener_is_back(private_redis):
    tracker = listening_tracker()
    for number in range(3):
        pointers.remember(f"slug-{number}", number, 1, 100)
        assert pointers.read(f"slug-{number}") == (number, 1, 100)
    assert tracker.copy_count() == 3

    private_redis.stop()
    assert wait_for(lambda: tracker.copy_count() == 0 and not tracker.listening, timeout=3)
    assert pointers.read("slug-0") is None  # Redis down: a miss, not an error
    assert tracker.copy_count() == 0

    private_redis.start()  # empty: the same port, nothing saved
    assert wait_for(lambda: tracker.listening, timeout=5)
    pointers.remember("slug-0", 0, 2, 100)
    assert pointers.read("slug-0") == (0, 2, 100) and tracker.copy_count() == 1


def test_a_copy_read_before_a_drop_is_not_kept(private_redis):
    tracker = listening_tracker()
    pointers.remember("raced", 1, 2, 100)
    _, generation = tracker.get(pointer_key("raced"))
    tracker.drop([pointer_key("raced")])  # a message arrives between the read and the keep
    tracker.keep(pointer_key("raced"), (1, 2, 100), generation)
    assert tracker.copy_count() == 0
