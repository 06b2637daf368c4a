"""The unit of work every editorial change goes through (editorial.work)."""

import pytest
import reversion
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path
from reversion.models import Revision

from articles.models import Article
from articles.selectors import article_pointer
from articles.services import section_save
from claims.errors import ReviewRefused
from claims.models import Claim
from claims.services import claim_review
from editorial.errors import EditNotAllowed
from editorial.work import article_touched, describe, editorial_change
from pagecache.keys import pointer_key
from sources.models import Source
from sources.services import source_save


def forbidden_save(request):
    """A view that lets a service's refusal pass, as a careless view might."""
    section = Article.objects.get().sections.exclude(level=0).first()
    section_save(section=section, body="Forged.", user=request.user, base_version=section.version)
    return HttpResponse("saved")


def forbidden_review(request):
    from claims.models import Claim

    claim_review(claim=Claim.objects.first(), reviewer=request.user, status="approved")
    return HttpResponse("approved")


urlpatterns = [path("save/", forbidden_save), path("review/", forbidden_review)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_that_reaches_django_answers_403_not_500(seed_article, client, reviewer, editor):
    client.raise_request_exception = False
    client.force_login(reviewer)
    assert client.post("/save/").status_code == 403
    client.force_login(editor)
    assert client.post("/review/").status_code == 403


def test_refusals_are_permission_denied_with_the_reason(seed_article, reviewer):
    section = seed_article.sections.exclude(level=0).first()
    with pytest.raises(EditNotAllowed, match="Only members of the Editors group"):
        section_save(section=section, body="x.", user=reviewer, base_version=section.version)
    assert issubclass(ReviewRefused, EditNotAllowed)


def test_a_unit_raises_the_version_once_and_publishes_on_commit(
    seed_article, editor, django_capture_on_commit_callbacks
):
    seed_article.refresh_from_db()
    before = seed_article.content_version
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with editorial_change(user=editor, comment="two touches"):
            article_touched(seed_article.pk)
            article_touched(seed_article.pk)
            assert cache.get(pointer_key(seed_article.slug)) is None
    seed_article.refresh_from_db()
    assert seed_article.content_version == before + 1
    # One publication of the pages (the other callback renews claims.search's results generation).
    assert [callback.__module__ for callback in callbacks].count("pagecache.pointers") == 1
    assert article_pointer(seed_article.slug)[:2] == (seed_article.pk, before + 1)


def test_a_failed_unit_changes_nothing_and_publishes_nothing(
    seed_article, editor, django_capture_on_commit_callbacks
):
    seed_article.refresh_from_db()
    article_pointer(seed_article.slug)
    before = (seed_article.content_version, Revision.objects.count())
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        with editorial_change(user=editor, comment="fails"):
            article_touched(seed_article.pk)
            Article.objects.filter(pk=seed_article.pk).update(title="Half-written")
            raise RuntimeError("boom")
    seed_article.refresh_from_db()
    assert (seed_article.content_version, Revision.objects.count()) == before
    assert seed_article.title == "Operation 1107" and callbacks == []


def test_an_inner_unit_joins_the_outer_one(seed_article, editor):
    before = Revision.objects.count()
    with editorial_change(user=editor, comment="outer"):
        with editorial_change(user=editor, comment="inner", permission="articles.change_section"):
            describe("inner describes")
            reversion.add_to_revision(seed_article)
    assert Revision.objects.count() == before + 1
    assert Revision.objects.latest("pk").get_comment() == "outer"


def test_an_inner_unit_checks_its_own_permission(seed_article, reviewer):
    with pytest.raises(EditNotAllowed), editorial_change(user=reviewer, comment="outer"):
        with editorial_change(user=reviewer, permission="articles.delete_article"):
            pass


def test_touching_an_article_outside_a_unit_is_a_programming_error(seed_article):
    with pytest.raises(RuntimeError, match="inside editorial_change"):
        article_touched(seed_article.pk)


def test_a_refused_inner_unit_does_not_cost_the_others_their_version_raise(seed_article, editor):
    """Bulk actions nest one unit per item: an item refused after touching the article rolls its savepoint
    back, version raise included, and the next item must raise the version again."""
    seed_article.refresh_from_db()
    before = seed_article.content_version
    with editorial_change(user=editor, comment="bulk"):
        with pytest.raises(RuntimeError), editorial_change(user=editor):
            article_touched(seed_article.pk)
            raise RuntimeError("refused")
        with editorial_change(user=editor):
            article_touched(seed_article.pk)
    seed_article.refresh_from_db()
    assert seed_article.content_version == before + 1


@pytest.mark.parametrize("fixture", ["seed_article", "large_article"])
def test_a_decision_and_a_rating_cost_no_more_queries_than_before_the_unit_of_work(
    request, fixture, editor, reviewer
):
    """Before the unit of work a decision took 11 queries and a rating 15 (seed, SQLite and PostgreSQL
    alike); the same counts, or fewer, for an article five times larger."""
    article = request.getfixturevalue(fixture)
    claim = (
        Claim.objects.for_article(article).select_related("section").filter(text__contains="over 477").first()
    )
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    with CaptureQueriesContext(connection) as decision:
        claim_review(claim=claim, reviewer=reviewer, status="approved")
    source = Source.objects.get(article=article, key="36")
    source.reliability = Source.Reliability.PARTISAN
    editor = type(editor).objects.get(pk=editor.pk)
    with CaptureQueriesContext(connection) as rating:
        source_save(source=source, user=editor, reason="state media")
    assert (len(decision), len(rating)) == (10, 15)


@editorial_change(comment="Renamed by a decorated service", permission="articles.change_article")
def rename_article(*, article, title, user):
    article_touched(article.pk)
    article.title = title
    article.save()


def test_the_decorator_takes_the_user_from_the_call_and_checks_the_permission(seed_article, editor, reviewer):
    rename_article(article=seed_article, title="Operation 1107 (renamed)", user=editor)
    revision = Revision.objects.latest("pk")
    assert (revision.user, revision.get_comment()) == (editor, "Renamed by a decorated service")
    with pytest.raises(EditNotAllowed):
        rename_article(article=seed_article, title="Forged", user=reviewer)
    assert Article.objects.get(pk=seed_article.pk).title == "Operation 1107 (renamed)"
