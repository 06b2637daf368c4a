"""The public pages' cache: rendered bytes keyed by an article's content version.

- ``keys``: the cache keys, the canonical origin pages are keyed on, and the header that marks a page every
  reader of its URL may share.
- ``pointers``: the slug → (id, content version, time of that version) pointer a hit reads instead of the
  database; published by the unit of work (``editorial.work``) when a change commits, and by nothing else.
  With Redis, each process keeps the pointers in memory and drops them when told (``tracking``).
- ``http``: bodies compressed once, content negotiation, validators and 304s, caching headers (pure).
- ``guard``: cache reads and writes that treat an unreachable cache as a miss.
- ``wsgi``: answers repeat requests for article pages in front of Django's request cycle.

Lifetimes come from one setting, ``PAGE_CACHE_SECONDS`` (``{"page": ..., "pointer": ..., "shared": ...,
"revision": ...}``).
This package imports no app: the apps import it.
"""

from django.conf import settings
from django.http.request import split_domain_port

# Set by the article views to the page's cache key on a page that is the same for every reader of its
# URL; pagecache.wsgi answers repeats from memory and never passes the header on.
SHAREABLE_PAGE_HEADER = "X-Verity-Shareable-Page"


def lifetime(kind: str) -> int:
    """Return how long a ``"page"`` or a ``"pointer"`` stays in the cache, or how long a ``"shared"``
    cache (a CDN) may keep a page, or any cache an old ``"revision"``'s page, without asking again, in
    seconds."""
    return settings.PAGE_CACHE_SECONDS[kind]


def pointer_key(slug: str) -> str:
    return f"article-slug:{slug}"


def page_cache_key(pk: int, content_version: int, page: str) -> str:
    return f"article:{pk}:v{content_version}:{page}"


def canonical_host(host: str) -> str:
    """Return the host as Django validates it: lower case, without port or trailing dot ("" if it is not a
    host). Every variant of one host then shares one cache entry: a port or a case is not a new page."""
    return split_domain_port(host[:300])[0]


def canonical_origin(scheme: str, host: str) -> str:
    """Return the origin absolute URLs in pages name: the ``SITE_URL`` setting when set, else the
    request's scheme and canonical host."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    return f"{scheme}://{canonical_host(host)}"
