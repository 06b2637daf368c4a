"""What MediaWiki and Wagtail users look for: a renamed article's old address still leads to it, the
JSON carries a disputed claim's public reason."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.services import article_import, article_save
from sources.models import Source
from tests.articles.test_reader_page import ARTICLE


@pytest.fixture
def renamed(db, editor):
    article = article_import(data=ARTICLE, slug="riverton", title="Riverton flood").article
    article.slug = "riverton-flood-2026"
    article_save(article=article, user=editor)
    return article


@pytest.mark.parametrize(
    "old, new",
    [
        ("/articles/riverton/", "/articles/riverton-flood-2026/"),
        ("/articles/riverton/?view=reviewed", "/articles/riverton-flood-2026/?view=reviewed"),
        ("/articles/riverton.json", "/articles/riverton-flood-2026.json"),
        ("/articles/riverton/history/", "/articles/riverton-flood-2026/history/"),
        ("/articles/riverton/factcheck/", "/articles/riverton-flood-2026/factcheck/"),
        ("/articles/riverton/sources/1/", "/articles/riverton-flood-2026/sources/1/"),
    ],
)
def test_a_changed_slug_redirects_from_the_old_address(client, renamed, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


def test_an_old_revision_link_follows_the_slug_too(client, renamed):
    from reversion.models import Version

    first = Version.objects.get_for_object(renamed).order_by("pk").first()
    response = client.get(f"/articles/riverton/history/{first.pk}/")
    assert response["Location"] == reverse("articles:revision", args=[renamed.slug, first.pk])


def test_a_slug_taken_again_is_the_new_articles_and_unknown_ones_stay_404(client, renamed, editor):
    newcomer = article_import(data=ARTICLE, slug="riverton", title="Riverton (town)").article
    assert client.get("/articles/riverton/").status_code == 200
    assert "Riverton (town)" in client.get("/articles/riverton/").content.decode()
    assert newcomer.slug == "riverton"
    assert client.get("/articles/never-was/").status_code == 404
    assert client.get(f"/articles/{renamed.slug}/sources/nope/").status_code == 404  # a missing key


def test_a_slug_renamed_twice_leads_to_the_newest_and_a_private_article_stays_hidden(client, renamed, editor):
    renamed.slug = "riverton-2026"
    article_save(article=renamed, user=editor)
    assert client.get("/articles/riverton/")["Location"] == "/articles/riverton-2026/"
    assert client.get("/articles/riverton-flood-2026/")["Location"] == "/articles/riverton-2026/"
    Article.objects.filter(pk=renamed.pk).update(is_public=False)
    assert client.get("/articles/riverton/").status_code == 404
    assert Source.objects.filter(article=renamed).exists()


def test_the_json_carries_a_disputed_claims_public_reason_and_never_a_private_one(client, renamed, reviewer):
    from claims.models import Claim
    from claims.services import claim_review

    first, second, third = Claim.objects.for_article(renamed).in_article_order()[:3]
    claim_review(
        claim=first, reviewer=reviewer, status="disputed", note="The UN says 5,000.", note_is_public=True
    )
    claim_review(claim=second, reviewer=reviewer, status="disputed", note="Ask the desk first.")
    claim_review(
        claim=third, reviewer=reviewer, status="rejected", note="No such clash.", note_is_public=True
    )
    data = client.get(reverse("articles:json", args=[renamed.slug])).json()
    reasons = {claim["id"]: claim["public_reason"] for claim in data["claims"]}
    assert reasons[first.pk] == "The UN says 5,000."
    assert reasons[second.pk] == "" and "Ask the desk" not in str(data)
    assert reasons[third.pk] == "No such clash."
    assert all(reason == "" for pk, reason in reasons.items() if pk not in (first.pk, third.pk))
