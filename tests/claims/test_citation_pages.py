"""Which claim's citation cites which page, from an import's (key, n, page) per body marker. Table-tested."""

import pytest

from claims.citation_pages import pages_by_citation

CASES = [
    ("no pages", [(1, [["a", 5]])], [], {}),
    ("first marker of a key", [(1, [["a", 5]]), (2, [["a", 3]])], [("a", 1, "p. 4")], {(1, "a"): "p. 4"}),
    ("second marker of a key", [(1, [["a", 5]]), (2, [["a", 3]])], [("a", 2, "p. 9")], {(2, "a"): "p. 9"}),
    (
        "keys counted apart",
        [(1, [["a", 5], ["b", 5]]), (2, [["b", 3]])],
        [("b", 2, "pp. 1–2")],
        {(2, "b"): "pp. 1–2"},
    ),
    (
        "one claim, one source, two pages",
        [(1, [["a", 5], ["a", 9]])],
        [("a", 1, "p. 3"), ("a", 2, "p. 9")],
        {(1, "a"): "p. 3, p. 9"},
    ),
    (
        "the same page twice",
        [(1, [["a", 5], ["a", 9]])],
        [("a", 1, "p. 3"), ("a", 2, "p. 3")],
        {(1, "a"): "p. 3"},
    ),
    ("a marker no claim holds", [(1, [["a", 5]])], [("a", 2, "p. 3")], {}),
    ("a claim without markers", [(1, []), (2, [["a", 1]])], [("a", 1, "p. 3")], {(2, "a"): "p. 3"}),
]


@pytest.mark.parametrize(
    "claims, cited, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_pages_by_citation(claims, cited, expected):
    assert pages_by_citation(claims, cited) == expected
