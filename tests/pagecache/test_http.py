"""Content negotiation, validators and caching headers (pagecache.http, pure)."""

import gzip
import time
from email.utils import formatdate

import brotli
import pytest

from pagecache.http import (
    GZIP,
    IDENTITY,
    answer,
    caching_headers,
    choose_encoding,
    make_page,
    matches,
    not_modified,
)

BODY = ("<p>Operation 1107 – 477 airstrikes</p>\n" * 500).encode()
MODIFIED = 1_790_000_000


@pytest.fixture
def page():
    return make_page(
        BODY, content_type="text/html; charset=utf-8", tag="7-3-abcd0123", last_modified=MODIFIED
    )


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "identity"),
        ("", "identity"),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),  # equal qualities: the smallest body
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("BR", "br"),
        ("deflate", "identity"),
        ("br;q=0, gzip;q=0", "identity"),
        ("*", "br"),
        ("*;q=0.5, gzip;q=0.2", "br"),
        ("identity;q=0, *;q=0", "identity"),  # nothing acceptable: identity rather than an error
        ("gzip;q=abc, br", "br"),  # a broken q counts as 0
        ("gzip;q=nan, br;q=-1", "identity"),
        ("br;q=0.1", "identity"),  # identity is implicitly 1
        ("gzip; q=0.8 , identity;q=0.9", "identity"),
        ("gzip;q=0.001", "identity"),  # identity's implicit 1 beats it
    ],
)
def test_the_encoding_follows_accept_encoding(accept, chosen):
    assert choose_encoding(accept) == chosen


def test_a_hostile_accept_encoding_is_read_in_linear_time():
    assert choose_encoding("gzip;q=0.1," * 100_000) == "identity"
    assert choose_encoding(";" * 1_000_000) == "identity"


@pytest.mark.parametrize("encoding", ["identity", "gzip", "br"])
def test_every_encoding_decodes_to_the_same_bytes(page, encoding):
    result = answer(page, method="GET", headers={"Accept-Encoding": encoding}, shared_seconds=60)
    decode = {"identity": bytes, "gzip": gzip.decompress, "br": brotli.decompress}[encoding]
    assert decode(result.body) == BODY
    headers = dict(result.headers)
    assert headers["Content-Length"] == str(len(result.body))
    assert headers.get("Content-Encoding") == (None if encoding == "identity" else encoding)
    assert headers["Vary"] == "Accept-Encoding"
    if encoding != "identity":
        assert len(result.body) < len(BODY) / 10


def test_gzip_bytes_are_the_same_in_every_process():
    assert make_page(BODY, content_type="x", tag="t", last_modified=0).bodies[GZIP] == gzip.compress(
        BODY, compresslevel=6, mtime=0
    )


def test_headers_let_browsers_revalidate_and_shared_caches_keep(page):
    headers = dict(answer(page, method="GET", headers={}, shared_seconds=120).headers)
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=120, must-revalidate"
    assert headers["ETag"] == '"7-3-abcd0123"'
    assert headers["Last-Modified"] == formatdate(MODIFIED, usegmt=True)


def test_head_has_the_headers_of_get_and_no_body(page):
    get = answer(page, method="GET", headers={"Accept-Encoding": "gzip"}, shared_seconds=60)
    head = answer(page, method="HEAD", headers={"Accept-Encoding": "gzip"}, shared_seconds=60)
    assert head.status == 200 and head.body == b"" and head.headers == get.headers


@pytest.mark.parametrize(
    ("if_none_match", "encoding", "fresh"),
    [
        ('"7-3-abcd0123"', IDENTITY, True),
        ('W/"7-3-abcd0123"', IDENTITY, True),  # weak comparison, as a CDN that compressed may send it
        ('"x", "7-3-abcd0123-gz"', GZIP, True),
        ('"7-3-abcd0123"', GZIP, False),  # the identity's tag does not validate the gzip body
        ('"7-2-abcd0123"', IDENTITY, False),  # an older version
        ("*", IDENTITY, True),
        ('"7-3-abcd0123', IDENTITY, False),
    ],
)
def test_if_none_match(page, if_none_match, encoding, fresh):
    assert not_modified(page, encoding, if_none_match=if_none_match, if_modified_since=None) is fresh


@pytest.mark.parametrize(
    ("since", "fresh"),
    [
        (formatdate(MODIFIED, usegmt=True), True),
        (formatdate(MODIFIED + 3600, usegmt=True), True),
        (formatdate(MODIFIED - 1, usegmt=True), False),
        ("yesterday", False),
        ("", False),
    ],
)
def test_if_modified_since(page, since, fresh):
    assert not_modified(page, IDENTITY, if_none_match=None, if_modified_since=since) is fresh


def test_if_none_match_wins_over_if_modified_since(page):
    since = formatdate(MODIFIED, usegmt=True)
    assert not not_modified(page, IDENTITY, if_none_match='"old"', if_modified_since=since)


def test_a_304_has_validators_and_no_body(page):
    result = answer(
        page,
        method="GET",
        headers={"If-None-Match": '"7-3-abcd0123-br"', "Accept-Encoding": "br"},
        shared_seconds=60,
    )
    assert result.status == 304 and result.body == b""
    assert {name for name, _ in result.headers} == {"ETag", "Last-Modified", "Cache-Control", "Vary"}


def test_matches_ignores_spaces_and_checks_each_tag():
    assert matches(' "a" ,W/"b"', '"b"')
    assert not matches('"ab"', '"a"')


def test_last_modified_is_a_second_early_until_its_second_is_over(page):
    """Two edits in one second share a Last-Modified: a client given it during that second could be sent a
    304 for the second edit on If-Modified-Since alone (issue 20)."""
    during, after = page.last_modified + 0.4, page.last_modified + 1.0
    sent_during = dict(caching_headers(page, IDENTITY, 60, now=during))["Last-Modified"]
    assert sent_during == formatdate(page.last_modified - 1, usegmt=True)
    # a second edit in the same second has the same whole-second date: the date sent during it is older
    assert not not_modified(page, IDENTITY, if_none_match=None, if_modified_since=sent_during)
    sent_after = dict(caching_headers(page, IDENTITY, 60, now=after))["Last-Modified"]
    assert sent_after == formatdate(page.last_modified, usegmt=True)
    assert not_modified(page, IDENTITY, if_none_match=None, if_modified_since=sent_after)


def test_if_modified_since_is_ignored_while_the_second_of_the_page_lasts():
    edited_now = make_page(
        b"<p>second edit</p>", content_type="text/html", tag="v2", last_modified=time.time()
    )
    since = formatdate(edited_now.last_modified, usegmt=True)
    assert not not_modified(edited_now, IDENTITY, if_none_match=None, if_modified_since=since)
