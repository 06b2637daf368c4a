import random

import pytest

from textdiff.alignment import EQUAL, SMALL_GAP, WORK_PER_ITEM, align, longest_chain, ratio


def rebuilt(a, b, alignment) -> list:
    """Return b rebuilt from a and the opcodes, checking that they cover both sides in order."""
    out, i, j = [], 0, 0
    for tag, a_start, a_end, b_start, b_end in alignment.opcodes:
        assert (a_start, b_start) == (i, j)
        if tag == EQUAL:
            assert list(a[a_start:a_end]) == list(b[b_start:b_end])
        out.extend(b[b_start:b_end])
        i, j = a_end, b_end
    assert (i, j) == (len(a), len(b))
    return out


@pytest.mark.parametrize(
    ("a", "b", "opcodes"),
    [
        ("abc", "abc", [(EQUAL, 0, 3, 0, 3)]),
        ("", "ab", [("insert", 0, 0, 0, 2)]),
        ("ab", "", [("delete", 0, 2, 0, 0)]),
        ("abcd", "abxd", [(EQUAL, 0, 2, 0, 2), ("replace", 2, 3, 2, 3), (EQUAL, 3, 4, 3, 4)]),
        ("axbxc", "axc", [(EQUAL, 0, 2, 0, 2), ("delete", 2, 4, 2, 2), (EQUAL, 4, 5, 2, 3)]),
    ],
)
def test_opcodes(a, b, opcodes):
    assert list(align(a, b).opcodes) == opcodes


@pytest.mark.parametrize("seed", range(30))
def test_opcodes_always_turn_a_into_b(seed):
    rng = random.Random(seed)
    a = [rng.randrange(rng.choice((3, 50, 5000))) for _ in range(rng.randrange(0, 3000))]
    b = list(a)
    for _ in range(rng.randrange(0, 50)):
        position = rng.randrange(len(b) + 1)
        if rng.random() < 0.5 and b:
            del b[min(position, len(b) - 1)]
        else:
            b.insert(position, rng.randrange(5000))
    assert rebuilt(a, b, align(a, b)) == b


def test_longest_chain_is_patience_sorting():
    pairs = [(3, 0), (1, 1), (4, 2), (2, 3), (5, 4), (0, 5)]
    assert longest_chain(pairs) == [(1, 1), (2, 3), (5, 4)]


def test_ratio_counts_matched_items_like_difflib():
    assert ratio("abcd", "abxd") == 0.75
    assert ratio([], []) == 1.0


def test_a_long_text_with_one_change_is_found_exactly():
    words = [f"w{number}" for number in range(50_000)]
    changed = [*words[:25_000], "new", *words[25_001:]]
    alignment = align(words, changed)
    assert [op for op in alignment.opcodes if op[0] != EQUAL] == [("replace", 25_000, 25_001, 25_000, 25_001)]


ADVERSARIAL = {
    # no item occurs once: nothing to anchor on, so a gap is replaced whole instead of compared pairwise
    "two letters": lambda n, rng: [rng.choice("ab") for _ in range(n)],
    # every item unique, in reverse order: a one-anchor chain at each level
    "reversed": lambda n, rng: list(range(n)),
    # a few rare items in a sea of one repeated item
    "sparse": lambda n, rng: [rng.randrange(n) if rng.random() < 0.05 else 0 for _ in range(n)],
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_work_grows_linearly(name):
    work = []
    for n in (20_000, 40_000, 80_000):
        rng = random.Random(n)
        a = ADVERSARIAL[name](n, rng)
        b = a[::-1] if name == "reversed" else ADVERSARIAL[name](n, rng)
        alignment = align(a, b)
        assert rebuilt(a, b, alignment) == b
        work.append(alignment.work)
        assert alignment.work <= (WORK_PER_ITEM + 3) * 2 * n + SMALL_GAP
    # doubling the input at most a little more than doubles the work (quadratic would quadruple it)
    assert work[2] <= 2.5 * work[1] and work[1] <= 2.5 * work[0]
