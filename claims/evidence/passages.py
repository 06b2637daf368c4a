"""Find the passage of a source's text that best matches a claim.

A snapshot's text is cut once into passages (its sentences, found by ``claims.sentences``; a sentence
longer than MAX_PASSAGE is cut into windows at spaces) and indexed once: an inverted index of word
stems with BM25 weights. A claim is then scored against only the passages that share a word with it,
so checking many claims against one 20 KB text is linear in the postings read, never claims × sentences.
The few best BM25 candidates are re-ranked with rapidfuzz (word-set similarity to the claim) and a bonus
for each of the claim's figures a candidate states by value; a candidate missing a figure that the next
or previous sentence of its paragraph states is widened to both, since sources often put the number
one sentence on.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from claims.evidence.values import supporting_figure
from claims.figures import Figure, extract_figures
from claims.sentences import sentence_spans

MAX_PASSAGE = 600
CANDIDATES = 16
FIGURE_BONUS = 40.0
BM25_K1 = 1.2
BM25_B = 0.75
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][0-9]+)*")
_PARAGRAPH = re.compile(r"[^\n]+")
_STEM_LENGTH = 7  # a crude stem: "displaced" and "displacement" share "displac"
_STOP_WORDS = frozenset(
    """a an the of in on at by for from to with and or but as is are was were be been being has have had
    that which who this these those it its their his her they them there than then also into over about
    after before during since until while per not no""".split()
)


@dataclass(frozen=True)
class Passage:
    """A stretch of a snapshot's text: [start, end) in that text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PassageMatch:
    passage: Passage
    score: float  # higher is better; about 0-80 plus FIGURE_BONUS per figure stated


@dataclass(frozen=True)
class PassageIndex:
    """A snapshot's text cut into passages, with an inverted index of their word stems."""

    text: str
    passages: tuple[Passage, ...]
    postings: dict[str, tuple[tuple[int, int], ...]]  # stem -> ((passage index, count), ...)
    # BM25's length normalisation of each passage (its length against the average), worked out once here
    # rather than at every posting a query walks (a common word's postings reach most passages).
    norms: tuple[float, ...]
    _figures: dict[int, tuple[Figure, ...]] = field(default_factory=dict, compare=False, repr=False)

    def figures(self, index: int) -> tuple[Figure, ...]:
        """Return the figures of a passage, extracted once and only for passages a claim reaches."""
        if index not in self._figures:
            self._figures[index] = extract_figures(self.passages[index].text)
        return self._figures[index]


def tokens(text: str) -> list[str]:
    """Return the stems of the words and numbers of ``text``: lowercase, stop words left out."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    # A number is kept whole (2,000,000,000 is not 2000000); a word is cut to its stem. Inline: this
    # runs for every word of every snapshot.
    return [
        (word.replace(",", "") if "," in word else word)
        if word[0].isdigit()
        else (word[:_STEM_LENGTH] if "," not in word else word.replace(",", "")[:_STEM_LENGTH])
        for word in words
        if word not in _STOP_WORDS
    ]


def split_passages(text: str) -> tuple[Passage, ...]:
    """Return the passages of a text: its sentences, paragraph by paragraph, long ones cut at spaces."""
    passages: list[Passage] = []
    for paragraph in _PARAGRAPH.finditer(text):
        offset, body = paragraph.start(), paragraph.group()
        # The sentence ends alone: a passage needs no citation markers taken out (a snapshot has none).
        for start, end in sentence_spans(body):
            passages.extend(_windows(body[start:end], offset + start))
    return tuple(passages)


def _windows(sentence: str, start: int) -> list[Passage]:
    """Return a sentence as one passage, or cut at spaces into pieces of at most MAX_PASSAGE characters.

    Walks offsets rather than slicing off the rest each time, so a megabyte without a full stop stays
    linear."""
    pieces, position, length = [], 0, len(sentence)
    while length - position > MAX_PASSAGE:
        cut = sentence.rfind(" ", position + 1, position + MAX_PASSAGE)
        cut = cut if cut > position else position + MAX_PASSAGE
        pieces.append(Passage(sentence[position:cut], start + position, start + cut))
        position = cut
        while position < length and sentence[position] == " ":
            position += 1
    if position < length:
        pieces.append(Passage(sentence[position:], start + position, start + length))
    return pieces


def build_index(text: str) -> PassageIndex:
    """Return the passage index of a snapshot's text."""
    passages = split_passages(text)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lengths = []
    for index, passage in enumerate(passages):
        counts = Counter(tokens(passage.text))
        lengths.append(sum(counts.values()))
        for stem, count in counts.items():
            postings[stem].append((index, count))
    average = sum(lengths) / len(lengths) if lengths else 0.0
    frozen = {stem: tuple(entries) for stem, entries in postings.items()}
    norms = tuple(BM25_K1 * (1 - BM25_B + BM25_B * length / (average or 1)) for length in lengths)
    return PassageIndex(text, passages, frozen, norms)


