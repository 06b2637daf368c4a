"""In real Chromium, by keyboard only: a reader tabs to a figure a source contradicts and reads what the
source says instead, with its passage; axe-core finds no serious violation on the page."""

import re

import pytest
from playwright.sync_api import expect

from articles.services import article_import
from sources.models import Source
from sources.services import snapshot_store
from tests.articles.test_browser import launched_chromium, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = "The floods displaced 60,000 villagers in Kayah.[1] Aid reached 12 camps.[1]\n"
PASSAGE = "The UN said some 6,000 villagers were displaced in Kayah by the floods."
SOURCE = f"Monsoon floods hit Kayah State in July.\n{PASSAGE}\nAid reached 12 camps by August."
MAX_TABS = 30


@pytest.fixture
def article(live_server):
    article = article_import(data=ARTICLE, slug="floods").article
    snapshot_store(
        source=Source.objects.get(article=article, key="1"), text=SOURCE, origin="paste", user=None
    )
    return article


@pytest.fixture
def page(live_server, monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        yield browser.new_context(bypass_csp=True).new_page()


def focused_classes(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.className : ''")


def test_a_reader_tabs_to_a_contradicted_figure_and_reads_what_the_source_says(live_server, page, article):
    page.goto(live_server.url + article.get_absolute_url())
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if "flag-contradicted_by_source" in focused_classes(page):
            break
    else:
        pytest.fail("no contradicted figure is reachable by keyboard")
    figure = page.locator(":focus")
    expect(figure.locator("mark")).to_have_text("60,000")
    expect(figure.locator(".flag-label")).to_have_text("[contradicted by source]")
    tip = page.locator("#" + figure.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(f"The source [1] says some 6,000: {PASSAGE}")
    expect(tip).to_contain_text("A cited source gives a different value for this figure.")
    # the other figure of the sentence is stated, not contradicted: it says so, not the contradiction
    verified = page.locator(".flag.verified")
    expect(verified.locator("mark")).to_have_text("12")
    expect(verified.locator(".verdict-label")).to_have_text("verified in [1]")
    expect(verified).not_to_have_class(re.compile("flag-contradicted_by_source"))
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert serious_violations(page) == []
