"""Citing by key: the section form's citation legend, a source key rename and the import's check for
edits, in articles 1x, 5x and 25x the seed's size: queries and time (best of three; the rename is run
once per article, renaming the key cited most).

    .venv/bin/python -m bench.citing [--factors 1 5 25]
"""

import argparse
from collections import Counter

from bench.corpus import scaled_article
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url


def best_of(runs: int, action):
    logs = []
    for _ in range(runs):
        with measure() as log:
            action()
        logs.append(log)
    return min(logs, key=lambda log: log.total_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 5, 25])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from articles.selectors import article_citation_legend, article_edits_since_import
    from articles.services import article_import, source_key_rename
    from claims.sentences import MARKER_PATTERN
    from sources.models import Source

    rows = []
    for factor in options.factors:
        text = scaled_article(factor)
        article = article_import(data=text, slug=f"bench-{factor}x").article
        legend = best_of(options.runs, lambda article=article: article_citation_legend(article.pk))
        edits = best_of(options.runs, lambda article=article: article_edits_since_import(article))
        key, uses = Counter(match["key"] for match in MARKER_PATTERN.finditer(text)).most_common(1)[0]
        source = Source.objects.get(article=article, key=key)
        with measure() as rename:
            renamed = source_key_rename(source=source, new_key=f"renamed-{key}", user=None)
        rows.append(
            [
                f"{factor}x",
                f"{len(text) // 1024} KiB",
                f"{legend.count} / {ms(legend.total_seconds)}",
                f"{edits.count} / {ms(edits.total_seconds)}",
                f"[{key}] × {uses}, {len(renamed.sections)} sections, {renamed.claims} claims",
                f"{rename.count} / {ms(rename.total_seconds)}",
            ]
        )
    print_table(
        f"Citing by key ({database_label(url)})",
        [
            "article",
            "file",
            "legend: queries / ms",
            "edits check: queries / ms",
            "rename",
            "rename: queries / ms",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
