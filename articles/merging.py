"""Three-way merge of a section's text at sentence level, as MediaWiki merges with diff3.

An editor opened the section at ``base``; meanwhile someone saved ``current``; the editor submits
``submitted``. Where only one side changed a stretch of sentences, that side's sentences are taken; where
both changed the same stretch differently, the stretch is a conflict, and the merged text holds the other
editor's version there (so saving it again can never undo their change) while the conflict lists both.

Text is cut into units that join back to it exactly: each sentence with the whitespace before it, and each
line break, so a sentence added at the end of a paragraph leaves the sentence before it untouched.
Alignment is ``textdiff.alignment``'s patience diff, O(n log n) in the number of units whatever the
input; a stretch it cannot align counts as changed, which can only cause a conflict, never a wrong merge.

Pure Python: no Django import.
"""

from dataclasses import dataclass

from claims.sentences import sentence_spans
from textdiff.alignment import matching_blocks


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


@dataclass(frozen=True)
class Hunk:
    """One side's change: the base units ``start:end`` (empty for an insertion) replaced by ``units``."""

    start: int
    end: int
    units: tuple[str, ...]


def merge(base: str, current: str, submitted: str) -> MergeResult:
    """Return the three-way merge of ``submitted`` and ``current``, both made from ``base``.

    Each side's changes are hunks over the base's units; hunks of the two sides that overlap (or insert at
    the same place) form a conflict unless they make the same text. A change next to the other side's
    change is no overlap, so editing neighbouring sentences, or adding one after a sentence the other
    editor changed, merges cleanly."""
    old = units(base)
    theirs, mine = hunks(old, units(current)), hunks(old, units(submitted))
    merged, conflicts, position = [], [], 0
    for start, end, group in clusters(theirs, mine):
        merged.extend(old[position:start])
        their_text = applied(old, start, end, [hunk for side, hunk in group if side == 0])
        my_text = applied(old, start, end, [hunk for side, hunk in group if side == 1])
        both_changed = {side for side, _ in group} == {0, 1}
        if both_changed and their_text != my_text:
            conflicts.append(Conflict("".join(old[start:end]), "".join(their_text), "".join(my_text)))
            merged.extend(their_text)
        else:
            merged.extend(my_text if any(side == 1 for side, _ in group) else their_text)
        position = end
    merged.extend(old[position:])
    return MergeResult("".join(merged), tuple(conflicts))


def hunks(base: list[str], side: list[str]) -> list[Hunk]:
    """Return the changes that turn ``base`` into ``side``, in base order. A stretch of edited sentences
    that keeps its number of units is one change per sentence, so the other side may edit a neighbour."""
    found, previous = [], (0, 0)
    for i, j in [*aligned(base, side), (len(base), len(side))]:
        old, new = range(previous[0], i), side[previous[1] : j]
        if len(old) == len(new) > 1:
            found += [Hunk(k, k + 1, (unit,)) for k, unit in zip(old, new, strict=True) if base[k] != unit]
        elif (i, j) != previous:
            found.append(Hunk(previous[0], i, tuple(new)))
        previous = (i + 1, j + 1)
    return found


def overlaps(a: Hunk, b: Hunk) -> bool:
    """Whether two changes touch the same base units (two insertions: at the same place)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def clusters(theirs: list[Hunk], mine: list[Hunk]):
    """Yield (start, end, [(side, hunk)]) for the groups of changes that overlap, in base order."""
    ordered = sorted([(h.start, h.end, 0, h) for h in theirs] + [(h.start, h.end, 1, h) for h in mine])
    group, start, end = [], 0, 0
    for hunk_start, hunk_end, side, hunk in ordered:
        if group and not overlaps(hunk, Hunk(start, end, ())):
            yield start, end, group
            group = []
        if not group:
            start, end = hunk_start, hunk_end
        group.append((side, hunk))
        end = max(end, hunk_end)
    if group:
        yield start, end, group


def applied(base: list[str], start: int, end: int, changes: list[Hunk]) -> list[str]:
    """Return the base units ``start:end`` with one side's changes inside them applied."""
    result, position = [], start
    for hunk in changes:
        result.extend(base[position : hunk.start])
        result.extend(hunk.units)
        position = hunk.end
    result.extend(base[position:end])
    return result


def aligned(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Return pairs (i, j) with a[i] == b[j], increasing in both (``textdiff.alignment``, near-linear)."""
    blocks, _ = matching_blocks(a, b)
    return [(i + k, j + k) for i, j, size in blocks for k in range(size)]