def bm25_scores(index: PassageIndex, query: str) -> dict[int, float]:
    """Return the BM25 score of every passage sharing a stem with ``query``."""
    scores: dict[int, float] = defaultdict(float)
    total, norms = len(index.passages), index.norms
    for stem in set(tokens(query)):
        entries = index.postings.get(stem, ())
        if not entries:
            continue
        idf = math.log(1 + (total - len(entries) + 0.5) / (len(entries) + 0.5))
        for passage, count in entries:
            scores[passage] += idf * count * (BM25_K1 + 1) / (count + norms[passage])
    return scores


def best_passage(index: PassageIndex, claim: str, figures: tuple[Figure, ...] = ()) -> PassageMatch | None:
    """Return the passage that best matches a claim and its figures, or None when no word is shared."""
    ranked = ranked_passages(index, claim, figures, limit=1)
    return ranked[0] if ranked else None


def ranked_passages(
    index: PassageIndex, claim: str, figures: tuple[Figure, ...] = (), *, limit: int = 3
) -> tuple[PassageMatch, ...]:
    """Return up to ``limit`` distinct passages matching a claim, best first (the reviewer's choices)."""
    scores = bm25_scores(index, claim)
    if not scores:
        return ()
    top = sorted(scores, key=lambda passage: (-scores[passage], passage))[:CANDIDATES]
    best_bm25 = scores[top[0]] or 1.0
    lexical = {
        candidate: 30 * scores[candidate] / best_bm25
        + 0.5 * fuzz.token_set_ratio(claim, index.passages[candidate].text)
        for candidate in top
    }
    # Reading a candidate's figures (and its neighbours') is the costly part, so candidates are read best
    # words first and the rest skipped once even all the figure bonus could not lift them past the
    # ``limit`` spans already kept: the same passages as reading all sixteen.
    ranked: list[tuple[float, int, tuple[int, int]]] = []
    for candidate in sorted(top, key=lambda candidate: (-lexical[candidate], candidate)):
        kept = _best_spans(ranked, limit)
        if len(kept) == limit and lexical[candidate] + FIGURE_BONUS * len(figures) < kept[-1][0]:
            break
        span, stated = _widened(index, candidate, figures)
        ranked.append((lexical[candidate] + FIGURE_BONUS * stated, -candidate, span))
    return tuple(
        PassageMatch(_join(index, *span), round(score, 2)) for score, _, span in _best_spans(ranked, limit)
    )


def _best_spans(
    ranked: list[tuple[float, int, tuple[int, int]]], limit: int
) -> list[tuple[float, int, tuple[int, int]]]:
    """Return the best-scored entry of each span, best first, at most ``limit`` of them."""
    best, seen = [], set()
    for entry in sorted(ranked, reverse=True):
        if entry[2] not in seen and len(best) < limit:
            seen.add(entry[2])
            best.append(entry)
    return best


def _stated(index: PassageIndex, passage: int, figures: tuple[Figure, ...]) -> set[int]:
    """Return the positions of the claim's figures that a passage states by value."""
    if not figures:
        return set()  # most claims state no figure: their candidates' figures are never read
    stated = index.figures(passage)
    return {n for n, figure in enumerate(figures) if supporting_figure(figure, stated) is not None}


def _widened(index: PassageIndex, passage: int, figures: tuple[Figure, ...]) -> tuple[tuple[int, int], int]:
    """Return the span of passages to offer (the passage, or it with a neighbour that states a missing
    figure) and how many of the claim's figures that span states."""
    found = _stated(index, passage, figures)
    if len(found) == len(figures):
        return (passage, passage), len(found)
    for neighbour in (passage + 1, passage - 1):
        if _same_paragraph(index, passage, neighbour):
            more = _stated(index, neighbour, figures) - found
            if more:
                return (min(passage, neighbour), max(passage, neighbour)), len(found | more)
    return (passage, passage), len(found)


def _same_paragraph(index: PassageIndex, one: int, other: int) -> bool:
    if not 0 <= other < len(index.passages):
        return False
    first, last = sorted((one, other))
    return "\n" not in index.text[index.passages[first].end : index.passages[last].start]


def _join(index: PassageIndex, first: int, last: int) -> Passage:
    start, end = index.passages[first].start, index.passages[last].end
    return Passage(index.text[start:end], start, end)
