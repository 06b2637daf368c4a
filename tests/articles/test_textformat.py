import pytest

from articles.errors import ArticleFormatError
from articles.textformat import is_heading, parse_article, render_article

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
        (b"Lead.[1]\nHeading\nBad marker.[abc]\n", "[abc] is not a positive number", 3),
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
