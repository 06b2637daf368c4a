"""Saving a one-sentence edit of a seed section through articles.services.section_save: queries, time and
the versions the revision stores, for the seed section with the fewest sentences and the one with the
most, in the seed and in an article 25 times its size (876 sections). The query count must not grow with
the unchanged sentences around the edit, nor with the sections around it: a revision stores the section
and the article, not a copy of every section. The last row of each article changes a number in the
largest section's first sentence with a figure, so the article's consistency findings are brought in
step (issue 18: within twice the seed's time in the 25x article).

    .venv/bin/python -m bench.section_save [--factor 25] [--edits 3]
"""

import argparse

from bench.corpus import scaled_article
from bench.support import database_label, measure, ms, print_table, setup_django, throwaway_database_url

EDITS = 3  # the first reads the whole article; the later ones may use the reading kept by the process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=25, help="size of the larger article (default 25)")
    parser.add_argument("--edits", type=int, default=EDITS, help="edits of each section; the best is shown")
    options = parser.parse_args()
    url = throwaway_database_url()
    setup_django(url)

    from reversion.models import Version

    from accounts.roles import EDITORS
    from articles.services import article_import
    from claims.consistency import is_compared
    from claims.sentences import split_body

    editor = editor_user(EDITORS)
    rows = []
    for factor in (1, options.factor):
        article = article_import(data=scaled_article(factor), slug=f"bench-{factor}x").article
        sections = [section for section in article.sections.order_by("order") if section.body]
        by_size = sorted(sections, key=lambda section: len(split_body(section.body)))
        with_figures = [s for s in by_size if any(is_compared(c.text) for c in split_body(s.body))]
        for label, section, edit in (
            ("smallest", by_size[0], edit_first_sentence),
            ("largest", by_size[-1], edit_first_sentence),
            ("largest, a figure", with_figures[-1], edit_a_figure),
        ):
            logs, stored = [], set()
            for number in range(options.edits):
                before = Version.objects.count()
                logs.append(edit(section, editor, number))
                stored.add(Version.objects.count() - before)
            best = min(logs, key=lambda log: log.total_seconds)
            rows.append(
                [
                    f"{factor}x",
                    f"{label}: {section.heading or '(lead)'}"[:48],
                    len(split_body(section.body)),
                    "/".join(str(log.count) for log in logs),
                    "/".join(str(count) for count in sorted(stored)),
                    ms(best.database_seconds),
                    ms(best.total_seconds),
                ]
            )
    print_table(
        f"section_save of a one-sentence edit ({database_label(url)}; queries of {options.edits} edits, "
        "best time)",
        ["article", "section", "sentences", "queries", "versions stored", "database ms", "total ms"],
        rows,
    )


def editor_user(group_name: str, username: str = "bench-editor"):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_first_sentence(section, editor, number: int):
    """Save the section with one word added to its first sentence; return the measured queries."""
    from claims.sentences import split_body

    section.refresh_from_db()
    first = split_body(section.body)[0].raw
    return measured_save(section, first, first.replace(" ", f" newly{number} ", 1), editor, f"edit {number}")


def edit_a_figure(section, editor, number: int):
    """Save the section with a number changed in its first sentence that states a figure or a dated event
    (so the article's consistency findings are brought in step); return the measured queries."""
    import re

    from claims.consistency import is_compared
    from claims.sentences import split_body

    section.refresh_from_db()
    first = next(s.raw for s in split_body(section.body) if is_compared(s.text) and re.search(r"\d", s.text))
    edited = re.sub(r"\d+", lambda match: str(int(match[0]) + number + 1), first, count=1)
    return measured_save(section, first, edited, editor, f"figure edit {number}")


def measured_save(section, sentence: str, edited: str, editor, comment: str):
    """Save the section with ``sentence`` replaced by ``edited``; return the measured queries."""
    from articles.services import section_save

    with measure() as log:
        section_save(
            section=section,
            body=section.body.replace(sentence, edited, 1),
            user=editor,
            base_version=section.version,
            comment=f"benchmark {comment}",
        )
    return log


if __name__ == "__main__":
    main()
