"""Let a reader's search in, or refuse it, at the process's door: a WSGI app in front of the page cache
and Django (issue 20).

A crowd of anonymous searches must not slow the cached article page. Past the site's budget of searches a
second, or while another search holds the one slot (``VERITY_SEARCHES_AT_ONCE``), a search is a 429 that
costs less than the cached page itself: no Django request, no middleware, and, once this process has seen
the second's budget spent, no cache round trip (``claims.search.SearchAdmission``). As a Django middleware
the refusal cost more than the page it competed with (the page is served from the cache before Django),
and four searching connections slowed the page 2.2 times, eight 4.5 times."""

from urllib.parse import parse_qsl

from django.urls import NoReverseMatch, reverse

from claims.search import SearchAdmission, give_back_search_slot


class SearchGate:
    def __init__(self, application):
        self.application = application
        self.admission = SearchAdmission()
        self.search_path = None  # resolved on the first request: the URLconf may not be ready at startup

    def __call__(self, environ, start_response):
        if not self.is_search(environ):
            return self.application(environ, start_response)
        refusal, slot = self.admission.admit()
        if refusal:
            body = refusal.encode()
            start_response(
                "429 Too Many Requests",
                [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Retry-After", "1"),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [body]
        try:
            # Django renders the whole page before it returns: the slot is held while the search runs.
            return self.application(environ, start_response)
        finally:
            give_back_search_slot(slot)

    def is_search(self, environ) -> bool:
        """Whether the request asks for a search (the search page with words; the empty form is not one)."""
        if self.search_path is None:
            try:
                self.search_path = reverse("articles:search")
            except NoReverseMatch:  # a URLconf without the public pages has no search
                self.search_path = ""
        if not self.search_path or environ.get("PATH_INFO") != self.search_path:
            return False
        query = environ.get("QUERY_STRING", "")
        return any(name == "q" and value.strip() for name, value in parse_qsl(query))
