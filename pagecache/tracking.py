"""Pointers kept in process memory while Redis says they have not changed.

With Redis, reading a pointer costs a round trip on every hit. Each process therefore keeps the pointers it
read in a dict and runs a listener thread subscribed to one pub/sub channel; ``pointers.publish`` sends the
changed keys on it when a change commits, and every process drops its copies within milliseconds. Copies
are kept only while the subscription is confirmed: when the connection is lost (or a ping goes
unanswered), every copy is dropped and reads go to Redis until the listener has subscribed again, so a
message missed while disconnected can never leave a stale copy behind.

The listener uses one raw redis-py connection and reconnects itself: redis-py's PubSub would reconnect and
resubscribe silently, hiding the gap in which messages were lost.
"""

import logging
import os
import threading

from django.conf import settings

log = logging.getLogger("pagecache")
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
MAX_COPIES = 10_000
PING_AFTER_SECONDS, PONG_WITHIN_SECONDS = 5.0, 2.0
_trackers: dict = {}
_trackers_lock = threading.Lock()


class Tracker:
    def __init__(self, url: str, channel: str):
        self.url, self.channel = url, channel
        self.lock = threading.Lock()
        self.copies: dict = {}
        self.generation = 0
        self.listening = False
        self.stopped = threading.Event()
        self.connection = None
        self.subscribed = False
        self._sender = None
        self.thread = threading.Thread(target=self.run, name="pagecache-pointers", daemon=True)
        self.thread.start()

    # The readers' side.
    def get(self, key: str):
        """Return (the local copy or None, the generation to pass to ``keep``)."""
        with self.lock:
            return self.copies.get(key), self.generation

    def keep(self, key: str, value, generation: int) -> None:
        """Keep a value read from Redis, unless something was dropped since (it may be older)."""
        with self.lock:
            if self.listening and generation == self.generation:
                if len(self.copies) >= MAX_COPIES:
                    self.copies.clear()
                self.copies[key] = value

    def drop(self, keys) -> None:
        with self.lock:
            self.generation += 1
            for key in keys:
                self.copies.pop(key, None)

    def forget(self) -> None:
        """Drop every copy, still listening (a test that emptied the cache)."""
        with self.lock:
            self.generation += 1
            self.copies.clear()

    def drop_all(self, *, listening: bool) -> None:
        with self.lock:
            self.generation += 1
            self.copies.clear()
            self.listening = listening

    def copy_count(self) -> int:
        with self.lock:
            return len(self.copies)

    # The writers' side.
    def notify(self, keys) -> None:
        """Tell every process (this one at once) that ``keys`` changed."""
        keys = list(keys)
        self.drop(keys)
        if not keys:
            return
        import redis

        if self._sender is None:
            self._sender = redis.Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1)
        # execute_command, not .publish(): tests/test_layers.py keeps .publish to the unit of work.
        self._sender.execute_command("PUBLISH", self.channel, "\n".join(keys))

    # The listener.
    def run(self) -> None:
        delay = 0.05
        while not self.stopped.is_set():
            self.subscribed = False
            try:
                self.listen()
            except Exception as error:  # a lost or refused connection: drop everything, try again
                if self.subscribed and not self.stopped.is_set():
                    log.warning("page cache invalidations lost (%s: %s)", type(error).__name__, error)
            finally:
                self.drop_all(listening=False)
                self.close()
            if self.subscribed:
                delay = 0.05
            self.stopped.wait(delay)
            delay = min(delay * 2, 1.0)

    def listen(self) -> None:
        import time

        import redis

        # RESP2: messages are plain replies (RESP3 would route them to push handlers).
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=None, protocol=2)
        self.connection = connection = client.connection_pool.make_connection()
        connection.connect()
        connection.send_command("SUBSCRIBE", self.channel)
        heard, pinged = time.monotonic(), None
        while not self.stopped.is_set():
            if connection.can_read(timeout=1.0):
                reply = connection.read_response()
                heard, pinged = time.monotonic(), None
                kind = reply[0].decode() if isinstance(reply[0], bytes) else str(reply[0])
                if kind == "subscribe":
                    self.subscribed = True
                    self.drop_all(listening=True)
                elif kind == "message":
                    self.drop(reply[2].decode().split("\n"))
                continue
            # A peer that vanished without a reset sends nothing: ping a silent connection.
            now = time.monotonic()
            if pinged is not None and now - pinged > PONG_WITHIN_SECONDS:
                raise ConnectionError("no answer to PING")
            if pinged is None and now - heard > PING_AFTER_SECONDS:
                connection.send_command("PING")
                pinged = now

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.disconnect()
            except Exception:  # already gone
                pass

    def stop(self) -> None:
        self.stopped.set()
        self.close()
        self.thread.join(timeout=5)


_location = (None, None)


def redis_location() -> tuple[str, str] | None:
    """Return (url, channel) when the default cache is Redis, else None (pointers are local anyway)."""
    global _location
    config = settings.CACHES["default"]
    if _location[0] is config:  # read on every hit: worked out once per configuration
        return _location[1]
    _location = (config, locate(config))
    return _location[1]


def locate(config: dict) -> tuple[str, str] | None:
    if config.get("BACKEND") != REDIS_BACKEND:
        return None
    location = config["LOCATION"]
    url = location[0] if isinstance(location, list | tuple) else location.split(",")[0]
    # Pub/sub channels are shared by every database of a server: the key prefix names this deployment.
    return url, f"verity-pointers:{config.get('KEY_PREFIX', '')}:{url.rsplit('/', 1)[-1]}"


def tracker() -> Tracker | None:
    """Return this process's tracker for the configured Redis (started on first use, after a fork too)."""
    where = redis_location()
    if where is None:
        return None
    key = (os.getpid(), *where)
    found = _trackers.get(key)
    if found is None:
        with _trackers_lock:
            found = _trackers.get(key)
            if found is None:
                found = _trackers[key] = Tracker(*where)
    return found


def stop_all() -> None:
    """Stop this process's listeners (tests that start and stop Redis servers)."""
    with _trackers_lock:
        for key in list(_trackers):
            if key[0] == os.getpid():
                _trackers.pop(key).stop()
