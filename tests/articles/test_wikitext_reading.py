"""The wikitext reader (articles/wikitext): pure, table-tested, no database."""

import pytest

from articles.errors import ArticleFormatError
from articles.wikitext.citations import citation_fields
from articles.wikitext.convert import render_convert
from articles.wikitext.detection import detect_format
from articles.wikitext.reading import read_wikitext
from articles.wikitext.writing import write_wikitext


@pytest.mark.parametrize(
    ("positional", "named", "shown"),
    [
        (["30", "m", "ft"], {}, "30 metres (98 ft)"),
        (["100", "m", "ft"], {}, "100 metres (330 ft)"),
        (["1", "mi", "km"], {}, "1 mile (1.6 km)"),
        (["15", "–", "17", "in", "cm"], {}, "15–17 inches (38–43 cm)"),
        (["5", "km"], {}, "5 kilometres (3.1 mi)"),
        (["30", "m", "ft"], {"abbr": "on"}, "30 m (98 ft)"),
        (["30", "m", "ft", "1"], {}, "30 metres (98.4 ft)"),
        (["1680", "mi", "0"], {"abbr": "off"}, "1,680 miles (2,704 kilometres)"),
        (["12", "km2", "sqmi"], {}, "12 square kilometres (4.6 sq mi)"),
        (["32", "F", "C"], {}, "32 degrees Fahrenheit (0 °C)"),
        (["30", "m", "ft"], {"disp": "or"}, "30 metres or 98 ft"),
        (["166", "cm", "ftin"], {"abbr": "on"}, "166 cm (5 ft 5 in)"),
        (["400000", "oilbbl/d", "m3/d"], {}, "400,000 barrels per day (64,000 m³/d)"),
        (["383", "/km2"], {"abbr": "on"}, "383/km² (992/sq mi)"),
    ],
)
def test_convert_shows_what_readers_see(positional, named, shown):
    assert render_convert(positional, named) == shown


@pytest.mark.parametrize(
    ("name", "parameters", "expected"),
    [
        (
            "cite web",
            {
                "url": "https://a.example/x",
                "title": "T",
                "website": "Site",
                "date": "4 March 2021",
                "access-date": "2021-05-01",
            },
            {
                "url": "https://a.example/x",
                "title": "T",
                "work": "Site",
                "published_on": "2021-03-04",
                "accessed_on": "2021-05-01",
            },
        ),
        (
            "Cite news",
            {
                "last": "Okafor",
                "first": "Ada",
                "last2": "Lee",
                "first2": "Bo",
                "newspaper": "Times",
                "date": "2019",
                "dead-url": "yes",
                "archiveurl": "https://web.archive.org/x",
                "archivedate": "January 2, 2020",
                "accessdate": "June 1, 2019",
            },
            {
                "author": "Okafor, Ada; Lee, Bo",
                "work": "Times",
                "published_text": "2019",
                "url_status": "dead",
                "archive_url": "https://web.archive.org/x",
                "archived_on": "2020-01-02",
                "accessed_on": "2019-06-01",
            },
        ),
        (
            "cite book",
            {
                "author": "Marsh, L.",
                "title": "Rivers",
                "publisher": "Press",
                "year": "2004",
                "isbn": "978-0",
                "page": "41",
            },
            {
                "author": "Marsh, L.",
                "title": "Rivers",
                "publisher": "Press",
                "published_text": "2004",
                "isbn": "978-0",
                "pages": "41",
            },
        ),
        (
            "cite journal",
            {
                "title": "A",
                "journal": "J",
                "doi": "10.1/x",
                "pages": "1–9",
                "quote": "q",
                "url-status": "live",
                "url": "//example.org/a",
            },
            {
                "title": "A",
                "work": "J",
                "doi": "10.1/x",
                "pages": "1–9",
                "quote": "q",
                "url_status": "live",
                "url": "https://example.org/a",
            },
        ),
        (
            "cite magazine",
            {"title": "M", "magazine": "Mag", "url": "javascript:alert(1)"},
            {"title": "M", "work": "Mag"},
        ),
        ("citation", {"title": "C", "publisher": "P"}, {"title": "C", "publisher": "P"}),
    ],
)
def test_citation_template_fields(name, parameters, expected):
    fields = citation_fields(name, parameters)
    assert {key: value for key, value in fields.items() if value} == expected


