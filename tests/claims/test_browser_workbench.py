"""In real Chromium: a reviewer opens a claim, sees the passage with the figure's value marked, confirms
it and approves in one form; the reader's page then shows the figure verified, with the passage on
keyboard focus, and axe-core finds no serious violation on it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from playwright.sync_api import expect

from articles.services import article_import
from claims.models import Citation, Claim
from sources.models import Source
from sources.services import snapshot_store
from tests.articles.test_browser import launched_chromium, serious_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "Rebels said over 20 soldiers were killed in the clashes.[1]\nSection\nThe town had 750 houses.[1]\n"
)
SOURCE = "The clashes lasted two days. Monitors said 23 soldiers were killed in the clashes near the base."
PASSAGE = "Monitors said 23 soldiers were killed in the clashes near the base."


@pytest.fixture
def claim(live_server):
    # Transactional tests start from a flushed database: no groups, so permissions are granted directly.
    article = article_import(data=ARTICLE, slug="clashes").article
    snapshot_store(
        source=Source.objects.get(article=article, key="1"), text=SOURCE, origin="paste", user=None
    )
    reviewer = UserFactory(username="rita")
    reviewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims", codename__in=["review_claim", "view_claim"]
        )
    )
    return Claim.objects.get(section__article=article, text__contains="soldiers")


@pytest.fixture
def page(live_server, monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        yield browser.new_context(bypass_csp=True).new_page()


def test_reviewer_confirms_the_passage_and_approves_then_readers_see_it_verified(live_server, page, claim):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "rita")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:claims_claim_change", args=[claim.pk]))
    expect(page.locator(".workbench-sentence mark")).to_have_text("over 20")
    expect(page.locator(".workbench-passage")).to_have_text(PASSAGE)
    expect(page.locator(".workbench-passage mark")).to_have_text("23")
    citation = Citation.objects.get(claim=claim)
    page.check(f"input[name=confirm-passage-{citation.pk}]")
    page.select_option("#id_status", "approved")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Recorded: Approved")

    page.goto(live_server.url + claim.section.article.get_absolute_url())
    figure = page.locator(".flag.verified").first
    expect(figure.locator("mark")).to_have_text("over 20")
    expect(figure.locator(".verdict-label")).to_have_text("verified in [1]")
    tip = page.locator("#" + figure.get_attribute("aria-describedby"))
    expect(tip).to_be_hidden()
    figure.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(PASSAGE)
    expect(page.locator(".references .source-quote")).to_have_text(PASSAGE)
    assert serious_violations(page) == []
    page.goto(live_server.url + reverse("articles:factcheck", args=[claim.section.article.slug]))
    expect(page.locator(".claims .verdict-label")).to_have_text("verified in [1]")
    assert serious_violations(page) == []
    citation.refresh_from_db()
    assert citation.quote == PASSAGE and Claim.objects.get(pk=claim.pk).status == "approved"
