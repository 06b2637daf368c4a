"""The reader's page computed from plain values: markers, numbering, flags, contents. No database."""

import json
from datetime import UTC, datetime

import pytest

from articles.rendering.history import ADDED, CHANGED, REMOVED, SectionSnapshot, section_changes
from articles.rendering.jsonld import claim_reviews, script_json
from articles.rendering.page import (
    INFERRED_TITLE,
    CitationMark,
    ClaimInput,
    ConflictLink,
    FigureSpan,
    FlagMark,
    Numbering,
    SectionInput,
    SourceInput,
    Text,
    backlink_label,
    claim_pieces,
    render_article,
    table_of_contents,
)
from claims.flags import FLAG_INFO


def shown(pieces) -> str:
    """Return the pieces as a reader would see them: [n] a citation, [n?] an inferred one, {figure|label}
    a flagged figure and {|label} a flag after the sentence."""
    out = []
    for piece in pieces:
        if isinstance(piece, Text):
            out.append(piece.text)
        elif isinstance(piece, CitationMark):
            out.append(f"[{piece.number}{'?' if piece.is_inferred else ''}]")
        else:
            out.append(f"{{{piece.text}|{piece.label}}}")
    return "".join(out)


def claim(text, markers=(), *, figures=(), flags=("unreviewed",), inferred=(), id=1, paragraph=0, **kw):
    return ClaimInput(
        id=id,
        text=text,
        paragraph=paragraph,
        markers=tuple(markers),
        inferred_keys=tuple(inferred),
        flags=tuple(flags),
        figures=tuple(FigureSpan(*span) for span in figures),
        **kw,
    )


@pytest.mark.parametrize(
    ("claim_input", "expected"),
    [
        (claim("No citation at all."), "No citation at all."),
        (claim("Cited twice.", [("4", 12), ("9", 12)]), "Cited twice.[1][2]"),
        (claim("He said, then left.", [("x", 8)]), "He said,[1] then left."),
        (claim("Marker at 0.", [("x", 0)]), "[1]Marker at 0."),
        (claim("Offset past the end.", [("x", 999)]), "Offset past the end.[1]"),
        (
            claim("Over 20 died.", [("1", 13)], figures=[(0, 7)], flags=("single_source", "unreviewed")),
            "{Over 20|} died.[1]",
        ),
        (
            claim("Over 20 died.", [("1", 13)], figures=[(0, 7)], flags=("unreviewed",)),
            "Over 20 died.[1]",
        ),
        (
            claim("About 300 fled.", [("1", 7)], figures=[(0, 9)], flags=("hedged", "unreviewed")),
            "{About 300|unverified}[1] fled.",
        ),
        (
            claim("Some 40 to 50 fled.", [("1", 19)], figures=[(5, 13), (8, 13)], flags=("single_source",)),
            "Some {40 to 50|} fled.[1]",
        ),
        (
            claim("Sentence with a bad span.", [("1", 25)], figures=[(10, 99)], flags=("single_source",)),
            "Sentence with a bad span.[1]",
        ),
        (
            claim("Nobody cited this.", flags=("unsourced", "unreviewed")),
            "Nobody cited this.{|citation needed}",
        ),
        (
            claim("Covered by the next one.", inferred=("3",), flags=("inferred_source", "single_source")),
            "Covered by the next one.[1?]",
        ),
        (
            claim("It reportedly fell.", [("1", 19)], flags=("hedged", "single_source", "unreviewed")),
            "It reportedly fell.[1]{|unverified}",
        ),
        (
            claim(
                "It reportedly took 7 bases.",
                [("2", 27)],
                figures=[(19, 26)],
                flags=("disputed", "hedged", "single_source"),
            ),
            "It reportedly took {7 bases|disputed, unverified}.[1]",
        ),
    ],
)
def test_claim_pieces(claim_input, expected):
    assert shown(claim_pieces(claim_input, Numbering(), highlight=True)) == expected


@pytest.mark.parametrize(
    "claim_input",
    [
        claim("Nobody cited this.", flags=("unsourced",)),
        claim("Over 20 died.", [("1", 13)], figures=[(0, 7)], flags=("single_source",)),
        claim("Covered.", inferred=("3",), flags=("inferred_source", "single_source")),
    ],
)
def test_highlighting_off_shows_no_flags_and_keeps_citations(claim_input):
    pieces = claim_pieces(claim_input, Numbering(), highlight=False)
    assert not any(isinstance(piece, FlagMark) for piece in pieces)
    assert "".join(p.text for p in pieces if isinstance(p, Text)) == claim_input.text
    assert sum(isinstance(p, CitationMark) for p in pieces) == len(claim_input.markers) + len(
        claim_input.inferred_keys
    )


