"""Telling HTML, PDF and text apart, reading their text, and what metadata may suggest (no database)."""

import pytest

from sources.extraction import ExtractionFailed, decode_text, detect_kind, extract, media_type
from sources.suggestions import Suggestion, clean_metadata, suggestions
from tests.linear import count_steps
from tests.sources.conftest import ARTICLE_HTML, REPORT_PDF


@pytest.mark.parametrize(
    ("data", "content_type", "kind"),
    [
        (b"%PDF-1.7\n...", "", "pdf"),
        (REPORT_PDF, "", "pdf"),
        (b"<!DOCTYPE html><html></html>", "", "html"),
        (b"\xef\xbb\xbf\n  <html lang=en>", "", "html"),
        (b"<!-- saved page --><html>", "", "html"),
        (b"Plain words, 45 per cent.", "", "text"),
        ("Déplacés : 6 000".encode(), "", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "", None),
        (b"\xff\xfe\x00b\x00a\x00d", "", None),
        (b"anything", "text/html; charset=utf-8", "html"),
        (b"anything", "application/xhtml+xml", "html"),
        (b"anything", "TEXT/PLAIN", "text"),
        (b"anything", "application/pdf", "pdf"),
        (b"<html>", "image/png", None),
        (b"<html>", "application/octet-stream", None),
    ],
)
def test_detect_kind(data, content_type, kind):
    assert detect_kind(data, content_type) == kind


def test_a_character_cut_at_the_end_of_the_sample_is_still_text():
    data = ("a" * 2047 + "é").encode()  # é's second byte falls just past the 2048-byte sample
    assert detect_kind(data) == "text"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('text/plain;charset="iso-8859-1"', ("text/plain", "iso-8859-1")),
        ("application/pdf", ("application/pdf", "")),
        ("", ("", "")),
        ("text/html; boundary=x; charset=cp1252", ("text/html", "cp1252")),
    ],
)
def test_media_type(header, expected):
    assert media_type(header) == expected


@pytest.mark.parametrize(
    ("data", "charset", "text"),
    [
        ("café".encode(), "", "café"),
        ("\ufeffcafé".encode(), "", "café"),
        ("café".encode("latin-1"), "iso-8859-1", "café"),
        ("café".encode("latin-1"), "", "café"),  # not UTF-8: read as Windows-1252
        (b"x", "no-such-charset", "x"),
    ],
)
def test_decode_text(data, charset, text):
    assert decode_text(data, charset) == text


def test_html_text_leaves_out_navigation_and_scripts():
    extracted = extract(ARTICLE_HTML, "html")
    assert "6,000 people" in extracted.text
    assert "Home" not in extracted.text and "document.title" not in extracted.text


def test_a_tiny_page_still_gives_its_visible_text():
    extracted = extract(
        b"<html><head><title> Short  page </title><style>p{}</style></head>"
        b"<body><p>Only 12 words.</p><script>x()</script></body></html>",
        "html",
    )
    assert extracted.text == "Only 12 words."
    assert extracted.metadata == {"title": "Short page"}


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "2024-03-05"),
        ('<meta name="citation_publication_date" content="2020/07/01">', "2020-07-01"),
        ('<meta itemprop="datePublished" content="2019-01-31">', "2019-01-31"),
        ('<meta name="date" content="yesterday">', None),
        ('<meta name="dc.date" content="2021-02-30">', None),
        ("", None),
    ],
)
def test_the_date_comes_only_from_markup_that_states_it(head, date):
    body = "<p>On 5 March 2021 the army attacked; 6,000 fled. Updated 2023-04-02.</p>" * 5
    page = f"<html><head><title>T</title>{head}</head><body><article>{body}</article></body></html>"
    assert extract(page.encode(), "html").metadata.get("date") == date


def test_broken_pdf_is_refused():
    with pytest.raises(ExtractionFailed):
        extract(REPORT_PDF[:60], "pdf")


def test_html_extraction_is_linear_on_a_page_100_times_larger():
    """Counted, not timed (the time: bench.fetch, "text extraction" at 1x, 10x and 100x): the steps each
    added 9,000 paragraphs cost are about ten times what the 900 before them cost. Paragraphs differ, since
    the extractor drops repeated ones."""

    def page(paragraphs: int) -> bytes:
        body = "".join(
            f"<p>The United Nations counted {n * 7} displaced people in district {n} last week.</p>"
            for n in range(paragraphs)
        )
        return f"<html><body><article>{body}</article></body></html>".encode()

    extract(page(10), "html")  # modules loaded and patterns compiled outside the count
    steps = [count_steps(extract, page(paragraphs), "html") for paragraphs in (100, 1_000, 10_000)]
    assert steps[2] - steps[1] < 2 * 10 * (steps[1] - steps[0])  # quadratic work would be 100 times
    text = extract(page(10_000), "html").text
    assert text.count("displaced people") == 10_000 and "district 9999 last week" in text


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ({"title": "  A   title\n", "author": None}, {"title": "A title"}),
        ({"date": "2024-03-05T10:00:00"}, {"date": "2024-03-05"}),
        ({"date": "March 2024"}, {}),
        ({"date": "2024-13-40"}, {}),
        ({"sitename": "x" * 400}, {"sitename": "x" * 300}),
        ({"unknown": "kept out", "title": 7}, {"title": "7"}),
        (None, {}),
    ],
)
def test_clean_metadata(raw, cleaned):
    assert clean_metadata(raw) == cleaned


def test_suggestions_name_the_field_and_say_whether_it_is_empty():
    current = {"title": "Typed", "author": "", "publisher": "Example News", "published_on": ""}
    metadata = {
        "title": "Page title",
        "author": "A. Writer",
        "sitename": "Example News",
        "date": "2024-01-02",
    }
    assert suggestions(current, metadata) == [
        Suggestion("title", "Typed", "Page title"),
        Suggestion("author", "", "A. Writer"),
        Suggestion("published_on", "", "2024-01-02"),
    ]
    assert [s.fills_empty for s in suggestions(current, metadata)] == [False, True, True]


@pytest.mark.parametrize(
    ("current", "metadata", "suggested"),
    [
        # The page's site name is the newspaper already in ``work``: not a publisher to fill.
        ({"work": "Riverton Gazette", "publisher": ""}, {"sitename": "Riverton Gazette"}, []),
        ({"work": "Riverton  gazette", "publisher": ""}, {"sitename": "RIVERTON Gazette"}, []),
        ({"work": "", "publisher": "Riverton Gazette"}, {"author": "Riverton Gazette"}, []),
        ({"work": "Riverton Gazette", "author": ""}, {"author": "Riverton Gazette"}, []),
        # One name in two metadata keys fills one field, not both.
        (
            {"author": "", "publisher": ""},
            {"author": "Gazette", "sitename": "Gazette"},
            [("publisher", "Gazette")],
        ),
        # A different name is still filled or suggested.
        (
            {"work": "Riverton Gazette", "publisher": ""},
            {"sitename": "Gazette Media"},
            [("publisher", "Gazette Media")],
        ),
        ({"work": "", "publisher": ""}, {"sitename": "Gazette"}, [("publisher", "Gazette")]),
        # The title is no name: a title equal to the work is still suggested.
        ({"work": "Annual report", "title": ""}, {"title": "Annual report"}, [("title", "Annual report")]),
    ],
)
def test_a_name_already_in_another_field_is_not_suggested(current, metadata, suggested):
    assert [(s.field, s.suggested) for s in suggestions(current, metadata)] == suggested
