"""Random text thrown at the importer and the sentence splitter: each either succeeds or refuses with an
ArticleFormatError that says why, never another exception; and a valid article comes back from
export(import(x)) with every word and marker in place."""

import os
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.errors import ArticleFormatError
from articles.models import Article
from articles.selectors import article_as_text
from articles.services import article_import
from articles.textformat import parse_article
from claims.models import Figure
from claims.sentences import is_table_row, split_body, table_row_kind

FAST = settings(max_examples=100, deadline=None)
ON_THE_DATABASE = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

words = st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True)
markers = st.lists(st.integers(1, 300).map(lambda n: f"[{n}]"), max_size=3).map("".join)
sentence = st.builds(
    lambda body, end, cite: " ".join(body).capitalize() + end + cite,
    st.lists(words, min_size=1, max_size=12),
    st.sampled_from([".", ".", "!", "?"]),
    markers,
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
heading = st.lists(words, min_size=1, max_size=6).map(lambda ws: " ".join(ws).title())
section = st.tuples(heading, st.lists(paragraph, min_size=1, max_size=3))
# A parent heading directly followed by the first of its sections.
chapter = st.tuples(st.one_of(st.none(), heading), st.lists(section, min_size=1, max_size=3))
valid_article = st.builds(
    lambda lead, chapters: "\n".join(
        [*lead]
        + [
            line
            for parent, sections in chapters
            for line in ([parent] if parent else [])
            + [item for title, body in sections for item in (title, *body)]
        ]
    ),
    st.lists(paragraph, max_size=2),
    st.lists(chapter, min_size=1, max_size=4),
)

# Text that looks partly like an article: lines of words, punctuation, markers good and bad, odd characters,
# numbers too large for the database, and runs of short lines that read as ever deeper headings.
line_piece = st.one_of(
    words,
    st.sampled_from(
        [".", "!", "?", ":", ",", '"', "…", "[", "]", "(", ")", " ", "\t", "\r", "\x00", "\ufeff", "|", "-"]
    ),
    st.sampled_from(["\n|---|---|\n", "\n| 2023 | 1,200[1] |\n", "\nReferences\n", "\n[1] ", "\n[key-2] "]),
    st.integers(-5, 10**25).map(lambda n: f"[{n}]"),
    st.from_regex(r"\[[A-Za-z0-9_.:\-]{0,70}\]", fullmatch=True),
    st.integers(0, 10**30).map(lambda n: f"{n} people"),
    st.text(max_size=8),
)
heading_run = st.lists(heading, min_size=2, max_size=9).map("\n".join)
article_like = st.lists(
    st.one_of(st.lists(line_piece, max_size=30).map("".join), heading_run, paragraph), max_size=25
).map("\n".join)
any_text = st.one_of(st.text(), article_like)

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
# Inputs that once ended in a database error rather than a clear refusal.
PATHOLOGICAL_FILES = {
    "more than 6 nested headings": (
        "H one\nH two\nH three\nH four\nH five\nH six\nH seven\nA paragraph.",
        "headings nest at most 6 deep",
    ),
    "a marker above 2**63": ("A claim.[99999999999999999999]", "is too large"),
    "a marker above 2**31": ("A claim.[2147483648]", "is too large"),
    "a NUL character in text": ("A claim\x00 here.", "NUL"),
}


TOKEN = re.compile(r"\[\d+\]|[^\s\[\]]+")


def refuses_clearly(call, data) -> bool:
    """Return True when ``call(data)`` succeeds; False when it refuses with a message. Anything else fails."""
    try:
        call(data)
    except ArticleFormatError as error:
        assert error.message.strip()
        return False
    return True


@FAST
@given(text=any_text)
def test_parse_article_reads_any_text_or_says_why_not(text):
    refuses_clearly(parse_article, text)


@FAST
@given(data=st.one_of(st.binary(), any_text.map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_parse_article_reads_any_bytes_or_says_why_not(data):
    refuses_clearly(parse_article, data)


@FAST
@given(body=any_text)
def test_split_body_keeps_every_character_of_any_text(body):
    """Every character is in a sentence, except those of a table's separator row and the header row
    above it, which state nothing."""
    sentences = split_body(body)
    kept = "".join(sentence.raw for sentence in sentences)
    lines = [line for line in body.split("\n") if line.strip()]
    stated = "".join(
        line
        for index, line in enumerate(lines)
        if not is_table_row(line) or table_row_kind(lines, index) == "row"
    )
    assert [c for c in kept if not c.isspace()] == [c for c in stated if not c.isspace()]


def import_and_roll_back(data) -> None:
    """Import ``data`` as the article "fuzz" in a transaction that is then rolled back."""
    with transaction.atomic():
        article_import(data=data, slug="fuzz")
        transaction.set_rollback(True)


@pytest.mark.django_db
@ON_THE_DATABASE
@given(data=st.one_of(any_text.map(lambda text: text.encode("utf-8", "surrogatepass")), valid_article))
def test_the_importer_imports_any_file_or_says_why_not(data):
    refuses_clearly(import_and_roll_back, data)
    assert not Article.objects.filter(slug="fuzz").exists()


@pytest.mark.django_db
@ON_THE_DATABASE
@given(text=valid_article)
def test_export_of_an_import_keeps_every_word_and_marker(text):
    with transaction.atomic():
        article = article_import(data=text.encode(), slug="round-trip").article
        exported = article_as_text(article)
        transaction.set_rollback(True)
    assert TOKEN.findall(exported) == TOKEN.findall(text)


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), PATHOLOGICAL_FILES.values(), ids=PATHOLOGICAL_FILES.keys())
def test_pathological_files_are_refused_clearly(data, message):
    with pytest.raises(ArticleFormatError, match=message):
        import_and_roll_back(data)
    assert not Article.objects.filter(slug="fuzz").exists()


@pytest.mark.django_db
def test_a_number_too_long_to_store_is_not_kept_as_a_figure():
    with transaction.atomic():
        text = "Over 100000000000000000000 people fled.[1] Then 40 more."
        article = article_import(data=text, slug="big").article
        figures = list(Figure.objects.filter(claim__section__article=article).values_list("text", flat=True))
        transaction.set_rollback(True)
    assert figures == ["40"]
