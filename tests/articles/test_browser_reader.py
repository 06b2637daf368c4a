"""A short checked article at 1280 px in real Chromium: no blank bands between the notice, the lead, the
contents and the first section; no table cell breaks inside a word; printed, no hidden link leaves ". .";
and the site's 404 and 400 pages pass axe-core and the Nu HTML Checker."""

import re

import pytest

from articles.services import article_import
from sources.models import Source
from sources.services import snapshot_store
from tests.articles.test_browser import launched_chromium, serious_violations
from tests.articles.test_pages_validity import nu_errors
from tests.articles.test_reader_page import ARTICLE, REPORT
from tests.conftest import SEED_PATH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A table whose headers are single words, as a short article's would be.
TABLE = (
    "\n| Statements | Who | Figures |\n|---|---|---|"
    "\n| Reported by the agencies | Aid agencies | 950 homes[1] |\n"
)
# Each word of every table cell with more than one line box: a word broken inside itself. Words are
# split at spaces, hyphens, dashes and slashes, where a line may break.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\\u2013\\u2014\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(boxes.map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def site(live_server):
    article = article_import(data=ARTICLE + TABLE, slug="riverton", title="Riverton flood").article
    snapshot_store(
        source=Source.objects.get(article=article, key="1"), text=REPORT, origin="paste", user=None
    )
    seed = article_import(data=SEED_PATH.read_bytes(), slug="operation-1107", title="Operation 1107").article
    return live_server.url, article, seed


@pytest.fixture
def wide(site, monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        yield browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()


def gap(page, upper: str, lower: str) -> int:
    return page.evaluate(
        "([a, b]) => Math.round(document.querySelector(b).getBoundingClientRect().top"
        " - document.querySelector(a).getBoundingClientRect().bottom)",
        [upper, lower],
    )


def test_a_short_article_has_no_blank_bands_beside_the_fact_box(wide, site):
    base, article, _ = site
    wide.goto(base + article.get_absolute_url())
    assert wide.locator(".factbox").bounding_box()["height"] > 600  # taller than the text beside it
    # Each gap is the elements' own margins (about 1-2 rem), not a share of the fact box's height.
    assert gap(wide, ".article-header", ".lead") <= 32
    assert gap(wide, ".lead", ".toc") <= 32
    assert gap(wide, ".toc", ".article-body h2") <= 48


@pytest.mark.parametrize("path", ["", "factcheck/", "history/"])
def test_no_table_cell_breaks_inside_a_word_at_1280_px(wide, site, path):
    base, article, seed = site
    for shown in (article, seed):
        wide.goto(base + shown.get_absolute_url() + path)
        assert shown == seed or wide.locator("table").count()
        assert wide.evaluate(BROKEN_WORDS) == [], shown.slug + path


@pytest.mark.parametrize("suffix", ["", "?view=reviewed", "history/", "factcheck/", "sources/1/"])
def test_print_leaves_no_full_stop_of_a_hidden_link(wide, site, suffix):
    base, article, _ = site
    wide.goto(base + article.get_absolute_url() + suffix)
    wide.emulate_media(media="print")
    printed = wide.evaluate("() => document.body.innerText")
    assert not re.search(r"[.:,;]\s+[.,;]", printed), re.findall(r".{60}[.:,;]\s+[.,;]", printed)


def test_the_error_pages_pass_axe_and_the_nu_checker(wide, site, client, tmp_path):
    base, _, _ = site
    wide.goto(base + "/articles/no-such-article/")
    assert wide.locator("h1").inner_text() == "Page not found"
    assert serious_violations(wide) == []
    paths = []
    for name, response in (("404", client.get("/nope/")), ("400", client.get("/", HTTP_HOST="bad host"))):
        assert response.status_code == int(name)
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_bytes(response.content)
    assert nu_errors(paths) == []