def test_flag_mark_names_every_flag_and_reason():
    mark = claim_pieces(
        claim(
            "Over 20 died.", [("1", 13)], figures=[(0, 7)], flags=("hedged", "single_source", "unreviewed")
        ),
        Numbering(),
        highlight=True,
    )[0]
    assert mark.classes.split() == [
        "flag",
        "flag-figure",
        "flag-hedged",
        "flag-single_source",
        "flag-unreviewed",
    ]
    # Only the strong flag is labelled; the weak ones are still named in the reason.
    assert mark.label == "unverified"
    for name in ("hedged", "single_source", "unreviewed"):
        assert FLAG_INFO[name].reason in mark.reason
    assert mark.tip_id == "flag-1-1"


def test_inferred_marker_is_told_apart():
    mark = claim_pieces(claim("Covered.", inferred=("3",)), Numbering(), highlight=True)[1]
    assert mark.classes == "citation inferred" and mark.title == INFERRED_TITLE
    explicit = claim_pieces(claim("Cited.", [("3", 6)]), Numbering(), highlight=True)[1]
    assert explicit.classes == "citation" and explicit.title == ""


@pytest.mark.parametrize(
    ("index", "label"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (701, "zz"), (702, "aaa")]
)
def test_backlink_labels(index, label):
    assert backlink_label(index) == label


def article(*sections):
    return tuple(sections)


SEED_LIKE = article(
    SectionInput("", 0, "s0", (claim("Lead one.", [("7", 9)], id=1), claim("Lead two.", [("3", 9)], id=2))),
    SectionInput("Background", 1, "s1"),
    SectionInput(
        "Context",
        2,
        "s2",
        (
            claim("Uncited first.", inferred=("5", "7"), id=3, flags=("inferred_source",)),
            claim("Then cited.", [("5", 11), ("7", 11)], id=4),
            claim("New paragraph.", [("3", 14), ("9", 14)], id=5, paragraph=1),
        ),
    ),
)


def test_numbers_by_first_use_in_page_order():
    rendered = render_article(SEED_LIKE, {})
    markers = [
        piece
        for paragraph in (*rendered.lead, *(p for s in rendered.sections for p in s.paragraphs))
        for c in paragraph.claims
        for piece in c.pieces
        if isinstance(piece, CitationMark)
    ]
    assert [(m.key, m.number) for m in markers] == [
        ("7", 1),
        ("3", 2),
        ("5", 3),
        ("7", 1),
        ("5", 3),
        ("7", 1),
        ("3", 2),
        ("9", 4),
    ]
    assert len({m.anchor for m in markers}) == len(markers)
    assert [ref.number for ref in rendered.references] == [1, 2, 3, 4]
    assert [ref.key for ref in rendered.references] == ["7", "3", "5", "9"]
    uses = {m.anchor for m in markers}
    assert {link.anchor for ref in rendered.references for link in ref.backlinks} == uses
    first = rendered.references[0]
    assert [(link.label, link.anchor, link.is_inferred) for link in first.backlinks] == [
        ("a", "cite-ref-1-1", False),
        ("b", "cite-ref-1-2", True),
        ("c", "cite-ref-1-3", False),
    ]
    assert first.anchor == "cite-note-1"
    assert (rendered.explicit_citations, rendered.inferred_citations) == (6, 2)


def test_lead_sections_and_paragraphs():
    rendered = render_article(SEED_LIKE, {})
    assert [c.id for p in rendered.lead for c in p.claims] == [1, 2]
    assert [(s.heading, s.heading_tag) for s in rendered.sections] == [
        ("Background", "h2"),
        ("Context", "h3"),
    ]
    context = rendered.sections[1]
    assert [[c.id for c in p.claims] for p in context.paragraphs] == [[3, 4], [5]]
    assert context.paragraphs[0].claims[0].classes == "claim flag-inferred_source"


def test_highlighting_off_drops_flag_classes():
    rendered = render_article(SEED_LIKE, {}, highlight=False)
    assert rendered.sections[1].paragraphs[0].claims[0].classes == "claim"
    assert not rendered.is_highlighted


