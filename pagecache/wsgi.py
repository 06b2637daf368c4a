"""Serve cached article pages in front of Django's request cycle.

A cached article page needs no database query (see ``pagecache.pointers``), but Django's request cycle still
costs several times what sending the bytes does. This WSGI layer answers a repeat request for an article,
its JSON or its fact-check report with the headers Django sent the first time (security headers included)
and the page in the encoding the request accepts, or a 304 when the request's validators match
(``pagecache.http``). It stores only responses the article views mark as shareable (a 200 or 304 without
cookies, for a URL without a query). The key holds the article's id and content version, read from the
cache pointer that every change replaces on commit, so a change is never served stale; and the canonical
host, so Host variants (a port, upper case, a trailing dot) share one entry. Anything not cached goes to
Django, which also answers whenever the cache cannot be reached.
"""

import re
import threading
from collections import OrderedDict

from django.conf import settings

from pagecache import guard, pointers
from pagecache.http import REPRESENTATION_HEADERS, Page, answer
from pagecache.keys import SHAREABLE_PAGE_HEADER as MARK
from pagecache.keys import canonical_host, lifetime, page_cache_key

# The paths this layer may answer, as regexes matched against the path after its first "/", each naming the
# article's slug in a group ``slug``: given by the app that serves those pages, from its own URL patterns
# (``answer_paths``), so the layer repeats no URL of an app.
_answered_paths: list[re.Pattern] = []


def answer_paths(patterns) -> None:
    """Let this layer answer repeat requests for the paths matching ``patterns`` (see above)."""
    _answered_paths[:] = list(patterns)


def article_slug(path: str) -> str | None:
    if not path.startswith("/"):
        return None
    path = path[1:]
    for pattern in _answered_paths:
        match = pattern.match(path)
        if match:
            return match.group("slug")
    return None


STATUS = {200: "200 OK", 304: "304 Not Modified"}
# Not stored with a page: the representation's headers come from pagecache.http on every answer.
NOT_STORED = REPRESENTATION_HEADERS | {"content-type", MARK.lower()}


class Entries:
    """The layer's entries in this process's memory, as objects: no pickling on a hit (a page in three
    encodings weighs hundreds of KiB). A key holds the article's version, so an entry never changes; the
    least recently used go first."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.items.get(key)
            if entry is not None:
                self.items.move_to_end(key)
            return entry

    def set(self, key: str, entry) -> None:
        with self.lock:
            self.items[key] = entry
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


ENTRIES = Entries(100)


def request_scheme(environ) -> str:
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def page_key(environ, pk: int, version: int) -> str | None:
    host = canonical_host(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
    if not host:
        return None
    return page_cache_key(
        pk, version, f"wsgi:{request_scheme(environ)}://{host}{environ.get('PATH_INFO', '')}"
    )


def plain_request(environ):
    """Return the article slug of a request this layer may answer, else None. A request with a session
    cookie goes to Django: it may be an editor's, whose page differs (its [edit] links). The test is on
    the raw header, so a cookie whose name merely contains the session's also goes to Django: slower,
    never wrong."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
        return None
    if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
        return None
    return article_slug(environ.get("PATH_INFO", ""))


def request_headers(environ) -> dict:
    return {
        "Accept-Encoding": environ.get("HTTP_ACCEPT_ENCODING"),
        "If-None-Match": environ.get("HTTP_IF_NONE_MATCH"),
        "If-Modified-Since": environ.get("HTTP_IF_MODIFIED_SINCE"),
    }


def cached_entry(environ):
    """Return the stored (headers, page) for this request, or None to let Django answer."""
    slug = plain_request(environ)
    pointer = pointers.read(slug) if slug else None
    key = page_key(environ, pointer[0], pointer[1]) if pointer else None
    return ENTRIES.get(key) if key else None


class PageCacheApp:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        hit = cached_entry(environ)
        if hit is not None:
            stored, page = hit
            result = answer(
                page,
                method=environ["REQUEST_METHOD"],
                headers=request_headers(environ),
                shared_seconds=lifetime("shared"),
            )
            start_response(STATUS[result.status], stored + result.headers)
            return [result.body]
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["mark"] = status, dict(headers).get(MARK)
            headers = [(name, value) for name, value in headers if name != MARK]
            captured["headers"] = headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, capture)
        if captured.get("mark") and self.storable(environ, captured):
            self.store(environ, captured)
        return result

    @staticmethod
    def store(environ, captured) -> None:
        page = guard.get(captured["mark"], "pages")
        pk, version = (int(part.removeprefix("v")) for part in captured["mark"].split(":")[1:3])
        key = page_key(environ, pk, version)
        if not isinstance(page, Page) or key is None:
            return
        stored = [(name, value) for name, value in captured["headers"] if name.lower() not in NOT_STORED]
        ENTRIES.set(key, (stored, page))

    @staticmethod
    def storable(environ, captured) -> bool:
        names = {name.lower() for name, _ in captured["headers"]}
        return (
            plain_request(environ) is not None
            and captured["status"][:3] in ("200", "304")
            and "set-cookie" not in names
        )
