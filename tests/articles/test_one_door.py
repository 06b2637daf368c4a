"""Defects of issue 21: invalidation that depended on each service remembering, history without its
user, and saves that changed nothing but still wrote a revision."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Revision, Version

from accounts.models import Profile
from accounts.services import profile_save
from articles.models import Article, Section
from articles.services import (
    article_delete,
    article_import,
    article_save,
    section_delete,
    section_revert,
    section_save,
)
from claims.models import Claim
from claims.services import claim_review
from tests.articles.test_pages import EDITED_FIGURE, article_url, parse
from tests.factories import UserFactory


def version_of(article) -> int:
    return Article.objects.values_list("content_version", flat=True).get(pk=article.pk)


def section_with(article, phrase) -> Section:
    return article.sections.get(body__contains=phrase)


def edit(article, user, old, new, comment=""):
    section = section_with(article, old)
    return section_save(
        section=section,
        body=section.body.replace(old, new),
        user=user,
        base_version=section.version,
        comment=comment,
    )


@pytest.fixture
def named_editor(db, editor):
    profile_save(user=editor, display_name="Edna Old-Name")
    return editor


@pytest.fixture
def named_reviewer(db, reviewer):
    profile_save(user=reviewer, display_name="Rita Old-Name")
    return reviewer


# A person's public name.


def test_a_new_public_name_reaches_the_cached_pages_that_show_it(
    client, seed_article, named_editor, django_capture_on_commit_callbacks
):
    edit(seed_article, named_editor, *EDITED_FIGURE)
    page = article_url(seed_article)
    assert "Edna Old-Name" in client.get(page).content.decode()
    assert "Edna Old-Name" in client.get(page).content.decode()  # now served from the cache
    before = version_of(seed_article)
    with django_capture_on_commit_callbacks(execute=True):
        profile_save(user=named_editor, display_name="Edna New-Name")
    assert version_of(seed_article) == before + 1
    shown = client.get(page).content.decode()
    assert "Edna New-Name" in shown and "Edna Old-Name" not in shown


def test_a_public_name_changed_in_the_user_admin_reaches_the_reviews_it_signs(
    client, seed_article, named_reviewer, django_capture_on_commit_callbacks
):
    claim = Claim.objects.for_article(seed_article).in_article_order().first()
    claim_review(claim=claim, reviewer=named_reviewer, status=Claim.Status.APPROVED)
    page = article_url(seed_article)
    assert "Rita Old-Name" in client.get(page).content.decode()
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    profile = Profile.objects.get(user=named_reviewer)
    url = reverse("admin:auth_user_change", args=[named_reviewer.pk])
    form = {
        "username": named_reviewer.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(named_reviewer.pk),
        "profile-0-display_name": "Rita New-Name",
        "_save": "Save",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Profile.objects.get(user=named_reviewer).display_name == "Rita New-Name"
    client.logout()
    shown = client.get(page).content.decode()
    assert "Rita New-Name" in shown and "Rita Old-Name" not in shown


def test_a_save_of_a_person_that_keeps_the_name_invalidates_nothing(seed_article, named_editor):
    edit(seed_article, named_editor, *EDITED_FIGURE)
    before = version_of(seed_article)
    profile_save(user=named_editor, display_name="Edna  Old-Name")  # the same name, spaces folded
    User.objects.get(pk=named_editor.pk).save(update_fields=["last_login"])
    assert version_of(seed_article) == before


# An import that changes only the title.


def test_an_import_that_changes_only_the_title_shows_it_on_the_cached_page(
    client, seed_article, seed_bytes, django_capture_on_commit_callbacks
):
    page = article_url(seed_article)
    assert "Operation 1107" in client.get(page).content.decode()
    before = version_of(seed_article)
    with django_capture_on_commit_callbacks(execute=True):
        result = article_import(data=seed_bytes, slug=seed_article.slug, title="Operation Eleven-Oh-Seven")
    assert result.has_changes
    assert version_of(seed_article) == before + 1
    assert "<h1>Operation Eleven-Oh-Seven" in client.get(page).content.decode()
    again = article_import(data=seed_bytes, slug=seed_article.slug, title="Operation Eleven-Oh-Seven")
    assert not again.has_changes and version_of(seed_article) == before + 1


# Cascaded deletions in the claims' history.


def test_claims_deleted_with_their_section_are_recorded_with_the_user_and_the_reason(seed_article, editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    claim_ids = list(section.claims.values_list("pk", flat=True))
    assert claim_ids
    section_delete(section=section, user=editor, comment="Merged into the lead")
    deleted = Claim.history.filter(id__in=claim_ids, history_type="-")
    assert deleted.count() == len(claim_ids)
    assert {(row.history_user_id, row.history_change_reason) for row in deleted} == {
        (editor.pk, "Merged into the lead")
    }


def test_claims_deleted_with_their_section_without_a_summary_carry_the_revision_comment(seed_article, editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    claim_ids = list(section.claims.values_list("pk", flat=True))
    section_delete(section=section, user=editor)
    reasons = set(
        Claim.history.filter(id__in=claim_ids, history_type="-").values_list("history_change_reason")
    )
    assert reasons == {(f"Deleted section “{section}”",)}


# Saves that change nothing.


def test_an_unchanged_save_writes_no_revision_and_keeps_the_version(seed_article, editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    before = (Revision.objects.count(), version_of(seed_article), section.version)
    saved = section_save(section=section, body=section.body, user=editor, base_version=section.version)
    section.refresh_from_db()
    assert saved.is_unchanged
    assert (Revision.objects.count(), version_of(seed_article), section.version) == before


def test_a_form_sent_again_with_the_back_button_writes_nothing_the_second_time(seed_article, editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    opened_at, body = section.version, section.body.replace(*EDITED_FIGURE)
    first = section_save(section=section, body=body, user=editor, base_version=opened_at)
    assert not first.is_unchanged
    after_first = (Revision.objects.count(), version_of(seed_article))
    again = section_save(section=section, body=body, user=editor, base_version=opened_at)
    assert again.is_unchanged and again.merged_with is None
    assert (Revision.objects.count(), version_of(seed_article)) == after_first


def test_a_second_revert_to_the_same_revision_writes_nothing(seed_article, editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    edit(seed_article, editor, *EDITED_FIGURE)
    original = Version.objects.get_for_object(section).order_by("pk").first()
    section.refresh_from_db()
    assert not section_revert(section=section, version=original, user=editor).is_unchanged
    section.refresh_from_db()
    before = (Revision.objects.count(), version_of(seed_article))
    assert section_revert(section=section, version=original, user=editor).is_unchanged
    assert (Revision.objects.count(), version_of(seed_article)) == before


def test_the_admin_says_no_changes_for_an_unchanged_save_and_revert(seed_article, client, editor):
    client.force_login(editor)
    section = section_with(seed_article, EDITED_FIGURE[0])
    before = Revision.objects.count()
    form = {
        "heading": section.heading,
        "level": section.level,
        "body": section.body,
        "edit_summary": "",
        "base_version": section.version,
    }
    response = client.post(reverse("admin:articles_section_change", args=[section.pk]), form, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("No changes") for message in messages), messages
    assert not any("successfully" in message for message in messages), messages
    version = Version.objects.get_for_object(section).first()
    revert = reverse("admin:articles_section_revision", args=[section.pk, version.pk])
    response = client.post(revert, {"edit_summary": ""}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("No changes") for message in messages), messages
    assert Revision.objects.count() == before


def test_deleting_an_article_already_in_the_trash_changes_nothing_and_says_so(seed_article, client, editor):
    article_delete(article=seed_article, user=editor)
    before = (Revision.objects.count(), version_of(seed_article))
    trashed_at = Article.objects.get(pk=seed_article.pk).deleted_at
    article_delete(article=Article.objects.get(pk=seed_article.pk), user=editor)
    assert (Revision.objects.count(), version_of(seed_article)) == before
    client.force_login(editor)
    delete = reverse("admin:articles_article_delete", args=[seed_article.pk])
    response = client.post(delete, {"post": "yes"}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["No changes: “Operation 1107” is already in the trash."]
    assert (Revision.objects.count(), version_of(seed_article)) == before
    assert Article.objects.get(pk=seed_article.pk).deleted_at == trashed_at


# The history's default comparison.


def checked(page, name: str) -> list[str]:
    return [
        node.attrs["value"]
        for node in page.find_all("input", type="radio")
        if node.attrs.get("name") == name and "checked" in node.attrs
    ]


def test_the_history_compares_the_last_two_revisions_that_differ_by_default(client, seed_article, editor):
    edit(seed_article, editor, *EDITED_FIGURE)
    seed_article.refresh_from_db()
    seed_article.title = "Operation 1107 (renamed)"
    article_save(article=seed_article, user=editor)  # a revision that changes no section
    revisions = list(Version.objects.get_for_object(seed_article).values_list("pk", flat=True))
    assert len(revisions) == 3
    page = parse(client.get(reverse("articles:history", args=[seed_article.slug])))
    assert (checked(page, "from"), checked(page, "to")) == ([str(revisions[2])], [str(revisions[1])])
    response = client.get(
        reverse("articles:history", args=[seed_article.slug]), {"from": revisions[2], "to": revisions[1]}
    )
    assert "No section changed" not in response.content.decode()