def test_references_carry_sources_and_placeholders():
    sources = {"7": SourceInput("7", 7, title="Report", url="https://example.org/r")}
    references = render_article(SEED_LIKE, sources).references
    assert references[0].source.title == "Report" and not references[0].source.is_placeholder
    assert references[1].source.is_placeholder
    assert references[1].source.placeholder_text == "Source 3 — details not yet entered"


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", ""),
        ("data:text/html,<script>", ""),
        ("", ""),
    ],
)
def test_only_web_addresses_become_links(url, link):
    assert SourceInput("k", url=url, archive_url=url).link == link
    assert SourceInput("k", url=url, archive_url=url).archive_link == link


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((1, 2, 2, 1, 2), [("1", ["1.1", "1.2"]), ("2", ["2.1"])]),
        ((1, 1), [("1", []), ("2", [])]),
        ((2, 1), [("1", []), ("2", [])]),
        ((1, 3, 2), [("1", ["1.1", "1.2"])]),
    ],
)
def test_table_of_contents(levels, expected):
    sections = [SectionInput(f"H{i}", level, f"s{i}") for i, level in enumerate(levels, start=1)]
    toc = table_of_contents(sections)
    assert [(entry.number, [child.number for child in entry.children]) for entry in toc] == expected


@pytest.mark.parametrize(("level", "tag"), [(1, "h2"), (2, "h3"), (5, "h6"), (6, "h6")])
def test_heading_tags(level, tag):
    assert render_article([SectionInput("H", level, "s1")], {}).sections[0].heading_tag == tag


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "a & b", "<!-- x", '”quotes” and "quotes"', "\u2028"]
)
def test_script_json_cannot_close_its_element(text):
    encoded = script_json({"text": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"text": text}


def test_claim_reviews_publish_decisions_only():
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    sections = [
        SectionInput(
            "",
            0,
            "s0",
            tuple(
                claim(f"Claim {status}.", id=index, status=status, reviewed_at=when)
                for index, status in enumerate(("approved", "disputed", "rejected", "unreviewed"), start=1)
            ),
        )
    ]
    reviews = claim_reviews(sections, article_url="https://verity.test/articles/a/")
    assert [review["reviewRating"]["alternateName"] for review in reviews] == [
        "Approved",
        "Disputed",
        "Rejected",
    ]
    assert [review["reviewRating"]["ratingValue"] for review in reviews] == [3, 2, 1]
    first = reviews[0]
    assert first["@type"] == "ClaimReview" and first["claimReviewed"] == "Claim approved."
    assert first["author"] == {"@type": "Organization", "name": "Verity"}
    assert first["datePublished"] == when.isoformat()
    assert first["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "url": "https://verity.test/articles/a/"},
    }
    assert first["url"] == "https://verity.test/articles/a/#claim-1"


def snapshot(id, heading="H", body="Text.", order=0, level=1):
    return SectionSnapshot(str(id), heading, level, order, body)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([snapshot(1)], [snapshot(1)], []),
        ([snapshot(1, order=0), snapshot(2, order=1)], [snapshot(1, order=1), snapshot(2, order=0)], []),
        ([snapshot(1, body="One two.")], [snapshot(1, body="One more two.")], [(CHANGED, "H", "more", "")]),
        ([snapshot(1)], [snapshot(1, heading="New")], [(CHANGED, "New", "", "")]),
        ([snapshot(1)], [snapshot(1, level=2)], [(CHANGED, "H", "", "")]),
        ([snapshot(1)], [snapshot(1), snapshot(2, "Added", "Hi.", 1)], [(ADDED, "Added", "Hi.", "")]),
        ([snapshot(1), snapshot(2, "Gone", "Bye.", 1)], [snapshot(1)], [(REMOVED, "Gone", "", "Bye.")]),
    ],
)
def test_section_changes(old, new, expected):
    changes = section_changes(old, new)
    assert [
        (c.kind, c.heading, "".join(c.diff.inserted).strip(), "".join(c.diff.deleted).strip())
        for c in changes
    ] == expected


def test_renamed_section_says_so():
    (change,) = section_changes([snapshot(1, heading="Old")], [snapshot(1, heading="New")])
    assert change.heading_changed and change.old_heading == "Old"


def test_a_table_renders_as_cells_with_its_markers_and_flagged_figures():
    body = "Before.[1]\n| Year | Killed |\n|---|---|\n| 2023 | 1,200[2] |\n| 2024 | over 300 |\nAfter.[1]"
    claims = (
        claim("Before.", [("1", 7)], id=1, paragraph=0),
        claim(
            "| 2023 | 1,200 |", [("2", 14)], id=2, paragraph=3, figures=[(9, 14)], flags=("single_source",)
        ),
        claim("| 2024 | over 300 |", id=3, paragraph=4, figures=[(9, 17)], flags=("unsourced",)),
        claim("After.", [("1", 6)], id=4, paragraph=5),
    )
    rendered = render_article([SectionInput("Casualties", 1, "s1", claims, body)], {})
    first, table, last = rendered.sections[0].paragraphs
    assert (first.kind, table.kind, last.kind) == ("paragraph", "table", "paragraph")
    assert table.header == ("Year", "Killed")
    assert [[shown(cell) for cell in row.cells] for row in table.rows] == [
        ["2023", "{1,200|}[2]"],
        ["2024", "{over 300|citation needed}"],
    ]
    assert [row.claim.anchor for row in table.rows] == ["claim-2", "claim-3"]
    # Numbering follows reading order through the table: [1] before it, [2] inside it, [1] again after.
    assert [reference.key for reference in rendered.references] == ["1", "2"]


