"""Searching the statements of public articles (PostgreSQL full-text search, a word match on SQLite)."""

import time

import psycopg
import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.services import article_delete, article_import
from claims.search import (
    SEARCH_BUSY,
    TOO_MANY_SEARCHES,
    Piece,
    SearchAdmission,
    give_back_search_slot,
    highlight,
    search_allowed,
    search_slot_seconds,
    search_statements,
    search_terms,
    take_search_slot,
)
from tests.pagecache.conftest import (
    call,
    private_redis,  # noqa: F401 (a fixture)
)

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
    selects = [query for query in queries if query["sql"].startswith("SELECT")]
    assert len(selects) == (2 if connection.vendor == "postgresql" else 1)
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
    # PostgreSQL's parser reads "<script>…</script>" as a tag and skips it: "<militia>" is a word in markup.
    response = client.get(reverse("articles:search"), {"q": "rockets <militia>"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "&lt;" in page
    assert "<mark>rockets</mark>" in page
    claim = article.sections.get(heading="Attacks").claims.get()
    assert f'href="/articles/hostile-search/#claim-{claim.pk}"' in page


def test_the_search_page_says_when_nothing_matches(client, seed_article):
    page = client.get(reverse("articles:search"), {"q": "zeppelins"}).content.decode()
    assert "No statement matches every word of “zeppelins”." in page


WORDS = (
    "Lead.[1]\nHistory\nConscription began in 1940.[1] The script of the 1950 law named 1,000 officers.[1]\n"
)


def test_a_term_matches_words_that_start_with_it_not_words_that_contain_it(db):
    article_import(data=WORDS, slug="words")
    assert [hit_text(hit) for hit in search_statements("script")] == [
        "The script of the 1950 law named 1,000 officers."
    ]
    assert [hit_text(hit) for hit in search_statements("conscription")] == ["Conscription began in 1940."]
    assert search_statements("cript") == []


def test_a_statement_must_contain_every_word(db):
    article_import(data=WORDS, slug="words")
    assert search_statements("script zeppelin") == []


@pytest.mark.django_db(transaction=True)
def test_a_search_past_its_time_limit_finds_nothing_and_the_next_one_works(settings):
    """Another transaction holds the statements' table locked: the search waits, and its time limit
    ends the wait (without one it would wait as long as the lock is held)."""
    if connection.vendor != "postgresql":
        pytest.skip("the time limit is PostgreSQL's statement_timeout")
    article_import(data=WORDS, slug="words")
    settings.VERITY_SEARCH_TIMEOUT_MS = 200
    blocker = psycopg.connect(**connection.get_connection_params())
    try:
        blocker.execute("LOCK TABLE claims_claim IN ACCESS EXCLUSIVE MODE")
        assert search_statements("script") == []
    finally:
        blocker.rollback()
        blocker.close()
    assert len(search_statements("script")) == 1


def test_the_search_reads_the_full_text_index_on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no full-text index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_text_search'")
        (definition,) = cursor.fetchone()
        assert "USING gin" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        vector = "to_tsvector('english'::regconfig, COALESCE(text, ''))"
        query = "plainto_tsquery('english'::regconfig, 'script')"
        cursor.execute(f"EXPLAIN SELECT id FROM claims_claim WHERE {vector} @@ {query}")
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "claim_text_search" in plan


def hit_text(hit) -> str:
    return "".join(piece.text for piece in hit.pieces)


def test_the_searches_budget_counts_each_second_apart(db, settings):
    settings.VERITY_SEARCHES_PER_SECOND = 2
    now = 1_790_000_000.5
    assert [search_allowed(now) for _ in range(3)] == [True, True, False]
    assert search_allowed(now + 1)  # the next second has its own budget


@pytest.fixture
def gate(db):
    """The WSGI application gunicorn serves (config.wsgi), with Django's request_started counted."""
    from config.wsgi import application

    application.admission = SearchAdmission()  # what an earlier test's refusals taught the process is gone
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    yield application, started
    request_started.disconnect(count)
    for signal in (request_started, request_finished):  # as the Django test client leaves them
        signal.connect(close_old_connections)


def test_past_the_searches_budget_a_search_is_a_429_before_django(gate, settings):
    """Issue 20: four anonymous connections searching held the workers and slowed the cached article
    page; past the site's budget a search is refused at the process's door: no Django request, no query."""
    application, started = gate
    article_import(data=WORDS, slug="words")
    settings.VERITY_SEARCHES_PER_SECOND = 0
    with CaptureQueriesContext(connection) as queries:
        status, headers, body = call(application, "/search/", query="q=script")
    assert status == 429 and headers["Retry-After"] == "1" and headers["Cache-Control"] == "no-store"
    assert body.decode() == TOO_MANY_SEARCHES and len(queries) == 0 and started == []
    assert call(application, "/search/", query="q=+")[0] == 200  # the empty form is no search
    assert call(application, "/articles/words/")[0] == 200  # and readers are served
    assert len(started) == 2


def test_while_a_search_runs_another_is_refused_and_readers_are_served(gate, settings):
    application, started = gate
    article_import(data=WORDS, slug="words")
    settings.VERITY_SEARCHES_AT_ONCE = 1
    running = take_search_slot()  # as a search running in another worker holds it
    try:
        status, _, body = call(application, "/search/", query="q=script")
        assert status == 429 and body.decode() == SEARCH_BUSY and started == []
        assert call(application, "/articles/words/")[0] == 200
    finally:
        give_back_search_slot(running)
    for _ in range(2):  # each search gives its slot back when it has answered: the next one runs too
        status, _, body = call(application, "/search/", query="q=script")
        assert status == 200 and "<mark>script</mark>" in body.decode()


def test_a_slot_outlives_a_worker_killed_mid_search_only_briefly(db, settings):
    """A worker killed while searching never gives its slot back; the slot expires by itself."""
    settings.VERITY_SEARCHES_AT_ONCE = 1
    assert search_slot_seconds() > settings.VERITY_SEARCH_TIMEOUT_MS / 1000  # past the search's own limit
    assert take_search_slot() and take_search_slot() is None
    time.sleep(search_slot_seconds() + 0.1)
    slot = take_search_slot()
    assert slot
    give_back_search_slot(slot)


def test_once_the_budget_is_spent_the_process_refuses_the_second_without_asking_the_cache(db, settings):
    settings.VERITY_SEARCHES_PER_SECOND = 1
    admission, now = SearchAdmission(), 1_790_000_100.2
    refusal, slot = admission.admit(now)
    assert refusal == "" and slot
    give_back_search_slot(slot)
    assert admission.admit(now + 0.1) == (TOO_MANY_SEARCHES, None)
    settings.VERITY_SEARCHES_PER_SECOND = 100
    cache.clear()  # the shared count would now allow it: this process does not ask again this second
    assert admission.admit(now + 0.5) == (TOO_MANY_SEARCHES, None)
    refusal, slot = admission.admit(now + 1)
    assert refusal == "" and slot
    give_back_search_slot(slot)


def test_searches_go_on_while_the_cache_is_down(private_redis, gate, settings):  # noqa: F811
    """The budget and the slot live in the shared cache; with Redis stopped a search still runs (its
    time limit holds) and so does the next one."""
    application, started = gate
    article_import(data=WORDS, slug="words")
    private_redis.stop()
    for _ in range(2):
        assert call(application, "/search/", query="q=script")[0] == 200


@pytest.mark.parametrize("after_commit", [False, True])
def test_the_same_words_are_answered_from_the_cache_until_an_article_changes(
    db, settings, editor, django_capture_on_commit_callbacks, after_commit
):
    """Issue 20: a crowd repeating one search should cost a cache read, and never see what an edit
    replaced (the new generation starts before the edit commits, and again after it)."""
    settings.VERITY_SEARCH_RESULTS_SECONDS = 60
    article_import(data=WORDS, slug="words")
    first = search_statements("script")
    with CaptureQueriesContext(connection) as queries:
        assert search_statements("script") == first and len(queries) == 0
    assert search_statements("script", limit=1) == first  # another limit is another entry, as right
    with django_capture_on_commit_callbacks(execute=after_commit):
        article_import(data=WORDS.replace("The script", "The new script"), slug="words")
    assert [hit_text(hit) for hit in search_statements("script")] == [
        "The new script of the 1950 law named 1,000 officers."
    ]
    with django_capture_on_commit_callbacks(execute=after_commit):
        article_delete(article=Article.objects.get(slug="words"), user=editor)
    assert search_statements("script") == []


def test_search_results_are_not_kept_while_the_cache_is_down(private_redis, db, settings):  # noqa: F811
    settings.VERITY_SEARCH_RESULTS_SECONDS = 60
    article_import(data=WORDS, slug="words")
    private_redis.stop()
    for _ in range(2):
        assert [hit_text(hit) for hit in search_statements("script")] == [
            "The script of the 1950 law named 1,000 officers."
        ]