def sample(body: str) -> str:
    return body


def test_named_refs_reused_cite_one_source_and_plain_text_keeps_its_text():
    article = read_wikitext(
        'One fact.<ref name="a">{{cite web |url=https://a.example/ |title=A}}</ref> '
        'Two facts.<ref name=a/> Three.<ref name = "a" /> Four.<ref>Minutes of the council, p. 3.</ref>\n'
    )
    assert article.sections[0].body == "One fact.[a] Two facts.[a] Three.[a] Four.[ref-1]"
    assert [source.key for source in article.sources] == ["a", "ref-1"]
    assert article.sources[1].citation_text == "Minutes of the council, p. 3."
    outcomes = dict(article.report.ref_outcomes)
    assert (outcomes["defined a source"], outcomes["reused a named ref"], article.report.ref_tags) == (
        2,
        2,
        4,
    )
    assert article.report.is_reconciled


def test_a_name_reused_before_its_definition_and_one_never_defined():
    article = read_wikitext(
        "Early.<ref name=late /> Later.<ref name=late>{{cite news |title=L |url=https://l.example}}</ref> "
        "Lost.<ref name=nowhere />\n"
    )
    assert article.sections[0].body == "Early.[late] Later.[late] Lost.[nowhere]"
    assert article.report.is_reconciled
    assert dict(article.report.ref_outcomes)["reused a name never defined (placeholder source)"] == 1


def test_short_citations_cite_their_bibliography_entry_with_the_page():
    article = read_wikitext(
        "Claim one.{{sfn|Marsh|2004|p=41}} Claim two.<ref>{{harvnb|Marsh|2004|pp=50–52}}</ref>\n"
        "== Sources ==\n* {{cite book |last=Marsh |first=Lena |title=Rivers Tamed |year=2004}}\n"
    )
    assert article.sections[0].body == "Claim one.[marsh2004] Claim two.[marsh2004]"
    (entry,) = article.sources
    assert entry.fields["title"] == "Rivers Tamed"
    # The pages belong to each citation, not to the book: the entry states none of its own.
    assert entry.fields["pages"] == ""
    assert article.sections[0].cited_pages == (("marsh2004", 1, "p. 41"), ("marsh2004", 2, "pp. 50–52"))
    assert article.report.counts["short_resolved"] == 2
    assert article.sections[1].body == ""  # the entry is a source, not a statement


def test_notes_are_not_sources():
    article = read_wikitext(
        "Fact.<ref group=note>An aside.</ref>{{efn|Another aside.}} Next.<ref>{{cite web|url=https://x.example|title=X}}</ref>\n"
    )
    assert article.sections[0].body == "Fact. Next.[ref-1]"
    assert [source.key for source in article.sources] == ["ref-1"]
    assert article.report.count("note") == 1
    assert dict(article.report.ref_outcomes)["note (group=), not a source"] == 1


def test_text_templates_become_reader_text_and_links_their_labels():
    article = read_wikitext(
        "The [[River Dam|dam]] on the [[Verity River]] rose {{convert|30|m|ft}} {{circa|1962}}; "
        "it is {{nowrap|very tall}}, called {{lang|fr|Barrage}} in French, 5&nbsp;km away "
        "([https://example.org the site]).\n"
    )
    assert article.sections[0].body == (
        "The dam on the Verity River rose 30 metres (98 ft) circa 1962; it is very tall, called Barrage in "
        "French, 5\u00a0km away (the site)."
    )


