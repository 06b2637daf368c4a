"""Align two sequences in near-linear time: the runs of items they share, in order.

difflib's SequenceMatcher compares every item with every other in the worst case, and user text can be
made of the worst case (1,000 edited sentences took minutes). This is patience diff: strip the common
ends, anchor on the items that occur exactly once on each side, keep the longest chain of anchors that
is in order on both sides (patience sorting, O(k log k)), and do the same again in each gap between two
anchors. A gap small enough to be cheap in any case (``SMALL_GAP`` comparisons) is handed to difflib,
so short texts align exactly as before. Every pass is paid for from a budget proportional to the input;
when it runs out, the gaps left are reported as replaced whole, which is correct (the texts still join
back) if not minimal. So the work is O(n log n) whatever the input.

Pure Python, standard library only; ``claims.matching`` aligns sentences with it,
``textdiff.diffing`` words and ``articles.merging`` the sentences of three versions.
"""

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# A gap of p by q items is given to difflib when p * q is at most this: difflib is exact and, on a
# gap this small, cheap. Since min(p, q) <= 64 there, all such gaps together cost at most 64 per item.
SMALL_GAP = 4096
# Units of work allowed per item of input (an anchor pass over a gap costs its length, a difflib gap
# p * q), on top of one small gap. Real texts use a fraction of it; only adversarial ones run out.
WORK_PER_ITEM = 96

EQUAL, REPLACE, DELETE, INSERT = "equal", "replace", "delete", "insert"


@dataclass(frozen=True)
class Alignment:
    """The opcodes turning ``a`` into ``b`` (as difflib's ``get_opcodes``) and the work they took."""

    opcodes: tuple[tuple[str, int, int, int, int], ...]
    work: int  # comparisons and passes made, for tests and benchmarks: it grows linearly with the input

    @property
    def matched(self) -> int:
        """Return how many items of ``a`` are matched in ``b``."""
        return sum(end - start for tag, start, end, _, _ in self.opcodes if tag == EQUAL)


def align(a: Sequence[Hashable], b: Sequence[Hashable]) -> Alignment:
    """Return how ``b`` is ``a`` with runs deleted, inserted or replaced."""
    blocks, work = matching_blocks(a, b)
    return Alignment(opcodes=tuple(opcodes_from_blocks(blocks, len(a), len(b))), work=work)


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Return how alike two sequences are, from 0 to 1: twice the matched items over all items."""
    if not a and not b:
        return 1.0
    return 2 * align(a, b).matched / (len(a) + len(b))


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[list[tuple[int, int, int]], int]:
    """Return the shared runs as sorted (start in a, start in b, length) triples, and the work spent."""
    blocks: list[tuple[int, int, int]] = []
    budget = WORK_PER_ITEM * (len(a) + len(b)) + SMALL_GAP
    spent = 0
    gaps = [(0, len(a), 0, len(b))]
    while gaps:
        a_start, a_end, b_start, b_end, compared = _strip_common_ends(a, b, *gaps.pop(), blocks)
        spent += compared
        if a_start == a_end or b_start == b_end:
            continue
        size = (a_end - a_start) * (b_end - b_start)
        cost = size if size <= SMALL_GAP else (a_end - a_start) + (b_end - b_start)
        if spent + cost > budget:
            continue  # out of budget: this gap stays a replacement
        spent += cost
        if size <= SMALL_GAP:
            matcher = SequenceMatcher(None, a[a_start:a_end], b[b_start:b_end], autojunk=False)
            blocks.extend((a_start + i, b_start + j, n) for i, j, n in matcher.get_matching_blocks() if n)
            continue
        gaps.extend(_split_at_anchors(a, b, (a_start, a_end, b_start, b_end), blocks))
    return sorted(blocks), spent


def _strip_common_ends(a, b, a_start, a_end, b_start, b_end, blocks):
    """Record the run both ranges start with and the run both end with; return what is left between,
    and how many comparisons that took.

    Each item compared here is matched (and never looked at again) but for the one that differs at each
    end, so this costs at most one comparison per item plus two per gap: it needs no budget."""
    compared = 2
    length = 0
    while (
        a_start + length < a_end and b_start + length < b_end and a[a_start + length] == b[b_start + length]
    ):
        length += 1
    if length:
        blocks.append((a_start, b_start, length))
        a_start, b_start = a_start + length, b_start + length
    compared += length
    length = 0
    while (
        a_end - length > a_start
        and b_end - length > b_start
        and a[a_end - length - 1] == b[b_end - length - 1]
    ):
        length += 1
    if length:
        blocks.append((a_end - length, b_end - length, length))
        a_end, b_end = a_end - length, b_end - length
    return a_start, a_end, b_start, b_end, compared + length


def _split_at_anchors(a, b, gap, blocks) -> list[tuple[int, int, int, int]]:
    """Match the gap's in-order unique items, record them, and return the gaps between them."""
    a_start, a_end, b_start, b_end = gap
    anchors = longest_chain(unique_pairs(a, b, gap))
    gaps = []
    for i, j in anchors:
        gaps.append((a_start, i, b_start, j))
        blocks.append((i, j, 1))
        a_start, b_start = i + 1, j + 1
    if anchors:
        gaps.append((a_start, a_end, b_start, b_end))
    return gaps  # no anchor: nothing to split on, so the gap stays a replacement


def unique_pairs(a, b, gap) -> list[tuple[int, int]]:
    """Return (i, j) for each item that occurs exactly once in a[a_start:a_end] and once in
    b[b_start:b_end], in the order of b."""
    a_start, a_end, b_start, b_end = gap
    in_a = Counter(a[a_start:a_end])
    in_b = Counter(b[b_start:b_end])
    where = {a[i]: i for i in range(a_start, a_end) if in_a[a[i]] == 1}
    return [(where[b[j]], j) for j in range(b_start, b_end) if in_b[b[j]] == 1 and b[j] in where]


def longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest run of ``pairs`` (sorted by j) whose i increase too: patience sorting."""
    tails: list[int] = []  # tails[k]: the smallest i ending a chain of length k + 1
    tail_at: list[int] = []  # the index in pairs of that chain's last pair
    previous = [-1] * len(pairs)
    for index, (i, _) in enumerate(pairs):
        length = bisect_left(tails, i)
        previous[index] = tail_at[length - 1] if length else -1
        if length == len(tails):
            tails.append(i)
            tail_at.append(index)
        else:
            tails[length], tail_at[length] = i, index
    chain = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def opcodes_from_blocks(blocks, a_length: int, b_length: int):
    """Yield difflib-style opcodes from sorted, non-overlapping matching blocks, adjacent ones merged."""
    i = j = 0
    for a_start, b_start, size in [*_merged(blocks), (a_length, b_length, 0)]:
        if i < a_start and j < b_start:
            yield REPLACE, i, a_start, j, b_start
        elif i < a_start:
            yield DELETE, i, a_start, j, b_start
        elif j < b_start:
            yield INSERT, i, a_start, j, b_start
        if size:
            yield EQUAL, a_start, a_start + size, b_start, b_start + size
        i, j = a_start + size, b_start + size


def _merged(blocks):
    """Return the blocks with each one that continues the previous joined to it."""
    merged: list[tuple[int, int, int]] = []
    for a_start, b_start, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == a_start and merged[-1][1] + merged[-1][2] == b_start:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        else:
            merged.append((a_start, b_start, size))
    return merged
