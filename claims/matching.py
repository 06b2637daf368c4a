"""Match a section's old sentences to its new ones, so a claim keeps its identity through edits.

Pure Python. An unchanged sentence keeps its claim; a sentence that is clearly the same one edited keeps
its claim too (its review is reset by the caller); the rest are new claims or retired ones.

Every step is near-linear in the section's length, because an editor can save thousands of sentences
at once: unchanged sentences are aligned first (``textdiff.alignment``, patience diff on whole
sentences); an unchanged sentence that moved elsewhere is found by its text; then, inside each gap
between aligned sentences, an edited sentence is compared with a bounded number of old ones only: those
near its place in the gap and those sharing its rarest words.
"""

from collections import Counter, defaultdict, deque
from dataclasses import dataclass

from textdiff.alignment import REPLACE, align, ratio

# How alike two sentences' words must be to count as "the same sentence, edited". At 0.6 a changed
# figure or an added clause keeps the claim; a rewritten sentence becomes a new claim.
EDIT_SIMILARITY = 0.6
# Old sentences compared with each edited one: those within NEAR places of where it would stand if the
# gap's sentences were edited in place (counted from either end of the gap) ...
NEAR = 3
# ... and the RARE_CANDIDATES old ones sharing most of its rare words: words in at most RARE_WORD_LIMIT
# old sentences of the gap ("the" names no sentence, "Loikaw" does).
RARE_CANDIDATES = 4
RARE_WORD_LIMIT = 4
# Two sentences whose lengths differ more than this cannot reach EDIT_SIMILARITY: 2m / (x + y) < 0.6
# when the shorter x < 3/7 of the longer y. Skipping them also keeps each comparison's cost in
# proportion to the edited sentence, however long an old one is.
LENGTH_RATIO = EDIT_SIMILARITY / (2 - EDIT_SIMILARITY)


@dataclass(frozen=True)
class Match:
    new_index: int
    old_index: int | None  # None: a new claim
    is_identical: bool


def match_sentences(old: list[str], new: list[str]) -> tuple[tuple[Match, ...], tuple[int, ...]]:
    """Return a match for each new sentence and the indexes of the old sentences left over (retired)."""
    matches: dict[int, Match] = {}
    gaps = []
    for tag, old_start, old_end, new_start, new_end in align(old, new).opcodes:
        if tag == "equal":
            for offset in range(old_end - old_start):
                matches[new_start + offset] = Match(new_start + offset, old_start + offset, True)
        elif tag == REPLACE:
            gaps.append((range(old_start, old_end), range(new_start, new_end)))
    used_old = {match.old_index for match in matches.values()}
    for new_index, old_index in pair_moved(old, new, used_old, matches.keys()):
        matches[new_index] = Match(new_index, old_index, True)
        used_old.add(old_index)
    for old_range, new_range in gaps:
        old_left = [index for index in old_range if index not in used_old]
        new_left = [index for index in new_range if index not in matches]
        for new_index, old_index in pair_edited(old, new, old_left, new_left):
            matches[new_index] = Match(new_index, old_index, False)
            used_old.add(old_index)
    result = tuple(matches.get(index, Match(index, None, False)) for index in range(len(new)))
    return result, tuple(index for index in range(len(old)) if index not in used_old)


def pair_moved(old: list[str], new: list[str], used_old, used_new) -> list[tuple[int, int]]:
    """Return (new, old) pairs of unchanged sentences the alignment left out: moved ones, in order."""
    unused: dict[str, deque[int]] = defaultdict(deque)
    for index, sentence in enumerate(old):
        if index not in used_old:
            unused[sentence].append(index)
    pairs = []
    for index, sentence in enumerate(new):
        if index not in used_new and unused.get(sentence):
            pairs.append((index, unused[sentence].popleft()))
    return pairs


def pair_edited(old: list[str], new: list[str], old_range, new_range) -> list[tuple[int, int]]:
    """Return (new, old) pairs within a gap, most alike first, keeping their order.

    ``old_range`` and ``new_range`` are the gap's unmatched indexes, ascending. Each new sentence is
    scored against a bounded set of candidates, so the work is linear in the gap's words."""
    old_words = {index: Words(old[index].split()) for index in old_range}
    new_words = {index: Words(new[index].split()) for index in new_range}
    rare = RareWords({index: words.words for index, words in old_words.items()})
    scored = []
    for position, new_index in enumerate(new_range):
        for old_index in candidates(position, old_range, len(new_range)) | rare.sharing(
            new_words[new_index].words
        ):
            score = bounded_similarity(old_words[old_index], new_words[new_index])
            if score >= EDIT_SIMILARITY:
                scored.append((score, new_index, old_index))
    scored.sort(reverse=True)
    return ordered_pairs(scored, new_range)


