"""Cut a section's rendered text into the body's paragraphs (one per line). Pure.

The reader marks what must stand on its own line: a list item starts with LIST_ITEM, a table row with
TABLE_ROW; other lines join into a paragraph until a blank line. Citation markers arrive as
MARKER_START key MARKER_END, so text that only looks like a marker ("[sic]", "[1]" in a quotation) can
be told apart and written in parentheses: the body would otherwise cite a source that does not exist.
"""

import re

from articles.errors import ArticleFormatError
from claims.sentences import MARKER_PATTERN

# Brackets left empty by what the import leaves out: "Alaska ({{IPAc-en|…}}; {{lang-ru|…}})" reads
# "Alaska (Аляска)", but "Brussels ({{IPA|…}})" would read "Brussels ()". Over reader text, not markup.
EMPTIED_BRACKETS = re.compile(r" ?\((?:[ ;, ]*)\)")

LIST_ITEM, TABLE_ROW, MARKER_START, MARKER_END, PAGE_START = "\x01", "\x02", "\x03", "\x04", "\x05"
SENTINELS = LIST_ITEM + TABLE_ROW + MARKER_START + MARKER_END + PAGE_START
# A marker as the renderer writes it: its key, then the page a short citation or {{rp}} cites, if any.
SENTINEL_MARKER = re.compile("\x03([^\x04\x05]*)(?:\x05([^\x04]*))?\x04")
MAX_PARAGRAPH = 200_000  # characters of reader text; the longest real paragraph is a few thousand


def marker(key: str, page: str = "") -> str:
    page = "".join(character for character in page if character not in SENTINELS)
    return f"{MARKER_START}{key}{PAGE_START + page if page else ''}{MARKER_END}"


def with_page(written: str, page: str) -> str | None:
    """Return the marker ``written`` citing ``page``, or None when ``written`` is no marker or has a page."""
    match = SENTINEL_MARKER.fullmatch(written)
    return marker(match.group(1), page) if match and match.group(2) is None else None


def paragraphs(text: str, report, cited: list[tuple[str, str]] | None = None) -> str:
    """Return the body: one paragraph, list item or table row per line. ``cited`` receives each marker
    the body keeps, in body order, as (key, page cited or "")."""
    cited = [] if cited is None else cited
    written: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            add(" ".join(current), written, report, cited)
            current.clear()

    for line in text.split("\n"):
        if line.startswith((LIST_ITEM, TABLE_ROW)):
            flush()
            add(line, written, report, cited)
        elif not line.strip():
            flush()
        else:
            current.append(line)
    flush()
    return "\n".join(written)


def add(line: str, written: list[str], report, cited: list[tuple[str, str]]) -> None:
    is_table_row = line.startswith(TABLE_ROW)
    line = " ".join(part for part in line.strip(LIST_ITEM + TABLE_ROW).replace("\t", " ").split(" ") if part)
    if len(line) > MAX_PARAGRAPH:
        raise ArticleFormatError(
            f"a paragraph of {len(line):,} characters: paragraphs are read up to {MAX_PARAGRAPH:,} "
            f"(it starts “{line[:60]}”)"
        )
    if not is_table_row and not any(character.isalnum() for character in without_markers(line)):
        if MARKER_START in line:
            report.counts["markers_without_text"] += line.count(MARKER_START)
        return
    line = EMPTIED_BRACKETS.sub("", line)
    rewritten = MARKER_PATTERN.sub(lambda match: f"({match.group('key')})", line)
    if rewritten != line:
        report.counts["brackets_rewritten"] += 1

    def written_marker(match) -> str:
        cited.append((match.group(1), " ".join((match.group(2) or "").split())))
        return f"[{match.group(1)}]"

    line = SENTINEL_MARKER.sub(written_marker, rewritten)
    if not is_table_row and line.startswith("|"):
        line = line.lstrip("| ")
    written.append(line)


def without_markers(line: str) -> str:
    parts, position = [], 0
    while True:
        start = line.find(MARKER_START, position)
        if start < 0:
            parts.append(line[position:])
            return "".join(parts)
        parts.append(line[position:start])
        end = line.find(MARKER_END, start)
        position = len(line) if end < 0 else end + 1
