"""Conditional GETs, compressed bodies, HEAD and Host variants, through the WSGI page cache and through
Django's views. With REDIS_URL set (CI's PostgreSQL pass) the default cache is Redis and these run on it."""

import gzip
import re
import time
from datetime import timedelta
from email.utils import parsedate_to_datetime

import brotli
import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.services import section_save
from claims.models import Claim
from claims.services import claim_review
from pagecache import wsgi
from tests.pagecache.conftest import PATH, call

PAGES = [PATH, "/articles/operation-1107.json", "/articles/operation-1107/factcheck/"]
DECODE = {"identity": bytes, "gzip": gzip.decompress, "br": brotli.decompress}


def change_figure(article, editor, capture, new="479"):
    section = article.sections.get(body__contains="over 477 airstrikes")
    with capture(execute=True):
        body = section.body.replace("477", new)
        section_save(section=section, body=body, user=editor, base_version=section.version)


@pytest.mark.parametrize("path", PAGES)
def test_a_matching_etag_gets_a_304_before_django_and_a_change_a_fresh_200(
    seed_article, apps, editor, django_capture_on_commit_callbacks, path
):
    django_app, app = apps
    status, headers, body = call(app, path)
    etag = headers["ETag"]
    assert status == 200 and re.fullmatch(r'"\d+-\d+-[0-9a-f]{8}"', etag)
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=60, must-revalidate"
    assert headers["Vary"] == "Accept-Encoding" and "Last-Modified" in headers

    status, repeat, body = call(app, path, HTTP_IF_NONE_MATCH=etag)
    assert (status, body, django_app.calls) == (304, b"", 1)
    assert repeat["ETag"] == etag and "Content-Length" not in repeat and "Content-Type" not in repeat
    assert "Content-Security-Policy" in repeat

    change_figure(seed_article, editor, django_capture_on_commit_callbacks)
    status, fresh, body = call(app, path, HTTP_IF_NONE_MATCH=etag)
    assert status == 200 and fresh["ETag"] != etag and b"479" in body and django_app.calls == 2
    assert call(app, path, HTTP_IF_NONE_MATCH=fresh["ETag"])[0] == 304
    assert django_app.calls == 2


@pytest.mark.parametrize("path", PAGES)
def test_django_answers_304_itself_without_rendering(client, seed_article, path):
    etag = client.get(path)["ETag"]
    for alias in ("default", "pages"):  # neither the page nor the pointer cached any more
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 1  # the pointer; a render takes six


def test_if_modified_since_gets_a_304_until_a_change(
    seed_article, apps, editor, django_capture_on_commit_callbacks
):
    # Last-Modified has whole seconds: the version before the change is an hour old.
    Article.objects.filter(pk=seed_article.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    django_app, app = apps
    modified = call(app)[1]["Last-Modified"]
    assert call(app, HTTP_IF_MODIFIED_SINCE=modified)[0] == 304
    assert call(app, HTTP_IF_MODIFIED_SINCE="Thu, 01 Jan 2015 00:00:00 GMT")[0] == 200
    change_figure(seed_article, editor, django_capture_on_commit_callbacks)
    status, headers, body = call(app, HTTP_IF_MODIFIED_SINCE=modified)
    assert status == 200 and b"479" in body
    assert parsedate_to_datetime(headers["Last-Modified"]) > parsedate_to_datetime(modified)
    time.sleep(1)  # until the new version's second is over its Last-Modified is a second early (issue 20)
    settled = call(app)[1]["Last-Modified"]
    assert call(app, HTTP_IF_MODIFIED_SINCE=settled)[0] == 304


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_bodies_decode_to_exactly_the_same_bytes(seed_article, apps, path, encoding):
    django_app, app = apps
    from_django = call(app, path, HTTP_ACCEPT_ENCODING=f"{encoding}, identity;q=0.5")
    from_cache = call(app, path, HTTP_ACCEPT_ENCODING=encoding)
    plain = call(app, path)
    assert django_app.calls == 1
    assert plain[1].get("Content-Encoding") is None
    for status, headers, body in (from_django, from_cache):
        assert status == 200 and headers["Content-Encoding"] == encoding
        assert int(headers["Content-Length"]) == len(body) < len(plain[2]) / 3
        assert DECODE[encoding](body) == plain[2]
    assert from_django[1]["ETag"] != plain[1]["ETag"]


def test_django_compresses_too_and_gzip_middleware_does_not_compress_again(client, seed_article, settings):
    settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
    plain = client.get(PATH).content
    caches["pages"].clear()
    caches["default"].clear()
    response = client.get(PATH, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain


@pytest.mark.parametrize("cached", [False, True])
def test_head_sends_the_headers_of_get_and_no_body(seed_article, apps, cached):
    django_app, app = apps
    if cached:
        call(app)
    head = call(app, method="HEAD", HTTP_ACCEPT_ENCODING="br")
    get = call(app, HTTP_ACCEPT_ENCODING="br")
    assert head[0] == 200 and head[2] == b""
    assert head[1] == get[1] and int(head[1]["Content-Length"]) == len(get[2])


HOSTS = ["testserver", "TESTSERVER", "testserver:8080", "testserver.", "TestServer.:1"]


def pages_entries() -> int:
    return len(caches["pages"]._cache)


def test_host_variants_share_one_cache_entry(seed_article, apps, reviewer):
    claim_review(claim=Claim.objects.for_article(seed_article).first(), reviewer=reviewer, status="approved")
    django_app, app = apps
    bodies = set()
    for host in HOSTS:
        status, headers, body = call(app, host=host)
        assert status == 200
        bodies.add(body)
    assert django_app.calls == 1 and len(bodies) == 1
    assert pages_entries() == 1 and len(wsgi.ENTRIES.items) == 1  # the view's page, the WSGI layer's entry
    # The JSON-LD names the canonical URL, whatever Host the first reader sent.
    assert b'"url": "http://testserver/articles/operation-1107/"}' in bodies.pop()  # the appearance


def test_host_variants_share_one_entry_in_django_too(client, seed_article):
    for host in HOSTS:
        assert client.get(PATH, headers={"Host": host}).status_code == 200
    assert pages_entries() == 1


def test_a_site_url_names_the_json_ld_urls(client, seed_article, reviewer, settings):
    settings.SITE_URL = "https://verity.example/"
    claim_review(claim=Claim.objects.for_article(seed_article).first(), reviewer=reviewer, status="approved")
    page = client.get(PATH, headers={"Host": "127.0.0.1:9999"}).content
    assert b'"url": "https://verity.example/articles/operation-1107/"}' in page  # the appearance
