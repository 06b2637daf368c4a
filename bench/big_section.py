"""One very long section on the reader's page: cold render time, queries and the memory the render
allocates, for a section of 5,000, 10,000 and 20,000 sentences (real sentences of a corpus article). Time
and memory per sentence should stay flat. Before the reader's page read plain values, every claim row
carried its own copy of the section's whole text: one 20,000-sentence section took 225 s and 21 GiB.

Then a one-sentence edit of that section through ``section_save`` (issue 20: 10.5 s for 20,000
sentences): a word added to a sentence without a figure, and a number changed in a sentence with one
(the article's conflicts are brought in step); queries and time of each, best of 3. Both should grow
with the changed sentence, plus cheap linear scans of the section.

    .venv/bin/python -m bench.big_section [--sizes 5000,10000,20000] [--no-render]
"""

import argparse
import gc
import re
import time
import tracemalloc

from bench.linear import real_sentences, section_of
from bench.support import cold_requests, database_label, ms, print_table, setup_django, throwaway_database_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000", help="sentences in the section")
    parser.add_argument("--no-render", action="store_true", help="only the one-sentence edits")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from django.core.cache import caches
    from django.test import Client

    from config.wsgi import freeze_startup_objects

    rows, edits = [], []
    for size in (int(part) for part in options.sizes.split(",")):
        started = time.perf_counter()
        section = section_of(size, real_sentences(size))
        created = time.perf_counter() - started
        edits += one_sentence_edits(section, size)
        if options.no_render:
            continue
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
    if rows:
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
    print_table(
        f"A one-sentence edit of the long section ({database_label(url)}; queries of 3 saves, best time)",
        ["sentences", "edit", "queries", "database ms", "total ms"],
        edits,
    )


def one_sentence_edits(section, size: int) -> list[list]:
    """Save a word added to the section's middle sentence without a figure, then a number changed in
    its middle sentence with one, three times each; return a row for each."""
    from accounts.roles import EDITORS
    from bench.section_save import editor_user, measured_save
    from claims.consistency import is_compared
    from claims.sentences import split_body

    editor = editor_user(EDITORS, f"bench-editor-{size}")
    rows = []
    for label, wanted in (("a word, no figure", False), ("a figure changed", True)):
        logs = []
        for number in range(3):
            section.refresh_from_db()
            sentences = [
                s
                for s in split_body(section.body)
                if bool(re.search(r"\d", s.text)) == wanted and is_compared(s.text) == wanted
            ]
            sentence = sentences[len(sentences) // 2].raw
            if wanted:
                edited = re.sub(r"\d+", lambda match, n=number: str(int(match[0]) + n + 1), sentence, count=1)
            else:
                edited = sentence.replace(" ", f" newly{number} ", 1)
            logs.append(measured_save(section, sentence, edited, editor, f"{label} {number}"))
        best = min(logs, key=lambda log: log.total_seconds)
        rows.append(
            [
                f"{size:,}",
                label,
                "/".join(str(log.count) for log in logs),
                ms(best.database_seconds),
                ms(best.total_seconds),
            ]
        )
    return rows


if __name__ == "__main__":
    main()