def test_what_is_not_text_is_left_out_and_listed():
    article = read_wikitext(
        "{{Short description|x}}{{Infobox dam|height=30 m}}\n{{Main|Other}}\nText stays.<!-- a comment -->\n"
        "[[File:Dam.jpg|thumb|A dam]]\n<gallery>\nA.jpg\n</gallery>\n{{#invoke:flag|x}}\n"
        "{{Dams of Verity}}\n[[Category:Dams]]\n"
    )
    assert article.sections[0].body == "Text stays."
    kinds = {kind: count for kind, count, _ in article.report.left_out}
    assert kinds == {
        "page metadata": 1,
        "infobox": 1,
        "hatnote": 1,
        "comment": 1,
        "image": 1,
        "gallery": 1,
        "Lua module call": 1,
        "other template": 1,
        "category": 1,
    }
    assert ("category", 1, ("Category:Dams",)) in article.report.left_out


def test_headings_lists_and_tables():
    article = read_wikitext(
        "Lead text.\n== History ==\nOne line\ncontinues.\n\nNew paragraph.\n=== Detail ===\n* First item.\n"
        "* Second item.\n==== Deeper ====\n{| class=wikitable\n|+ Output\n! Year !! GWh\n"
        "|-\n| 2019 || 4,100\n"
        "|-\n| 2020 || 3,900\n|}\n"
    )
    assert [(s.heading, s.level) for s in article.sections] == [
        ("", 0),
        ("History", 1),
        ("Detail", 2),
        ("Deeper", 3),
    ]
    assert article.sections[1].body == "One line continues.\nNew paragraph."
    assert article.sections[2].body == "First item.\nSecond item."
    assert article.sections[3].body == "Output\n| Year | GWh |\n|---|---|\n| 2019 | 4,100 |\n| 2020 | 3,900 |"


def test_text_that_looks_like_a_marker_is_not_one():
    article = read_wikitext("He wrote it [sic] in 1900 [1].\n")
    assert article.sections[0].body == "He wrote it (sic) in 1900 (1)."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.wiki", "anything", "wikitext"),
        ("a.txt", "x<ref>y</ref>", "text"),
        ("", "Lead.<ref>x</ref>\n", "wikitext"),
        ("", "== History ==\nText.\n", "wikitext"),
        ("", "History\nA paragraph with a source.[1]\n", "text"),
    ],
)
def test_format_told_from_the_file(name, data, expected):
    assert detect_format(data, name) == expected


@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        ("Text <ref>never closed. More text.\n", "not closed with </ref>"),
        ("Text.\n{| class=wikitable\n| a || b\n|-\n| c\n\nAfter.\n", "not closed with |}"),
        ("{{a|" * 10_000 + "x" + "}}" * 10_000, "nested more than 50 deep"),
        ("{{a|" * 10_000 + "x", "nested more than 50 deep"),
        ("[[a|" * 10_000 + "b", "nested more than 50 deep"),
        ("{|\n| a\n" * 10_000, "not closed with |}"),
        ("<ref>" * 10_000, "not closed with </ref>"),
    ],
)
def test_hostile_wikitext_gets_a_clear_error(hostile, message):
    with pytest.raises(ArticleFormatError, match=message):
        read_wikitext(hostile)


def test_a_five_megabyte_paragraph_is_refused_clearly():
    with pytest.raises(ArticleFormatError, match="a paragraph of 4,999,999 characters"):
        read_wikitext("word " * 1_000_000)


def test_many_sentences_in_one_paragraph_are_read():
    article = read_wikitext("The dam is 30 m high. " * 5_000)
    assert article.sections[0].body.count("The dam") == 5_000


