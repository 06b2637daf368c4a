"""A bare WSGI app returning the bytes of a saved page: the ceiling bench/throughput.py measures Django
against. BENCH_BODY_FILE names the page; BENCH_CONTENT_TYPE its type."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [
    ("Content-Type", os.environ.get("BENCH_CONTENT_TYPE", "text/html; charset=utf-8")),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
