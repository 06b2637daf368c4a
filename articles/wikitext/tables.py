"""A wikitext table (``{| … |}``) as the product's table block: ``| a | b |`` rows, a ``|---|`` row under
the header when the first row is all header cells. Pure: the cells' text comes from the reader."""

from collections.abc import Callable

from mwparserfromhell.nodes import Tag

CELL_TAGS = ("td", "th")


def table_lines(table: Tag, cell_text: Callable) -> tuple[list[str], str]:
    """Return the table's rows as lines, and its caption ("" when none)."""
    rows: list[list[tuple[str, bool]]] = []
    caption = ""
    loose: list[tuple[str, bool]] = []  # cells before the first |- belong to an implicit first row
    for node in table.contents.nodes:
        if not isinstance(node, Tag):
            continue
        name = str(node.tag).strip().lower()
        if name == "caption" or (name in CELL_TAGS and str(node.contents or "").lstrip().startswith("+")):
            caption = " ".join(cell_text(node.contents).split()).lstrip("+ ").strip()
            continue
        if name in CELL_TAGS:
            loose.extend(cells_of(node, cell_text))
        elif name == "tr":
            row = []
            for cell in node.contents.nodes:
                if isinstance(cell, Tag) and str(cell.tag).strip().lower() in CELL_TAGS:
                    row.extend(cells_of(cell, cell_text))
            rows.append(row)
    if loose:
        rows.insert(0, loose)
    rows = [row for row in rows if any(text for text, _ in row)]
    lines = []
    for index, row in enumerate(rows):
        lines.append("| " + " | ".join(text or " " for text, _ in row) + " |")
        if index == 0 and all(is_header for _, is_header in row):
            lines.append("|" + "---|" * len(row))
    return lines, caption


def cells_of(cell: Tag, cell_text: Callable) -> list[tuple[str, bool]]:
    """Return the cell (repeated empty for its colspan) as (text, is header)."""
    text = " ".join(cell_text(cell.contents).split()).replace("|", "/") if cell.contents is not None else ""
    is_header = str(cell.tag).strip().lower() == "th"
    span = 1
    for attribute in cell.attributes:
        if str(attribute.name).strip().lower() == "colspan":
            value = str(attribute.value or "").strip().strip("\"'")
            span = min(int(value), 50) if value.isdigit() and int(value) > 0 else 1
    return [(text, is_header)] + [("", is_header)] * (span - 1)