def candidates(position: int, old_range: list[int], new_count: int) -> set[int]:
    """Return the old indexes within NEAR places of ``position``, counted from the gap's start and end."""
    found = set()
    from_end = len(old_range) - (new_count - position)
    for centre in (position, from_end):
        for place in range(max(0, centre - NEAR), min(len(old_range), centre + NEAR + 1)):
            found.add(old_range[place])
    return found


class RareWords:
    """An index from the words of a gap's old sentences to the sentences using them."""

    def __init__(self, sentences: dict[int, list[str]]):
        self.using: dict[str, list[int]] = defaultdict(list)
        for index, words in sentences.items():
            for word in set(words):
                self.using[word].append(index)

    def sharing(self, words: list[str]) -> set[int]:
        """Return the RARE_CANDIDATES old sentences sharing most rare words with ``words``."""
        counts: dict[int, int] = defaultdict(int)
        for word in set(words):
            users = self.using.get(word, ())
            if len(users) <= RARE_WORD_LIMIT:
                for index in users:
                    counts[index] += 1
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:RARE_CANDIDATES]
        return {index for index, _ in best}


class Words:
    """A sentence's words, and (when first needed) how often each occurs."""

    def __init__(self, words: list[str]):
        self.words = words
        self._counts: Counter | None = None

    @property
    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(self.words)
        return self._counts


def bounded_similarity(old: Words, new: Words) -> float:
    """Return how alike two sentences' words are, from 0 to 1 (as difflib's ratio), or 0 when a cheap
    bound rules out EDIT_SIMILARITY: their lengths, or the words they share in any order (no
    alignment can match more words than the two have in common)."""
    total = len(old.words) + len(new.words)
    shorter, longer = sorted((len(old.words), len(new.words)))
    if shorter < LENGTH_RATIO * longer:
        return 0.0
    if 2 * sum((old.counts & new.counts).values()) < EDIT_SIMILARITY * total:
        return 0.0
    return ratio(old.words, new.words)


def ordered_pairs(scored, new_range: list[int]) -> list[tuple[int, int]]:
    """Return the pairs taken best first, skipping any that would cross or reuse one already taken."""
    place = {new_index: position for position, new_index in enumerate(new_range)}
    taken = Chain(len(new_range))  # sized to the gap, not the section: a section may have many gaps
    pairs = []
    for _, new_index, old_index in scored:
        if taken.fits(place[new_index], old_index):
            taken.add(place[new_index], old_index)
            pairs.append((new_index, old_index))
    return sorted(pairs)


class Chain:
    """Pairs (new, old) increasing in both, with O(log n) checks that another pair keeps it so.

    A Fenwick tree counts the taken new indexes, so the taken pair just before and just after any new
    index is found by rank without scanning the pairs taken so far."""

    def __init__(self, size: int):
        self.size = size
        self.tree = [0] * (size + 1)
        self.old_at: dict[int, int] = {}

    def fits(self, new_index: int, old_index: int) -> bool:
        if new_index in self.old_at:
            return False
        before = self.rank(new_index)  # taken new indexes below new_index
        if before and self.old_at[self.select(before)] >= old_index:
            return False
        after = before + 1
        return after > len(self.old_at) or self.old_at[self.select(after)] > old_index

    def add(self, new_index: int, old_index: int) -> None:
        self.old_at[new_index] = old_index
        position = new_index + 1
        while position <= self.size:
            self.tree[position] += 1
            position += position & -position

    def rank(self, new_index: int) -> int:
        """Return how many taken new indexes are below ``new_index``."""
        total, position = 0, new_index
        while position > 0:
            total += self.tree[position]
            position -= position & -position
        return total

    def select(self, rank: int) -> int:
        """Return the taken new index that is the ``rank``-th smallest (from 1)."""
        position, step = 0, 1 << self.size.bit_length()
        while step:
            if position + step <= self.size and self.tree[position + step] < rank:
                position += step
                rank -= self.tree[position]
            step >>= 1
        return position  # the 1-based tree position minus one
