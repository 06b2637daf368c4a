"""Three-way merge of a section's text at sentence level, as MediaWiki merges with diff3.

An editor opened the section at ``base``; meanwhile someone saved ``current``; the editor submits
``submitted``. Where only one side changed a stretch of sentences, that side's sentences are taken; where
both changed the same stretch differently, the stretch is a conflict, and the merged text holds the other
editor's version there (so saving it again can never undo their change) while the conflict lists both.

Text is cut into units that join back to it exactly: each sentence with the whitespace before it, and each
line break, so a sentence added at the end of a paragraph leaves the sentence before it untouched.
Alignment is a patience diff (unique units as anchors), bounded to two passes, so it is O(n log n) in the
number of units whatever the input; a stretch it cannot align counts as changed, which can only cause a
conflict, never a wrong merge.

Pure Python: no Django import.
"""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from claims.sentences import sentence_spans


@dataclass(frozen=True)
class Conflict:
    """A stretch both editors changed: what it was, what the other editor saved, what this one typed."""

    base: str
    current: str
    submitted: str


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: tuple[Conflict, ...]

    @property
    def is_clean(self) -> bool:
        return not self.conflicts


def units(text: str) -> list[str]:
    """Return the text cut into units that join back to exactly ``text``: each sentence with the
    whitespace before it, any whitespace ending a line, and each line break."""
    pieces = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        start = 0
        for _, end in sentence_spans(line):
            pieces.append(line[start:end])
            start = end
        if line[start:]:
            pieces.append(line[start:])
        if number < len(lines) - 1:
            pieces.append("\n")
    return pieces


def merge(base: str, current: str, submitted: str) -> MergeResult:
    """Return the three-way merge of ``submitted`` and ``current``, both made from ``base``."""
    old, ours, theirs = units(base), units(current), units(submitted)
    to_current, to_submitted = dict(aligned(old, ours)), dict(aligned(old, theirs))
    stable = [
        (i, to_current[i], to_submitted[i]) for i in range(len(old)) if i in to_current and i in to_submitted
    ]
    merged, conflicts = [], []
    previous = (-1, -1, -1)
    for anchor in [*stable, (len(old), len(ours), len(theirs))]:
        stretch = tuple(
            seq[p + 1 : a] for seq, p, a in zip((old, ours, theirs), previous, anchor, strict=True)
        )
        take_stretch(*stretch, merged, conflicts)
        if anchor[0] < len(old):
            merged.append(old[anchor[0]])
        previous = anchor
    return MergeResult("".join(merged), tuple(conflicts))


def take_stretch(base: list, current: list, submitted: list, merged: list, conflicts: list) -> None:
    """Merge one stretch between stable units; unit by unit when all three have the same length."""
    if current == base or current == submitted:
        merged.extend(submitted)
    elif submitted == base:
        merged.extend(current)
    elif len(base) == len(current) == len(submitted) > 1:
        for unit in zip(base, current, submitted, strict=True):
            take_stretch([unit[0]], [unit[1]], [unit[2]], merged, conflicts)
    else:
        conflicts.append(Conflict("".join(base), "".join(current), "".join(submitted)))
        merged.extend(current)


def aligned(a: list[str], b: list[str], *, passes: int = 2) -> list[tuple[int, int]]:
    """Return pairs (i, j) with a[i] == b[j], increasing in both, from a bounded patience diff."""
    pairs: list[tuple[int, int]] = []
    start_a, start_b, end_a, end_b = 0, 0, len(a), len(b)
    while start_a < end_a and start_b < end_b and a[start_a] == b[start_b]:
        pairs.append((start_a, start_b))
        start_a, start_b = start_a + 1, start_b + 1
    suffix = []
    while end_a > start_a and end_b > start_b and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
        suffix.append((end_a, end_b))
    if passes and start_a < end_a and start_b < end_b:
        previous = (start_a - 1, start_b - 1)
        for anchor in [*unique_anchors(a, b, start_a, end_a, start_b, end_b), (end_a, end_b)]:
            inner_a, inner_b = a[previous[0] + 1 : anchor[0]], b[previous[1] + 1 : anchor[1]]
            for i, j in aligned(inner_a, inner_b, passes=passes - 1):
                pairs.append((previous[0] + 1 + i, previous[1] + 1 + j))
            if anchor != (end_a, end_b):
                pairs.append(anchor)
            previous = anchor
    return pairs + suffix[::-1]


def unique_anchors(a, b, start_a, end_a, start_b, end_b) -> list[tuple[int, int]]:
    """Return the longest increasing run of units that occur once in each range (patience sorting)."""
    count_a, count_b = Counter(a[start_a:end_a]), Counter(b[start_b:end_b])
    where_b = {b[j]: j for j in range(start_b, end_b) if count_b[b[j]] == 1}
    candidates = [(i, where_b[a[i]]) for i in range(start_a, end_a) if count_a[a[i]] == 1 and a[i] in where_b]
    tails: list[int] = []  # tails[k]: the smallest b index ending an increasing run of length k + 1
    tail_at: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(candidates):
        k = bisect_left(tails, j)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[k], tail_at[k] = j, index
    run, index = [], tail_at[-1] if tail_at else -1
    while index != -1:
        run.append(candidates[index])
        index = back[index]
    return run[::-1]
