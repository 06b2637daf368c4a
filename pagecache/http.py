"""HTTP for the cached pages (pure): bodies compressed once, the encoding a request accepts, validators,
conditional requests and the caching headers.

A ``Page`` holds one page's bytes in every encoding and its validators; ``answer`` turns it and a request's
headers into a status, headers and a body. The article view (on a miss) and the WSGI layer (on a hit)
both answer through it, so both send the same bytes and the same headers.
"""

import functools
import gzip
import re
import time
import zlib
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

import brotli

IDENTITY, GZIP, BROTLI = "identity", "gzip", "br"
# Preferred first when a request accepts several encodings equally: the smallest body.
PREFERENCE = (BROTLI, GZIP, IDENTITY)
SUFFIX = {IDENTITY: "", GZIP: "-gz", BROTLI: "-br"}
# Headers that belong to one representation: the WSGI layer stores a page's other headers and adds these.
REPRESENTATION_HEADERS = frozenset(
    {"content-length", "content-encoding", "etag", "last-modified", "cache-control", "vary"}
)
# Cheap levels: a page is compressed once per version, on the cold render's path. On the 4.9 MB page of
# the 25x article gzip 6 and brotli 6 took 143 + 80 ms; gzip 5 and brotli 4 take 61 + 33 ms for bodies
# 3 % and 47 % larger (720 and 194 KiB), about what CDNs use for dynamic pages (README, Benchmarks).
GZIP_LEVEL, BROTLI_QUALITY = 5, 4
ACCEPT_PART = re.compile(r"\s*([^\s;,]+)\s*(?:;\s*q\s*=\s*([^\s;,]*))?[^,]*")


@dataclass(frozen=True)
class Page:
    content_type: str
    bodies: dict  # encoding -> bytes
    etag: str  # without quotes and without the encoding's suffix
    last_modified: int  # seconds since the epoch


def compress(body: bytes) -> dict:
    """Return ``body`` in every encoding (gzip with no timestamp, so every process makes the same bytes)."""
    return {
        IDENTITY: body,
        GZIP: gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
        BROTLI: brotli.compress(body, quality=BROTLI_QUALITY),
    }


def make_page(body: bytes, *, content_type: str, tag: str, last_modified: int) -> Page:
    return Page(content_type, compress(body), tag, int(last_modified))


def page_tag(pk: int, version: int, variant: str) -> str:
    """Return the validator of one version of one page variant (stable across processes)."""
    return f"{pk}-{version}-{zlib.crc32(variant.encode()):08x}"


def accepted_qualities(accept_encoding: str) -> dict:
    """Return {coding: q} for an Accept-Encoding header (a q that is not a number counts as 0)."""
    qualities = {}
    for match in ACCEPT_PART.finditer(accept_encoding[:1000]):
        coding, q = match.group(1).lower(), match.group(2)
        try:
            quality = float(q) if q is not None else 1.0
        except ValueError:
            quality = 0.0
        # A q that is not a number between 0 and 1 ("nan", "-1") refuses the coding.
        qualities[coding] = quality if 0.0 <= quality <= 1.0 else 0.0
    return qualities


def choose_encoding(accept_encoding: str | None) -> str:
    """Return the encoding to send: the best-rated one the request accepts, else identity (RFC 9110 12.5.3:
    identity is acceptable unless refused; a refused identity still gets it rather than an error)."""
    if not accept_encoding:
        return IDENTITY
    qualities = accepted_qualities(accept_encoding)
    wildcard = qualities.get("*")

    def quality(coding: str) -> float:
        if coding in qualities:
            return qualities[coding]
        if coding == IDENTITY:
            return 1.0 if wildcard is None else max(wildcard, 0.001)
        return wildcard or 0.0

    best = max(PREFERENCE, key=lambda coding: (quality(coding), -PREFERENCE.index(coding)))
    return best if quality(best) > 0 else IDENTITY


