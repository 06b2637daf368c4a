"""The inputs of issue 20's attack at 1x, 10x and 100x, each through the stage it attacked; prints the time
and the peak memory of every stage (tracemalloc's peak for work in this process, the child's maximum
resident set for extraction, which runs in a child).

    .venv/bin/python -m bench.hostile                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/verity BENCH_DATABASE=verity_hostile_bench \\
        .venv/bin/python -m bench.hostile --search 100000   # the search at 100,000 statements
    # the cached article page beside searching connections (gunicorn -w 2, production settings, Redis):
    ... bench.hostile --only-search --search 100000 --load 10 --redis redis://127.0.0.1:6379/0

Growth is linear when the 10x and 100x columns are about 10 and 100 times the 1x one; bounded when a
bound (the fetch's deadline and size limit, the extraction's time limit) stops the work at the same cost
whatever the input's size."""

import argparse
import gc
import statistics
import time
import tracemalloc

from bench.hostile_inputs import (
    brotli_bomb,
    gzip_bomb,
    many_tables_html,
    nested_arrays_pdf,
    punycode_body,
    slow_pdf,
    start_hostile_server,
)
from bench.support import database_label, print_table, setup_django, throwaway_database_url

SCALES = (1, 10, 100)
MIB = 1024 * 1024


def measured(work):
    """Return (seconds, peak MiB allocated by Python, outcome) of ``work()``; an exception is its outcome."""
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = work()
    except Exception as error:  # a refusal is the expected outcome of most stages
        outcome = f"{type(error).__name__}: {str(error)[:70]}"
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / MIB, outcome


def serve(server, path: str, headers: dict, body: bytes) -> str:
    server.routes[path] = (headers, body)
    return server.url(path)


def fetch_stages(server) -> list[list]:
    from django.conf import settings

    from sources.fetching import FetchPolicy, fetch

    policy = FetchPolicy(
        timeout=settings.VERITY_FETCH_TIMEOUT, max_bytes=settings.VERITY_FETCH_MAX_BYTES, allow_loopback=True
    )
    brotli, gzip = ({"Content-Type": "text/plain", "Content-Encoding": name} for name in ("br", "gzip"))
    stages = [
        ("brotli bomb (40 MiB ×)", lambda n: serve(server, f"/b{n}", brotli, brotli_bomb(40 * MIB * n))),
        ("gzip bomb (40 MiB ×)", lambda n: serve(server, f"/g{n}", gzip, gzip_bomb(40 * MIB * n))),
        ("headers a byte at a time, 20/s (100 B ×)", lambda n: server.url(f"/drip-headers/{100 * n}")),
    ]  # fmt: skip
    rows = []
    for label, url_for in stages:
        row = [label]
        for scale in SCALES:
            url = url_for(scale)
            seconds, peak, outcome = measured(lambda url=url: fetch(url, policy))
            row.append(f"{seconds:.2f} s / {peak:.1f} MiB")
        rows.append([*row, str(outcome)[:60]])
    return rows


def extraction_stages() -> list[list]:
    from sources import isolation
    from sources.services import extraction_limits

    limits = extraction_limits()
    stages = [
        ("slow PDF, isolated (20k lines ×)", lambda n: ("pdf", slow_pdf(20_000 * n)), True),
        ("nested PDF arrays (1k deep ×)", lambda n: ("pdf", nested_arrays_pdf(1_000 * n)), True),
        ("many small tables, in process (51 KB ×)", lambda n: ("html", many_tables_html(800 * n)), False),
        ("text with charset=punycode (16 K chars ×)", lambda n: ("text", punycode_body(16_000 * n)), False),
    ]
    rows = []
    for label, make, isolated in stages:
        row = [label]
        for scale in SCALES:
            kind, data = make(scale)
            charset = "punycode" if "punycode" in label else ""
            arguments = (data, kind, charset, isolated, limits)
            seconds, peak, outcome = measured(lambda arguments=arguments: read(*arguments))
            memory = (
                f"child {isolation.last_child_peak_kib / 1024:.0f} MiB" if isolated else f"{peak:.1f} MiB"
            )
            isolation.last_child_peak_kib = 0  # a child killed at the time limit reports nothing
            row.append(f"{seconds:.2f} s / {memory} ({len(data) // 1024} KB)")
        rows.append([*row, str(outcome)[:60] if isinstance(outcome, str) else f"{len(outcome.text):,} chars"])
    return rows


def read(data: bytes, kind: str, charset: str, isolated: bool, limits):
    from sources.extraction import extract
    from sources.isolation import extract_isolated

    if isolated:
        return extract_isolated(data, kind, charset, limits)
    return extract(data, kind, charset, max_chars=limits.max_chars)


