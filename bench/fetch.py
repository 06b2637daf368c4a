"""Fetching an article's sources: 80 pages of 5-20 KB served on 127.0.0.1, fetched by `fetch_sources
--wait` in the foreground and by 1, 2 and 4 `db_worker --batch` processes (each page answers after
--latency seconds, as a remote site would); then `latest_snapshots` for the
80 sources (queries, time) and text extraction of pages 1x, 10x and 100x one page's size.

    .venv/bin/python -m bench.fetch [--sources 80] [--latency 0.3] [--workers 1 2 4]
"""

import argparse
import io
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench import support
from bench.corpus import CORPUS, SEED_SLUG, seed_text
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url


def corpus_paragraphs() -> list[str]:
    """Paragraphs of the real articles (read in place, never copied into the project)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))] or [seed_text()]
    return [line for text in texts for line in text.splitlines() if len(line) > 80]


def build_pages(count: int) -> list[str]:
    """Return ``count`` page bodies of 5 to 20 KB of text each, cycling through the corpus."""
    paragraphs, pages, cursor = corpus_paragraphs(), [], 0
    for number in range(count):
        size = 5_000 + (number * 15_000) // max(1, count - 1)
        chosen = []
        while sum(map(len, chosen)) < size:
            chosen.append(paragraphs[cursor % len(paragraphs)])
            cursor += 1
        pages.append("".join(f"<p>{p}</p>\n" for p in chosen))
    return pages


class Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        time.sleep(self.server.latency)  # a remote site's answer time
        number = int(self.path.rsplit("/", 1)[1].split(".")[0])
        body = (
            f"<!DOCTYPE html><html><head><title>Source page {number}</title></head><body><article>"
            f"<h1>Source page {number} (round {self.server.round})</h1>{self.server.pages[number]}"
            "</article></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def start_server(pages, latency: float = 0.0):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.pages, server.round, server.latency = pages, 1, latency
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_workers(count: int) -> float:
    """Run ``count`` db_worker --batch processes side by side until the queue is empty; return seconds."""
    started = time.perf_counter()
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    workers = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for _ in range(count)]
    for worker in workers:
        worker.wait()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=80)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds each page takes to answer")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    options = parser.parse_args()
    os.environ["VERITY_FETCH_ALLOW_LOOPBACK"] = "1"
    support.BENCH_DATABASE = "verity_bench_fetch"  # its own, so it can run beside the other benchmarks
    url = throwaway_database_url()
    setup_django(url)

    from django.core.management import call_command

    from articles.services import article_import
    from sources.extraction import extract
    from sources.models import FetchAttempt, Snapshot
    from sources.selectors import latest_snapshots
    from sources.services import fetch_enqueue

    article = article_import(data=seed_text(), slug=SEED_SLUG).article
    sources = list(article.sources.order_by("number")[: options.sources])
    pages = build_pages(len(sources))
    server = start_server(pages, options.latency)
    for number, source in enumerate(sources):
        source.url = f"http://127.0.0.1:{server.server_address[1]}/s/{number}.html"
        source.save()

    rows = []
    started = time.perf_counter()
    call_command("fetch_sources", SEED_SLUG, "--wait", stdout=io.StringIO())
    rows.append(["fetch_sources --wait (in process)", time.perf_counter() - started])
    for workers in options.workers:
        server.round += 1  # new text, so every fetch stores a new snapshot
        for source in sources:
            fetch_enqueue(source=source, user=None)
        rows.append([f"{workers} db_worker process(es)", run_workers(workers)])
    failed = FetchAttempt.objects.filter(state="failed").count()
    sizes = [len(page) for page in pages]
    print_table(
        f"Fetching {len(sources)} sources of {min(sizes) // 1000}-{max(sizes) // 1000} KB, each answering in "
        f"{options.latency} s ({database_label(url)}; {Snapshot.objects.count()} snapshots, {failed} failed)",
        ["how", "seconds", "fetches/s"],
        [[how, f"{seconds:.2f}", f"{len(sources) / seconds:.1f}"] for how, seconds in rows],
    )

    ids = [source.pk for source in sources]
    with measure() as log:
        found = latest_snapshots(ids)
    print_table(
        "latest_snapshots for the article's sources",
        ["sources", "found", "queries", "database ms", "total ms"],
        [[len(ids), len(found), log.count, ms(log.database_seconds), ms(log.total_seconds)]],
    )

    page = f"<html><body><article>{pages[0]}</article></body></html>"
    timings = []
    for factor in (1, 10, 100):
        data = (page.replace("</article>", pages[0] * (factor - 1) + "</article>")).encode()
        started = time.perf_counter()
        extract(data, "html")
        timings.append([f"{factor}x", f"{len(data) // 1024} KiB", ms(time.perf_counter() - started)])
    print_table("HTML text extraction (trafilatura)", ["page", "size", "ms"], timings)
    server.shutdown()


if __name__ == "__main__":
    main()
