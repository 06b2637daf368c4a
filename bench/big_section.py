"""One very long section on the reader's page: cold render time, queries and the memory the render
allocates, for a section of 5,000, 10,000 and 20,000 sentences (real sentences of a corpus article). Time
and memory per sentence should stay flat. Before the reader's page read plain values, every claim row
carried its own copy of the section's whole text: one 20,000-sentence section took 225 s and 21 GiB.

    .venv/bin/python -m bench.big_section [--sizes 5000,10000,20000]
"""

import argparse
import gc
import time
import tracemalloc

from bench.linear import real_sentences, section_of
from bench.support import cold_requests, database_label, ms, print_table, setup_django, throwaway_database_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000", help="sentences in the section")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from django.core.cache import caches
    from django.test import Client

    from config.wsgi import freeze_startup_objects

    rows = []
    for size in (int(part) for part in options.sizes.split(",")):
        started = time.perf_counter()
        section = section_of(size, real_sentences(size))
        created = time.perf_counter() - started
        article = section.article
        client = Client()
        freeze_startup_objects()
        timings = cold_requests(client, article.get_absolute_url(), rounds=3)
        for alias in ("default", "pages"):
            caches[alias].clear()
        gc.collect()
        tracemalloc.start()
        response = client.get(article.get_absolute_url())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        best = min(timings, key=lambda log: log.total_seconds)
        rows.append(
            [
                f"{size:,}",
                f"{len(section.body.encode()) // 1024:,}",
                f"{created:,.1f}",
                best.count,
                ms(best.total_seconds),
                f"{best.total_seconds * 1000 / size:.3f}",
                f"{peak / 2**20:,.1f}",
                f"{peak / size / 1024:.1f}",
                f"{len(response.content) // 1024:,}",
            ]
        )
    print_table(
        f"One long section on the reader's page ({database_label(url)}; cold render, best of 3)",
        [
            "sentences",
            "body KiB",
            "create s",
            "queries",
            "cold ms",
            "ms/sentence",
            "render peak MiB",
            "KiB/sentence",
            "page KiB",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
