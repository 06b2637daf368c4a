"""Table tests for claims.evidence.verdicts: the verdict each figure of a claim gets."""

import pytest

from claims.evidence.verdicts import (
    NO_EVIDENCE,
    NOT_FOUND,
    SUPPORTED,
    Evidence,
    check_figures,
    has_failed_verification,
)
from claims.figures import extract_figures

CLAIM = "The UNHCR said over 20 villages emptied and 45% of residents fled."


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (
            [Evidence("1", "More than 20 villages emptied; 45 per cent of residents fled.")],
            [(SUPPORTED, ("1",), "More than 20"), (SUPPORTED, ("1",), "45 per cent")],
        ),
        (
            [Evidence("1", "Some 23 villages emptied."), Evidence("2", "About 45% of residents fled.")],
            [(SUPPORTED, ("1",), "Some 23"), (SUPPORTED, ("2",), "About 45%")],
        ),
        (
            [Evidence("1", "Some 23 villages emptied."), Evidence("2", "Over 21 villages emptied.")],
            [(SUPPORTED, ("1", "2"), "Some 23"), (NOT_FOUND, (), "")],
        ),
        (
            [Evidence("1", "Some 19 villages emptied and 4.5% of residents fled.")],
            [(NOT_FOUND, (), ""), (NOT_FOUND, (), "")],
        ),
        (
            [Evidence("1", "Some 23 villages emptied."), Evidence("2", "")],
            [(SUPPORTED, ("1",), "Some 23"), (NOT_FOUND, (), "")],
        ),
        ([Evidence("1", ""), Evidence("2", "  ")], [(NO_EVIDENCE, (), ""), (NO_EVIDENCE, (), "")]),
        ([], [(NO_EVIDENCE, (), ""), (NO_EVIDENCE, (), "")]),
    ],
)
def test_each_figure_gets_a_verdict_from_the_passages_of_its_sources(evidence, expected):
    verdicts = check_figures(extract_figures(CLAIM), evidence)
    found = [(v.verdict, v.keys, v.support[0].stated if v.support else "") for v in verdicts]
    assert found == expected


def test_a_supported_verdict_carries_its_passage():
    passage = "Officials said more than 20 villages emptied."
    (verdict, _) = check_figures(extract_figures(CLAIM), [Evidence("7", passage)])
    assert verdict.passage == passage and verdict.keys == ("7",)


@pytest.mark.parametrize(
    ("verdicts", "failed"),
    [((SUPPORTED, NOT_FOUND), True), ((SUPPORTED, NO_EVIDENCE), False), ((), False)],
)
def test_failed_verification_means_a_figure_was_not_found(verdicts, failed):
    from claims.evidence.verdicts import FigureVerdict

    assert has_failed_verification([FigureVerdict(v) for v in verdicts]) is failed
