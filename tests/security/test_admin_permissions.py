"""Who may open which page: anonymous visitors, editors, reviewers and superusers, in admin and public."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.services import article_import, article_save, section_delete
from claims.models import Claim
from tests.factories import UserFactory

ANON, EDITOR, REVIEWER, SUPER = "anonymous", "editor", "reviewer", "superuser"
OK, FORBIDDEN, LOGIN = 200, 403, 302


SMALL_ARTICLE = """A lead about 12 villages.[1] It has two sentences.[2]
Background
Casualties
Over 20 troops were killed.[3] Nobody confirmed it.
Aftermath
The front went quiet.[1][2]
"""


@pytest.fixture
def objects(db):
    article = article_import(data=SMALL_ARTICLE, slug="small").article
    section = article.sections.get(heading="Casualties")
    deleted = article.sections.get(heading="Aftermath")
    section_delete(section=deleted, user=None)
    return {
        "article": article.pk,
        "section": section.pk,
        "version": Version.objects.get_for_object(section).first().pk,
        "deleted_version": Version.objects.get_deleted(type(section)).first().pk,
        "source": article.sources.get(key="3").pk,
        "claim": Claim.objects.for_article(article).first().pk,
    }


# (url name, argument names, expected status for anonymous, editor, reviewer, superuser)
MATRIX = [
    ("admin:index", (), LOGIN, OK, OK, OK),
    ("admin:articles_article_changelist", (), LOGIN, OK, OK, OK),
    ("admin:articles_article_add", (), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_article_change", ("article",), LOGIN, OK, OK, OK),
    ("admin:articles_article_delete", ("article",), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_section_changelist", (), LOGIN, OK, OK, OK),
    ("admin:articles_section_add", (), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_section_change", ("section",), LOGIN, OK, OK, OK),
    ("admin:articles_section_history", ("section",), LOGIN, OK, OK, OK),
    ("admin:articles_section_revision", ("section", "version"), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_section_recoverlist", (), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_section_recover", ("deleted_version",), LOGIN, OK, FORBIDDEN, OK),
    ("admin:articles_section_delete", ("section",), LOGIN, OK, FORBIDDEN, OK),
    ("admin:sources_source_changelist", (), LOGIN, OK, OK, OK),
    ("admin:sources_source_add", (), LOGIN, OK, FORBIDDEN, OK),
    ("admin:sources_source_change", ("source",), LOGIN, OK, OK, OK),
    ("admin:sources_source_history", ("source",), LOGIN, OK, OK, OK),
    ("admin:sources_source_delete", ("source",), LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ("admin:claims_claim_changelist", (), LOGIN, OK, OK, OK),
    ("admin:claims_claim_change", ("claim",), LOGIN, OK, OK, OK),
    ("admin:claims_claim_history", ("claim",), LOGIN, OK, OK, OK),
    ("admin:claims_claim_add", (), LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ("admin:claims_claim_delete", ("claim",), LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
]


def login_as(client, role, editor, reviewer):
    users = {EDITOR: editor, REVIEWER: reviewer, SUPER: UserFactory(username="root", is_superuser=True)}
    if role != ANON:
        client.force_login(users[role])


CASES = [
    pytest.param(name, arguments, role, statuses[index], id=f"{role}-{name}")
    for name, arguments, *statuses in MATRIX
    for index, role in enumerate([ANON, EDITOR, REVIEWER, SUPER])
]


@pytest.mark.parametrize("name, arguments, role, expected", CASES)
def test_admin_get_permissions(client, objects, editor, reviewer, name, arguments, role, expected):
    login_as(client, role, editor, reviewer)
    url = reverse(name, args=[objects[argument] for argument in arguments])
    response = client.get(url)
    assert response.status_code == expected, f"{role} GET {url}"
    if response.status_code == LOGIN:
        assert response["Location"].startswith(reverse("admin:login"))


def test_view_only_pages_offer_no_save_button(client, objects, reviewer, editor):
    client.force_login(reviewer)
    page = client.get(reverse("admin:articles_section_change", args=[objects["section"]])).content.decode()
    assert 'name="_save"' not in page
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[objects["claim"]])).content.decode()
    assert 'name="_save"' not in page


PUBLIC_PAGES = [
    "/",
    "/articles/small/",
    "/articles/small/?highlight=off",
    "/articles/small/history/",
    "/articles/small/factcheck/",
    "/articles/small/sources/3/",
    "/articles/small.json",
]


@pytest.mark.parametrize("role", [ANON, EDITOR, REVIEWER, SUPER])
def test_public_pages_are_open_to_everyone_and_private_articles_to_no_one(
    client, objects, editor, reviewer, role
):
    login_as(client, role, editor, reviewer)
    for url in PUBLIC_PAGES:
        assert client.get(url).status_code == OK, f"{role} GET {url}"
    article = Article.objects.get(slug="small")
    article.is_public = False
    article_save(article=article, user=None)
    for url in PUBLIC_PAGES[1:]:
        assert client.get(url).status_code == 404, f"{role} GET {url} of a private article"
    assert "/articles/small/" not in client.get("/").content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_refuse_writes(client, objects, url):
    # The test client skips the CSRF check, so the view itself answers: the pages accept no writes at all.
    response = client.post(url, {"body": "x"})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
