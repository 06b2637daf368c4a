import pytest

from claims import matching
from claims.matching import Match, match_sentences, pair_edited

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


# Gap pairing: inside a gap between unchanged sentences, each edited sentence is compared with a bounded
# set of old ones (near its place, or sharing its rare words), and pairs never cross.
OLD_GAP = [
    "The KNDF captured the Pan Tein outpost on November 7.",
    "Over 20 junta personnel were killed in the assault.",
    "The junta answered with airstrikes on Loikaw.",
    "Aid groups reported 75 civilian deaths by December.",
    "Fighting spread to Demoso township within a week.",
    "The Karenni Interim Executive Council took over the administration of Mese.",
    "Around 120,000 people fled their homes in Kayah State.",
    "Refugees crossed into Thailand near Mae Hong Son.",
    "The resistance seized 14 artillery pieces from a base in Shadaw.",
    "Electricity to the state capital was cut for eleven days.",
]


def edited(sentence: str) -> str:
    return sentence.replace(" ", " newly ", 1)


@pytest.mark.parametrize(
    ("old", "new", "pairs"),
    [
        # every sentence edited in place: each keeps its claim
        (OLD_GAP[:4], [edited(s) for s in OLD_GAP[:4]], [(0, 0), (1, 1), (2, 2), (3, 3)]),
        # a new sentence inserted before edited ones: the rest still pair, counted from the gap's end
        (
            OLD_GAP[:3],
            ["Nobody expected the border to open that week.", *(edited(s) for s in OLD_GAP[:3])],
            [(1, 0), (2, 1), (3, 2)],
        ),
        # an edited sentence far from its place is found by its rare words ("Shadaw", "artillery")
        (OLD_GAP, [edited(OLD_GAP[8])], [(0, 8)]),
        # two edited sentences swapped: the pairs may not cross, so only the more alike one (a word
        # added, 0.95) keeps its claim, not the other (a word changed, 0.89)
        (OLD_GAP[:2], [edited(OLD_GAP[1]), OLD_GAP[0].replace("7", "8")], [(0, 1)]),
        # a rewritten sentence is not paired, even at the same place
        (OLD_GAP[:1], ["Nobody knows what happened at the border that week."], []),
        # a short sentence is never the edit of a long one that merely contains its words
        ([OLD_GAP[5] + " " + OLD_GAP[6]], ["The Karenni Interim Executive Council took over."], []),
        # an old sentence is paired at most once, with the new sentence most like it
        (OLD_GAP[:1], [edited(OLD_GAP[0]), OLD_GAP[0].replace("on November 7", "in a week")], [(0, 0)]),
    ],
)
def test_gap_pairing(old, new, pairs):
    assert pair_edited(old, new, list(range(len(old))), list(range(len(new)))) == pairs


def test_edits_inside_gaps_between_unchanged_sentences():
    old = [OLD_GAP[0], OLD_GAP[1], OLD_GAP[2], OLD_GAP[3], OLD_GAP[4]]
    new = [
        OLD_GAP[0],
        edited(OLD_GAP[1]),
        OLD_GAP[2],
        "A new sentence entirely unrelated.",
        edited(OLD_GAP[4]),
    ]
    matches, retired = match_sentences(old, new)
    assert [(m.old_index, m.is_identical) for m in matches] == [
        (0, True),
        (1, False),
        (2, True),
        (None, False),
        (4, False),
    ]
    assert retired == (3,)


def test_a_moved_unchanged_sentence_keeps_its_claim():
    matches, retired = match_sentences([A, B, C, D], [B, C, D, A])
    assert [(m.old_index, m.is_identical) for m in matches] == [(1, True), (2, True), (3, True), (0, True)]
    assert retired == ()


def test_a_repeated_sentence_keeps_each_claim_once():
    matches, retired = match_sentences([A, A, B], [A, B, A])
    assert sorted(m.old_index for m in matches) == [0, 1, 2]
    assert retired == ()


def section(count: int) -> list[str]:
    """Return distinct sentences shaped like an article's, each with a rare word of its own."""
    return [
        f"In town{number} the junta lost {number % 97} posts and {number % 13} trucks to the KNDF."
        for number in range(count)
    ]


@pytest.mark.parametrize("count", [500, 1000, 2000])
def test_every_sentence_edited_keeps_every_claim_with_bounded_comparisons(count, monkeypatch):
    comparisons = []
    real_compare = matching.bounded_similarity
    monkeypatch.setattr(
        matching, "bounded_similarity", lambda a, b: comparisons.append(1) or real_compare(a, b)
    )
    old = section(count)
    new = [sentence.replace("the junta", "the army", 1) for sentence in old]
    matches, retired = match_sentences(old, new)
    assert [(m.old_index, m.is_identical) for m in matches] == [(index, False) for index in range(count)]
    assert retired == ()
    # Each edited sentence is compared with at most 2 * (2 * NEAR + 1) + RARE_CANDIDATES old ones,
    # whatever the section's length: the work is linear (the old matcher made count**2 comparisons).
    assert len(comparisons) <= count * (2 * (2 * matching.NEAR + 1) + matching.RARE_CANDIDATES)


def test_every_sentence_rewritten_compares_a_bounded_number_of_pairs(monkeypatch):
    comparisons = []
    real_compare = matching.bounded_similarity
    monkeypatch.setattr(
        matching, "bounded_similarity", lambda a, b: comparisons.append(1) or real_compare(a, b)
    )
    count = 2000
    old = section(count)
    new = [
        f"Reporters counted {number} burned homes near village{number} last spring."
        for number in range(count)
    ]
    matches, retired = match_sentences(old, new)
    assert all(m.old_index is None for m in matches) and len(retired) == count
    assert len(comparisons) <= count * (2 * (2 * matching.NEAR + 1) + matching.RARE_CANDIDATES)
