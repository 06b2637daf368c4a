"""Tables in an article body: consecutive lines starting with ``|`` form one table. Pure, no ORM.

Each row that states something is a claim (``claims.sentences`` reads it as one sentence), so its cells
are cut out of that claim's rendered pieces, citation markers and flagged figures included. A Markdown
separator row (``|---|---|``) is not shown; the row above it is the table's header.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from claims.sentences import is_table_row, table_row_kind

CELL_SEPARATOR = "|"


@dataclass(frozen=True)
class TableRow:
    claim: Any  # the row's RenderedClaim (anchor, classes)
    cells: tuple[tuple[Any, ...], ...]  # each cell: the pieces shown in it
    padding: int = 0  # empty cells after them, up to the table's width: one cell spanning them all


@dataclass(frozen=True)
class RenderedTable:
    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Block:
    """One paragraph (``indexes`` of one line) or one table (its lines' indexes and kinds)."""

    is_table: bool
    indexes: tuple[int, ...]
    lines: tuple[str, ...] = ()


def body_blocks(body: str) -> tuple[Block, ...]:
    """Return the body's paragraphs and tables in order; paragraph indexes count non-blank lines, as
    ``claims.sentences.split_body`` does."""
    lines = [line for line in body.split("\n") if line.strip()]
    # Each block is gathered in lists and frozen once: growing a tuple row by row copied the whole table
    # at every row (50,000 rows: 14.7 s).
    gathered: list[tuple[bool, list[int], list[str]]] = []
    for index, line in enumerate(lines):
        if not is_table_row(line):
            gathered.append((False, [index], []))
        elif gathered and gathered[-1][0] and gathered[-1][1][-1] == index - 1:
            gathered[-1][1].append(index)
            gathered[-1][2].append(line)
        else:
            gathered.append((True, [index], [line]))
    return tuple(Block(is_table, tuple(indexes), tuple(rows)) for is_table, indexes, rows in gathered)


def header_cells(block: Block) -> tuple[str, ...]:
    """Return the header row's cells as text, or () when the table has no separator row."""
    lines = list(block.lines)
    for position in range(len(lines)):
        if table_row_kind(lines, position) == "header":
            return tuple(cell.strip() for cell in trim_edges(lines[position].strip().split(CELL_SEPARATOR)))
    return ()


def trim_edges(cells: list) -> list:
    """Drop the empty cell before a leading ``|`` and after a trailing one."""
    if cells and is_blank(cells[0]):
        cells = cells[1:]
    if cells and is_blank(cells[-1]):
        cells = cells[:-1]
    return cells


def is_blank(cell) -> bool:
    if isinstance(cell, str):
        return not cell.strip()
    return all(getattr(piece, "kind", "") == "text" and not piece.text.strip() for piece in cell)


def split_cells(pieces: Sequence, make_text: Callable[[str], Any]) -> tuple[tuple[Any, ...], ...]:
    """Return a row's pieces cut into cells at each ``|`` of its text pieces, cell edges stripped."""
    cells: list[list] = [[]]
    for piece in pieces:
        if getattr(piece, "kind", "") != "text":
            cells[-1].append(piece)
            continue
        parts = piece.text.split(CELL_SEPARATOR)
        for number, part in enumerate(parts):
            if number:
                cells.append([])
            if part:
                cells[-1].append(make_text(part))
    return tuple(tuple(strip_cell(cell, make_text)) for cell in trim_edges(cells))


def strip_cell(cell: list, make_text: Callable[[str], Any]) -> list:
    """Return the cell without the spaces that surround its content in the source line."""
    cell = list(cell)
    if cell and getattr(cell[0], "kind", "") == "text":
        cell[0] = make_text(cell[0].text.lstrip())
    if cell and getattr(cell[-1], "kind", "") == "text":
        cell[-1] = make_text(cell[-1].text.rstrip())
    return [piece for piece in cell if getattr(piece, "kind", "") != "text" or piece.text]


def padded(rows: Sequence[TableRow], header: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[TableRow, ...]]:
    """Return header and rows each as wide as the widest (a table whose rows differ in width is invalid
    HTML). A short row says how many cells it lacks, shown as one cell spanning them: copying empty
    cells into every row made one row of N cells over N one-cell rows N² cells (46 KB → 82 MB)."""
    width = max([len(header), *(len(row.cells) for row in rows)])
    header = header + ("",) * (width - len(header)) if header else ()
    rows = tuple(TableRow(row.claim, row.cells, width - len(row.cells)) for row in rows)
    return header, rows
