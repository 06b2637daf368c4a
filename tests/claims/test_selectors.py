"""Whole-article reads of claims: a fixed number of queries, and no copy of a section's text per claim."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.selectors import source_citations
from claims.models import Claim
from claims.selectors import article_claims, factcheck_rows
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


def test_the_report_rows_are_read_in_three_queries_whatever_the_size(seed_article, large_article):
    counts = []
    for article in (seed_article, large_article):
        with CaptureQueriesContext(connection) as queries:
            rows = factcheck_rows(article)
        counts.append(len(queries))
        assert all(SECTION_BODY_COLUMN not in query["sql"] for query in queries.captured_queries)
        assert len(rows) == Claim.objects.for_article(article).count()
    assert counts == [3, 3]
    # Rows carry what the ORM would give: keys by kind of citation, figures with their values.
    row = next(row for row in factcheck_rows(seed_article) if row.figures and row.sources)
    claim = Claim.objects.get(pk=row.id)
    assert row.sources == tuple(
        claim.citations.filter(is_inferred=False).order_by("position").values_list("source__key", flat=True)
    )
    assert [figure.value for figure in row.figures] == list(
        claim.figures.order_by("position", "pk").values_list("value", flat=True)
    )
    assert row.section == (claim.section.heading or "(lead)") and row.flags == claim.flag_names
