"""Emptying the trash: an article in the trash can be deleted for good, with everything it held, and the
deletion log says who, when, what and why; nothing outside the trash is ever deleted this way."""

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.errors import ArticleNotInTrash
from articles.models import Article, Section
from articles.services import PURGED, article_delete, article_import, article_purge
from claims.models import Claim
from sources.models import Source
from tests.articles.test_reader_page import ARTICLE

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def trashed(db, editor):
    article = article_import(data=ARTICLE, slug="riverton", title="Riverton flood").article
    article_delete(article=article, user=editor)
    return article


def test_an_article_in_the_trash_is_deleted_for_good_and_logged(trashed, editor):
    purge = article_purge(article=trashed, user=editor, reason="Duplicate of Millbrook")
    assert (purge.sections, purge.claims, purge.sources) == (3, 7, 1)
    assert not Article.objects.filter(pk=trashed.pk).exists()
    assert not Section.objects.filter(article_id=trashed.pk).exists()
    assert not Claim.objects.filter(section__article_id=trashed.pk).exists()
    assert not Source.objects.filter(article_id=trashed.pk).exists()
    entry = LogEntry.objects.get(action_flag=DELETION, change_message__startswith=PURGED)
    assert entry.user == editor and entry.object_repr == "Riverton flood (riverton)"
    assert entry.change_message.endswith(
        "with its 3 sections, 7 statements and 1 sources. Reason: Duplicate of Millbrook"
    )


def test_an_article_not_in_the_trash_or_a_reviewer_is_refused_and_nothing_changes(db, editor, reviewer):
    article = article_import(data=ARTICLE, slug="riverton", title="Riverton flood").article
    with pytest.raises(ArticleNotInTrash):
        article_purge(article=article, user=editor)
    article_delete(article=article, user=editor)
    with pytest.raises(PermissionDenied):
        article_purge(article=article, user=reviewer)
    assert Article.objects.filter(pk=article.pk).exists() and not LogEntry.objects.exists()


def test_emptying_the_trash_in_the_admin_asks_then_deletes_and_the_log_lists_it(client, trashed, editor):
    kept = article_import(data=ARTICLE, slug="kept", title="Kept").article
    client.force_login(editor)
    chosen = {"action": "purge_selected", "_selected_action": [trashed.pk, kept.pk]}
    asked = client.post(CHANGELIST + "?trash=yes", chosen)
    page = asked.content.decode()
    assert asked.status_code == 200 and "deleted for good" in page and "Riverton flood" in page
    assert "Kept" not in page  # the list is the trash's: an article in use is never offered
    assert Article.objects.filter(pk=trashed.pk).exists()  # asked only
    done = client.post(CHANGELIST + "?trash=yes", {**chosen, "post": "yes", "reason": "Spam"})
    assert done.status_code == 302
    assert not Article.objects.filter(pk=trashed.pk).exists() and Article.objects.filter(pk=kept.pk).exists()
    log = client.get(reverse("admin:articles_deletion_log")).content.decode()
    assert "Riverton flood (riverton)" in log and "Reason: Spam" in log and "edna" in log
    assert reverse("admin:articles_deletion_log") in client.get(CHANGELIST).content.decode()
    assert client.get("/articles/riverton/").status_code == 404


def test_the_confirmation_and_the_log_are_valid_html(client, trashed, editor, tmp_path):
    from tests.articles.test_pages_validity import nu_errors

    client.force_login(editor)
    asked = client.post(
        CHANGELIST + "?trash=yes", {"action": "purge_selected", "_selected_action": [trashed.pk]}
    )
    (tmp_path / "confirm.html").write_bytes(asked.content)
    article_purge(article=trashed, user=editor, reason="<b>Spam</b> & more")
    log = client.get(reverse("admin:articles_deletion_log"))
    assert "&lt;b&gt;Spam&lt;/b&gt; &amp; more" in log.content.decode()
    (tmp_path / "log.html").write_bytes(log.content)
    assert nu_errors([tmp_path / "confirm.html", tmp_path / "log.html"]) == []
