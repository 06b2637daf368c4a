"""Search the statements of public articles: one function, PostgreSQL full-text search where the database
is PostgreSQL, a plain word match elsewhere (SQLite, the demo's database); the matching words are marked by
pure Python, so both give readers the same highlighting and nothing the database returns is trusted as
HTML."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

from claims.models import Claim

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
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


def search_statements(query: str, *, limit: int = 50) -> list[Hit]:
    """Return the statements of public articles that match every word of ``query``, best first on
    PostgreSQL (ranked), in article order elsewhere; one query."""
    terms = search_terms(query)
    if not terms:
        return []
    claims = Claim.objects.active().filter(
        section__article__is_public=True, section__article__deleted_at__isnull=True
    )
    if connection.vendor == "postgresql":
        vector = SearchVector("text", config="english")
        wanted = SearchQuery(" ".join(terms), config="english", search_type="plain")
        claims = claims.annotate(rank=SearchRank(vector, wanted)).filter(rank__gt=0).order_by("-rank", "pk")
    else:
        for term in terms:
            claims = claims.filter(Q(text__icontains=term))
        claims = claims.order_by("section__article__title", "section__order", "position")
    rows = claims.values_list(
        "pk", "text", "section__article__title", "section__article__slug", "section__heading"
    )[:limit]
    return [Hit(pk, title, slug, heading, highlight(text, terms)) for pk, text, title, slug, heading in rows]
