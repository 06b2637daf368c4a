"""Read and write the plain-text article format.

One paragraph per line; only "\n" (or "\r\n") ends a line. Python's ``str.splitlines`` also breaks at
U+2028, U+2029, U+0085, \x0b, \x0c and \x1c-\x1e, which a body may contain (pasted from a word
processor): splitting there would turn one paragraph into several, or into headings, on the way back
in. ``lines`` is the one place lines are cut. A heading is a short line with no citation marker that
does not end in sentence punctuation; a heading directly followed by another heading is the parent of
the headings under it. The text before the first heading is the lead. Citations are ``[N]`` with N a
positive number, or ``[key]`` when the references block declares that key; a bracket of letters or dots
that no reference declares ("[sic]", "[i]t", "[...]") is an editorial insertion, part of the text.

A file may end with a ``References`` heading followed only by lines ``[N] citation text`` (or
``[key] citation text``): that block lists the sources; its lines are not paragraphs. Lines starting
with ``|`` are table rows: always paragraphs, never headings, so a table stays in its section's body.
Pure Python: no ORM here, so the rules can be tested on strings alone.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from articles.errors import ArticleFormatError
from claims.sentences import is_editorial

HEADING_MAX_LENGTH = 120
MAX_HEADING_LEVEL = 6  # as HTML has h1-h6; the page's title is the h1
MAX_MARKER_NUMBER = 1_000_000  # far beyond any reference list, and within every database's integers
SENTENCE_END = (".", "!", "?", ":")
# Anything that looks like a marker; the import format only allows positive numbers inside.
BRACKET_MARKER = re.compile(r"\[([A-Za-z0-9_.:\-]{1,64})\]")
POSITIVE_NUMBER = re.compile(r"[1-9][0-9]*")
REFERENCES_HEADING = "References"
REFERENCE_LINE = re.compile(r"\[([A-Za-z0-9_.:\-]{1,64})\](?:\s+(\S.*))?")
TABLE_ROW_START = "|"


@dataclass(frozen=True)
class ParsedSection:
    heading: str  # "" for the lead
    level: int  # 0 for the lead
    body: str  # paragraphs joined by "\n"
    line: int  # 1-based line of the heading (or of the lead's first paragraph)
    # (key, n, page): the n-th marker [key] of the body (from 1) cites that page of its source ("p. 12").
    # Only wikitext carries pages (short citations, {{rp}}); the plain-text format has no way to write one.
    cited_pages: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class ParsedReference:
    key: str
    text: str  # the citation as written after "[key] ", "" when the line only declares the key
    line: int
    fields: dict | None = None  # the source's fields when the format states them (wikitext templates)


@dataclass(frozen=True)
class ParsedArticle:
    sections: tuple[ParsedSection, ...]
    source_numbers: tuple[int, ...]  # distinct marker numbers, ascending
    references: tuple[ParsedReference, ...] = ()  # the references block, in file order

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Return every source key the file names: cited numbers ascending, then declared keys in order."""
        keys = [str(number) for number in self.source_numbers]
        return tuple(dict.fromkeys([*keys, *(reference.key for reference in self.references)]))

    @property
    def paragraph_count(self) -> int:
        return sum(len(lines(section.body)) for section in self.sections if section.body)


def lines(text: str) -> list[str]:
    """Return the lines of ``text``, cut at "\n" or "\r\n" only."""
    return [line.removesuffix("\r") for line in text.split("\n")]


# Breaks that stay inside a paragraph (see above): a line keeps them even at its start or end, where
# ``str.strip`` would take them as whitespace and an import would lose them.
KEPT_BREAKS = frozenset("\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")


def strip_line(line: str) -> str:
    """Return ``line`` without the whitespace around it, the in-paragraph breaks kept; "" for a line of
    whitespace alone. Walks in from both ends only as far as the padding goes: linear."""
    if not line.strip():
        return ""
    start, end = 0, len(line)
    while line[start].isspace() and line[start] not in KEPT_BREAKS:
        start += 1
    while line[end - 1].isspace() and line[end - 1] not in KEPT_BREAKS:
        end -= 1
    return line[start:end]


def decode(data: bytes) -> str:
    """Return the file's text, or raise ArticleFormatError saying where it is not UTF-8 text."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleFormatError("the file is binary, not text (it contains a NUL byte)", line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ArticleFormatError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at column {column})", line=line
        ) from None
    return text.removeprefix("\ufeff")


def is_heading(line: str) -> bool:
    """Return True for a short line without a marker that does not end like a sentence."""
    line = line.strip()  # a break kept at its start or end (KEPT_BREAKS) says nothing about its kind
    return (
        len(line) < HEADING_MAX_LENGTH
        and not line.startswith(TABLE_ROW_START)
        and not BRACKET_MARKER.search(line)
        and not line.endswith(SENTENCE_END)
        and not line.endswith(tuple(f'{end}"' for end in SENTENCE_END))
    )


def check_markers(line: str, number: int, declared: frozenset[str] = frozenset()) -> list[int]:
    """Return the marker numbers of a paragraph line, refusing any marker that is neither a positive
    number nor a key the references block declares. Brackets of letters or dots that no reference
    declares ("[sic]", "[i]t", "[and]", "[...]") are an editor's insertions in a quotation: text."""
    numbers = []
    for match in BRACKET_MARKER.finditer(line):
        if match.group(1) in declared and not POSITIVE_NUMBER.fullmatch(match.group(1)):
            continue
        if is_editorial(match.group(1)):
            continue
        if not POSITIVE_NUMBER.fullmatch(match.group(1)):
            raise ArticleFormatError(
                f"citation marker [{match.group(1)}] is not a positive number; "
                "the import format cites sources as [1], [2], ... or by a key its References block "
                f"declares ([{match.group(1)}] citation text)",
                line=number,
            )
        if int(match.group(1)) > MAX_MARKER_NUMBER:
            raise ArticleFormatError(
                f"citation marker [{match.group(1)}] is too large: "
                f"source numbers go up to {MAX_MARKER_NUMBER:,}",
                line=number,
            )
        numbers.append(int(match.group(1)))
    return numbers


