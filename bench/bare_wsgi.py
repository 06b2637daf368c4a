"""A bare WSGI app returning the bytes of a saved page: the ceiling bench/throughput.py measures Django
against. BENCH_BODY_FILE names the page (BENCH_BODY_FILE.gzip and .br, when present, its compressed
bodies, sent to a request whose Accept-Encoding is exactly that coding); BENCH_CONTENT_TYPE its type. A
request with If-None-Match gets a 304, as Django does for a matching one: the same bytes on the wire."""

import os
from pathlib import Path

PATH = Path(os.environ["BENCH_BODY_FILE"])
CONTENT_TYPE = ("Content-Type", os.environ.get("BENCH_CONTENT_TYPE", "text/html; charset=utf-8"))
BODIES = {"": PATH.read_bytes()}
for coding in ("gzip", "br"):
    if PATH.with_name(f"{PATH.name}.{coding}").exists():
        BODIES[coding] = PATH.with_name(f"{PATH.name}.{coding}").read_bytes()


def headers_for(coding: str) -> list:
    headers = [CONTENT_TYPE, ("Content-Length", str(len(BODIES[coding])))]
    return headers + ([("Content-Encoding", coding)] if coding else [])


HEADERS = {coding: headers_for(coding) for coding in BODIES}


def application(environ, start_response):
    if environ.get("HTTP_IF_NONE_MATCH"):
        start_response("304 Not Modified", [("ETag", environ["HTTP_IF_NONE_MATCH"])])
        return [b""]
    coding = environ.get("HTTP_ACCEPT_ENCODING", "")
    coding = coding if coding in BODIES else ""
    start_response("200 OK", HEADERS[coding])
    return [BODIES[coding]]
