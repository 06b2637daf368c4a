"""Search the statements of public articles: one function, PostgreSQL full-text search where the database
is PostgreSQL, a plain word match elsewhere (SQLite, the demo's database); the matching words are marked by
pure Python, so both give readers the same highlighting and nothing the database returns is trusted as
HTML.

Anyone may search, so no query may cost more than a bounded amount whatever the number of statements:
on PostgreSQL the words are looked up in a GIN index of the statements' text (migration
``claims.0010_claim_text_search_index``; its expression is ``SearchVector("text", config="english")``
as Django writes it), at most ``MAX_CANDIDATES`` matches are ranked, and the query is cancelled after
``SEARCH_TIMEOUT_MS``. On SQLite at most ``MAX_CANDIDATES`` statements containing the words are read, and
a word must start where the term starts ("script" finds "scripts", never "conscription")."""

import hashlib
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from claims.models import Claim

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
MAX_CANDIDATES = 500  # ranked on PostgreSQL (about 30 ms at 100,000 statements), read on SQLite
# Words (letters and digits, with inner apostrophes, hyphens, commas and points: "477", "100,000",
# "Karenni's") and everything between them. One pass, no nested quantifier: linear in the text.
_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|\W+")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


@dataclass(frozen=True)
class Piece:
    text: str
    is_match: bool


@dataclass(frozen=True)
class Hit:
    claim_id: int
    article_title: str
    article_slug: str
    section_heading: str
    pieces: tuple[Piece, ...]


def search_terms(query: str) -> tuple[str, ...]:
    """Return the distinct lower-case words of a reader's query, at most MAX_TERMS of them."""
    words = _WORD.findall(query[:MAX_QUERY_LENGTH].lower())
    return tuple(dict.fromkeys(words))[:MAX_TERMS]


def highlight(text: str, terms: tuple[str, ...]) -> tuple[Piece, ...]:
    """Return ``text`` cut into pieces, the words that match a term (or start with one: "airstrike"
    finds "airstrikes") marked."""
    pieces: list[Piece] = []
    for token in _TOKEN.findall(text):
        lowered = token.lower()
        is_match = bool(terms) and token[:1].isalnum() and any(lowered.startswith(term) for term in terms)
        if pieces and pieces[-1].is_match == is_match:
            pieces[-1] = Piece(pieces[-1].text + token, is_match)
        else:
            pieces.append(Piece(token, is_match))
    return tuple(pieces)


def starts_words(terms: tuple[str, ...]):
    """Return a predicate: does a text have, for every term, a word that starts with it?"""
    patterns = [re.compile(r"(?<!\w)" + re.escape(term), re.IGNORECASE) for term in terms]
    return lambda text: all(pattern.search(text) for pattern in patterns)


def public_claims():
    return Claim.objects.active().filter(
        section__article__is_public=True, section__article__deleted_at__isnull=True
    )


HIT_FIELDS = ("pk", "text", "section__article__title", "section__article__slug", "section__heading")


TOO_MANY_SEARCHES = "Too many searches right now: try again in a second."
SEARCH_BUSY = "Another search is running: try again in a second."


def search_allowed(now: float | None = None) -> bool:
    """Count one search against the site's budget for this second (``VERITY_SEARCHES_PER_SECOND``, in the
    shared cache: across processes with Redis); return False once it is spent. A cache that fails
    allows the search (its own time limit still holds)."""
    key = f"search-budget:{int(time.time() if now is None else now)}"
    try:
        cache.add(key, 0, timeout=5)
        return cache.incr(key) <= settings.VERITY_SEARCHES_PER_SECOND
    except Exception:  # a cache outage must not take search down with it
        return True


def search_slot_keys() -> list[str]:
    return [f"search-running:{slot}" for slot in range(settings.VERITY_SEARCHES_AT_ONCE)]


def search_slot_seconds() -> int:
    """How long a slot outlives a worker that died holding it: past the search's own time limit."""
    return settings.VERITY_SEARCH_TIMEOUT_MS // 1000 + 2


def take_search_slot() -> str | None:
    """Take one of the ``VERITY_SEARCHES_AT_ONCE`` slots (shared cache: site-wide with Redis) and return
    its key, or None when all are taken. The slot expires by itself, so a worker killed mid-search
    cannot keep it. A cache that fails gives a slot of no key (the search's time limit still holds)."""
    try:
        for key in search_slot_keys():
            if cache.add(key, 1, timeout=search_slot_seconds()):
                return key
        return None
    except Exception:  # a cache outage must not take search down with it
        return ""


def give_back_search_slot(key: str) -> None:
    if key:
        try:
            cache.delete(key)
        except Exception:  # it expires by itself
            pass


