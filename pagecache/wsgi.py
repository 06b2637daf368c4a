"""Serve cached article pages in front of Django's request cycle.

A cached article page needs no database query (see ``pagecache.pointers``), but Django's request cycle still
costs several times what sending the bytes does. This WSGI layer answers a repeat request for an article
page with the exact status, headers and body Django sent the first time: security headers included, and
only for responses the article view marks as shareable (a 200 without cookies). The key holds the
article's id and content version, read from the cache pointer that every change replaces on commit, so
a change is never served stale; anything not cached, or not plain, goes to Django.
"""

import re

from django.conf import settings
from django.core.cache import caches

from pagecache import pointers
from pagecache.keys import SHAREABLE_PAGE_HEADER as MARK
from pagecache.keys import lifetime, page_cache_key

ARTICLE_PATH = re.compile(r"/articles/([-a-zA-Z0-9_]+)/\Z")


def request_scheme(environ) -> str:
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def page_key(environ, pk: int, version: int) -> str:
    url = f"{request_scheme(environ)}://{environ.get('HTTP_HOST', '')}{environ.get('PATH_INFO', '')}"
    return page_cache_key(pk, version, f"wsgi:{url}")


def cached_response(environ):
    """Return the stored (status, headers, body) for this request, or None to let Django answer."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
        return None
    match = ARTICLE_PATH.match(environ.get("PATH_INFO", ""))
    pointer = pointers.read(match.group(1)) if match else None
    return caches["pages"].get(page_key(environ, *pointer)) if pointer else None


class PageCacheApp:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        hit = cached_response(environ)
        if hit is not None:
            status, headers, body = hit
            start_response(status, headers)
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["mark"] = status, dict(headers).get(MARK)
            headers = [(name, value) for name, value in headers if name != MARK]
            captured["headers"] = headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        if captured.get("mark") and self.storable(environ, captured):
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
            pk, version = (int(part) for part in captured["mark"].split(":"))
            entry = (captured["status"], captured["headers"], body)
            caches["pages"].set(page_key(environ, pk, version), entry, lifetime("page"))
            return [body]
        return result

    @staticmethod
    def storable(environ, captured) -> bool:
        names = {name.lower() for name, _ in captured["headers"]}
        return (
            environ.get("REQUEST_METHOD") == "GET"
            and not environ.get("QUERY_STRING")
            and captured["status"].startswith("200")
            and "set-cookie" not in names
        )
