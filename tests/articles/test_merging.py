"""The three-way merge of section text, sentence by sentence (pure, no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.merging import Conflict, aligned, merge, units

BASE = "Alpha has 5 units.[1] Beta has 7 units. Gamma has 9.[2]\nDelta rose 10%. Epsilon fell.\n"


@pytest.mark.parametrize(
    "current, submitted, expected",
    [
        pytest.param(BASE, BASE, BASE, id="nobody changed anything"),
        pytest.param(
            BASE.replace("5 units", "6 units"), BASE, BASE.replace("5 units", "6 units"), id="only theirs"
        ),
        pytest.param(BASE, BASE.replace("9.", "8."), BASE.replace("9.", "8."), id="only mine"),
        pytest.param(
            BASE.replace("5 units", "6 units"),
            BASE.replace("Delta rose 10%", "Delta rose 12%"),
            BASE.replace("5 units", "6 units").replace("Delta rose 10%", "Delta rose 12%"),
            id="different paragraphs",
        ),
        pytest.param(
            BASE.replace("5 units", "6 units"),
            BASE.replace("7 units", "8 units"),
            BASE.replace("5 units", "6 units").replace("7 units", "8 units"),
            id="adjacent sentences",
        ),
        pytest.param(
            BASE.replace("5 units", "6 units"),
            BASE.replace("5 units", "6 units"),
            BASE.replace("5 units", "6 units"),
            id="the same change twice",
        ),
        pytest.param(
            BASE.replace(" Epsilon fell.", " Epsilon fell. Zeta joined."),
            BASE.replace("Alpha has 5 units.[1] ", ""),
            BASE.replace(" Epsilon fell.", " Epsilon fell. Zeta joined.").replace(
                "Alpha has 5 units.[1] ", ""
            ),
            id="a sentence added at a paragraph's end, another removed",
        ),
        pytest.param(
            BASE + "New paragraph.\n",
            "Intro paragraph.\n" + BASE,
            "Intro paragraph.\n" + BASE + "New paragraph.\n",
            id="paragraphs added at both ends",
        ),
    ],
)
def test_changes_to_different_sentences_merge_cleanly(current, submitted, expected):
    result = merge(BASE, current, submitted)
    assert result.conflicts == ()
    assert result.text == expected


def test_changes_to_the_same_sentence_conflict_and_keep_the_other_change():
    current = BASE.replace("7 units", "70 units").replace("Epsilon fell", "Epsilon fell sharply")
    submitted = BASE.replace("7 units", "7,000 units").replace("Alpha has 5", "Alpha has 4")
    result = merge(BASE, current, submitted)
    assert result.conflicts == (
        Conflict(" Beta has 7 units.", " Beta has 70 units.", " Beta has 7,000 units."),
    )
    assert result.text == BASE.replace("7 units", "70 units").replace(
        "Epsilon fell", "Epsilon fell sharply"
    ).replace("Alpha has 5", "Alpha has 4")


def test_insertions_at_the_same_place_conflict():
    result = merge(BASE, BASE + "Theirs.", BASE + "Mine.")
    assert result.conflicts == (Conflict("", "Theirs.", "Mine."),)
    assert result.text == BASE + "Theirs."


def test_one_side_deleting_what_the_other_edited_is_a_conflict():
    current = BASE.replace("Beta has 7 units. ", "")
    submitted = BASE.replace("7 units", "8 units")
    result = merge(BASE, current, submitted)
    assert len(result.conflicts) == 1 and result.text == current


@pytest.mark.parametrize(
    "text",
    ["", "\n", "One.", "One. Two.\n\nThree.  \n", "  Lead space. And [3] markers.[4][5]\r\nNext.", "No end"],
)
def test_units_join_back_to_the_text(text):
    assert "".join(units(text)) == text


@given(st.text(alphabet=st.sampled_from(list("ab. \n[1]")), max_size=200))
def test_units_join_back_to_any_text(text):
    assert "".join(units(text)) == text


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=30),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=30),
)
def test_aligned_pairs_are_equal_and_increasing(a, b):
    pairs = aligned(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pairs, pairs[1:], strict=False))


@given(
    st.lists(st.text(alphabet="abc", min_size=1, max_size=3).map(lambda s: f"S{s}."), max_size=40), st.data()
)
def test_merging_with_an_unchanged_side_gives_the_other_side(sentences, data):
    base = " ".join(sentences)
    edited = " ".join(data.draw(st.lists(st.sampled_from(sentences or ["Sx."]), max_size=40)))
    assert merge(base, base, edited).text == edited
    assert merge(base, edited, base).text == edited


def test_a_long_section_merges_every_change_and_only_those():
    """2,000 sentences, every tenth changed by one side and every tenth + 5 by the other."""
    sentences = [f"Sentence {n} counts {n * 7} things." for n in range(2000)]
    theirs = [s.replace("things", "items") if n % 10 == 0 else s for n, s in enumerate(sentences)]
    mine = [s.replace("counts", "tallies") if n % 10 == 5 else s for n, s in enumerate(sentences)]
    both = [theirs[n] if n % 10 == 0 else mine[n] if n % 10 == 5 else s for n, s in enumerate(sentences)]
    result = merge(" ".join(sentences), " ".join(theirs), " ".join(mine))
    assert result.conflicts == () and result.text == " ".join(both)
