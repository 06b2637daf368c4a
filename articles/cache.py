"""The public pages of an article are cached as bytes under a key holding ``Article.content_version``.

Every service that changes what a reader sees calls ``article_changed`` inside its transaction: the new
version commits with the change, so a page cached for the old version is never served again.

A cache hit must not wait on the database, so the slug's id and version are kept in the cache too (the
"pointer"). ``article_changed`` drops the pointer at once and writes the new one when the transaction
commits, so a reader never pairs the new version with data that is not committed yet. With Redis every
process sees the new pointer immediately; with per-process memory (no REDIS_URL) other processes read it
again from the database within ``POINTER_SECONDS``.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from articles.models import Article

# Set by the article view to "<id>:<content version>" of a page that is the same for every reader of its
# URL; config.pagecache answers repeats from memory and never passes the header on.
SHAREABLE_PAGE_HEADER = "X-Verity-Shareable-Page"
SHARED_CACHE = "redis" in settings.CACHES["default"]["BACKEND"].lower()
POINTER_SECONDS = 24 * 60 * 60 if SHARED_CACHE else 5


def pointer_key(slug: str) -> str:
    return f"article-slug:{slug}"


def page_cache_key(pk: int, content_version: int, page: str) -> str:
    return f"article:{pk}:v{content_version}:{page}"


def cached_version(slug: str) -> tuple[int, int] | None:
    """Return the public article's (id, content version) for ``slug``, from the cache when it can."""
    pointer = cache.get(pointer_key(slug))
    if pointer is None:
        pointer = Article.objects.public().filter(slug=slug).values_list("pk", "content_version").first()
        if pointer is not None:
            # add, not set: a pointer written meanwhile by a commit is newer than what was read here.
            cache.add(pointer_key(slug), tuple(pointer), POINTER_SECONDS)
    return tuple(pointer) if pointer is not None else None


def article_changed(article_id: int, *, former_slug: str | None = None) -> None:
    """Mark the article's published content as changed (in the caller's transaction)."""
    Article.objects.filter(pk=article_id).update(content_version=F("content_version") + 1)
    slug, version, is_public = (
        Article.objects.filter(pk=article_id).values_list("slug", "content_version", "is_public").get()
    )
    stale = {pointer_key(slug), *([pointer_key(former_slug)] if former_slug else [])}
    cache.delete_many(stale)

    def publish():
        cache.delete_many(stale)
        if is_public:
            cache.set(pointer_key(slug), (article_id, version), POINTER_SECONDS)

    transaction.on_commit(publish)
