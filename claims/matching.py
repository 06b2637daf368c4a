"""Match a section's old sentences to its new ones, so a claim keeps its identity through edits.

Pure Python. An unchanged sentence keeps its claim; a sentence that is clearly the same one edited keeps
its claim too (its review is reset by the caller); the rest are new claims or retired ones.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

# How alike two sentences' words must be to count as "the same sentence, edited". At 0.6 a changed
# figure or an added clause keeps the claim; a rewritten sentence becomes a new claim.
EDIT_SIMILARITY = 0.6


@dataclass(frozen=True)
class Match:
    new_index: int
    old_index: int | None  # None: a new claim
    is_identical: bool


def similarity(old: str, new: str) -> float:
    """Return how alike two sentences are, word by word, from 0 to 1."""
    return SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio()


def match_sentences(old: list[str], new: list[str]) -> tuple[tuple[Match, ...], tuple[int, ...]]:
    """Return a match for each new sentence and the indexes of the old sentences left over (retired)."""
    matches: dict[int, Match] = {}
    used_old: set[int] = set()
    for tag, old_start, old_end, new_start, new_end in SequenceMatcher(
        a=old, b=new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            for offset in range(old_end - old_start):
                matches[new_start + offset] = Match(new_start + offset, old_start + offset, True)
                used_old.add(old_start + offset)
        elif tag == "replace":
            for new_index, old_index in pair_edited(
                old, new, range(old_start, old_end), range(new_start, new_end)
            ):
                matches[new_index] = Match(new_index, old_index, False)
                used_old.add(old_index)
    result = tuple(matches.get(index, Match(index, None, False)) for index in range(len(new)))
    return result, tuple(index for index in range(len(old)) if index not in used_old)


def pair_edited(old: list[str], new: list[str], old_range: range, new_range: range) -> list[tuple[int, int]]:
    """Return (new, old) pairs within a replaced block, most alike first, keeping their order."""
    candidates = sorted(
        (
            (similarity(old[old_index], new[new_index]), new_index, old_index)
            for new_index in new_range
            for old_index in old_range
        ),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    for score, new_index, old_index in candidates:
        if score < EDIT_SIMILARITY:
            break
        crosses = any(
            (n < new_index) != (o < old_index) or n == new_index or o == old_index for n, o in pairs
        )
        if not crosses:
            pairs.append((new_index, old_index))
    return sorted(pairs)