def test_export_reads_back_to_the_same_sections_and_fields():
    sections = [
        ("", 0, "Lead (one) text.[a]"),
        ("History", 1, "It rose 30 m.[a][b]\n| Year | GWh |\n|---|---|\n| 2019 | 4,100[b] |"),
        ("Detail", 2, "*Stars* and {{braces}} & <tags> ''quoted''."),
    ]
    sources = {
        "a": {"title": "A | pipe", "url": "https://a.example/", "published_on": "2021-03-04"},
        "b": {"title": "B", "author": "Ng, Tom", "pages": "12–30", "published_text": "May 2011"},
        "unused": {"title": "Never cited", "isbn": "978-0"},
    }
    article = read_wikitext(write_wikitext(sections, sources))
    assert [(s.heading, s.level, s.body) for s in article.sections] == [sections[0], sections[1], sections[2]]
    read = {source.key: {k: v for k, v in source.fields.items() if v} for source in article.sources}
    assert read == sources


def test_an_unclosed_italic_does_not_swallow_the_headings_after_it():
    article = read_wikitext("The ''Herald said so.\n== Later ==\nMore text.\n=== Deeper ===\nEven more.\n")
    assert [(s.heading, s.body) for s in article.sections] == [
        ("", "The Herald said so."),
        ("Later", "More text."),
        ("Deeper", "Even more."),
    ]


@pytest.mark.parametrize(
    "hostile",
    ["<span>" * 10_000 + "x", "<div><span>" * 1_000],
)
def test_thousands_of_tags_never_closed_are_refused(hostile):
    with pytest.raises(ArticleFormatError, match="opened and never closed"):
        read_wikitext(hostile)


def test_thousands_of_bold_and_italic_marks_are_read():
    article = read_wikitext("'''''x" * 20_000)
    assert article.sections[0].body == "x" * 20_000


def test_brackets_emptied_by_left_out_markup_go_too():
    article = read_wikitext(
        "Brussels ({{IPAc-en|ˈ|b|r|ʌ|s|əl|z}}) is a city. Alaska ({{IPA|x}}; {{lang|ru|Аляска}}).\n"
    )
    assert article.sections[0].body == "Brussels is a city. Alaska (; Аляска)."


def test_a_plain_text_ref_is_exported_as_its_text():
    article = read_wikitext("Fact.<ref>Chernow, Ron. Washington. Penguin Books, 2010, p. 413.</ref>\n")
    sources = {s.key: {**s.fields, "citation_text": s.citation_text} for s in article.sources}
    written = write_wikitext([(s.heading, s.level, s.body) for s in article.sections], sources)
    assert '<ref name="ref-1">Chernow, Ron. Washington. Penguin Books, 2010, p. 413.</ref>' in written
    again = read_wikitext(written)
    assert again.sources[0].fields == article.sources[0].fields


def test_a_short_citation_without_its_entry_cites_its_own_text():
    article = read_wikitext("Claim.{{sfn|Nobody|1999|p=3}} Again.{{sfn|Nobody|1999|p=3}}\n")
    assert article.sections[0].body == "Claim.[Nobody-1999-p.-3] Again.[Nobody-1999-p.-3]"
    assert article.sources[0].citation_text == "Nobody 1999, p. 3"
    assert (article.report.counts["short_citations"], article.report.counts.get("short_resolved", 0)) == (
        2,
        0,
    )


def test_rp_gives_the_ref_before_it_its_page_and_is_left_out_elsewhere():
    article = read_wikitext(
        'A dam.<ref name="w">{{cite web|url=https://example.org/w|title=W}}</ref>{{rp|12}}'
        ' Again.<ref name="w"/>{{rp|pp=3–5}} Then.<ref name=w/>{{rp|at=fig. 2}} Alone {{rp|9}} here.\n'
    )
    assert article.sections[0].body == "A dam.[w] Again.[w] Then.[w] Alone here."
    assert article.sections[0].cited_pages == (("w", 1, "p. 12"), ("w", 2, "pp. 3–5"), ("w", 3, "fig. 2"))
    assert article.report.counts["rp_pages"] == 3
    assert article.report.count("page after a reference ({{rp}})") == 1
