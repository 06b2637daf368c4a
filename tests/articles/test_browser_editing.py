"""Two editors in two real browsers (Debian's Chromium through Playwright) editing one section at once:
changes to different sentences are merged without a further click; changes to the same sentence are
refused with both versions on the page, and nothing either editor typed is lost."""

import pytest
from playwright.sync_api import expect

from articles.models import Section
from articles.services import article_import
from tests.articles.test_browser import launched_chromium
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Lead text.[1]\n"
    "Fighting\n"
    "The offensive began on 7 November.[1] Fighters took 12 posts in the first week.[1] "
    "The junta answered with 477 airstrikes.[2] Aid groups counted 100,000 displaced.[2]\n"
)
PASSWORD = "correct horse battery"


@pytest.fixture
def section(live_server):
    article_import(data=TEXT, slug="two-editors", title="Two editors")
    # Superusers: a transactional test starts without the groups the data migration made.
    for name in ("ann", "ben"):
        UserFactory(username=name, is_superuser=True)
    return Section.objects.get(heading="Fighting")


@pytest.fixture
def two_editors(live_server, section, monkeypatch):
    """A signed-in page for each of two editors, each in its own browser context (its own cookies)."""
    with launched_chromium(monkeypatch) as browser:
        pages = []
        for name in ("ann", "ben"):
            page = browser.new_context().new_page()
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", name)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            expect(page.locator("#site-name")).to_be_visible()
            pages.append(page)
        yield pages


def open_section(page, live_server, section):
    page.goto(f"{live_server.url}/admin/articles/section/{section.pk}/change/")


def edit(page, old: str, new: str):
    body = page.locator("#id_body")
    body.fill(body.input_value().replace(old, new))
    page.click("input[name=_continue]")


def test_edits_of_different_sentences_both_survive_the_second_save(two_editors, live_server, section):
    ann, ben = two_editors
    open_section(ann, live_server, section)
    open_section(ben, live_server, section)
    edit(ann, "12 posts", "14 posts")
    expect(ann.locator("ul.messagelist")).to_contain_text("was changed successfully")
    edit(ben, "477 airstrikes", "480 airstrikes")
    expect(ben.locator("ul.messagelist")).to_contain_text("both were saved together")
    expect(ben.locator("#id_body")).to_have_value(Section.objects.get(pk=section.pk).body)
    body = Section.objects.get(pk=section.pk).body
    assert "14 posts" in body and "480 airstrikes" in body


def test_edits_of_the_same_sentence_are_refused_with_both_versions_and_nothing_lost(
    two_editors, live_server, section
):
    ann, ben = two_editors
    open_section(ann, live_server, section)
    open_section(ben, live_server, section)
    edit(ann, "477 airstrikes", "480 airstrikes")
    expect(ann.locator("ul.messagelist")).to_contain_text("was changed successfully")
    edit(ben, "477 airstrikes", "470 airstrikes")
    conflict = ben.locator("#edit-conflict")
    expect(conflict.locator("td.theirs")).to_contain_text("480 airstrikes")
    expect(conflict.locator("td.yours")).to_contain_text("470 airstrikes")
    expect(ben.locator("#id_body")).to_have_value(Section.objects.get(pk=section.pk).body)
    assert "480 airstrikes" in Section.objects.get(pk=section.pk).body
    ben.click("input[name=_continue]")  # saving the form as it now stands keeps Ann's change
    # Ben's only change was the conflicting one: the form now holds the saved text, so nothing is written.
    expect(ben.locator("ul.messagelist")).to_contain_text("No changes")
    assert "480 airstrikes" in Section.objects.get(pk=section.pk).body
