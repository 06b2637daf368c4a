"""The numbers readers see for editors' keys (legend, public diffs): pure, no database."""

import pytest

from articles.rendering.citations import (
    BodySection,
    CitationLegend,
    LegendEntry,
    ReaderCitation,
    citation_legend,
    citation_numbers,
    reader_diff,
)
from articles.rendering.page import Text, render_article
from textdiff.diffing import word_diff


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ([], {}),
        ([BodySection("", 0, "No citations here.")], {}),
        (
            [BodySection("", 0, "Lead.[unhcr-2024]"), BodySection("A", 1, "First.[12] Second.[3][12]")],
            {"unhcr-2024": 1, "12": 2, "3": 3},
        ),
        # An uncited sentence is covered by the next marker group: the inferred use numbers nothing new.
        ([BodySection("A", 1, "Uncited. Cited.[7][2]\nNext.[2]")], {"7": 1, "2": 2}),
        # The lead is read first, as on the page, wherever it stands.
        ([BodySection("A", 1, "Body.[5]"), BodySection("", 0, "Lead.[9]")], {"9": 1, "5": 2}),
        # Markdown links are not citations.
        ([BodySection("A", 1, "See [Loikaw](/page/Loikaw), then.[4]")], {"4": 1}),
    ],
)
def test_citation_numbers_by_first_use(sections, expected):
    assert citation_numbers(sections) == expected


def test_citation_numbers_agree_with_the_page(seed_bytes):
    """The same numbers the reader's page gives the seed's sources, read from the rendered references."""
    from articles.rendering.citations import body_claims
    from articles.rendering.page import SectionInput
    from articles.textformat import parse_article

    parsed = parse_article(seed_bytes).sections
    sections = [BodySection(s.heading, s.level, s.body) for s in parsed]
    page = render_article(
        [SectionInput(s.heading, s.level, f"s{i}", body_claims(s.body)) for i, s in enumerate(parsed)], {}
    )
    numbers = citation_numbers(sections)
    assert numbers == {reference.key: reference.number for reference in page.references}
    assert len(numbers) == 80 and numbers["1"] == 1 and sorted(numbers.values()) == list(range(1, 81))


def test_legend_lists_cited_keys_in_readers_order_then_the_uncited():
    legend = citation_legend(
        {"12": 2, "unhcr-2024": 1}, {"12": "Reuters", "unhcr-2024": "UNHCR", "9": "", "a": "A"}
    )
    assert legend == CitationLegend(
        cited=(LegendEntry("unhcr-2024", "UNHCR", 1), LegendEntry("12", "Reuters", 2)),
        uncited=(LegendEntry("9", "", None), LegendEntry("a", "A", None)),
    )


def shown(pieces) -> str:
    """Return the pieces as the public diff shows them: +{…} inserted, -{…} deleted."""
    out = []
    for piece in pieces:
        text = "".join(part.label if part.kind == "citation" else part.text for part in piece.parts)
        out.append({"inserted": "+{%s}", "deleted": "-{%s}"}.get(piece.kind, "%s") % text)
    return "".join(out)


def test_reader_diff_shows_numbers_never_keys():
    diff = word_diff("Loikaw fell.[unhcr-2024] More text.", "Loikaw fell.[unhcr-2024][12] More text [gone].")
    pieces = reader_diff(diff, {"unhcr-2024": 1, "12": 2}, {"unhcr-2024": "UNHCR report", "gone": "Old"})
    assert shown(pieces) == "Loikaw fell.[1]+{[2]} More -{text.}+{text [–].}"
    citations = [part for piece in pieces for part in piece.parts if isinstance(part, ReaderCitation)]
    assert [c.title for c in citations] == [
        "UNHCR report",
        "Source 12",
        "Old (not cited in the current article)",
    ]
    assert all(isinstance(part, Text | ReaderCitation) for piece in pieces for part in piece.parts)


def test_reader_diff_leaves_links_and_text_alone():
    """The diff cuts "[Loikaw]" from its "(/page/Loikaw)": still a link, read in the whole text."""
    diff = word_diff("See [Loikaw](/page/Loikaw).", "See [Loikaw](/page/Loikaw) now.[Loikaw]")
    assert (
        shown(reader_diff(diff, {"Loikaw": 1}, {}))
        == "See [Loikaw]-{(/page/Loikaw).}+{(/page/Loikaw) now.[1]}"
    )
