"""Refuse a reader's search past the site's budget before any other middleware runs (issue 20).

The refusal must cost next to nothing: a crowd of searches past the budget would otherwise hold the
workers as surely as the searches themselves, and slow the article page readers are waiting for."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse

from claims.search import TOO_MANY_SEARCHES, search_allowed


class SearchBudgetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.search_path = None  # resolved on the first request: URLconf is not ready at startup

    def __call__(self, request):
        if self.search_path is None:
            try:
                self.search_path = reverse("articles:search")
            except NoReverseMatch:  # a URLconf without the public pages (a test's own) has no search
                self.search_path = ""
        is_search = bool(self.search_path) and request.path == self.search_path
        if is_search and request.GET.get("q", "").strip() and not search_allowed():
            refusal = HttpResponse(TOO_MANY_SEARCHES, status=429, content_type="text/plain; charset=utf-8")
            refusal["Retry-After"] = "1"
            return refusal
        return self.get_response(request)