def etag_of(page: Page, encoding: str) -> str:
    return f'"{page.etag}{SUFFIX[encoding]}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): a W/ prefix is ignored; ``*`` matches any current page."""
    if if_none_match.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match[:4000].split(",")}
    return etag in tags


def validators(headers) -> dict:
    """Return the keyword arguments of ``not_modified`` from a request's headers."""
    return {
        "if_none_match": headers.get("If-None-Match"),
        "if_modified_since": headers.get("If-Modified-Since"),
    }


def not_modified(page: Page, encoding: str, *, if_none_match: str | None, if_modified_since: str | None):
    """Return True when the request's validators say it already holds this representation."""
    if if_none_match:
        return matches(if_none_match, etag_of(page, encoding))
    if if_modified_since:
        if not is_settled(page):
            return False  # another edit may still come within this second: only the ETag can tell
        try:
            since = parsedate_to_datetime(if_modified_since[:100]).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return page.last_modified <= since
    return False


def caching_headers(
    page: Page,
    encoding: str,
    shared_seconds: int,
    private: bool = False,
    immutable_seconds: int = 0,
    now: float | None = None,
) -> list:
    """Browsers revalidate every time (a 304 costs a few hundred bytes); a shared cache (a CDN) may keep
    the page ``shared_seconds`` and must revalidate after. A private page (what a signed-in editor sees)
    is kept by no shared cache, and varies with the session cookie. A page whose content does not change
    (``immutable_seconds`` > 0: an old revision) may be kept that long by both, without asking.

    Last-Modified has whole seconds, so two edits within one second share it: a client given the first
    version's date would get a 304 for the second (If-Modified-Since alone). So until that second is over
    the page says it was modified a second earlier: a client holding that date is sent the page again
    once more, and only a date given after the second ended (when no edit can share it) earns a 304."""
    last_modified = page.last_modified if is_settled(page, now) else page.last_modified - 1
    return list(
        validator_headers(etag_of(page, encoding), last_modified, shared_seconds, private, immutable_seconds)
    )


def is_settled(page: Page, now: float | None = None) -> bool:
    """Return True once the second of the page's Last-Modified is over (no edit can share it any more)."""
    return (time.time() if now is None else now) >= page.last_modified + 1


@functools.lru_cache(maxsize=1024)
def validator_headers(
    etag: str,
    last_modified: int,
    shared_seconds: int,
    private: bool = False,
    immutable_seconds: int = 0,
) -> tuple:
    # Worked out once per page version and encoding, not on every hit.
    vary = "Accept-Encoding"
    if private:
        cache_control, vary = "private, no-cache", "Accept-Encoding, Cookie"
    elif immutable_seconds > 0:
        cache_control = f"public, max-age={immutable_seconds}, immutable"
    else:
        cache_control = f"public, max-age=0, s-maxage={shared_seconds}, must-revalidate"
    return (
        ("ETag", etag),
        ("Last-Modified", formatdate(last_modified, usegmt=True)),
        ("Cache-Control", cache_control),
        ("Vary", vary),
    )


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list  # (name, value), the representation's headers only
    body: bytes


def answer(
    page: Page,
    *,
    method: str,
    headers: dict,
    shared_seconds: int,
    private: bool = False,
    immutable_seconds: int = 0,
) -> Answer:
    """Answer a GET or HEAD for ``page``; ``headers`` holds the request's Accept-Encoding, If-None-Match and
    If-Modified-Since (missing ones absent or None). HEAD has a GET's headers and no body. See
    ``caching_headers`` for ``private`` and ``immutable_seconds``."""
    encoding = choose_encoding(headers.get("Accept-Encoding"))
    caching = caching_headers(page, encoding, shared_seconds, private, immutable_seconds)
    if not_modified(page, encoding, **validators(headers)):
        return Answer(304, caching, b"")
    body = page.bodies[encoding]
    representation = [("Content-Type", page.content_type), ("Content-Length", str(len(body)))]
    if encoding != IDENTITY:
        representation.append(("Content-Encoding", encoding))
    return Answer(200, representation + caching, b"" if method == "HEAD" else body)