def table_stages() -> list[list]:
    from articles.rendering.markup import table_html
    from articles.rendering.page import ClaimInput, SectionInput, render_article
    from articles.rendering.tables import body_blocks
    from claims.sentences import table_cell_count

    def wide_then_tall(cells: int) -> str:
        wide = "|" + "|".join(f" h{i} " for i in range(cells)) + "|"
        return "\n".join([wide] + [f"| r{i} |" for i in range(cells)])

    def render(body: str) -> int:
        rows = body.split("\n")
        claims = tuple(
            ClaimInput(id=index + 1, text=row, markers=(), paragraph=index) for index, row in enumerate(rows)
        )
        (table,) = render_article([SectionInput("", 0, "lead", claims, body)], {}).lead
        return len(table_html(table))

    rows = []
    for label, make, work, unit in (
        ("one row of N cells over N rows: render (N = 500 ×)", lambda n: wide_then_tall(500 * n), render,
         "bytes of HTML"),
        ("a table of 500 × rows: its blocks", lambda n: "\n".join(f"| {i} | x |" for i in range(500 * n)),
         lambda body: len(body_blocks(body)), "blocks"),
        ("cells counted for the section bound (1,000 × rows)", lambda n: wide_then_tall(1_000 * n),
         table_cell_count, "cells"),
    ):  # fmt: skip
        row = [label]
        for scale in SCALES:
            body = make(scale)
            seconds, peak, outcome = measured(lambda body=body, work=work: work(body))
            row.append(f"{seconds * 1000:.1f} ms / {peak:.1f} MiB")
        rows.append([*row, f"{outcome:,} {unit}"])
    return rows


def quote_stages() -> list[list]:
    from claims.quotes import is_quoted_from
    from claims.sentences import changed_statement_count

    sentence = "In 1942 the city had 400,000 people, the census said. "
    rows = []
    for label, work in (
        ("a confirmed passage looked up in 100 KB × of text", lambda n: is_quoted_from(
            "the census said … 999,999 people", sentence * (1_900 * n))),
        ("statements a save changes (1,000 × sentences)", lambda n: changed_statement_count(
            sentence * (1_000 * n), sentence.replace("1942", "1943") * (1_000 * n))),
    ):  # fmt: skip
        row = [label]
        for scale in SCALES:
            seconds, peak, outcome = measured(lambda scale=scale, work=work: work(scale))
            row.append(f"{seconds * 1000:.1f} ms / {peak:.1f} MiB")
        rows.append([*row, str(outcome)])
    return rows


def search_stage(statements: int) -> list[list]:
    """Time readers' searches over ``statements`` statements of one public article (median of 5)."""
    from django.db import connection

    from articles.models import Article, Section
    from claims.models import Claim
    from claims.search import search_statements
    from editorial.work import editorial_change

    with editorial_change(comment="Search bench"):  # the product's rule for its rows, even here
        article = Article.objects.create(title="Search bench", slug="search-bench", is_public=True)
        section = Section.objects.create(article=article, order=0, heading="All", level=1, body="")
        words = ("airstrike", "displaced", "conscription", "script", "village", "garrison", "census", "flood")
        batch = []
        for position in range(statements):
            year, word = 1900 + position % 120, words[position % 8]
            text = f"In {year} the {word} count reached {position} near town {position}."
            batch.append(Claim(section=section, position=position, raw=text, text=text))
            if len(batch) == 5000:
                Claim.objects.bulk_create(batch)
                batch = []
        Claim.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    rows = []
    for query in ("script", "airstrike village", "census 1950", "zeppelin", "town"):
        times = []
        for _ in range(5):
            started = time.perf_counter()
            hits = search_statements(query)
            times.append(time.perf_counter() - started)
        rows.append([query, f"{statistics.median(times) * 1000:.1f} ms", str(len(hits))])
    return rows


def door_costs(requests: int = 2000) -> list[list]:
    """CPU per request in this process, through the WSGI application gunicorn serves (median of 5 runs of
    ``requests``): the cached article page, and a search past the budget. A search refused for less
    than the page costs cannot take the page's share of the workers, whatever their number."""
    import io
    import sys

    from django.conf import settings

    import config.wsgi
    from articles.services import article_import
    from bench.corpus import seed_text

    article_import(data=seed_text(), slug="door-costs")

    def call(path: str, query: str = "") -> int:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1",
        }  # fmt: skip
        status = []
        body = config.wsgi.application(environ, lambda line, headers, exc_info=None: status.append(line))
        b"".join(body)
        getattr(body, "close", lambda: None)()
        return int(status[0][:3])

    settings.VERITY_SEARCHES_PER_SECOND = 0  # every search is past the budget
    rows = []
    for label, path, query, expected in (
        ("cached article page", "/articles/door-costs/", "", 200),
        ("search past the budget (429)", "/search/", "q=the+town", 429),
    ):
        assert call(path, query) == expected  # and the page is cached after its first request
        times = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(requests):
                call(path, query)
            times.append((time.perf_counter() - started) / requests)
        rows.append([label, f"{statistics.median(times) * 1e6:.0f} µs"])
    return rows


