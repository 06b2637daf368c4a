"""Requests per second of the cached public article page under `gunicorn -w 2 config.wsgi` (production
settings), next to a bare WSGI app (bench/bare_wsgi.py) returning the same bytes, in one run with wrk.
The goal is a ratio of at least 0.6. With REDIS_URL set, Django is measured with the Redis cache too.
The servers take turns for --rounds rounds and each keeps its best round, which evens out other load.

    .venv/bin/python -m bench.throughput [--path /articles/operation-1107/] [--seconds 10] [--rounds 2]
"""

import argparse
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import stack
from bench.corpus import SEED_SLUG, scaled_article
from bench.support import database_label, print_table, setup_django, throwaway_database_url

BARE_APP = "bench.bare_wsgi:application"


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
    caches = [("local memory", "")] + ([("Redis", redis_url)] if redis_url else [])

    with tempfile.TemporaryDirectory(prefix="verity-bench-") as directory, ExitStack() as servers:
        directory = Path(directory)
        static_root = directory / "static"
        stack.manage(
            stack.production_env(database_url=url, static_root=static_root), "collectstatic", "--noinput"
        )
        targets = {}
        for label, cache_url in caches:
            env = stack.production_env(database_url=url, static_root=static_root, redis_url=cache_url)
            server = servers.enter_context(stack.gunicorn(env, directory / f"django-{len(targets)}.log"))
            body = warm_up(server.base_url + options.path)
            targets[f"Django, {label} cache"] = server.base_url + options.path
        (directory / "page.html").write_bytes(body)
        env = {**os.environ, "BENCH_BODY_FILE": str(directory / "page.html"), "GUNICORN_ACCESS_LOG": "off"}
        bare = servers.enter_context(
            stack.gunicorn(env, directory / "bare.log", app=BARE_APP, ready_path="/")
        )
        targets["bare WSGI, same bytes"] = bare.base_url + options.path
        best = {}
        for _ in range(options.rounds):
            for label, target in targets.items():
                stack.wrk(target, connections=options.connections, seconds=2)
                result = stack.wrk(target, connections=options.connections, seconds=options.seconds)
                if label not in best or result.requests_per_second > best[label].requests_per_second:
                    best[label] = result
    bare_rps = best["bare WSGI, same bytes"].requests_per_second
    rows = [
        [label, *figures(result), f"{result.requests_per_second / bare_rps:.2f}"]
        for label, result in best.items()
    ]
    print_table(
        f"GET {options.path} ({len(body) // 1024} KiB) under gunicorn -w 2: wrk -t2 -c{options.connections} "
        f"-d{options.seconds}s, best of {options.rounds} ({database_label(url)}, {os.cpu_count()} CPUs)",
        ["server", "requests/s", "p50 ms", "p99 ms", "errors", "ratio to bare"],
        rows,
    )


def warm_up(url: str) -> bytes:
    """Fill the page cache of every worker and return the page."""
    body = b""
    for _ in range(20):
        status, body = stack.http_get(url, timeout=60)
        if status != 200:
            raise SystemExit(f"GET {url} answered {status}")
    return body


def figures(result: stack.WrkResult) -> list[str]:
    return [
        f"{result.requests_per_second:,.0f}",
        f"{result.latency_p50_ms:.1f}",
        f"{result.latency_p99_ms:.1f}",
        str(result.socket_errors + result.non_2xx),
    ]


if __name__ == "__main__":
    main()
