"""The demo in real Chromium: a reader sees the demo article's verified and failed figures; a reviewer
opens a claim, sees the source's near miss marked, and confirms a passage without a decision. The pages
pass the Nu HTML Checker and axe-core."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from playwright.sync_api import expect

from articles.demo import DEMO_SLUG, demo_article_load
from articles.services import section_save
from claims.models import Citation, Claim
from claims.services import claim_review
from tests.articles.test_browser import AXE, launched_chromium, serious_violations
from tests.articles.test_pages_validity import nu_errors
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    demo_article_load()
    # Transactional tests start from a flushed database: no groups, so permissions are granted directly.
    reviewer = UserFactory(username="rita")
    reviewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims", codename__in=["review_claim", "view_claim"]
        )
    )
    return live_server.url


@pytest.fixture
def page(live_server, monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        # The site's Content-Security-Policy forbids inline scripts; axe-core is injected as one.
        yield browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}).new_page()


def nu_errors_of(page, tmp_path, name) -> list[dict]:
    """The Nu HTML Checker's errors in the page as the server sent it (not as axe-core left the DOM)."""
    path = tmp_path / f"{name}.html"
    path.write_bytes(page.request.get(page.url).body())
    return nu_errors([path])


def serious_violations_in(page, selector: str) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async (selector) => await axe.run(selector)", selector)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def figure(page, text):
    return page.locator(".flag-figure", has=page.locator("mark", has_text=re.compile(f"^{re.escape(text)}$")))


def test_a_reader_sees_the_demo_articles_verified_failed_and_contradicted_figures(demo, page, tmp_path):
    page.goto(demo + f"/articles/{DEMO_SLUG}/")
    expect(page.locator("h1")).to_contain_text("(a demo)")
    expect(page.locator("main")).to_contain_text("invented")
    for verified in ("3.2 metres", "About 2,400", "over 5,000", "43"):
        expect(figure(page, verified).locator(".verdict-label")).to_have_text(re.compile(r"^verified in \["))
    expect(figure(page, "£12 million").locator(".flag-label")).to_have_text("[failed verification]")
    homes = figure(page, "820")
    # The council's page puts the homes at 280: the figure is contradicted, and the tooltip says so.
    expect(homes.locator(".flag-label")).to_have_text("[contradicted by source]")
    tip = page.locator("#" + homes.get_attribute("aria-describedby"))
    homes.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("says 280")
    # The reference list names the work once ("*Eskerby Gazette*", not "*Eskerby Gazette*. Eskerby Gazette.").
    expect(page.locator(".references")).not_to_contain_text("Eskerby Gazette. Eskerby Gazette")
    assert serious_violations(page) == []
    assert nu_errors_of(page, tmp_path, "demo-article") == []


def test_a_reviewer_confirms_a_passage_without_a_decision(demo, page, tmp_path):
    page.goto(demo + reverse("admin:login"))
    page.fill("#id_username", "rita")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    claim = Claim.objects.get(section__article__slug=DEMO_SLUG, text__contains="820 homes")
    page.goto(demo + reverse("admin:claims_claim_change", args=[claim.pk]))
    council = Citation.objects.get(claim=claim, source__key="council")
    source = page.locator(f"#evidence-{council.pk}")
    # The source's value of the same quantity is marked, with the figure it misses.
    expect(source.locator(".workbench-near-miss")).to_have_text("280")
    expect(source.locator(".workbench-near-miss-note")).to_have_text("(not 820)")
    # The passage reads at text size in the text colour; the labels are not squeezed into a column.
    passage = source.locator(".workbench-passage")
    size = passage.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    colour = passage.evaluate("node => getComputedStyle(node).color")
    assert size >= 13 and colour != "rgb(119, 119, 119)"
    confirm = source.locator(f"label:has(input[name=confirm-passage-{council.pk}])")
    assert confirm.bounding_box()["width"] > 400
    # Django's admin chrome (its breadcrumbs fail link-in-text-block on every admin page) is not this
    # page's: axe-core checks the content, the decision form and the workbench.
    assert serious_violations_in(page, "#content") == []
    assert nu_errors_of(page, tmp_path, "claim") == []

    expect(page.locator("#id_status")).to_have_value("")  # no decision chosen
    page.check(f"input[name=confirm-passage-{council.pk}]")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Confirmed 1 passage(s)")
    expect(source.locator(".workbench-status")).to_contain_text("Confirmed by rita")
    assert page.url.startswith(demo + reverse("admin:claims_claim_change", args=[claim.pk]))
    council.refresh_from_db()
    assert council.quote == council.suggested_passage and "280 homes" in council.quote
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED


def test_the_queue_announces_removals_awaiting_approval(demo, page, tmp_path):
    rita = UserFactory._meta.model.objects.get(username="rita")
    insurers = Claim.objects.get(section__article__slug=DEMO_SLUG, text__startswith="Insurers paid")
    claim_review(claim=insurers, reviewer=rita, status="approved")
    section = insurers.section
    body = section.body.replace(" " + insurers.raw, "")
    section_save(section=section, body=body, user=None, base_version=section.version)
    page.goto(demo + reverse("admin:login"))
    page.fill("#id_username", "rita")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    article = section.article_id
    page.goto(demo + reverse("admin:claims_claim_changelist") + f"?section__article__id__exact={article}")
    notice = page.locator(".removals-waiting")
    expect(notice).to_contain_text("1 removed sentence(s) still show in the reviewed view")
    assert serious_violations_in(page, "#content") == []
    assert nu_errors_of(page, tmp_path, "queue") == []
    notice.locator("a").click()
    expect(page.locator("#result_list")).to_contain_text("Insurers paid out on 1,150 claims")
