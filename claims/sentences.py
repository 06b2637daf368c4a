"""Split an article body into sentences and read the citation markers each one carries.

A body is one paragraph per non-blank line; a sentence is what a claim is made of. A sentence ends at
``.``, ``!``, ``?`` or ``…``, optionally followed by closing quotes or brackets and by a marker group
(``[5][3]``), which belongs to the sentence it follows. The next sentence must start with something
that is not lowercase (a capital, a digit, an opening quote or bracket), after whitespace, or glued on
directly when the text came from a copy that lost the space (``elections.[6]The coup``,
``insurgencies.ASEAN nations``). A period after an abbreviation (``Dr.``, ``U.S.``, ``No. 14``) does
not end a sentence, except at the end of the paragraph or when a marker group follows it.

Pure Python: no Django import, so the splitting can be tested with tables and reused anywhere.
"""

import re
from collections import Counter
from collections.abc import Container, Mapping
from dataclasses import dataclass, replace

_KEY = r"[A-Za-z0-9_.:-]{1,64}"
# "[Shan State](/page/Shan State)" is a Markdown link, not a citation: a bracket directly followed by a
# parenthesised URL or path is never a marker, even when its text looks like a key ("[Kayah](/page/…)").
# The "#" is escaped because the pattern is reused in VERBOSE mode, where a bare "#" starts a comment.
_NOT_A_LINK = r"(?!\((?:https?://|/|\#))"
MARKER_PATTERN = re.compile(rf"\[(?P<key>{_KEY})\]{_NOT_A_LINK}")
# Quotations edited by their author keep their brackets: "[i]t was", "one small step for [a] man",
# "this country [and] the islanders", "[sic]", "[...]". A bracket holding only letters, or only dots,
# is such an editorial bracket, hence text, unless the article has a source under that key.
_EDITORIAL = re.compile(r"[A-Za-z]+|\.+")


def is_editorial(key: str) -> bool:
    """Return True for bracketed text that reads as an editor's insertion rather than a source key."""
    return _EDITORIAL.fullmatch(key) is not None


def is_marker(key: str, keys: Container[str] | None) -> bool:
    """Return whether ``[key]`` cites a source, given the article's source keys (None: every key-shaped
    bracket cites, for texts read without their article). A number, or a key shaped like no word
    (``[unhcr-2024]``), always cites, so a typo in one is refused as an unknown key, never taken as text."""
    return keys is None or key in keys or not is_editorial(key)


# An editorial tag such as "[citation needed]" starts with a lowercase word, so it can never start a
# sentence; after the end punctuation it stays with the sentence it qualifies.
_TAG = r"\[[a-z][^\[\]\n]{0,60}\]"
# One scan finds every candidate sentence end. Whole markers are matched (and skipped) first so that
# the "." inside a key such as "[report.Final]" is never read as punctuation.
_END = re.compile(
    rf"""(?P<marker>\[{_KEY}\]{_NOT_A_LINK})
    | (?P<punct>[.!?…]+)
      (?P<closers>["'”’»)]*)
      (?P<tail>(?:\s*(?:\[{_KEY}\]{_NOT_A_LINK}|{_TAG}))*)""",
    re.VERBOSE,
)
_SPACE = re.compile(r"\s*")
_OPENERS = re.compile(r"""["'“‘(\[«¿¡]*""")
_CURRENCY = frozenset("$€£¥")
_WORD = re.compile(r"[A-Za-z]+")
# The word before a period, periods inside it kept ("U.S", "e.g", "Dr"); a longer word is no abbreviation.
_TOKEN_BEFORE = re.compile(r"(?<![A-Za-z.])[A-Za-z][A-Za-z.]*$")
_TOKEN_REACH = 12  # longer than any abbreviation, so the look-back stays short
# Initials and initialisms: "F" in "John F. Kennedy", "U.S", "U.N", "E.U", "U.S.A".
_INITIALISM = re.compile(r"(?:[A-Z]\.)*[A-Z]")

