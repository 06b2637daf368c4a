"""The fact-check report (factcheck_rows + report_as_dict) of articles 1x, 5x and 25x the seed's size:
query count, database time (inside the driver's execute) and total time, best of three runs.

    .venv/bin/python -m bench.factcheck [--factors 1 5 25]
"""

import argparse

from bench.corpus import scaled_article
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 5, 25])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from articles.services import article_import
    from claims.report import report_as_dict
    from claims.selectors import factcheck_rows

    rows = []
    for factor in options.factors:
        article = article_import(data=scaled_article(factor), slug=f"bench-{factor}x").article
        runs = []
        for _ in range(options.runs):
            with measure() as log:
                report = report_as_dict(article.slug, factcheck_rows(article))
            runs.append(log)
        best = min(runs, key=lambda log: log.total_seconds)
        summary = report["summary"]
        rows.append(
            [
                f"{factor}x",
                summary["claims"],
                summary["figures"],
                best.count,
                ms(best.database_seconds),
                ms(best.total_seconds),
            ]
        )
    print_table(
        f"Fact-check report ({database_label(url)}, best of {options.runs})",
        ["article", "claims", "figures", "queries", "database ms", "total ms"],
        rows,
    )


if __name__ == "__main__":
    main()