# wrk's request function for searches that are each new to the results cache and each rank 500 statements:
# some of the words every bench statement has ("town", "count", "reached", "near") and a year (1 in 120).
VARIED_SEARCHES = """
local common = {"town", "count", "reached", "near"}
request = function()
  local words = {}
  for _, word in ipairs(common) do
    if math.random() < 0.5 then table.insert(words, word) end
  end
  table.insert(words, tostring(1900 + math.random(0, 119)))
  return wrk.format(nil, "/search/?q=" .. table.concat(words, "+"))
end
"""


def search_load(
    url: str, seconds: int, redis_url: str = "", searchers: tuple[int, ...] = (4, 8)
) -> list[list]:
    """Under gunicorn -w 2 (production settings): the cached article page (wrk -c8) alone, then at once
    beside ``searchers`` connections as fast as they can (the attack's four, then eight; wrk -t1): reading
    the page too (a control: what any request costs), searching the same words each time (answered from
    the results cache once run), and new words each time (words every statement holds, so each search
    that runs ranks its 500). The machine is shared and its load drifts, so each "beside" run is
    compared with the "alone" run just before it. With ``redis_url`` the workers share the cache and the
    search budget, as in production; without it each has its own."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from bench import stack
    from bench.corpus import SEED_PATH

    directory = Path(tempfile.mkdtemp(prefix="verity-hostile-load-"))
    env = stack.production_env(database_url=url, static_root=directory / "static", redis_url=redis_url)
    stack.manage(env, "collectstatic", "--noinput")
    stack.manage(env, "import_article", str(SEED_PATH), "--slug", "operation-1107")
    rows = []
    with stack.gunicorn(env, directory / "gunicorn.log", workers=2) as server:
        page = f"{server.base_url}/articles/operation-1107/"
        search = f"{server.base_url}/search/?q=the+town"
        stack.wrk(page, seconds=2)  # warm: the page is cached after its first request
        loads = (
            ("reading the page too (control)", page, ""),
            ("searching the same words", search, ""),
            ("searching new words each time", search, VARIED_SEARCHES),
        )
        for kind, url, lua in loads:
            for connections in searchers:
                alone = stack.wrk(page, connections=8, seconds=seconds)
                with ThreadPoolExecutor(max_workers=1) as pool:
                    other = pool.submit(
                        stack.wrk, url, threads=1, connections=connections, seconds=seconds + 2, lua=lua
                    )
                    time.sleep(1)
                    beside = stack.wrk(page, connections=8, seconds=seconds)
                    others = other.result()
                rows.append([
                    f"{connections} {kind}",
                    f"{alone.latency_p50_ms:.2f} / {alone.latency_p99_ms:.1f} ms",
                    f"{beside.latency_p50_ms:.2f} / {beside.latency_p99_ms:.1f} ms",
                    f"{beside.latency_p50_ms / alone.latency_p50_ms:.1f}x / "
                    f"{beside.latency_p99_ms / alone.latency_p99_ms:.1f}x",
                    f"{others.requests_per_second:,.0f}",
                    str(others.non_2xx + others.socket_errors),
                ])  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", type=int, default=0, help="statements for the search bench (0: skip)")
    parser.add_argument("--only-search", action="store_true")
    parser.add_argument("--load", type=int, default=0, help="seconds of wrk for the page beside searches")
    parser.add_argument("--redis", default="", help="REDIS_URL for the load's workers (as in production)")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)
    scales = ["1x", "10x", "100x"]
    if not options.only_search:
        server = start_hostile_server(size=MIB, drip_every=0.05)
        print_table("Fetching (time / peak memory; VERITY_FETCH_TIMEOUT, VERITY_FETCH_MAX_BYTES)",
                    ["input", *scales, "outcome at 100x"], fetch_stages(server))  # fmt: skip
        print_table("Extraction (time / peak memory; VERITY_EXTRACT_SECONDS, VERITY_SNAPSHOT_MAX_CHARS)",
                    ["input", *scales, "outcome at 100x"], extraction_stages())  # fmt: skip
        print_table("Tables (pure)", ["input", *scales, "outcome at 100x"], table_stages())
        print_table("Passages and saves (pure)", ["input", *scales, "outcome at 100x"], quote_stages())
    if options.search:
        print_table(f"Search over {options.search:,} statements ({database_label(url)}, median of 5)",
                    ["query", "time", "hits"], search_stage(options.search))  # fmt: skip
    if options.load:
        print_table("CPU per request in process (config.wsgi.application)", ["request", "time"], door_costs())
        title = f"Cached article page beside searching connections ({database_label(url)}, gunicorn -w 2)"
        print_table(title, ["beside the page", "page alone p50 / p99", "page beside p50 / p99",
                            "ratio p50 / p99", "their req/s", "their non-2xx"],
                    search_load(url, options.load, options.redis))  # fmt: skip


if __name__ == "__main__":
    main()
