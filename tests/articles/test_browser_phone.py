"""Every public page on a 390 px phone in real Chromium: nothing scrolls sideways (long addresses, tables,
code and tooltips included), a flag's tooltip stays inside the viewport, Esc dismisses it."""

import pytest
from playwright.sync_api import expect

from articles.services import section_save
from tests.articles.test_browser import MAX_TABS, launched_chromium
from tests.conftest import imported_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
LONG_URL = "https://example.org/" + "a-very-long-path-segment-without-any-break" * 6 + "?query=" + "x" * 120
LONG_WORD = "Supercalifragilistic" * 12


@pytest.fixture
def phone_site(live_server, seed_bytes):
    """The seed with a second revision (for a comparison), a source whose address is 400 characters long
    and a sentence carrying an unbroken word wider than the screen."""
    from sources.models import Source

    article = imported_seed(seed_bytes)  # a copy of the seed's rows (tests/copies.py)
    Source.objects.filter(article=article, key="12").update(url=LONG_URL, archive_url=LONG_URL)
    section = article.sections.exclude(level=0).order_by("order").first()
    body = section.body.rstrip() + f" The archive at {LONG_URL} lists {LONG_WORD} 17 times.\n"
    section_save(section=section, body=body, user=None, base_version=section.version)
    return live_server.url, article.get_absolute_url()


@pytest.fixture
def phone(phone_site, monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        yield browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True).new_page()


def widest(page) -> list:
    """The elements reaching furthest right, to say what overflows when the test fails."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .map(e => [Math.round(e.getBoundingClientRect().right), e.tagName + '.' + e.className])
            .sort((a, b) => b[0] - a[0]).slice(0, 5)"""
    )


def scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize(
    "suffix",
    ["", "?view=reviewed", "?highlight=off", "history/", "factcheck/", "sources/12/"]
    + ["/search/?q=Loikaw", "/"],
)
def test_no_public_page_scrolls_sideways_on_a_phone(phone, phone_site, suffix):
    base, article_path = phone_site
    phone.goto(base + suffix if suffix.startswith("/") else base + article_path + suffix)
    expect(phone.locator("h1")).to_be_visible()
    assert scroll_width(phone) <= WIDTH, widest(phone)


def test_a_history_comparison_does_not_scroll_sideways_on_a_phone(phone, phone_site):
    base, article_path = phone_site
    phone.goto(base + article_path + "history/")
    phone.get_by_role("button", name="Compare the selected revisions").click()
    expect(phone.locator(".comparison ins", has_text=LONG_WORD[:40])).to_have_count(1)
    assert scroll_width(phone) <= WIDTH


@pytest.mark.parametrize("row", ["first", "last"])
def test_a_revision_page_does_not_scroll_sideways_on_a_phone(phone, phone_site, row):
    """The newest revision holds the unbroken word; both list the source with the long address."""
    base, article_path = phone_site
    phone.goto(base + article_path + "history/")
    links = phone.locator("table.revisions a.revision-link")
    (links.first if row == "first" else links.last).click()
    expect(phone.locator(".revision-notice")).to_be_visible()
    expect(phone.locator("ol.references a.external", has_text=LONG_URL)).not_to_have_count(0)
    expect(phone.locator(".article-body", has_text=LONG_WORD[:40])).to_have_count(1 if row == "first" else 0)
    assert scroll_width(phone) <= WIDTH, widest(phone)


def test_the_long_address_is_on_the_source_page(phone, phone_site):
    """The address the sideways test relies on is really there (else it would pass on an empty page)."""
    base, article_path = phone_site
    phone.goto(base + article_path + "sources/12/")
    expect(phone.locator(".source-details a.external")).to_have_text(LONG_URL)


def focus_flag(page, selector: str = ".flag"):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return page.locator(f"{selector}:focus")
    pytest.fail(f"No {selector} could be reached with the Tab key.")


def inside_viewport(box) -> bool:
    return box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


@pytest.mark.parametrize("nth", [0, 5, 25])
def test_a_focused_flags_tooltip_stays_inside_a_phones_viewport(phone, phone_site, nth):
    base, article_path = phone_site
    phone.goto(base + article_path)
    flag = phone.locator(".flag").nth(nth)
    flag.focus()
    tip = phone.locator("#" + flag.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    assert inside_viewport(box), box
    assert scroll_width(phone) <= WIDTH


def test_the_rightmost_flags_tooltip_stays_inside_a_phones_viewport(phone, phone_site):
    """The flag that ends furthest right on the screen: a tooltip anchored to it would overflow."""
    base, article_path = phone_site
    phone.goto(base + article_path)
    index = phone.evaluate(
        """() => {
            const flags = [...document.querySelectorAll('.flag')];
            const rights = flags.map(f => f.getBoundingClientRect().left);
            return rights.indexOf(Math.max(...rights));
        }"""
    )
    flag = phone.locator(".flag").nth(index)
    assert flag.bounding_box()["x"] > WIDTH / 2
    flag.focus()
    tip = phone.locator("#" + flag.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    assert inside_viewport(tip.bounding_box()), tip.bounding_box()


@pytest.fixture
def desktop(phone):
    phone.set_viewport_size({"width": 1280, "height": 900})
    return phone


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_escape_dismisses_a_focused_flags_tooltip_and_keeps_the_focus(request, phone_site, viewport):
    page = request.getfixturevalue(viewport)
    base, article_path = phone_site
    page.goto(base + article_path)
    flag = focus_flag(page)
    tip = page.locator("#" + flag.get_attribute("aria-describedby"))
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate(
        "() => document.activeElement.id || document.activeElement.getAttribute('aria-describedby')"
    ) == (tip.get_attribute("id"))
    # Leaving and coming back shows it again: Escape hides it only until the focus leaves.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(tip).to_be_visible()


def test_escape_dismisses_a_hovered_flags_tooltip_until_the_pointer_leaves(desktop, phone_site):
    base, article_path = phone_site
    desktop.goto(base + article_path)
    flag = desktop.locator(".flag.flag-unsourced").first
    tip = desktop.locator("#" + flag.get_attribute("aria-describedby"))
    flag.hover()
    expect(tip).to_be_visible()
    desktop.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    desktop.mouse.move(0, 0)
    flag.hover()
    expect(tip).to_be_visible()


def test_contents_and_fact_box_fold_on_a_phone_so_the_article_starts_on_the_first_screens(phone, phone_site):
    base, article_path = phone_site
    phone.goto(base + article_path)
    heading = phone.locator(".article-body h2").first
    assert heading.bounding_box()["y"] <= 1.5 * HEIGHT, heading.bounding_box()
    toc_list = phone.locator("nav.toc ol").first
    expect(toc_list).to_be_hidden()
    expect(phone.locator(".factbox .legend")).to_be_hidden()
    phone.locator("nav.toc summary").click()
    expect(toc_list).to_be_visible()
    phone.locator(".factbox summary").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".factbox .legend")).to_be_visible()
    assert scroll_width(phone) <= WIDTH


def test_contents_and_fact_box_are_unfolded_on_a_wide_screen(desktop, phone_site):
    base, article_path = phone_site
    desktop.goto(base + article_path)
    expect(desktop.locator("nav.toc ol").first).to_be_visible()
    expect(desktop.locator(".factbox .legend")).to_be_visible()
    expect(desktop.locator(".factbox .highlight-switch")).to_be_visible()
