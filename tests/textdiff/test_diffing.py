import pytest

from textdiff.diffing import DELETED, EQUAL, INSERTED, DiffPiece, tokenize, word_diff


@pytest.mark.parametrize(
    "text",
    ["", "one", "Over 20 troops.[4][5] Next", "  spaced   out \n lines ", "odd [ bracket", "glued.[6]The"],
)
def test_tokens_join_back(text):
    assert "".join(tokenize(text)) == text


def test_markers_are_tokens_of_their_own():
    assert tokenize("killed.[4][5]") == ["killed.", "[4]", "[5]"]


@pytest.mark.parametrize(
    ("old", "new", "inserted", "deleted"),
    [
        ("over 20 junta troops", "over 25 junta troops", ("25",), ("20",)),
        ("Loikaw fell.[4]", "Loikaw fell.[4][7]", ("[7]",), ()),
        ("Loikaw fell.[4]", "Loikaw fell.[9]", ("[9]",), ("[4]",)),
        ("a b c", "a c", (), ("b ",)),
        ("same text", "same text", (), ()),
    ],
)
def test_word_diff_marks_exactly_the_changed_words(old, new, inserted, deleted):
    diff = word_diff(old, new)
    assert diff.inserted == inserted
    assert diff.deleted == deleted
    assert diff.old_text() == old and diff.new_text() == new
    assert diff.has_changes is bool(inserted or deleted)


def test_pieces_are_merged_and_ordered():
    diff = word_diff("The junta lost 20 posts.", "The army lost 30 posts.")
    assert diff.pieces == (
        DiffPiece(EQUAL, "The "),
        DiffPiece(DELETED, "junta"),
        DiffPiece(INSERTED, "army"),
        DiffPiece(EQUAL, " lost "),
        DiffPiece(DELETED, "20"),
        DiffPiece(INSERTED, "30"),
        DiffPiece(EQUAL, " posts."),
    )


def test_one_changed_word_in_a_60_kb_section_is_exactly_that_change(seed_bytes):
    old = seed_bytes.decode()
    assert len(old.encode()) >= 59_000
    at = old.index(" 477 airstrikes") + 1
    new = old[:at] + "480" + old[at + 3 :]
    diff = word_diff(old, new)
    assert diff.pieces == (
        DiffPiece(EQUAL, old[:at]),
        DiffPiece(DELETED, "477"),
        DiffPiece(INSERTED, "480"),
        DiffPiece(EQUAL, old[at + 3 :]),
    )


def test_scattered_changes_in_a_long_text_are_each_found(seed_bytes):
    old = seed_bytes.decode()
    words = old.split(" ")
    changed = {len(words) * share // 10: f"CHANGED{share}" for share in range(1, 10)}
    new = " ".join(changed.get(index, word) for index, word in enumerate(words))
    diff = word_diff(old, new)
    assert diff.inserted == tuple(changed.values())
    assert diff.deleted == tuple(words[index] for index in changed)
    assert diff.old_text() == old and diff.new_text() == new
