"""Requests per second of the cached public article page under `gunicorn -w 2 config.wsgi` (production
settings), next to a bare WSGI app (bench/bare_wsgi.py) sending the same bytes, in one run with wrk: the
page itself, a 304 revalidation (If-None-Match) and the gzip and brotli bodies, with the local cache and,
when REDIS_URL is set, with Redis. The goal is a ratio of at least 0.8 to the bare app for each. The
servers take turns for --rounds rounds and each keeps its best round, which evens out other load.

    REDIS_URL=redis://127.0.0.1:6379/12 .venv/bin/python -m bench.throughput [--seconds 10] [--rounds 2]
"""

import argparse
import http.client
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

from bench import stack
from bench.corpus import SEED_SLUG, scaled_article
from bench.support import database_label, print_table, setup_django, throwaway_database_url

BARE_APP = "bench.bare_wsgi:application"
# (label, request headers beyond the proxy's; the ETag is filled in once known)
VARIANTS = [
    ("page", {}),
    ("304 (If-None-Match)", {"If-None-Match": None}),
    ("gzip", {"Accept-Encoding": "gzip"}),
    ("br", {"Accept-Encoding": "br"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=f"/articles/{SEED_SLUG}/", help="the page to measure")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    stack.ensure_wrk()
    redis_url = os.environ.get("REDIS_URL", "")
    url = throwaway_database_url()
    setup_django(url)

    from articles.services import article_import

    article_import(data=scaled_article(1), slug=SEED_SLUG, title="Operation 1107")
    caches = [("local", "")] + ([("Redis", redis_url)] if redis_url else [])

    with tempfile.TemporaryDirectory(prefix="verity-bench-") as directory, ExitStack() as servers:
        directory = Path(directory)
        static_root = directory / "static"
        stack.manage(
            stack.production_env(database_url=url, static_root=static_root), "collectstatic", "--noinput"
        )
        targets, bodies = [], {}
        for label, cache_url in caches:
            env = stack.production_env(database_url=url, static_root=static_root, redis_url=cache_url)
            server = servers.enter_context(stack.gunicorn(env, directory / f"django-{label}.log"))
            bodies, etag = warm_up(server.base_url + options.path)
            for variant, headers in VARIANTS:
                headers = {name: value or etag for name, value in headers.items()}
                targets.append((f"Django, {label} cache", variant, server.base_url + options.path, headers))
        page = directory / "page.html"
        for coding, body in bodies.items():
            page.with_name(f"page.html.{coding}" if coding else "page.html").write_bytes(body)
        env = {**os.environ, "BENCH_BODY_FILE": str(page), "GUNICORN_ACCESS_LOG": "off"}
        bare = servers.enter_context(
            stack.gunicorn(env, directory / "bare.log", app=BARE_APP, ready_path="/")
        )
        for variant, headers in VARIANTS:
            headers = {name: value or '"bare"' for name, value in headers.items()}
            targets.append(("bare WSGI, same bytes", variant, bare.base_url + options.path, headers))
        best = measure(targets, options)
    print_results(best, bodies, options, url)


def measure(targets, options) -> dict:
    best = {}
    for _ in range(options.rounds):
        for server, variant, target, headers in targets:
            stack.wrk(target, connections=options.connections, seconds=2, headers=headers)
            result = stack.wrk(
                target, connections=options.connections, seconds=options.seconds, headers=headers
            )
            key = (server, variant)
            if key not in best or result.requests_per_second > best[key].requests_per_second:
                best[key] = result
    return best


def print_results(best: dict, bodies: dict, options, url: str) -> None:
    sizes = {"page": bodies[""], "gzip": bodies["gzip"], "br": bodies["br"], "304 (If-None-Match)": b""}
    rows = []
    for (server, variant), result in best.items():
        bare = best[("bare WSGI, same bytes", variant)].requests_per_second
        size = f"{len(sizes[variant]) / 1024:.0f} KiB" if sizes[variant] else "0"
        rows.append([server, variant, size, *figures(result), f"{result.requests_per_second / bare:.2f}"])
    print_table(
        f"GET {options.path} under gunicorn -w 2: wrk -t2 -c{options.connections} -d{options.seconds}s, "
        f"best of {options.rounds} ({database_label(url)}, {os.cpu_count()} CPUs)",
        ["server", "response", "body", "requests/s", "p50 ms", "p99 ms", "errors", "ratio to bare"],
        rows,
    )


def fetch(url: str, headers: dict) -> tuple[int, dict, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", parts.path, headers={**stack.PROXY_HEADERS, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def warm_up(url: str) -> tuple[dict, str]:
    """Fill the page cache of every worker; return the page's bodies by coding and its identity ETag."""
    bodies, etag = {}, ""
    for _ in range(20):
        for coding in ("", "gzip", "br"):
            status, headers, body = fetch(url, {"Accept-Encoding": coding} if coding else {})
            if status != 200 or headers.get("Content-Encoding", "") != coding:
                raise SystemExit(f"GET {url} ({coding or 'identity'}) answered {status} {headers}")
            bodies[coding] = body
            etag = headers["ETag"] if not coding else etag
    status, _, _ = fetch(url, {"If-None-Match": etag})
    if status != 304:
        raise SystemExit(f"GET {url} with If-None-Match answered {status}")
    return bodies, etag


def figures(result: stack.WrkResult) -> list[str]:
    return [
        f"{result.requests_per_second:,.0f}",
        f"{result.latency_p50_ms:.1f}",
        f"{result.latency_p99_ms:.1f}",
        str(result.socket_errors + result.non_2xx),
    ]


if __name__ == "__main__":
    main()
