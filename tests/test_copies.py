"""tests/copies.py: rows written again after a transactional test's flush, which gives the content types
new ids, still point at the right content types."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article
from articles.services import article_import
from tests.copies import _copies, copied

TEXT = "Lead text here.[1]\nHeading\nBody one.[1] Two.[2]\n"


def versions_by_type(article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for version in Version.objects.filter(revision__version__object_id=str(article.pk)).distinct():
        name = ContentType.objects.get(pk=version.content_type_id).model
        counts[name] = counts.get(name, 0) + 1
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_copy_written_after_a_flush_points_at_the_content_types_of_now():
    name = "copies-after-a-flush"
    try:
        built = copied(name, lambda: article_import(data=TEXT, slug="copied", title="Copied").article)
        expected = versions_by_type(built)
        article_type = ContentType.objects.get_for_model(Article).pk
        call_command("flush", interactive=False, verbosity=0)  # as a transactional test's teardown does
        ContentType.objects.clear_cache()
        assert ContentType.objects.get_for_model(Article).pk != article_type  # new ids: the case at hand

        again = copied(name, lambda: pytest.fail("the copy was not used"))
        assert Article.objects.get(pk=again.pk).title == "Copied"
        assert versions_by_type(again) == expected and "article" in expected
    finally:
        _copies.pop(name, None)
