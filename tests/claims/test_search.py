"""Searching the statements of public articles (PostgreSQL full-text search, a word match on SQLite)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.services import article_delete, article_import
from claims.search import Piece, highlight, search_statements, search_terms

HOSTILE = "Lead.[1]\nAttacks\nThe <script>alert(1)</script> militia fired 40 rockets at the depot.[1]\n"


@pytest.mark.parametrize(
    "query, terms",
    [
        ("airstrikes Loikaw", ("airstrikes", "loikaw")),
        ("  AIRSTRIKES airstrikes ", ("airstrikes",)),
        ("100,000 displaced", ("100,000", "displaced")),
        ("<script>", ("script",)),
        ("", ()),
        ("-- ; ''", ()),
        (" ".join(f"w{n}" for n in range(20)), tuple(f"w{n}" for n in range(8))),
    ],
)
def test_search_terms(query, terms):
    assert search_terms(query) == terms


@pytest.mark.parametrize(
    "text, terms, marked",
    [
        ("over 477 airstrikes in Loikaw", ("airstrike",), ["airstrikes"]),
        ("Loikaw's airport", ("loikaw",), ["Loikaw's"]),
        ("about 100,000 people", ("100,000",), ["100,000"]),
        ("Air strikes, not airstrikes.", ("air", "strikes"), ["Air", "strikes", "airstrikes"]),
        ("nothing here", ("absent",), []),
    ],
)
def test_highlight_marks_the_words_and_keeps_the_text(text, terms, marked):
    pieces = highlight(text, terms)
    assert "".join(piece.text for piece in pieces) == text
    assert [piece.text for piece in pieces if piece.is_match] == marked


def test_highlight_is_linear_on_a_long_hostile_text():
    text = "-'" * 100_000 + "a" * 100_000
    pieces = highlight(text, ("a",))
    assert pieces[-1] == Piece("a" * 100_000, True) and len(pieces) == 2


def test_search_finds_a_statement_of_the_seed(seed_article):
    with CaptureQueriesContext(connection) as queries:
        hits = search_statements("airstrikes Loikaw")
    assert len(queries) == 1
    assert any("477" in "".join(p.text for p in hit.pieces) for hit in hits)
    first = hits[0]
    assert first.article_slug == "operation-1107"
    assert {p.text.lower() for p in first.pieces if p.is_match} >= {"loikaw"}


def test_search_leaves_out_private_and_trashed_articles(seed_article, editor):
    assert search_statements("airstrikes")
    article_delete(article=seed_article, user=editor)
    assert search_statements("airstrikes") == []


def test_the_search_page_escapes_hostile_text_and_links_to_the_statement(client, db):
    article = article_import(data=HOSTILE, slug="hostile-search").article
    response = client.get(reverse("articles:search"), {"q": "rockets <script>"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "&lt;" in page
    assert "<mark>rockets</mark>" in page
    claim = article.sections.get(heading="Attacks").claims.get()
    assert f'href="/articles/hostile-search/#claim-{claim.pk}"' in page


def test_the_search_page_says_when_nothing_matches(client, seed_article):
    page = client.get(reverse("articles:search"), {"q": "zeppelins"}).content.decode()
    assert "No statement matches every word of “zeppelins”." in page
