import pytest

from editorial.diffing import DELETED, EQUAL, INSERTED, DiffPiece, tokenize, word_diff


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
