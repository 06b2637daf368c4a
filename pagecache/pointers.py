"""The slug → (id, content version) pointers that let a cache hit skip the database.

``publish`` drops the pointers at once and writes the new ones when the transaction commits, so a reader
never pairs a new version with data that is not committed yet. A render never writes a pointer it read
from the database over one a commit wrote meanwhile (``remember`` adds, it does not set).
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction

from pagecache.keys import lifetime, pointer_key


class Pointer(NamedTuple):
    pk: int
    slug: str
    content_version: int
    is_public: bool


def read(slug: str) -> tuple[int, int] | None:
    """Return the cached (id, content version) of the public article ``slug``, or None if not cached."""
    pointer = cache.get(pointer_key(slug))
    return tuple(pointer) if pointer is not None else None


def remember(slug: str, pk: int, content_version: int) -> None:
    """Cache a pointer read from the database, unless a commit wrote a newer one meanwhile."""
    cache.add(pointer_key(slug), (pk, content_version), lifetime("pointer"))


def publish(changed: Iterable[Pointer], *, former_slugs: Iterable[str] = ()) -> None:
    """Drop the pointers of changed articles now and publish their new versions on commit.

    Called by the unit of work (``editorial.work``) only.
    """
    changed = list(changed)
    stale = [pointer_key(p.slug) for p in changed] + [pointer_key(slug) for slug in former_slugs]
    cache.delete_many(stale)

    def on_commit():
        cache.delete_many(stale)
        cache.set_many(
            {pointer_key(p.slug): (p.pk, p.content_version) for p in changed if p.is_public},
            lifetime("pointer"),
        )

    transaction.on_commit(on_commit)
