"""The seed's page in real headless Chromium (Debian's package), driven by Playwright: citations lead to
their references and back, a flag's reason shows on keyboard focus, and axe-core finds no serious or
critical accessibility violation."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.services import article_import
from claims.flags import FLAG_INFO
from tests.browsers import launched_chromium  # the browser fixtures of other modules import it from here too
from tests.conftest import imported_seed

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
MAX_TABS = 400

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_url(live_server, seed_bytes):
    # Transactional tests start from an empty database: the seed is written again (a copy, tests/copies.py).
    article = imported_seed(seed_bytes)
    return live_server.url + article.get_absolute_url()


@pytest.fixture
def browser_page(seed_url, monkeypatch):
    """A page in a context of its own in the module's Chromium, opened after the seed is imported."""
    with launched_chromium(monkeypatch) as browser:
        # The site's Content-Security-Policy forbids inline scripts; axe-core is injected as one.
        yield browser.new_context(bypass_csp=True).new_page()


def target_id(page) -> str | None:
    return page.evaluate("() => document.querySelector(':target')?.id ?? null")


def serious_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run()")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_citation_to_reference_and_back(browser_page, seed_url):
    page = browser_page
    page.goto(seed_url)
    marker = page.locator("sup.citation:not(.inferred) a").first
    expect(marker).to_have_text("[1]")
    marker.click()
    expect(page).to_have_url(re.compile(r"#cite-note-1$"))
    assert target_id(page) == "cite-note-1"
    reference = page.locator("#cite-note-1")
    expect(reference).to_be_in_viewport()
    expect(reference).to_contain_text("Source 1")
    reference.locator(".backlinks a").first.click()
    expect(page).to_have_url(re.compile(r"#cite-ref-1-1$"))
    assert target_id(page) == "cite-ref-1-1"
    expect(page.locator("#cite-ref-1-1")).to_be_in_viewport()


