"""Plain-text short references ("Author (Year), p. N", "Author, p. N") and the bibliography entries they
name. Invented text throughout; table-tested, then read through the wikitext reader."""

import pytest

from articles.wikitext.reading import read_wikitext
from articles.wikitext.shortrefs import (
    ShortReference,
    entry_from_fields,
    entry_from_text,
    matching_entry,
    short_references,
)

READINGS = [
    ("Okafor (2011), p. 12.", (("Okafor",), "2011", "p. 12")),
    ("Okafor 2011, p. 12", (("Okafor",), "2011", "p. 12")),
    ("Okafor, pp. 40–42.", (("Okafor",), "", "pp. 40–42")),
    ("Okafor (2011), pp.\u00a06, 19 (river crossings).", (("Okafor",), "2011", "pp. 6, 19")),
    ("Van der Linde 1998, p. 3", (("Van der Linde",), "1998", "p. 3")),
    ("Marsh and Okafor (2004), p. 7", (("Marsh", "Okafor"), "2004", "p. 7")),
    ("Marsh & Okafor 2004, p.7", (("Marsh", "Okafor"), "2004", "p. 7")),
    ("Okafor (2011b), p. xii", (("Okafor",), "2011", "p. xii")),
]


@pytest.mark.parametrize("text, expected", READINGS, ids=[text for text, _ in READINGS])
def test_a_short_reference_is_read(text, expected):
    assert short_references(text) == (ShortReference(*expected),)


def test_several_joined_by_semicolons():
    assert short_references("Marsh (2004), p. 7; Okafor (2011), p. 12.") == (
        ShortReference(("Marsh",), "2004", "p. 7"),
        ShortReference(("Okafor",), "2011", "p. 12"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Okafor, Ada. Rivers of the Delta (2011), p. 12.",  # a full citation with its page
        "Okafor (2011).",  # no page
        "Okafor, Rivers, 40–42.",  # a title, no "p."
        "See Okafor (2011), p. 12, for the numbers.",
        "Marsh (2004), p. 7; and much more text here",
        "okafor (2011), p. 12",
        "",
    ],
)
def test_anything_else_is_no_short_reference(text):
    assert short_references(text) is None


ENTRIES = {
    "okafor": [entry_from_text("a", "Okafor, Ada. Rivers of the Delta. Lagos: Example Press, 2011.")],
    "marsh": [
        entry_from_text("b", "Lena Marsh and Tunde Okafor. Dams. 2004."),
        entry_from_fields("c", "Marsh, Lena", "1999-05-01"),
    ],
}


@pytest.mark.parametrize(
    "reference, key",
    [
        (ShortReference(("Okafor",), "2011", "p. 1"), "a"),
        (ShortReference(("Okafor",), "", "p. 1"), "a"),  # one Okafor: no year needed
        (ShortReference(("Okafor",), "2012", "p. 1"), None),  # wrong year
        (ShortReference(("Marsh",), "2004", "p. 1"), "b"),
        (ShortReference(("Marsh",), "1999", "p. 1"), "c"),  # a template's entry, its year from the date
        (ShortReference(("Marsh",), "", "p. 1"), None),  # two Marsh entries: ambiguous
        (ShortReference(("Marsh", "Okafor"), "", "p. 1"), "b"),  # the co-author tells them apart
        (ShortReference(("Marsh", "Smith"), "2004", "p. 1"), None),
        (ShortReference(("Nobody",), "2004", "p. 1"), None),
    ],
)
def test_an_entry_matches_only_when_exactly_one_fits(reference, key):
    entry = matching_entry(reference, ENTRIES)
    assert (entry.key if entry else None) == key


def test_entries_from_text_and_fields():
    assert entry_from_text("x", "The Annual Report. 2011.").surname == "report"  # no comma: last word
    assert entry_from_text("x", "– a list, 2011") is None
    assert entry_from_fields("x", "", "2011") is None


WIKI = (
    "The dam rose in 1962.<ref>Okafor (2011), p.&nbsp;12.</ref> It holds 3 km3.<ref>Okafor, pp. 40–42.</ref>"
    ' It gives 40 MW.<ref name="m">Marsh (2004), p. 7; Okafor 2011, p. 9.</ref> Again 40 MW.<ref name="m"/>'
    " Far away.<ref>Nobody (1900), p. 1.</ref> Named.<ref>{{cite book |last=Marsh |first=Lena |year=2004"
    " |title=Dams}}</ref>\n\n== Further reading ==\n* Okafor, Ada. ''Rivers of the Delta''. Example Press,"
    " 2011.\n"
)


def test_plain_short_references_cite_their_entry_with_the_page():
    article = read_wikitext(WIKI)
    lead = article.sections[0]
    assert lead.body == (
        "The dam rose in 1962.[okafor2011] It holds 3 km3.[okafor2011] It gives 40 MW.[ref-1][okafor2011]"
        " Again 40 MW.[ref-1][okafor2011] Far away.[ref-2] Named.[ref-1]"
    )
    assert lead.cited_pages == (
        ("okafor2011", 1, "p. 12"),
        ("okafor2011", 2, "pp. 40–42"),
        ("ref-1", 1, "p. 7"),  # Marsh 2004: the book cited in full in a ref
        ("okafor2011", 3, "p. 9"),
        ("ref-1", 2, "p. 7"),
        ("okafor2011", 4, "p. 9"),
    )
    sources = {source.key: source for source in article.sources}
    assert sources["okafor2011"].citation_text.startswith("Okafor, Ada. Rivers of the Delta.")
    assert sources["ref-2"].citation_text == "Nobody (1900), p. 1."  # names no entry: its own source
    assert article.report.counts["plain_short_resolved"] == 4
    assert article.report.ref_tags == 6 and sum(count for _, count in article.report.ref_outcomes) == 6


def test_an_ambiguous_short_reference_stays_its_own_source():
    wiki = WIKI.replace("2011.\n", "2011.\n* Okafor, Tunde. ''Bridges''. 2011.\n")
    article = read_wikitext(wiki)
    assert "[okafor2011]" not in article.sections[0].body
    assert any(source.citation_text == "Okafor (2011), p.\u00a012." for source in article.sources)


def test_a_surname_with_more_entries_than_any_bibliography_holds_is_not_resolved():
    many = {
        "okafor": [entry_from_text(str(year), f"Okafor, Ada. Book. {year}.") for year in range(1900, 1930)]
    }
    assert matching_entry(ShortReference(("Okafor",), "1905", "p. 1"), many) is None
    few = {"okafor": many["okafor"][:20]}
    assert matching_entry(ShortReference(("Okafor",), "1905", "p. 1"), few).key == "1905"
