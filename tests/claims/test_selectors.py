"""Whole-article reads of claims: a fixed number of queries, and no copy of a section's text per claim."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.selectors import source_citations
from claims.selectors import article_claims
from sources.models import Source

SECTION_BODY_COLUMN = '"articles_section"."body"'


def test_the_claims_of_an_article_are_read_without_their_sections_text(seed_article):
    with CaptureQueriesContext(connection) as queries:
        claims = article_claims(seed_article)
    assert len(queries) == 3
    assert all(SECTION_BODY_COLUMN not in query["sql"] for query in queries.captured_queries)
    with CaptureQueriesContext(connection) as later:
        headings = {claim.section.heading for claim in claims}
    assert len(later) == 0 and "" in headings


def test_a_sources_citations_are_read_without_their_sections_text(seed_article):
    source = Source.objects.get(article=seed_article, key="36")
    with CaptureQueriesContext(connection) as queries:
        citations = source_citations(source)
    assert citations and len(queries) == 1
    assert SECTION_BODY_COLUMN not in queries.captured_queries[0]["sql"]
