"""Table tests for claims.evidence.highlight: what the workbench marks in a sentence and a passage."""

import pytest

from claims.evidence.highlight import Segment, passage_segments, segments, stated_spans
from claims.figures import extract_figures


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Over 20 died.", [(0, 7)], [("Over 20", True), (" died.", False)]),
        ("Over 20 died.", [], [("Over 20 died.", False)]),
        ("a 1 b 2", [(6, 7), (2, 3)], [("a ", False), ("1", True), (" b ", False), ("2", True)]),
        ("a 1 b 2", [(2, 5), (4, 7)], [("a ", False), ("1 b", True), (" 2", False)]),  # overlap dropped
        ("short", [(3, 99)], [("short", False)]),  # out of range dropped
    ],
)
def test_segments_mark_the_spans(text, spans, expected):
    assert segments(text, spans) == tuple(Segment(t, m) for t, m in expected)


@pytest.mark.parametrize(
    ("claim", "passage", "marked"),
    [
        ("Over 20 soldiers died.", "Monitors counted 23 soldiers dead and 4 tanks lost.", ["23"]),
        ("Over 20 soldiers died.", "Monitors counted 19 soldiers dead.", []),
        (
            "It cost $3 billion and 45% of trade.",
            "Trade fell 45 per cent, costing $3bn.",
            ["45 per cent", "$3bn"],
        ),
    ],
)
def test_the_passage_marks_the_values_that_state_a_figure(claim, passage, marked):
    spans = stated_spans(passage, extract_figures(claim))
    assert [passage[start:end] for start, end in spans] == marked


@pytest.mark.parametrize(
    ("claim", "passage", "near", "marked"),
    [
        # The same thing counted with another value: marked with the figure it misses.
        ("The water reached 950 homes.", "It reached 310 homes, the council said.", [("310", "950")], []),
        ("Over 20 soldiers died.", "Monitors counted 19 soldiers dead.", [("19", "Over 20")], []),
        # Not a near miss: what supports, what counts something else, and a bare number.
        ("The water reached 950 homes.", "The water reached 950 homes.", [], ["950"]),
        ("The water reached 950 homes.", "Some 310 firemen worked through the night.", [], []),
        ("The water reached 950 homes.", "It rained for 310 hours.", [], []),
        ("The water reached 950 homes.", "The council counted 310.", [], []),
        # Percentages and money are near misses of their own kind only.
        ("Turnout was 45%.", "Turnout was 54 per cent, up from 300 voters.", [("54 per cent", "45%")], []),
        ("It cost $3 billion.", "It cost $2.1 billion and 40%.", [("$2.1 billion", "$3 billion")], []),
        ("It cost $3 billion.", "It cost €3 billion.", [], []),
    ],
)
def test_the_passage_marks_a_near_miss_with_the_figure_it_misses(claim, passage, near, marked):
    figures = extract_figures(claim)
    pieces = passage_segments(passage, figures, stated_spans(passage, figures))
    assert "".join(piece.text for piece in pieces) == passage
    assert [(p.text, p.near_miss_of) for p in pieces if p.near_miss_of] == near
    assert [p.text for p in pieces if p.is_marked and not p.near_miss_of] == marked
