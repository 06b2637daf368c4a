"""Cache reads and writes for the page cache that never fail a request.

The cache only accelerates: when it cannot be reached (Redis stopped, a timeout), a read is a miss and a
write is skipped, and the error is logged (once per outage, not once per request).
"""

import logging

from django.core.cache import caches

log = logging.getLogger("pagecache")
MISSING = object()


class _Outage:
    """Whether this process last found the cache down: one flag for the process, not one per thread, so
    an outage is logged once however many threads meet it (a lost race logs it twice, harmlessly)."""

    down = False


_state = _Outage()


def _failed(action: str, error: Exception) -> None:
    if not _state.down:
        log.warning("page cache unavailable (%s): %s: %s", action, type(error).__name__, error)
    _state.down = True


def _worked() -> None:
    if _state.down:
        log.warning("page cache reachable again")
    _state.down = False


def get(key: str, alias: str = "default"):
    try:
        value = caches[alias].get(key, MISSING)
    except Exception as error:  # any backend's error: the cache is an accelerator, never a dependency
        _failed("get", error)
        return None
    _worked()
    return None if value is MISSING else value


def call(action: str, *args, alias: str = "default", **kwargs) -> bool:
    """Run ``caches[alias].<action>(*args, **kwargs)``; return False when the cache could not."""
    try:
        getattr(caches[alias], action)(*args, **kwargs)
    except Exception as error:  # as in get()
        _failed(action, error)
        return False
    _worked()
    return True


def cache_state(alias: str = "default") -> str:
    """Return "ok" when the cache answers a write and a read of a probe key, else "down"."""
    try:
        caches[alias].set("healthz-probe", 1, 10)
        return "ok" if caches[alias].get("healthz-probe") == 1 else "down"
    except Exception as error:  # as in get()
        _failed("health check", error)
        return "down"
