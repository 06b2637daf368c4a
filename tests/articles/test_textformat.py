import pytest

from articles.errors import ArticleFormatError
from articles.textformat import is_heading, parse_article, render_article, strip_line

ARTICLE = """Lead sentence one.[1] Lead two.[2]
Background
Origins
The group formed in 1957.[3]
Early years
It grew fast.[1][3]
Aftermath
Peace came.[4]
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Background", True),
        ("Coordination with Parallel Operations like 1027", True),
        ("Debates on Resistance Legitimacy vs. Separatism", True),
        ("A short sentence.", False),
        ("Is it a question?", False),
        ("Introduced with a colon:", False),
        ("Has a marker[3]", False),
        ("x" * 119, True),
        ("x" * 120, False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


def test_parse_lead_headings_and_levels():
    parsed = parse_article(ARTICLE)
    assert [(s.heading, s.level) for s in parsed.sections] == [
        ("", 0),
        ("Background", 1),
        ("Origins", 2),
        ("Early years", 2),
        ("Aftermath", 2),
    ]
    assert parsed.sections[0].body == "Lead sentence one.[1] Lead two.[2]"
    assert parsed.sections[1].body == ""
    assert parsed.source_numbers == (1, 2, 3, 4)
    assert parsed.paragraph_count == 4


def test_flat_headings_are_all_top_level():
    parsed = parse_article("One\nPara one.[1]\nTwo\nPara two.\n")
    assert [(s.heading, s.level) for s in parsed.sections] == [("One", 1), ("Two", 1)]


def test_paragraphs_of_a_section_keep_their_lines_and_line_numbers():
    parsed = parse_article("Lead.\nHeading\nFirst paragraph.\n\nSecond paragraph.\n")
    assert parsed.sections[1].body == "First paragraph.\nSecond paragraph."
    assert parsed.sections[1].line == 2


def test_render_round_trip():
    parsed = parse_article(ARTICLE)
    assert render_article((s.heading, s.body) for s in parsed.sections) == ARTICLE


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "the file is empty", None),
        (b"  \n\n \n", "the file is empty", None),
        (b"Lead.\nHeading\n\x00\x01\x02binary", "binary", 3),
        (b"Lead sentence.\nCaf\xe9 in Latin-1.\n", "not UTF-8", 2),
        (b"Only\nHeadings\nHere\n", "no paragraphs", 1),
        (b"Lead.[1]\nHeading\nBad marker.[0]\n", "[0] is not a positive number", 3),
        (b"Lead.[1]\nHeading\nBad marker.[-2]\n", "[-2] is not a positive number", 3),
        (b"Lead.[1]\nHeading\nBad marker.[abc-2]\n", "[abc-2] is not a positive number", 3),
        (b"Lead.[1]\nHeading\nBad marker.[a1]\n", "[a1] is not a positive number", 3),
        (b"Lead.[1]\nHeading\nLeading zero.[07]\n", "[07] is not a positive number", 3),
        (b"Lead.[1]\nHeading\nHuge.[1000001]\n", "[1000001] is too large", 3),
        (b"Lead.\nA\nB\nC\nD\nE\nF\nG\nText.\n", "7 headings in a row", 2),
        ("Lead.\nHeading\nNUL\x00 here.\n", "contains a NUL character", 3),
    ],
)
def test_unreadable_files_are_refused_with_what_and_where(data, message, line):
    with pytest.raises(ArticleFormatError) as caught:
        parse_article(data)
    assert message in caught.value.message
    assert caught.value.line == line
    if line:
        assert str(caught.value).startswith(f"line {line}: ")


def test_byte_order_mark_and_crlf_are_accepted():
    parsed = parse_article("\ufeffLead.[1]\r\nHeading\r\nBody.[2]\r\n".encode())
    assert [s.body for s in parsed.sections] == ["Lead.[1]", "Body.[2]"]


WITH_REFERENCES = """Lead cites a number and a key.[1][unhcr-2024]
Casualties
| Year | Killed |
|---|---|
| 2023 | 1,200[1] |
| 2024 | over 300[2][unhcr-2024] |
References
[1] Smith, John (5 March 2024). "Title". The Irrawaddy. Retrieved 7 March 2024.
[unhcr-2024] "Myanmar emergency update". UNHCR. 2024.
[2]
[7] A source the text does not cite.
"""


def test_references_block_is_read_apart_from_the_sections():
    parsed = parse_article(WITH_REFERENCES)
    assert [s.heading for s in parsed.sections] == ["", "Casualties"]
    assert [(r.key, r.text, r.line) for r in parsed.references] == [
        ("1", 'Smith, John (5 March 2024). "Title". The Irrawaddy. Retrieved 7 March 2024.', 8),
        ("unhcr-2024", '"Myanmar emergency update". UNHCR. 2024.', 9),
        ("2", "", 10),
        ("7", "A source the text does not cite.", 11),
    ]
    assert parsed.source_numbers == (1, 2)
    assert parsed.source_keys == ("1", "2", "unhcr-2024", "7")


def test_references_block_and_table_round_trip_word_for_word():
    parsed = parse_article(WITH_REFERENCES)
    text = render_article(
        [(s.heading, s.body) for s in parsed.sections], [(r.key, r.text) for r in parsed.references]
    )
    assert text == WITH_REFERENCES


def test_table_rows_stay_in_the_body_and_are_never_headings():
    parsed = parse_article(WITH_REFERENCES)
    assert parsed.sections[1].body.splitlines() == [
        "| Year | Killed |",
        "|---|---|",
        "| 2023 | 1,200[1] |",
        "| 2024 | over 300[2][unhcr-2024] |",
    ]
    assert not is_heading("| Year | Killed |")
    assert not is_heading("|---|---|")


@pytest.mark.parametrize(
    "text",
    [
        # Not at the end: a "References" section with prose stays a section.
        "Lead.[1]\nReferences\nThe sources are listed below.\n",
        # A line that is not "[key] text" after the heading: no block.
        "Lead.[1]\nReferences\n[1] A source.\nSee also other pages.\n",
        # Another heading text.
        "Lead.[1]\nSources\n[1] A source.\n",
    ],
)
def test_references_heading_without_a_block_is_an_ordinary_section(text):
    parsed = parse_article(text)
    assert parsed.references == ()
    assert parsed.sections[-1].heading in ("References", "Sources")


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        ("Lead cites [abc_1].\nReferences\n[1] Not abc_1.\n", "[abc_1] is not a positive number", 1),
        ("Lead.[1]\nReferences\n[1] One.\n[1] Twice.\n", "lists [1] twice", 4),
        ("Lead.[1]\nReferences\n[0] Zero.\n", "[0] is not a positive number", 3),
        ("Lead.[1]\nReferences\n[2000000] Huge.\n", "[2000000] is too large", 3),
        ("Lead.[1]\nReferences\n[..] Dots.\n", "[..] cannot be a source key", 3),
        ("References\n[1] Only a block.\n", "only a References block", 1),
    ],
)
def test_references_block_errors(data, message, line):
    with pytest.raises(ArticleFormatError) as caught:
        parse_article(data)
    assert message in caught.value.message
    assert caught.value.line == line


def test_a_declared_key_may_be_cited_and_an_undeclared_one_still_is_refused():
    parsed = parse_article("Text.[report.Final]\nReferences\n[report.Final] The final report.\n")
    assert parsed.source_keys == ("report.Final",)
    with pytest.raises(ArticleFormatError, match=r"\[report\.Draft\] is not a positive number"):
        parse_article("Text.[report.Draft]\nReferences\n[report.Final] The final report.\n")


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        ('She said "[t]he bridge was open" before noon.[4]', [4]),
        ("It was a short walk for [a] child, they wrote.[2][3]", [2, 3]),
        ("The crew was praised by the town [and] the port.[7]", [7]),
        ('"[i]t worked," the engineer said.[1]', [1]),
        ("The mayor wrote that the levee was sound [sic].[9]", [9]),
        ("The letter said the dam would hold [...] for a decade.[5]", [5]),
        ("The letter said the dam would hold […] for a decade.[5]", [5]),
        ("The letter called them [Ministers] of the crown.[6]", [6]),
        ("No markers at all [sic].", []),
    ],
)
def test_an_editorial_bracket_is_text_not_a_marker(line, numbers):
    parsed = parse_article(f"Lead.[1]\nHeading\n{line}\n")
    assert parsed.sections[1].body == line
    assert sorted(set(parsed.source_numbers) - {1}) == sorted(set(numbers) - {1})


def test_a_declared_key_wins_over_an_editorial_bracket():
    parsed = parse_article("Text cites [a] and [sic] here.\nReferences\n[a] A source named a.\n")
    assert parsed.source_keys == ("a",)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_only_newlines_end_a_line(char):
    text = f"Lead.\nHeading\nOne paragraph{char}Short bit{char}with more. And{char}more.\r\nSecond.\n"
    parsed = parse_article(text)
    assert [(s.heading, s.body) for s in parsed.sections] == [
        ("", "Lead."),
        ("Heading", f"One paragraph{char}Short bit{char}with more. And{char}more.\nSecond."),
    ]
    assert parsed.paragraph_count == 3
    assert render_article((s.heading, s.body) for s in parsed.sections) == text.replace("\r\n", "\n")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_an_in_paragraph_break_at_the_start_or_end_of_a_line_is_kept(char):
    """Issue 20: stripping each line took these as whitespace, so an import lost them (and an exported
    article no longer came back word for word)."""
    text = f"Lead.\nHeading\n{char}One paragraph.{char}\n  Second. \t\n"
    parsed = parse_article(text)
    assert [s.body for s in parsed.sections] == ["Lead.", f"{char}One paragraph.{char}\nSecond."]
    assert render_article((s.heading, s.body) for s in parsed.sections) == text.replace(
        "  Second. \t", "Second."
    )


@pytest.mark.parametrize("line", ["", "   ", "\t\u00a0", "\u2028", " \u2029 "])
def test_a_line_of_whitespace_alone_is_blank(line):
    assert [s.body for s in parse_article(f"Lead.\n{line}\nMore.\n").sections] == ["Lead.\nMore."]


def test_stripping_a_line_is_linear_on_a_run_of_spaces():
    line = "a" + " " * 200_000 + "b"
    assert strip_line(f"  {line}  ") == line
