"""The editors' admin beyond a single save: deleting sections from the list, the way to recover them,
the outline and order of sections, and articles moved to the trash and back."""

import html

import pytest
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import Article, Section
from tests.factories import mark_changed


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def public_page(client, article) -> str:
    return html.unescape(client.get(article.get_absolute_url()).content.decode())


def test_delete_selected_sections_writes_a_revision_and_updates_the_public_page(
    seed_article, editor_client, editor, django_capture_on_commit_callbacks
):
    doomed = seed_article.sections.filter(level=2).order_by("order").last()
    phrase = doomed.body.split(".")[0]
    assert phrase in public_page(editor_client, seed_article)  # cached now
    revisions = Revision.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_section_changelist"),
            {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Section.objects.filter(pk=doomed.pk).exists()
    assert Revision.objects.count() == revisions + 1
    revision = Revision.objects.latest("pk")
    assert revision.user == editor
    assert Version.objects.get_deleted(Section).filter(object_id=str(doomed.pk)).exists()
    assert phrase not in public_page(editor_client, seed_article)


def test_the_sections_list_links_to_recover_deleted_sections(seed_article, editor_client):
    page = editor_client.get(reverse("admin:articles_section_changelist")).content.decode()
    assert reverse("admin:articles_section_recoverlist") in page
    assert "Recover deleted sections" in page


def test_the_sections_list_reads_as_the_articles_outline(seed_article, editor_client):
    response = editor_client.get(
        reverse("admin:articles_section_changelist"), {"article__id__exact": seed_article.pk}
    )
    rows = list(response.context["cl"].result_list)
    assert [s.order for s in rows] == sorted(s.order for s in rows)
    page = response.content.decode()
    child = next(s for s in rows if s.level == 2)
    assert "\u2003" + child.heading in page.replace("&#x27;", "'")


def test_moving_a_section_is_a_revision_and_changes_the_public_order(
    seed_article, editor_client, django_capture_on_commit_callbacks
):
    sections = list(seed_article.sections.order_by("order"))
    moving = sections[3]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_section_changelist"),
            {"action": "move_up", "_selected_action": [moving.pk]},
        )
    assert response.status_code == 302
    order = list(seed_article.sections.order_by("order").values_list("pk", flat=True))
    assert order[2] == moving.pk and order[3] == sections[2].pk
    assert Revision.objects.latest("pk").get_comment() == f"Moved “{moving}” to position 3"
    page = public_page(editor_client, seed_article)
    assert page.index(moving.heading) < page.index(sections[2].heading)


def test_deleting_an_article_moves_it_to_the_trash_and_it_can_be_restored(
    seed_article, editor_client, editor, client, django_capture_on_commit_callbacks
):
    url = seed_article.get_absolute_url()
    assert editor_client.get(url).status_code == 200
    delete = reverse("admin:articles_article_delete", args=[seed_article.pk])
    confirm = editor_client.get(delete)
    assert confirm.status_code == 200 and "Cannot delete" not in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    seed_article.refresh_from_db()
    assert seed_article.is_in_trash and seed_article.deleted_by == editor
    assert Revision.objects.latest("pk").get_comment() == "Moved “Operation 1107” to the trash"
    assert editor_client.get(url).status_code == 404
    changelist = reverse("admin:articles_article_changelist")
    assert seed_article not in editor_client.get(changelist).context["cl"].result_list
    trash = editor_client.get(changelist, {"trash": "yes"}).context["cl"].result_list
    assert list(trash) == [seed_article]
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            changelist + "?trash=yes", {"action": "restore_selected", "_selected_action": [seed_article.pk]}
        )
    seed_article.refresh_from_db()
    assert not seed_article.is_in_trash
    assert editor_client.get(url).status_code == 200
    assert seed_article.sections.count() == 36 and seed_article.sources.count() == 80


def test_importing_over_an_article_in_the_trash_is_refused(seed_article, editor, seed_bytes):
    from articles.errors import ArticleInTrash
    from articles.services import article_delete, article_import

    article_delete(article=seed_article, user=editor)
    with pytest.raises(ArticleInTrash, match="is in the trash"):
        article_import(data=seed_bytes, slug=seed_article.slug)
    assert Article.objects.get(pk=seed_article.pk).is_in_trash


def test_a_reviewer_cannot_trash_an_article(seed_article, client, reviewer):
    client.force_login(reviewer)
    delete = reverse("admin:articles_article_delete", args=[seed_article.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    mark_changed(seed_article.pk)
    assert not Article.objects.get(pk=seed_article.pk).is_in_trash


def test_the_review_queue_leaves_out_articles_in_the_trash(seed_article, client, editor, reviewer):
    from articles.services import article_delete

    client.force_login(reviewer)
    queue = reverse("admin:claims_claim_changelist")
    assert client.get(queue).context["cl"].result_count > 0
    article_delete(article=seed_article, user=editor)
    assert client.get(queue).context["cl"].result_count == 0
