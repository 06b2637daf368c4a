import pytest

from claims.matching import Match, match_sentences

A = "The KNDF captured the Pan Tein outpost on November 7.[2]"
B = "Over 20 junta personnel were killed in the assault.[4]"
C = "The junta answered with airstrikes on Loikaw.[5]"
D = "Aid groups reported 75 civilian deaths by December."


def test_unchanged_sentences_match_identically():
    matches, retired = match_sentences([A, B, C], [A, B, C])
    assert matches == (Match(0, 0, True), Match(1, 1, True), Match(2, 2, True))
    assert retired == ()


def test_an_edited_figure_keeps_the_claim():
    edited = B.replace("Over 20", "Over 25")
    matches, retired = match_sentences([A, B, C], [A, edited, C])
    assert matches[1] == Match(1, 1, False)
    assert retired == ()


def test_changed_citation_keeps_the_claim_but_not_identical():
    matches, _ = match_sentences([A], [A.replace("[2]", "[2][3]")])
    assert matches == (Match(0, 0, False),)


def test_inserted_and_removed_sentences():
    matches, retired = match_sentences([A, B, C], [D, A, C])
    assert matches == (Match(0, None, False), Match(1, 0, True), Match(2, 2, True))
    assert retired == (1,)


def test_a_rewritten_sentence_is_new():
    rewritten = "Nobody knows what happened at the border that week."
    matches, retired = match_sentences([A, B], [A, rewritten])
    assert matches[1] == Match(1, None, False)
    assert retired == (1,)


@pytest.mark.parametrize("old,new", [([], [A, B]), ([A, B], [])])
def test_empty_sides(old, new):
    matches, retired = match_sentences(old, new)
    assert len(matches) == len(new) and all(m.old_index is None for m in matches)
    assert retired == tuple(range(len(old)))


def test_swapped_edited_sentences_do_not_cross():
    b2, c2 = B.replace("20", "21"), C.replace("Loikaw", "Demoso")
    matches, retired = match_sentences([A, B, C], [A, b2, c2])
    assert [(m.new_index, m.old_index) for m in matches] == [(0, 0), (1, 1), (2, 2)]