def parse_article(data: bytes | str) -> ParsedArticle:
    """Return the sections and cited source numbers of an article in the plain-text format."""
    text = decode(data) if isinstance(data, bytes) else data
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ArticleFormatError("the file is binary, not text (it contains a NUL character)", line=line)
    numbered = [(number, strip_line(line)) for number, line in enumerate(lines(text), start=1)]
    numbered = [(number, line) for number, line in numbered if line]
    if not numbered:
        raise ArticleFormatError("the file is empty")
    numbered, references = split_references(numbered)
    if not numbered:
        raise ArticleFormatError("the file has no paragraphs, only a References block", line=1)
    declared = frozenset(reference.key for reference in references)
    kinds = ["heading" if is_heading(line) else "paragraph" for _, line in numbered]
    if "paragraph" not in kinds:
        raise ArticleFormatError(
            "the file has no paragraphs: every line is short and unpunctuated, so it reads as a heading",
            line=numbered[0][0],
        )
    numbers: set[int] = set()
    for (number, line), kind in zip(numbered, kinds, strict=True):
        if kind == "paragraph":
            numbers.update(check_markers(line, number, declared))
    return ParsedArticle(
        sections=tuple(group_sections(numbered, kinds)),
        source_numbers=tuple(sorted(numbers)),
        references=references,
    )


Lines = list[tuple[int, str]]  # (1-based line number, stripped text), blank lines left out


def split_references(numbered: Lines) -> tuple[Lines, tuple[ParsedReference, ...]]:
    """Return the lines before the references block, and the block's entries.

    The block is the last ``References`` heading when every line after it is ``[key] citation``;
    otherwise there is no block and ``References`` is an ordinary section.
    """
    start = len(numbered)
    while start > 0 and REFERENCE_LINE.fullmatch(numbered[start - 1][1]):
        start -= 1
    if start == len(numbered) or start == 0 or numbered[start - 1][1] != REFERENCES_HEADING:
        return numbered, ()
    references, seen = [], set()
    for number, line in numbered[start:]:
        match = REFERENCE_LINE.fullmatch(line)
        key = match.group(1)
        if not key.strip("."):
            raise ArticleFormatError(f"[{key}] cannot be a source key: use letters or digits", line=number)
        if key in seen:
            raise ArticleFormatError(f"the References block lists [{key}] twice", line=number)
        if key.isdigit():  # a number cites as a number: [0] and [07] are refused here as in the text
            check_markers(f"[{key}]", number)
        seen.add(key)
        references.append(ParsedReference(key=key, text=match.group(2) or "", line=number))
    return numbered[: start - 1], tuple(references)


def group_sections(lines: list[tuple[int, str]], kinds: list[str]) -> Iterable[ParsedSection]:
    """Yield the lead, then one section per heading with the paragraphs under it."""
    levels = heading_levels(kinds, [number for number, _ in lines])
    heading, level, start, body = "", 0, lines[0][0], []
    for index, ((number, line), kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind == "paragraph":
            body.append(line)
            continue
        if heading or body:
            yield ParsedSection(heading=heading, level=level, body="\n".join(body), line=start)
        heading, level, start, body = line, levels[index], number, []
    yield ParsedSection(heading=heading, level=level, body="\n".join(body), line=start)


def heading_levels(kinds: list[str], line_numbers: list[int]) -> dict[int, int]:
    """Return the level of each heading line: a run of k headings is levels 1..k, and a lone heading
    takes the deepest level of the last run (so it sits beside the child headings above it)."""
    levels: dict[int, int] = {}
    deepest = 1
    index = 0
    while index < len(kinds):
        if kinds[index] != "heading":
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(kinds) and kinds[run_end + 1] == "heading":
            run_end += 1
        if run_end - index + 1 > MAX_HEADING_LEVEL:
            raise ArticleFormatError(
                f"{run_end - index + 1} headings in a row: headings nest at most {MAX_HEADING_LEVEL} deep "
                "(is a list of short lines missing its punctuation?)",
                line=line_numbers[index],
            )
        if run_end > index:
            deepest = run_end - index + 1
            for depth, position in enumerate(range(index, run_end + 1), start=1):
                levels[position] = depth
        else:
            levels[index] = deepest
        index = run_end + 1
    return levels


def render_article(sections: Iterable[tuple[str, str]], references: Iterable[tuple[str, str]] = ()) -> str:
    """Return the plain-text format for ``(heading, body)`` pairs in order, the lead's heading empty,
    then the references block for ``(key, citation text)`` pairs, if any."""
    written: list[str] = []
    for heading, body in sections:
        if heading:
            written.append(heading)
        written.extend(line for line in lines(body) if line.strip())
    entries = [f"[{key}] {text}".rstrip() for key, text in references]
    if entries:
        written.extend([REFERENCES_HEADING, *entries])
    return "\n".join(written) + "\n"
