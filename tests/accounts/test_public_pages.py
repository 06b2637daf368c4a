"""Readers see public names, never logins, on every public page; the admin keeps showing logins."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.models import DISPLAY_NAME_TAKEN, Profile
from accounts.roles import EDITORS, REVIEWERS
from accounts.services import profile_save
from articles.services import section_save
from claims.models import Claim
from claims.services import claim_review
from tests.articles.test_pages import EDITED_FIGURE, parse, public_urls
from tests.factories import UserFactory

EDITOR_LOGIN = "secret-login-name"
REVIEWER_LOGIN = "secret-reviewer-login"


@pytest.fixture
def named_editor(db):
    user = UserFactory(username=EDITOR_LOGIN, first_name="Ada", last_name="Editor", roles=[EDITORS])
    profile_save(user=user, display_name="A. Editor")
    return user


@pytest.fixture
def named_reviewer(db):
    user = UserFactory(username=REVIEWER_LOGIN, roles=[REVIEWERS])
    profile_save(user=user, display_name="R. Reviewer")
    return user


def edit(article, user, old, new, comment=""):
    section = article.sections.get(body__contains=old)
    section_save(
        section=section,
        body=section.body.replace(old, new),
        user=user,
        base_version=section.version,
        comment=comment,
    )


def history_rows(client, article):
    page = parse(client.get(reverse("articles:history", args=[article.slug])))
    return page.find("table", cls="revisions").find("tbody").find_all("tr")


def test_no_public_page_shows_a_login(client, seed_article, named_editor, named_reviewer):
    edit(seed_article, named_editor, *EDITED_FIGURE, comment="New UN count")
    claim = Claim.objects.for_article(seed_article).in_article_order().first()
    claim_review(claim=claim, reviewer=named_reviewer, status="approved")
    rows = history_rows(client, seed_article)
    assert "A. Editor" in rows[0].text() and "New UN count" in rows[0].text()
    history = reverse("articles:history", args=[seed_article.slug])
    newest, oldest = rows[0].find("input", name="to"), rows[-1].find("input", name="from")
    compare = f"{history}?from={oldest.attrs['value']}&to={newest.attrs['value']}"
    for url in [*public_urls(seed_article), compare, reverse("articles:list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert EDITOR_LOGIN not in body and REVIEWER_LOGIN not in body, url


def test_the_history_falls_back_to_the_full_name_then_a_neutral_label_and_escapes_names(client, seed_article):
    bare = UserFactory(username="bare-login", roles=[EDITORS])
    named = UserFactory(username="named-login", first_name="Ada", last_name="Lovelace", roles=[EDITORS])
    hostile = UserFactory(username="hostile-login", roles=[EDITORS])
    profile_save(user=hostile, display_name="<script>alert(1)</script>")
    edit(seed_article, bare, *EDITED_FIGURE)
    edit(seed_article, named, EDITED_FIGURE[1], "over 481 airstrikes")
    edit(seed_article, hostile, "over 481 airstrikes", "over 482 airstrikes")
    who = [row.find_all("td")[3].text() for row in history_rows(client, seed_article)]
    assert who == ["<script>alert(1)</script>", "Ada Lovelace", f"Editor #{bare.pk}", "—"]  # "—": the import
    body = client.get(reverse("articles:history", args=[seed_article.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert "-login" not in body


def test_the_history_reads_public_names_in_a_fixed_number_of_queries(
    client, seed_article, django_assert_max_num_queries
):
    for number in range(6):
        user = UserFactory(username=f"login-{number}", roles=[EDITORS])
        profile_save(user=user, display_name=f"Person {number}")
        edit(seed_article, user, f"over {477 + number} airstrikes", f"over {478 + number} airstrikes")
    with django_assert_max_num_queries(4):
        assert "Person 5" in history_rows(client, seed_article)[0].text()


def test_public_names_are_unique_whatever_their_case(named_editor):
    other = UserFactory(username="other-login")
    with pytest.raises(ValidationError) as refused:
        profile_save(user=other, display_name="a. editor")
    assert DISPLAY_NAME_TAKEN in str(refused.value)
    assert profile_save(user=other, display_name="").display_name == ""
    assert profile_save(user=UserFactory(username="third-login"), display_name="").display_name == ""


def test_the_admin_edits_the_public_name_on_the_users_page(client, named_editor):
    admin = User.objects.create_superuser("root", "root@example.org", "correct horse battery")
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[named_editor.pk])
    page = client.get(url).content.decode()
    assert "The name readers see in an article" in page and 'value="A. Editor"' in page
    profile = named_editor.profile
    form = {
        "username": EDITOR_LOGIN,
        "first_name": "Ada",
        "last_name": "Editor",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(g.pk) for g in named_editor.groups.all()],
        "date_joined_0": "2026-11-01",
        "date_joined_1": "10:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(named_editor.pk),
        "profile-0-display_name": "Ada E.",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Profile.objects.get(user=named_editor).display_name == "Ada E."
    # The admin (editors and reviewers) may keep showing logins.
    assert EDITOR_LOGIN in client.get(reverse("admin:auth_user_changelist")).content.decode()


def test_demo_users_get_public_names_and_keep_one_profile_when_run_again(db):
    for _ in range(2):
        call_command("demo_users", stdout=io.StringIO())
    names = dict(Profile.objects.values_list("user__username", "display_name"))
    assert names == {"editor": "Demo Editor", "reviewer": "Demo Reviewer"}
