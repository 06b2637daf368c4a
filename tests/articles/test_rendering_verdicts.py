"""What readers see of the figure check, computed from plain values: "verified in [n]" with the passage,
or "failed verification" on the figure no passage states. No database."""

import pytest

from articles.rendering.page import (
    CitationMark,
    ClaimInput,
    FigureSpan,
    FlagMark,
    Numbering,
    SectionInput,
    SourceInput,
    Text,
    claim_pieces,
    render_article,
)
from claims.flags import FLAG_INFO

TEXT = "Over 20 soldiers and 45% of residents fled."
OVER_20 = (0, 7)
PERCENT = (21, 24)


def shown(pieces) -> str:
    """Return the pieces as a reader sees them: {figure|flag labels|verified label}."""
    out = []
    for piece in pieces:
        if isinstance(piece, Text):
            out.append(piece.text)
        elif isinstance(piece, CitationMark):
            out.append(f"[{piece.number}]")
        else:
            out.append(f"{{{piece.text}|{piece.label}|{piece.verified_label if piece.is_verified else ''}}}")
    return "".join(out)


def claim(figures, flags=("unreviewed",), markers=(("a", 43), ("b", 43))):
    return ClaimInput(id=7, text=TEXT, markers=markers, flags=flags, figures=tuple(figures))


@pytest.mark.parametrize(
    ("figures", "flags", "expected"),
    [
        # nothing checked, nothing flagged: no mark
        ([FigureSpan(*OVER_20), FigureSpan(*PERCENT)], ("unreviewed",), TEXT + "[1][2]"),
        (
            [
                FigureSpan(*OVER_20, "supported", ("b",), "23 soldiers died."),
                FigureSpan(*PERCENT, "no_evidence"),
            ],
            ("unreviewed",),
            "{Over 20||verified in [2]} soldiers and 45% of residents fled.[1][2]",
        ),
        (
            [
                FigureSpan(*OVER_20, "supported", ("a", "b"), "23 soldiers died."),
                FigureSpan(*PERCENT, "not_found"),
            ],
            ("failed_verification", "unreviewed"),
            "{Over 20||verified in [1][2]} soldiers and {45%|failed verification|} of residents fled.[1][2]",
        ),
        (
            [FigureSpan(*OVER_20, "supported", ("a",), "23 soldiers died."), FigureSpan(*PERCENT)],
            ("single_source", "unreviewed"),
            "{Over 20||verified in [1]} soldiers and {45%||} of residents fled.[1][2]",
        ),
    ],
)
def test_each_figure_says_what_the_check_found(figures, flags, expected):
    assert shown(claim_pieces(claim(figures, flags), Numbering(), highlight=True)) == expected


def test_verified_numbers_follow_the_page_numbering_of_earlier_claims():
    numbering = Numbering()
    claim_pieces(ClaimInput(id=1, text="Earlier.", markers=(("b", 8),)), numbering, highlight=True)
    figures = [FigureSpan(*OVER_20, "supported", ("b",), "p"), FigureSpan(*PERCENT, "supported", ("a",), "q")]
    pieces = claim_pieces(claim(figures), numbering, highlight=True)
    marks = [piece for piece in pieces if isinstance(piece, FlagMark)]
    assert [mark.verified_in for mark in marks] == [(1,), (2,)]
    assert shown(pieces).endswith("fled.[2][1]")


def test_the_tip_of_a_verified_figure_carries_the_passage_and_the_failed_one_the_reason():
    figures = [FigureSpan(*OVER_20, "supported", ("a",), "<b>23</b> died"), FigureSpan(*PERCENT, "not_found")]
    marks = [p for p in claim_pieces(claim(figures), Numbering(), highlight=True) if isinstance(p, FlagMark)]
    assert marks[0].passage == "<b>23</b> died" and "verified" in marks[0].classes
    assert marks[1].reason == FLAG_INFO["failed_verification"].reason
    assert "flag-failed_verification" in marks[1].classes and "verified" not in marks[1].classes


def test_highlight_off_marks_no_figure_even_when_verified():
    figures = [FigureSpan(*OVER_20, "supported", ("a",), "p"), FigureSpan(*PERCENT, "not_found")]
    assert shown(claim_pieces(claim(figures), Numbering(), highlight=False)) == TEXT + "[1][2]"


def test_the_reference_list_carries_the_confirmed_quotes():
    section = SectionInput("", 0, "lead", (ClaimInput(id=1, text="A.", markers=(("a", 2),)),))
    rendered = render_article([section], {"a": SourceInput("a", title="T", quotes=("It said so.",))})
    assert rendered.references[0].source.quotes == ("It said so.",)