# Abbreviations that are always followed by more of the same sentence (titles come before a name).
_NEVER_FINAL = frozenset(
    "Dr Mr Mrs Ms Prof Gen Lt Col Maj Capt Sgt Cpl Pvt Brig Adm Cmdr Sen Rep Gov Hon Rev St Mt Ft "
    "Jr Sr vs cf e.g i.e".split()
)
# Abbreviations that continue the sentence only before a number: "No. 14", "Jan. 5", "approx. 300".
_BEFORE_NUMBER = frozenset(
    "No Nos approx ca Vol Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# "the U.S. Treasury" continues but "sanctions by the U.S. The junta" ends: after an initialism, and
# after "a.m."/"p.m." ("6 p.m. Myanmar time"), only a word that usually opens a sentence starts one.
# "etc." is deliberately in no list: before a capital it ends the sentence far more often than not.
_TIMES_OF_DAY = frozenset({"a.m", "p.m"})
_SENTENCE_OPENERS = frozenset(
    "A An The This That These Those It Its He She They We I His Her Their There Then Thus In On At By "
    "As For From With Without After Before During Since Following Despite According Although Though "
    "While When However But And Yet Meanwhile Moreover Furthermore Additionally Instead Later Many "
    "Some Several Most Such Both Each If Under Over".split()
)


@dataclass(frozen=True)
class Marker:
    """A citation marker as written: its key, and where it stood in the sentence's marker-free text."""

    key: str
    offset: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body: as written (``raw``), without markers (``text``), and what it cites.

    ``inferred_keys`` is set only on a sentence with no markers of its own: the keys of the next marker
    group in its paragraph, which Wikipedia's practice takes to cover the uncited sentences before it.
    """

    raw: str
    text: str
    markers: tuple[Marker, ...]
    paragraph: int
    inferred_keys: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Return the distinct marker keys in the order they first appear."""
        return tuple(dict.fromkeys(marker.key for marker in self.markers))


def strip_markers(raw: str, keys: Container[str] | None = None) -> tuple[str, tuple[Marker, ...]]:
    """Return the text without its markers, and the markers with their offsets into that text.

    A marker between two spaces ("report [11] although") takes one of them with it, so the text never
    gets a double space; its offset is then right after the word it followed. An editorial bracket
    that is not one of ``keys`` stays in the text (see ``is_marker``).
    """
    parts = _split_at_markers(raw.strip(), keys)  # text, key, text, key, ..., text
    pieces = [parts[0]]
    # The length of the text so far without its trailing whitespace, kept up to date piece by piece:
    # measuring it with text.rstrip() after each marker would copy the whole text each time (quadratic
    # for a long sentence ending in a space followed by many markers).
    length = len(parts[0])
    trimmed = len(parts[0].rstrip())
    markers = []
    for key, piece in zip(parts[1::2], parts[2::2], strict=True):
        markers.append(Marker(key=key, offset=trimmed))
        if length == 0 or trimmed < length:  # empty so far, or ending in whitespace
            piece = piece.lstrip()
        if piece:
            pieces.append(piece)
            stripped = len(piece.rstrip())
            trimmed = length + stripped if stripped else trimmed
            length += len(piece)
    return "".join(pieces).strip(), tuple(markers)


def _split_at_markers(text: str, keys: Container[str] | None) -> list[str]:
    """Return ``text`` cut at its markers as ``re.split`` would: text, key, text, key, ..., text."""
    parts, start = [], 0
    for match in MARKER_PATTERN.finditer(text):
        if is_marker(match["key"], keys):
            parts += [text[start : match.start()], match["key"]]
            start = match.end()
    parts.append(text[start:])
    return parts


def split_paragraph(
    paragraph: str, *, index: int = 0, keys: Container[str] | None = None
) -> tuple[Sentence, ...]:
    """Return the sentences of one paragraph, each with its markers and any inferred citation keys."""
    sentences = []
    for raw in _split_raw(paragraph):
        text, markers = strip_markers(raw, keys)
        sentences.append(Sentence(raw=raw, text=text, markers=markers, paragraph=index))
    return _with_inferred_keys(sentences)


def split_body(body: str, keys: Container[str] | None = None) -> tuple[Sentence, ...]:
    """Return the sentences of a body, paragraph by paragraph; blank lines are not paragraphs.

    ``keys`` are the article's source keys: a bracket of letters or dots that is none of them is an
    editorial bracket, part of the text (``[sic]``, ``[i]t``); None reads every key-shaped bracket as a
    marker.

    A table row (a line starting with ``|``) is one sentence, whatever punctuation its cells hold, so
    the fact-check reads each row as one statement. A Markdown separator row (``|---|---|``) and the
    header row above it state nothing and make no sentence; they keep their paragraph index.
    """
    paragraphs = [line for line in body.split("\n") if line.strip()]
    sentences: list[Sentence] = []
    for index, text in enumerate(paragraphs):
        if not is_table_row(text):
            sentences.extend(split_paragraph(text, index=index, keys=keys))
        elif table_row_kind(paragraphs, index) == "row":
            stripped, markers = strip_markers(text, keys)
            sentences.append(Sentence(raw=text.strip(), text=stripped, markers=markers, paragraph=index))
    return tuple(sentences)


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def is_separator_row(line: str) -> bool:
    """Return True for a Markdown table separator such as ``|---|:--:|``."""
    return is_table_row(line) and "-" in line and not line.strip().strip("|-: ")


def table_row_kind(lines: list[str], index: int) -> str:
    """Return "separator", "header" (the row right above a separator) or "row" for a table line."""
    if is_separator_row(lines[index]):
        return "separator"
    if index + 1 < len(lines) and is_separator_row(lines[index + 1]):
        return "header"
    return "row"


def _split_raw(paragraph: str) -> list[str]:
    """Return the paragraph cut at each sentence end, every piece stripped of surrounding whitespace."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return where each sentence of the paragraph starts and ends, surrounding whitespace left out."""
    spans, start = [], 0
    for match in _END.finditer(paragraph):
        if match["punct"] and _is_sentence_end(paragraph, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(paragraph)))
    trimmed = []
    for start, end in spans:
        piece = paragraph[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            trimmed.append((start + lead, start + lead + len(stripped)))
    return trimmed


def _is_sentence_end(paragraph: str, match: re.Match[str]) -> bool:
    """Return whether a run of end punctuation (with its closers and markers) really ends a sentence."""
    end = match.end()
    after = _SPACE.match(paragraph, end).end()
    if after == len(paragraph):
        return True
    if after > end or match["tail"]:
        # Whitespace, or a marker group glued to the next sentence, may be followed by a new sentence.
        if not _starts_sentence(paragraph, after):
            return False
    elif not _is_glued_start(paragraph, match):
        return False
    if match["punct"] != "." or match["closers"] or match["tail"]:
        return True
    return not _is_abbreviation(paragraph, match.start(), after)


def _starts_sentence(paragraph: str, position: int) -> bool:
    """Return whether a sentence can start here: after any opening quotes or brackets, no lowercase."""
    first = _OPENERS.match(paragraph, position).end()
    if first == len(paragraph):
        return False
    char = paragraph[first]
    # Burmese and other uncased scripts count as a start: only a lowercase letter continues a sentence.
    return (char.isalnum() and not char.islower()) or char in _CURRENCY


def _is_glued_start(paragraph: str, match: re.Match[str]) -> bool:
    """Return whether a sentence starts right after the punctuation with no space ("launch.No sanctions").

    Copied articles sometimes lose the space between sentences. Requiring two lowercase letters before
    the punctuation and a capitalised word after it keeps "U.S.", "e.g.Kayah", "3.5" and "Mr.Smith"
    apart from real sentence ends.
    """
    before = paragraph[max(0, match.start() - 2) : match.start()]
    after = paragraph[match.end() : match.end() + 2]
    return (
        len(before) == 2
        and before.isalpha()
        and before.islower()
        and len(after) == 2
        and after[0].isupper()
        and after[1].isalpha()
    )


def _is_abbreviation(paragraph: str, dot: int, next_start: int) -> bool:
    """Return whether the period at ``dot`` closes an abbreviation that the sentence runs on past."""
    token = _TOKEN_BEFORE.search(paragraph, max(0, dot - _TOKEN_REACH), dot)
    if token is None:
        return False
    word = token.group()
    if word in _NEVER_FINAL:
        return True
    next_char = paragraph[next_start]
    if word in _BEFORE_NUMBER:
        return next_char.isdigit() or next_char in _CURRENCY
    if _INITIALISM.fullmatch(word) or word in _TIMES_OF_DAY:
        next_word = _WORD.match(paragraph, next_start)
        return next_word is not None and next_word.group() not in _SENTENCE_OPENERS
    return False


def _with_inferred_keys(sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """Return the sentences with each uncited one covered by the next marker group in the paragraph."""
    result, following = [], ()
    for sentence in reversed(sentences):
        if sentence.markers:
            following = _first_group_keys(sentence.markers)
        elif following:
            sentence = replace(sentence, inferred_keys=following)
        result.append(sentence)
    return tuple(reversed(result))


def _first_group_keys(markers: tuple[Marker, ...]) -> tuple[str, ...]:
    """Return the distinct keys of the first marker group: adjacent markers share one offset."""
    first = markers[0].offset
    group = [marker.key for marker in markers if marker.offset == first]
    return tuple(dict.fromkeys(group))


def rename_marker(text: str, old: str, new: str) -> str:
    """Return ``text`` with every citation marker ``[old]`` written ``[new]``.

    Only what ``MARKER_PATTERN`` reads as a marker changes: a Markdown link ``[old](/x)``, a longer key
    ``[old-2]`` and any other bracketed text stay as they are. One linear scan.
    """
    return rename_markers(text, {old: new})


def rename_markers(text: str, renames: Mapping[str, str]) -> str:
    """Return ``text`` with each marker whose key is in ``renames`` written with its new key, at once
    (so swapping two keys works), in one linear scan."""
    if not renames:
        return text
    return MARKER_PATTERN.sub(lambda match: f"[{renames.get(match['key'], match['key'])}]", text)


def table_cell_count(body: str) -> int:
    """Return how many cells the body's table rows hold: the cells between a row's ``|``, a row's last
    cell counted also when the row does not end in ``|``. Every one is rendered on the article page."""
    count = 0
    for line in body.split("\n"):
        if is_table_row(line):
            row = line.strip()
            count += max(1, row.count("|") - 1 + (not row.endswith("|")))
    return count


def changed_statement_count(old_body: str, new_body: str) -> int:
    """Return how many statements of ``new_body`` are not statements of ``old_body`` (each counted as
    often as it appears): what a save would have to check again. Only the paragraphs that differ are split
    into sentences, so a one-word edit of a long section costs a line count, not a split of it all."""
    old_lines, new_lines = Counter(old_body.split("\n")), Counter(new_body.split("\n"))
    removed = "\n".join((old_lines - new_lines).elements())
    added = "\n".join((new_lines - old_lines).elements())
    old = Counter(sentence.raw for sentence in split_body(removed))
    new = Counter(sentence.raw for sentence in split_body(added))
    return sum((new - old).values())