def test_table_rows_are_padded_to_one_width_and_a_table_needs_no_header():
    body = "| a | b | c |\n| d |"
    claims = (claim("| a | b | c |", id=1, paragraph=0), claim("| d |", id=2, paragraph=1))
    (table,) = render_article([SectionInput("", 0, "lead", claims, body)], {}).lead
    assert table.header == ()
    assert [[shown(cell) for cell in row.cells] for row in table.rows] == [["a", "b", "c"], ["d"]]
    assert [row.padding for row in table.rows] == [0, 2]


def test_without_a_body_every_claim_renders_in_a_paragraph_as_before():
    claims = (claim("| 2023 | 1,200 |", id=1, paragraph=0),)
    (paragraph,) = render_article([SectionInput("", 0, "lead", claims)], {}).lead
    assert paragraph.kind == "paragraph"


@pytest.mark.parametrize(("author", "end"), [("Smith, John", "."), ("Smith, J.", ""), ("", ".")])
def test_the_period_after_an_author_is_not_doubled(author, end):
    assert SourceInput("1", author=author).author_end == end


@pytest.mark.parametrize(
    ("claim_input", "expected"),
    [
        (  # a conflicting figure: flagged, then a link to each other statement
            claim(
                "Over 150,000 fled.",
                [("1", 18)],
                figures=[(0, 12)],
                flags=("conflicting",),
                conflicts_with=(7, 9),
            ),
            "{Over 150,000|conflicting figures} fled.[1] ->7 ->9",
        ),
        (  # a conflicting date (no figure): the label after the sentence, then the link
            claim("It was founded in 1953.", flags=("conflicting", "unreviewed"), conflicts_with=(7,)),
            "It was founded in 1953.{|conflicting figures} ->7",
        ),
        (  # resolved (no flag): no link even if the input names another claim
            claim("Over 150,000 fled.", figures=[(0, 12)], flags=("single_source",), conflicts_with=(7,)),
            "{Over 150,000|} fled.",
        ),
    ],
)
def test_conflicting_statements_link_to_each_other(claim_input, expected):
    pieces = claim_pieces(claim_input, Numbering(), highlight=True)
    text = shown(p for p in pieces if not isinstance(p, ConflictLink))
    links = "".join(f" ->{p.other}" for p in pieces if isinstance(p, ConflictLink))
    assert text + links == expected
    assert all(p.href == f"#claim-{p.other}" for p in pieces if isinstance(p, ConflictLink))
    assert not any(
        isinstance(p, ConflictLink) for p in claim_pieces(claim_input, Numbering(), highlight=False)
    )


@pytest.mark.parametrize(
    ("flags", "label", "is_quiet"),
    [
        (("single_source", "unreviewed"), "", True),
        (("inferred_source", "single_source", "unreviewed"), "", True),
        (("hedged", "single_source", "unreviewed"), "unverified", False),
        (("unsourced", "unreviewed"), "citation needed", False),
        (("disputed", "single_source"), "disputed", False),
        (("conflicting", "single_source", "unreviewed"), "conflicting figures", False),
        (("partisan_only", "single_source"), "partisan sources", False),
    ],
)
def test_strong_flags_are_labelled_and_weak_ones_alone_are_quiet(flags, label, is_quiet):
    mark = claim_pieces(
        claim("Over 20 died.", [("1", 13)], figures=[(0, 7)], flags=flags), Numbering(), highlight=True
    )[0]
    assert (mark.label, mark.is_quiet, "flag-quiet" in mark.classes.split()) == (label, is_quiet, is_quiet)
    # Quiet or not, every flag's reason is still told on hover, focus and to screen readers.
    for name in flags:
        assert FLAG_INFO[name].reason in mark.reason


def test_which_flags_are_strong():
    strong = {name for name, info in FLAG_INFO.items() if info.is_strong}
    assert strong == {
        "unsourced",
        "contradicted_by_source",
        "failed_verification",
        "disputed",
        "conflicting",
        "estimates_differ",  # issue 18: two sources' figures for one thing differ
        "hedged",
        "partisan_only",
    }
