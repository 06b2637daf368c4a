"""The figure check of a whole article: seed-sized, every source with a 5-20 KB snapshot."""

from django.db import connection

from articles.services import article_import
from bench.evidence import SMALL_ARTICLE, attach_generated_snapshots
from claims.models import Claim, Figure
from claims.verification import claims_check_evidence, figures_for_text, index_for_text


def check(article, *, only_one: bool = False) -> list[str]:
    """Return the statements a cold check of the article (or of its first claim) runs (its time:
    bench.evidence, "claims_check_evidence over a whole article").
    Statements are counted by an execute wrapper: CaptureQueriesContext would format every parameter,
    which takes longer on SQLite than the check itself."""
    ids = list(Claim.objects.for_article(article).values_list("pk", flat=True))
    ids = ids[:1] if only_one else ids
    index_for_text.cache_clear()
    figures_for_text.cache_clear()
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        claims_check_evidence(claims=ids)
    return statements


def test_checking_the_seed_with_80_snapshots_keeps_its_queries_from_growing(seed_article):
    small = article_import(data=SMALL_ARTICLE, slug="small").article
    attach_generated_snapshots(small)
    size = attach_generated_snapshots(seed_article)
    assert seed_article.sources.count() == 80 and size > 80 * 5_000
    small_queries = check(small)
    seed_queries = check(seed_article)
    # Its own unit of work: a savepoint, the article's lock and version, besides the reads and writes.
    assert len(seed_queries) == len(small_queries) <= 11
    figures = Figure.objects.filter(claim__section__article=seed_article)
    # the generated texts restate every citing sentence, so nearly every figure is found
    assert figures.filter(verdict="supported").count() >= 0.8 * figures.count() > 50
    # a second check changes nothing, so it writes nothing
    again = check(seed_article)
    assert [sql for sql in seed_queries if sql.startswith("UPDATE")]
    assert not [sql for sql in again if sql.startswith("UPDATE")]
    # one claim, its figures looked up in its sources' whole texts, reads what 234 claims read
    one_claim = check(seed_article, only_one=True)
    assert len(one_claim) == len(again)