def test_flag_reason_shows_on_keyboard_focus(browser_page, seed_url):
    page = browser_page
    page.goto(seed_url)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('flag')"):
            break
    else:
        pytest.fail("No flag marker could be reached with the Tab key.")
    flag = page.locator(".flag:focus")
    tip = page.locator("#" + flag.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    names = [name[5:] for name in flag.get_attribute("class").split() if name[5:] in FLAG_INFO]
    assert names
    for name in names:
        expect(tip).to_contain_text(FLAG_INFO[name].reason)
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()


def test_flag_reason_shows_on_hover(browser_page, seed_url):
    page = browser_page
    page.goto(seed_url)
    flag = page.locator(".flag.flag-unsourced").first
    tip = page.locator("#" + flag.get_attribute("aria-describedby"))
    expect(tip).to_be_hidden()
    flag.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(FLAG_INFO["unsourced"].reason)


@pytest.mark.parametrize(
    "suffix", ["", "?highlight=off", "history/", "factcheck/", "sources/12/", "/search/?q=airstrikes+Loikaw"]
)
def test_no_serious_accessibility_violations(browser_page, seed_url, suffix):
    page = browser_page
    # A suffix starting with "/" is a site page, not one of the article's.
    page.goto(seed_url.split("/articles/")[0] + suffix if suffix.startswith("/") else seed_url + suffix)
    assert serious_violations(page) == []


@pytest.mark.parametrize("row", ["first", "last"])
def test_a_revision_page_has_no_serious_accessibility_violations(browser_page, seed_url, row):
    """The newest revision (from the history's first row) and the oldest (its last), by their links."""
    from articles.models import Article
    from articles.services import section_save

    section = Article.objects.get().sections.exclude(level=0).order_by("order").first()
    section_save(section=section, body=section.body + " Added.", user=None, base_version=section.version)
    page = browser_page
    page.goto(seed_url + "history/")
    links = page.locator("table.revisions a.revision-link")
    expect(links).to_have_count(2)
    (links.first if row == "first" else links.last).click()
    expect(page.locator(".revision-notice")).to_be_visible()
    expect(page.locator("ol.references > li")).to_have_count(80)
    assert serious_violations(page) == []


def test_a_table_and_full_citations_have_no_serious_violations_and_fit_a_phone(browser_page, live_server):
    from tests.articles.test_references_import import ARTICLE

    article = article_import(data=ARTICLE, slug="op", title="Op").article
    page = browser_page
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("table.article-table tbody tr")).to_have_count(2)
    expect(page.locator("#cite-note-1")).to_contain_text("Archived from the original on 6 March 2024")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_readable_on_a_phone(browser_page, seed_url):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(seed_url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    expect(page.locator("h1")).to_be_in_viewport()


def test_printing_keeps_the_article_and_references_and_drops_screen_only_parts(browser_page, seed_url):
    page = browser_page
    page.goto(seed_url)
    expect(page.locator("nav.toc")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.toc")).to_be_hidden()
    expect(page.locator(".highlight-switch")).to_be_hidden()
    expect(page.locator("ol.references")).to_be_visible()
    expect(page.locator("section.cite-this-page")).to_be_visible()


PUBLIC_REASON = "Two other sources give 6 November for this."


@pytest.fixture
def reviewed_url(live_server, seed_bytes):
    """The seed with review outcomes: its first statement approved by a reviewer with a public name, the
    second disputed with a public reason, the third approved then edited, the fourth approved then removed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from accounts.models import Profile
    from articles.services import section_save
    from claims.models import Claim
    from claims.services import claim_review

    article = article_import(data=seed_bytes, slug="operation-1107", title="Operation 1107").article
    reviewer = get_user_model().objects.create(username="rv-login", is_staff=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_claim"))
    Profile.objects.create(user=reviewer, display_name="Rita Reviewer")
    first, second, third, fourth = Claim.objects.for_article(article).in_article_order()[:4]
    for claim in (first, third, fourth):
        claim_review(claim=claim, reviewer=reviewer, status="approved")
    claim_review(claim=second, reviewer=reviewer, status="disputed", note=PUBLIC_REASON, note_is_public=True)
    section = third.section
    body = section.body.replace(third.raw, third.raw.replace(" ", "  ", 1).replace("  ", " also ", 1))
    body = body.replace(fourth.raw, "")
    section_save(section=section, body=body, user=None, base_version=section.version)
    return live_server.url + article.get_absolute_url()


def tab_to(page, selector: str):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return page.locator(f"{selector}:focus")
    pytest.fail(f"Nothing matching {selector} could be reached with the Tab key.")


def test_approval_and_public_reason_are_read_by_keyboard(browser_page, reviewed_url):
    page = browser_page
    page.goto(reviewed_url)
    approved = tab_to(page, ".review-approved")
    tip = page.locator("#" + approved.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Approved by Rita Reviewer on ")
    assert "rv-login" not in tip.inner_text()
    disputed = tab_to(page, ".review-disputed")
    reason = page.locator("#" + disputed.get_attribute("aria-describedby"))
    expect(reason).to_be_visible()
    expect(reason).to_have_text(
        f"Disputed by Rita Reviewer on {reason.locator('time').inner_text()}: {PUBLIC_REASON}"
    )
    expect(tip).to_be_hidden()
    # The accessible description is the reason: what a screen reader announces with the mark.
    description = page.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert PUBLIC_REASON in description


@pytest.mark.parametrize("suffix", ["?view=latest", "?view=reviewed"])
def test_review_marks_have_no_serious_accessibility_violations(browser_page, reviewed_url, suffix):
    page = browser_page
    page.goto(reviewed_url + suffix)
    assert page.locator(".review-approved").count() >= 1
    assert page.locator(".changed-mark" if suffix == "?view=latest" else ".reader-view-notice a").count() >= 1
    assert serious_violations(page) == []
