"""Random text thrown at the importer and the sentence splitter: each either succeeds or refuses with an
ArticleFormatError that says why, never another exception; and a valid article comes back from
export(import(x)) with every word and marker in place."""

import os
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from articles.errors import ArticleFormatError
from articles.models import Article
from articles.selectors import article_as_text
from articles.services import article_import
from articles.textformat import parse_article
from claims.sentences import split_body

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
        [".", "!", "?", ":", ",", '"', "…", "[", "]", "(", ")", " ", "\t", "\r", "\x00", "\ufeff"]
    ),
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
LARGEST_INTEGER = 2**31 - 1  # PositiveIntegerField on PostgreSQL
# Files the importer does not refuse cleanly yet (see test_known_crashes_are_refused_clearly): the import
# property skips them until they are fixed, so it keeps looking for new ones.
KNOWN_CRASHES = {
    "more than 6 nested headings": "H one\nH two\nH three\nH four\nH five\nH six\nH seven\nA paragraph.",
    "a marker above 2**63": "A claim.[99999999999999999999]",
    "a marker above 2**31 (PostgreSQL)": "A claim.[2147483648]",
    "a NUL character in text (PostgreSQL)": "A claim\x00 here.",
    "a figure of 10**20 or more (PostgreSQL)": "Over 100000000000000000000 people fled.",
}


def is_known_crash(data: bytes | str) -> bool:
    """Return True for a file with one of the KNOWN_CRASHES."""
    try:
        parsed = parse_article(data)
    except ArticleFormatError:
        return False
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return (
        any(section.level > 6 for section in parsed.sections)
        or any(number > LARGEST_INTEGER for number in parsed.source_numbers)
        or "\x00" in text
        or re.search(r"\d{21}", text.replace(",", "")) is not None
    )


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
    sentences = split_body(body)
    kept = "".join(sentence.raw for sentence in sentences)
    assert [c for c in kept if not c.isspace()] == [c for c in body if not c.isspace()]


def import_and_roll_back(data) -> None:
    """Import ``data`` as the article "fuzz" in a transaction that is then rolled back."""
    with transaction.atomic():
        article_import(data=data, slug="fuzz")
        transaction.set_rollback(True)


@pytest.mark.django_db
@ON_THE_DATABASE
@given(data=st.one_of(any_text.map(lambda text: text.encode("utf-8", "surrogatepass")), valid_article))
def test_the_importer_imports_any_file_or_says_why_not(data):
    assume(not is_known_crash(data))
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
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            data,
            id=name,
            marks=pytest.mark.xfail(
                ON_POSTGRESQL or "PostgreSQL" not in name, strict=True, reason=f"known crash: {name}"
            ),
        )
        for name, data in KNOWN_CRASHES.items()
    ],
)
def test_known_crashes_are_refused_clearly(data):
    """Each of these ends in a database error instead of an ArticleFormatError today. When one is fixed its
    xfail turns into a failure (strict): remove it from KNOWN_CRASHES."""
    refuses_clearly(import_and_roll_back, data)
