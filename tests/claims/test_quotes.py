"""Whether a quoted passage is the source's own words (pure)."""

import pytest

from claims.quotes import is_quoted_from

SOURCE = "The UN said “some 6,000 villagers”\nwere dis\u00adplaced in Kayah. Residents’ homes burned."


@pytest.mark.parametrize(
    ("passage", "found"),
    [
        ("some 6,000 villagers", True),
        ('The UN said "some 6,000 villagers" were displaced in Kayah.', True),  # straight quotes, one line
        ("Residents' homes burned.", True),
        ("The UN said … were displaced in Kayah.", True),
        ("The UN said ... homes burned.", True),
        ("The UN said “some 7,000 villagers”", False),  # another number is not the source's words
        ("were displaced in Kayah … The UN said", False),  # parts out of order
        ("the un said", False),  # case is part of the words
        ("…", False),
        ("", False),
    ],
)
def test_is_quoted_from(passage, found):
    assert is_quoted_from(passage, SOURCE) is found


def test_linear_on_a_long_hostile_text():
    text = "a " * 500_000 + "b"
    assert is_quoted_from("a " * 1000 + "b", text) is True
    assert is_quoted_from("… ".join(["a"] * 1000) + " c", text) is False