class SearchAdmission:
    """Whether a reader's search may run now, decided before any other work; one per process.

    Searches that would run past the site's budget for this second, or while every search slot is
    taken, are refused. Once this process has seen the budget spent, it refuses the rest of that second
    without asking the shared cache: a crowd of searches past the budget then costs each process a clock
    read per request, not a cache round trip (issue 20: they slowed the cached article page)."""

    def __init__(self):
        self.spent_second: int | None = None

    def admit(self, now: float | None = None) -> tuple[str, str | None]:
        """Return ("", slot) when the search may run (give the slot back after it), else (refusal, None)."""
        now = time.time() if now is None else now
        if self.spent_second == int(now):
            return TOO_MANY_SEARCHES, None
        if not search_allowed(now):
            self.spent_second = int(now)
            return TOO_MANY_SEARCHES, None
        slot = take_search_slot()
        if slot is None:
            return SEARCH_BUSY, None
        return "", slot


def search_statements(query: str, *, limit: int = 50) -> list[Hit]:
    """Return the statements of public articles that match every word of ``query``, best first on
    PostgreSQL (ranked), in article order elsewhere; one query on SQLite, two on PostgreSQL (the
    candidates, then their ranks), after it sets the time limit. A search past that limit finds nothing.
    The same words searched again before any article changes are answered from the shared cache."""
    terms = search_terms(query)
    if not terms:
        return []
    key = results_key(terms, limit)
    hits = cached_results(key)
    if hits is not None:
        return hits
    if connection.vendor == "postgresql":
        rows = ranked_rows(terms, limit)
    else:
        rows = word_rows(terms, limit)
    hits = [Hit(pk, title, slug, heading, highlight(text, terms)) for pk, text, title, slug, heading in rows]
    store_results(key, hits)
    return hits


# Search results are kept per "generation" of the articles: any unit of work that changes an article
# starts a new one (before its commit, and again after it, so a search that read the old rows in between
# cannot keep them), and the results of older ones are never read again. A random token, not a counter:
# a generation key evicted or lost with Redis comes back as a new one, never as an old one.
RESULTS_GENERATION_KEY = "search-results-generation"


def results_key(terms: tuple[str, ...], limit: int) -> str | None:
    if not settings.VERITY_SEARCH_RESULTS_SECONDS:
        return None
    try:
        generation = cache.get(RESULTS_GENERATION_KEY)
        if generation is None:
            cache.add(RESULTS_GENERATION_KEY, secrets.token_hex(8), timeout=None)
            generation = cache.get(RESULTS_GENERATION_KEY)
    except Exception:  # without the cache every search runs
        return None
    if generation is None:
        return None
    words = hashlib.sha256("\x1f".join(terms).encode()).hexdigest()
    return f"search-results:{generation}:{limit}:{words}"


def cached_results(key: str | None) -> list[Hit] | None:
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:
        return None


def store_results(key: str | None, hits: list[Hit]) -> None:
    if key is None:
        return
    try:
        cache.set(key, hits, timeout=settings.VERITY_SEARCH_RESULTS_SECONDS)
    except Exception:  # the next search runs again
        pass


def new_results_generation() -> None:
    try:
        cache.set(RESULTS_GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:  # a cache that cannot be written cannot be read either, until it expires its entries
        pass


def forget_results_of_changed_articles(unit) -> None:
    """A step at the end of every unit of work (registered in claims.apps): a unit that changed an
    article starts a new generation of search results now and once more when it commits."""
    if unit.articles:
        new_results_generation()
        transaction.on_commit(new_results_generation)


def ranked_rows(terms: tuple[str, ...], limit: int) -> list[tuple]:
    vector = SearchVector("text", config="english")  # the indexed expression, written as Django writes it
    wanted = SearchQuery(" ".join(terms), config="english", search_type="plain")
    matching = public_claims().annotate(document=vector).filter(document=wanted)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [settings.VERITY_SEARCH_TIMEOUT_MS])
            # A parallel worker's start costs more than the bounded work it would share (about 20 ms).
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            # Two queries: as a subquery, the candidates made PostgreSQL hash-join the whole table.
            candidates = list(matching.order_by().values_list("pk", flat=True)[:MAX_CANDIDATES])
            ranked = Claim.objects.filter(pk__in=candidates).annotate(rank=SearchRank(vector, wanted))
            return list(ranked.order_by("-rank", "pk").values_list(*HIT_FIELDS)[:limit])
    except DatabaseError:  # cancelled at the time limit: a reader's search never holds a worker longer
        return []


def word_rows(terms: tuple[str, ...], limit: int) -> list[tuple]:
    claims = public_claims()
    for term in terms:
        claims = claims.filter(Q(text__icontains=term))  # a cheap filter first; words are checked below
    claims = claims.order_by("section__article__title", "section__order", "position")
    matches = starts_words(terms)
    rows = [row for row in claims.values_list(*HIT_FIELDS)[:MAX_CANDIDATES] if matches(row[1])]
    return rows[:limit]
