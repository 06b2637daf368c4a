"""The reference list shows what a citation template gave (pages, DOI, ISBN, quote) and the page each
use cites, escaped, with identifiers linked only when well formed. Pure rendering: no database."""

import pytest

from articles.rendering.identifiers import doi_url, isbn_url, pages_text
from articles.rendering.markup import reference_html, source_citation_html
from articles.rendering.page import ClaimInput, SourceInput
from tests.articles.test_markup import HOSTILE, assert_escaped, page, read


@pytest.mark.parametrize(
    "pages, shown",
    [
        ("12", "p. 12"),
        ("3–5", "pp. 3–5"),
        ("3-5", "pp. 3-5"),
        ("12, 14", "pp. 12, 14"),
        ("xii", "p. xii"),
        ("p. 12", "p. 12"),
        ("chapter 3", "chapter 3"),
        ("  12 ", "p. 12"),
        ("", ""),
    ],
)
def test_pages_text(pages, shown):
    assert pages_text(pages) == shown


@pytest.mark.parametrize(
    "isbn, url",
    [
        ("978-0-306-40615-7", "https://openlibrary.org/isbn/9780306406157"),
        ("0-306-40615-2", "https://openlibrary.org/isbn/0306406152"),
        ("0-8044-2957-X", "https://openlibrary.org/isbn/080442957X"),
        ("978-0-306-40615-8", ""),  # wrong check digit
        ("978-0-306-40615", ""),
        ('978"><script>', ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_isbn_url(isbn, url):
    assert isbn_url(isbn) == url


@pytest.mark.parametrize(
    "doi, url",
    [
        ("10.1000/182", "https://doi.org/10.1000/182"),
        (
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O",
        ),
        ("10.1093/ajae/aaq063 ", "https://doi.org/10.1093/ajae/aaq063"),
        ("10.1000/a b", ""),
        ("doi:10.1000/182", ""),
        ("javascript:alert(1)", ""),
        ('10.1000/x"onmouseover=alert(1)', "https://doi.org/10.1000/x%22onmouseover%3Dalert(1)"),
    ],
)
def test_doi_url(doi, url):
    assert doi_url(doi) == url


def test_a_source_shows_its_pages_doi_isbn_and_quote_in_citation_order():
    source = SourceInput(
        "k",
        title="Rivers Tamed",
        author="Marsh, Lena",
        publisher="Delta Press",
        pages="50–52",
        doi="10.1000/182",
        isbn="978-0-306-40615-7",
        quote="The dam was finished in 1962.",
        accessed_on=None,
    )
    reading = assert_escaped(source_citation_html(source))
    shown = "".join(reading.text)
    assert (
        "Delta Press. pp. 50–52. doi:10.1000/182. ISBN 978-0-306-40615-7. “The dam was finished in 1962.”"
        in (shown.replace("\u201c", "“"))
        or (
            "Delta Press. pp. 50–52. doi:10.1000/182. ISBN 978-0-306-40615-7." in shown
            and "The dam was finished in 1962." in shown
        )
    )
    assert ("href", "https://doi.org/10.1000/182") in reading.attributes
    assert ("href", "https://openlibrary.org/isbn/9780306406157") in reading.attributes
    assert "q" in reading.tags


@pytest.mark.parametrize("field", ["pages", "isbn", "doi", "quote"])
def test_the_new_fields_are_escaped_and_a_bad_identifier_is_no_link(field):
    source = SourceInput("k", title="T", **{field: f"{field} {HOSTILE}"})
    reading = assert_escaped(source_citation_html(source))
    assert f"{field} {HOSTILE}" in "".join(reading.text)
    assert "a" not in reading.tags


def test_a_confirmed_quote_equal_to_the_templates_is_shown_once():
    source = SourceInput("k", title="T", quote="Same words.", quotes=("Same words.",))
    rendered = page(ClaimInput(id=1, text="Cited.", markers=(("k", 6),)), sources={"k": source})
    markup = reference_html(rendered.references[0], "/s/")
    assert markup.count("Same words.") == 1


def test_each_use_shows_the_page_it_cites():
    source = SourceInput("marsh", title="Rivers Tamed")
    rendered = page(
        ClaimInput(id=1, text="One.", markers=(("marsh", 4),), pages=(("marsh", "p. 41"),)),
        ClaimInput(id=2, text="Two.", markers=(("marsh", 4),)),
        ClaimInput(id=3, text="Three.", markers=(("marsh", 6),), pages=(("marsh", f"pp. {HOSTILE}"),)),
        sources={"marsh": source},
    )
    reading = assert_escaped(reference_html(rendered.references[0], "/s/"))
    assert f"a: p. 41; c: pp. {HOSTILE}." in "".join(reading.text)
    single = page(
        ClaimInput(id=1, text="One.", markers=(("marsh", 4),), pages=(("marsh", "p. 41"),)),
        sources={"marsh": source},
    )
    assert "Rivers Tamed”. p. 41." in "".join(read(reference_html(single.references[0], "/s/")).text).replace(
        "\u201d", "”"
    )
    none = page(ClaimInput(id=1, text="One.", markers=(("marsh", 4),)), sources={"marsh": source})
    assert "cited-pages" not in reference_html(none.references[0], "/s/")
