"""The admin's actions on several articles or sections are services of their own, one unit of work each:
called directly, they write one revision for the lot and keep the rules of the single services."""

import pytest
from django.core.exceptions import PermissionDenied
from reversion.models import Revision

from articles.errors import ArticleNotInTrash
from articles.models import Article, Section
from articles.services import (
    article_delete,
    article_import,
    articles_delete,
    articles_purge,
    articles_restore,
    sections_move,
)
from tests.articles.test_reader_page import ARTICLE


@pytest.fixture
def two(db):
    slugs = ("riverton", "millbrook")
    return [article_import(data=ARTICLE, slug=slug, title=slug.title()).article for slug in slugs]


def test_several_articles_go_to_the_trash_and_back_in_one_revision_each_way(two, editor):
    revisions = Revision.objects.count()
    articles_delete(articles=two, user=editor)
    assert Article.objects.in_trash().count() == 2 and Revision.objects.count() == revisions + 1
    assert Revision.objects.latest("pk").comment == "Moved articles to the trash"
    articles_restore(articles=two, user=editor)
    assert not Article.objects.in_trash().exists() and Revision.objects.count() == revisions + 2


def test_a_reviewer_may_not_trash_articles_and_nothing_changes(two, reviewer):
    with pytest.raises(PermissionDenied):
        articles_delete(articles=two, user=reviewer)
    assert not Article.objects.in_trash().exists()


def test_purging_several_refuses_them_all_when_one_is_not_in_the_trash(two, editor):
    article_delete(article=two[0], user=editor)
    with pytest.raises(ArticleNotInTrash):
        articles_purge(articles=two, user=editor, reason="Duplicates")
    assert Article.objects.count() == 2  # the one in the trash was not deleted either
    article_delete(article=two[1], user=editor)
    purges = articles_purge(articles=two, user=editor, reason="Duplicates")
    assert [purge.slug for purge in purges] == ["riverton", "millbrook"] and not Article.objects.exists()


def test_several_sections_move_in_one_revision_with_one_summary(two, editor):
    article = two[0]
    first, second, third = article.sections.order_by("order")
    revisions = Revision.objects.count()
    # Down, the lower one first: the last stays last, the middle one passes it.
    assert sections_move(sections=[third, second], by=1, user=editor) == 2
    assert Revision.objects.count() == revisions + 1
    assert Revision.objects.latest("pk").comment == "Moved 2 sections down"
    assert list(Section.objects.filter(article=article).order_by("order")) == [first, third, second]
    sections_move(sections=[third], by=-1, user=editor)
    assert Revision.objects.latest("pk").comment == f"Moved “{third}” to position 1"
    assert list(Section.objects.filter(article=article).order_by("order")) == [third, first, second]
