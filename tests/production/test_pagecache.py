"""The WSGI page cache in front of Django: repeats of an article page are answered from memory with
Django's own headers, and never after a change."""

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from articles.services import section_save
from pagecache.keys import SHAREABLE_PAGE_HEADER
from pagecache.wsgi import PageCacheApp

PATH = "/articles/operation-1107/"


class CountingApp:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def call(app, path=PATH, query="", method="GET", host="testserver"):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


@pytest.fixture
def apps():
    # As Django's test client does: the test's transaction must outlive each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    django_app = CountingApp()
    yield django_app, PageCacheApp(django_app)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_a_repeat_is_answered_without_django_with_the_same_headers(seed_article, apps):
    django_app, app = apps
    first = call(app)
    with CaptureQueriesContext(connection) as queries:
        second = call(app)
    assert django_app.calls == 1 and len(queries) == 0
    assert first == second
    status, headers, body = second
    assert status.startswith("200") and b"Operation 1107" in body
    assert "Content-Security-Policy" in headers
    assert SHAREABLE_PAGE_HEADER not in headers


def test_a_change_is_never_served_stale(seed_article, apps, editor, django_capture_on_commit_callbacks):
    django_app, app = apps
    call(app)
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    with django_capture_on_commit_callbacks(execute=True):
        body = section.body.replace("477", "479")
        section_save(section=section, body=body, user=editor, base_version=section.version)
    status, _, body = call(app)
    assert django_app.calls == 2 and b"over 479" in body


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ({"query": "highlight=off"}, {}),  # a variant is never stored under the plain URL
        ({}, {"query": "highlight=off"}),
        ({}, {"method": "POST"}),
        ({}, {"host": "evil.example"}),  # Django refuses the host; the cache never answers for it
        ({"path": "/articles/nope/"}, {"path": "/articles/nope/"}),
    ],
)
def test_only_plain_repeats_are_answered_from_memory(seed_article, apps, first, then):
    django_app, app = apps
    call(app, **first)
    status, _, body = call(app, **then)
    assert django_app.calls == 2
    if then.get("query") == "highlight=off":
        assert b"flag-figure" not in body
    if first.get("query"):
        assert b"flag-figure" in body
