from django.conf import settings

# Set by the article view to "<id>:<content version>" on a page that is the same for every reader of its
# URL; pagecache.wsgi answers repeats from memory and never passes the header on.
SHAREABLE_PAGE_HEADER = "X-Verity-Shareable-Page"


def lifetime(kind: str) -> int:
    """Return how long a ``"page"`` or a ``"pointer"`` stays in the cache, in seconds."""
    return settings.PAGE_CACHE_SECONDS[kind]


def pointer_key(slug: str) -> str:
    return f"article-slug:{slug}"


def page_cache_key(pk: int, content_version: int, page: str) -> str:
    return f"article:{pk}:v{content_version}:{page}"
