"""Table tests for claims.evidence.highlight: what the workbench marks in a sentence and a passage."""

import pytest

from claims.evidence.highlight import Segment, segments, stated_spans
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
