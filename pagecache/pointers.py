"""The slug → (id, content version, time of that version) pointers that let a cache hit skip the database.

``publish`` drops the pointers at once and writes the new ones when the transaction commits, so a reader
never pairs a new version with data that is not committed yet. A render never writes a pointer it read
from the database over one a commit wrote meanwhile (``remember`` adds, it does not set). With Redis, each
process keeps the pointers it reads in memory until ``publish`` says they changed (``pagecache.tracking``).
Every cache call goes through ``pagecache.guard``: with the cache down, a pointer is a miss and a commit
still succeeds.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.db import transaction

from pagecache import guard, tracking
from pagecache.keys import lifetime, pointer_key


class Pointer(NamedTuple):
    pk: int
    slug: str
    content_version: int
    is_public: bool
    modified: int  # seconds since the epoch: the time of this version (Last-Modified)


def read(slug: str) -> tuple[int, int, int] | None:
    """Return the cached (id, content version, modified) of the public article ``slug``, or None."""
    key = pointer_key(slug)
    local = tracking.tracker()
    generation = 0
    if local is not None:
        value, generation = local.get(key)
        if value is not None:
            return value
    value = guard.get(key)
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 3:
        # Written by an older release; remember() adds and would never replace it.
        guard.call("delete", key)
        return None
    value = tuple(value)
    if local is not None:
        local.keep(key, value, generation)
    return value


def remember(slug: str, pk: int, content_version: int, modified: int) -> None:
    """Cache a pointer read from the database, unless a commit wrote a newer one meanwhile."""
    guard.call("add", pointer_key(slug), (pk, content_version, int(modified)), lifetime("pointer"))


def publish(changed: Iterable[Pointer], *, former_slugs: Iterable[str] = ()) -> None:
    """Drop the pointers of changed articles now and publish their new versions on commit.

    Called by the unit of work (``editorial.work``) only. A cache error is logged and ignored: the change
    is committed either way, and a process that missed it has lost its subscription and dropped its copies.
    """
    changed = list(changed)
    stale = [pointer_key(p.slug) for p in changed] + [pointer_key(slug) for slug in former_slugs]
    guard.call("delete_many", stale)
    announce(stale)

    def on_commit():
        guard.call("delete_many", stale)
        new = {
            pointer_key(p.slug): (p.pk, p.content_version, int(p.modified)) for p in changed if p.is_public
        }
        guard.call("set_many", new, lifetime("pointer"))
        announce(stale)

    transaction.on_commit(on_commit)


def announce(keys: list[str]) -> None:
    """Tell every process's tracker that ``keys`` changed (nothing to do without Redis)."""
    local = tracking.tracker()
    if local is None:
        return
    try:
        local.notify(keys)
    except Exception as error:  # Redis down: every listener lost its connection and dropped its copies
        guard.log.warning("page cache invalidation not sent: %s: %s", type(error).__name__, error)
