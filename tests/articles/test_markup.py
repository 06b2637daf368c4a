"""The reader's page as HTML (articles/rendering/markup.py): escaping, structure, and the source page URL.

Pure: no database. What a browser makes of the markup is read back with the standard library's parser,
so a string that is not escaped shows up as an element or an attribute, not as text."""

import gc
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.rendering.markup import (
    article_markup,
    block_html,
    reference_html,
    source_citation_html,
    toc_html,
)
from articles.rendering.page import (
    ClaimInput,
    FigureSpan,
    SectionInput,
    SourceInput,
    TocEntry,
    render_article,
)
from articles.rendering.review import ReviewState, with_review_marks
from articles.views import source_page_url

HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> & ; &amp;"


class Reading(HTMLParser):
    """What a browser would read: the elements, their attributes and the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


def read(markup: str) -> Reading:
    reading = Reading()
    reading.feed(markup)
    reading.close()
    return reading


def assert_escaped(markup: str) -> Reading:
    reading = read(markup)
    assert "script" not in reading.tags and "img" not in reading.tags
    assert "onerror" not in {name for name, _ in reading.attributes}
    return reading


def page(*claims: ClaimInput, heading="History", sources=None, highlight=True, states=None):
    sections = [SectionInput(heading, 1, "s1", tuple(claims))]
    rendered = render_article(sections, sources or {}, highlight=highlight)
    if states:
        rendered = with_review_marks(rendered, states, view="latest")
    return rendered


def test_sentence_text_flags_and_passages_are_escaped():
    text = f"Over 20 {HOSTILE} died."
    claim = ClaimInput(
        id=7,
        text=text,
        markers=(("a", len(text)),),
        flags=("unsourced",),
        figures=(FigureSpan(0, 7, "supported", ("a",), f"passage {HOSTILE}"),),
    )
    rendered = page(claim)
    reading = assert_escaped(block_html(rendered.sections[0].paragraphs[0]))
    shown = "".join(reading.text)
    assert HOSTILE in shown  # the sentence, as text
    assert f"passage {HOSTILE}" in shown  # the tooltip's passage, as text


def test_review_note_and_reviewer_are_escaped_and_dated_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Yangon"  # UTC+06:30: 20:00 UTC is the next day there
    claim = ClaimInput(id=3, text="It rained.")
    state = ReviewState(
        id=3,
        status="disputed",
        reviewed_at=datetime(2026, 11, 28, 20, 0, tzinfo=UTC),
        reviewer=f"Rita {HOSTILE}",
        public_note=f"Wrong: {HOSTILE}",
    )
    with timezone.override("Asia/Yangon"):
        markup = block_html(page(claim, states={3: state}).sections[0].paragraphs[0])
    reading = assert_escaped(markup)
    shown = "".join(reading.text)
    assert f"by Rita {HOSTILE}" in shown and f"Wrong: {HOSTILE}" in shown
    assert ("datetime", "2026-11-29") in reading.attributes
    assert "29 November 2026" in shown


def test_sentences_of_a_paragraph_are_separated_by_one_space_and_nothing_follows_a_flag_label():
    claims = [
        ClaimInput(id=1, text="First has 546 people.", flags=("unsourced",), figures=(FigureSpan(10, 13),)),
        ClaimInput(id=2, text="Second."),
    ]
    markup = block_html(page(*claims).sections[0].paragraphs[0])
    assert markup.startswith("<p><span") and markup.endswith("</span></p>")
    assert "</span></span> people." in markup  # the flagged figure's mark closes right before the text
    assert '</span> <span id="claim-2"' in markup  # one space between the sentences, nothing else
    assert markup.count(" <span id=") == 1


def test_headings_and_contents_are_escaped():
    rendered = page(ClaimInput(id=1, text="Text."), heading=f"War {HOSTILE}")
    markup = article_markup(rendered, source_page_url("seed"))
    for part in (markup.sections, markup.toc):
        assert f"War {HOSTILE}" in "".join(assert_escaped(part).text)
    nested = toc_html((TocEntry("1", "A", "s1", (TocEntry("1.1", "B", "s2"),)),))
    assert read(nested).tags == ["ol", "li", "a", "span", "ol", "li", "a", "span"]


@pytest.mark.parametrize("field", ["title", "author", "work", "publisher", "published_text"])
def test_every_source_field_is_escaped(field):
    fields = {"title": "T", field: f"{field} {HOSTILE}"}
    source = SourceInput("k", url="https://example.org/?a=1&b=2", **fields)
    reading = assert_escaped(source_citation_html(source))
    assert f"{field} {HOSTILE}" in "".join(reading.text)
    assert ("href", "https://example.org/?a=1&b=2") in reading.attributes


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "//evil.example/"]
)
def test_a_source_address_that_is_not_a_web_address_is_never_a_link(url):
    for source in (SourceInput("k", title="Title", url=url), SourceInput("k", url=url, archive_url=url)):
        reading = read(source_citation_html(source))
        assert "a" not in reading.tags, url


def test_a_reference_shows_quotes_dates_and_dead_links():
    source = SourceInput(
        "k",
        title="Report",
        url="https://example.org/r",
        archive_url="https://archive.example/r",
        archived_on=date(2024, 1, 2),
        accessed_on=date(2024, 3, 4),
        is_dead_link=True,
        quotes=(f"said {HOSTILE}",),
    )
    rendered = page(ClaimInput(id=1, text="Cited.", markers=(("k", 6),)), sources={"k": source})
    (reference,) = rendered.references
    markup = reference_html(reference, "/articles/seed/sources/k/")
    reading = assert_escaped(markup)
    shown = "".join(reading.text)
    assert f"said {HOSTILE}" in shown
    assert "Archived from the original on 2 January 2024." in shown
    assert "Retrieved 4 March 2024." in shown and "[dead link]" in shown
    # A dead link's title leads to the archived copy.
    assert reading.attributes.index(("href", "https://archive.example/r")) < reading.attributes.index(
        ("href", "/articles/seed/sources/k/")
    )


@pytest.mark.parametrize(
    "key", ["12", "unhcr-2024", "a b", "café", "100%", "x&y=z", "q?x", "semi;colon", "~t:@"]
)
def test_the_source_page_url_is_what_reverse_gives(key):
    assert source_page_url("operation-1107")(key) == reverse(
        "articles:source", kwargs={"slug": "operation-1107", "key": key}
    )


def test_a_served_process_freezes_its_start_up_objects():
    gc.unfreeze()
    from config.wsgi import freeze_startup_objects

    try:
        freeze_startup_objects()
        assert gc.get_freeze_count() > 10_000  # Django and the apps, out of the collector's sight
    finally:
        gc.unfreeze()


def test_the_fact_check_rows_and_findings_are_escaped():
    from decimal import Decimal

    from articles.rendering.report_markup import findings_html, rows_html
    from claims.report import ClaimRow, FigureRow

    row = ClaimRow(
        id=5,
        section=f"Section {HOSTILE}",
        text=f"Claim {HOSTILE}",
        status="unreviewed",
        sources=(f"k{HOSTILE}",),
        inferred_sources=("2",),
        flags=("single_source",),
        figures=(
            FigureRow(f"12 {HOSTILE}", Decimal(12), None, "", "exact", "count", "supported", ("k",)),
            FigureRow("3", Decimal(3), None, "", "exact", "count", "not_found"),
        ),
    )
    reading = assert_escaped(rows_html([row], "/articles/a/", lambda key: f"/s/{key}/"))
    shown = "".join(reading.text)
    for text in (f"Section {HOSTILE}", f"Claim {HOSTILE}", f"[k{HOSTILE}]", f"12 {HOSTILE}"):
        assert text in shown
    assert reading.tags.count("td") == 6
    assert "verified in [k]" in shown and "failed verification" in shown
    assert ("href", "/articles/a/#claim-5") in reading.attributes
    finding = {
        "kind": "conflict",
        "status": "open",
        "statements": [
            {"id": 1, "text": f"First {HOSTILE}", "value": f"5 {HOSTILE}"},
            {"id": 2, "text": "Second", "value": "6"},
        ],
    }
    reading = assert_escaped(findings_html([finding], "/articles/a/"))
    shown = "".join(reading.text)
    assert f"“5 {HOSTILE}” in “First {HOSTILE}” and “6” in “Second”" in " ".join(shown.split())
    assert ("href", "/articles/a/#claim-2") in reading.attributes
