"""Forged cross-site posts are refused; hostile text is escaped on admin pages."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.services import article_import, section_delete, section_save
from claims.models import Claim
from claims.services import claim_review
from sources.services import source_save
from tests.factories import UserFactory

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def article(db):
    return article_import(
        data="Lead about 12 villages.[1]\nHeading\nOver 20 troops died.[1][2]\n", slug="a"
    ).article


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_every_admin_form_refuses_a_post_without_csrf_token(article, editor, reviewer):
    section = article.sections.get(heading="Heading")
    claim = Claim.objects.for_article(article).first()
    source = article.sources.first()
    version = Version.objects.get_for_object(section).first()
    root = UserFactory(username="root", is_superuser=True)
    posts = [
        (
            editor,
            reverse("admin:articles_section_change", args=[section.pk]),
            {"body": "x", "base_version": 1},
        ),
        (editor, reverse("admin:articles_section_revision", args=[section.pk, version.pk]), {}),
        (editor, reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"}),
        (editor, reverse("admin:sources_source_change", args=[source.pk]), {"reliability": "partisan"}),
        (editor, reverse("admin:articles_article_change", args=[article.pk]), {"title": "Hijacked"}),
        (reviewer, reverse("admin:claims_claim_change", args=[claim.pk]), {"status": "approved"}),
        (
            reviewer,
            reverse("admin:claims_claim_changelist"),
            {"action": "approve_selected", "_selected_action": [claim.pk]},
        ),
        (root, reverse("admin:auth_user_add"), {"username": "mallory", "password1": "p", "password2": "p"}),
    ]
    before = (section.body, section.version, claim.status, source.reliability, article.title)
    for user, url, data in posts:
        assert csrf_client(user).post(url, data).status_code == 403, url
    section.refresh_from_db(), claim.refresh_from_db(), source.refresh_from_db(), article.refresh_from_db()
    assert (section.body, section.version, claim.status, source.reliability, article.title) == before
    assert not type(root).objects.filter(username="mallory").exists()


def test_login_form_needs_a_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("admin:login"), {"username": "a", "password": "b"}
    )
    assert response.status_code == 403


def test_hostile_text_is_escaped_on_admin_pages(article, client, editor, reviewer):
    section = article.sections.get(heading="Heading")
    section_save(
        section=section,
        body=section.body + f" {HOSTILE} lost 30 men.[1]",
        user=editor,
        base_version=section.version,
        comment=HOSTILE,
    )
    source = article.sources.get(key="1")
    source.title, source.publisher = HOSTILE, HOSTILE
    source_save(source=source, user=editor)
    claim = Claim.objects.for_article(article).get(text__contains="lost 30 men")
    claim_review(claim=claim, reviewer=reviewer, status="disputed", note=HOSTILE)
    client.force_login(UserFactory(username="root", is_superuser=True))
    pages = [
        reverse("admin:claims_claim_changelist") + "?status=all",  # the claim is disputed, not queued
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_history", args=[claim.pk]),
        reverse("admin:articles_section_change", args=[section.pk]),
        reverse("admin:articles_section_history", args=[section.pk]),
        reverse("admin:sources_source_changelist"),
        reverse("admin:sources_source_change", args=[source.pk]),
    ]
    versions = Version.objects.get_for_object(section)
    pages.append(
        reverse("admin:articles_section_compare", args=[section.pk])
        + f"?from={versions[1].pk}&to={versions[0].pk}"
    )
    for url in pages:
        assert_escaped(client.get(url).content.decode(), url)
    section.heading = HOSTILE[:60]
    section_save(
        section=section, body=section.body, heading=section.heading, user=editor, base_version=section.version
    )
    section_delete(section=section, user=editor)
    assert_escaped(client.get(reverse("admin:articles_section_recoverlist")).content.decode(), "recover")


def assert_escaped(page: str, url: str) -> None:
    assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;" in page and "&lt;img" in page, url
