"""Storing a source's text (sources.services.snapshot_store) at 1x, 10x and 100x the seed article's size
(about 60 KB to 6 MB): the first store, and the same text again, which is recognised by its digest and
stores nothing. Its time should grow tenfold with the text, not a hundredfold; the recognition is the
test in tests/sources/test_snapshots.py (which counts what it sends, not how long it takes).

    .venv/bin/python -m bench.snapshots [--factors 1,10,100]
"""

import argparse

from bench.corpus import seed_text
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", default="1,10,100")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)
    from accounts.roles import EDITORS
    from articles.services import article_import
    from bench.section_save import editor_user
    from sources.models import Snapshot
    from sources.services import snapshot_store

    article = article_import(data=seed_text(), slug="snapshots").article
    editor = editor_user(EDITORS)
    sources = list(article.sources.order_by("number"))
    rows = []
    for factor, source in zip((int(f) for f in options.factors.split(",")), sources, strict=False):
        text = seed_text() * factor
        with measure() as first:
            stored = snapshot_store(source=source, text=text, origin="upload", user=editor)
        with measure() as again:
            recognised = snapshot_store(source=source, text=text, origin="upload", user=editor)
        assert recognised.pk == stored.pk and Snapshot.objects.filter(source=source).count() == 1
        rows.append(
            [
                f"{factor}x",
                f"{len(text) / 1000:,.0f}",
                first.count,
                ms(first.total_seconds),
                again.count,
                ms(again.total_seconds),
            ]
        )
    print_table(
        f"snapshot_store of the seed's text repeated ({database_label(url)})",
        ["text", "KB", "first: queries", "first ms", "again: queries", "again ms"],
        rows,
    )


if __name__ == "__main__":
    main()
