"""Write an article as wikitext: headings, paragraphs, tables, a ``<ref>`` with a citation template built
from the source's fields where a marker first cites it (``<ref name="key" />`` after), and ``{{Reflist}}``.
Sources no sentence cites are written as list-defined references inside ``{{Reflist|refs=…}}``, so an
import of the export has every source again. Pure: sections and source fields in, text out.
"""

from collections.abc import Iterable, Mapping

from articles.wikitext.definitions import citation_line
from claims.sentences import MARKER_PATTERN, is_separator_row, is_table_row
from sources.citations import parse_citation
from sources.references import DETAIL_FIELDS, IMPORTED_FIELDS, encode

# Reader text is escaped so the wiki shows it as written, and reads back to the same text.
ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "'": "&#39;",
    "~": "&#126;",
    "=": "&#61;",
    "*": "&#42;",
    "#": "&#35;",
    ":": "&#58;",
    ";": "&#59;",
}
LINE_START_ESCAPES = {" ": "&#32;", "-": "&#45;", "!": "&#33;"}
TEMPLATE_PARAMETERS = (
    ("title", "title"),
    ("author", "author"),
    ("work", "work"),
    ("publisher", "publisher"),
    ("date", "date"),
    ("url", "url"),
    ("archive_url", "archive-url"),
    ("archived_on", "archive-date"),
    ("accessed_on", "access-date"),
    ("url_status", "url-status"),
    ("quote", "quote"),
    ("pages", "pages"),
    ("isbn", "isbn"),
    ("doi", "doi"),
)
UNSAFE_IN_TEXT = frozenset("&<>[]{}|~")
UNSAFE_AT_LINE_START = frozenset("*#:;=-! ")


def escape(text: str, *, at_line_start: bool = False) -> str:
    """Return ``text`` with what wikitext would read as markup written as character references."""
    written = "".join(ESCAPES[character] if character in UNSAFE_IN_TEXT else character for character in text)
    written = written.replace("''", "'&#39;")  # two apostrophes would start italics
    if at_line_start and written and written[0] in UNSAFE_AT_LINE_START:
        written = ESCAPES.get(written[0], LINE_START_ESCAPES.get(written[0], written[0])) + written[1:]
    if written.endswith("="):
        written = written[:-1] + ESCAPES["="]
    return written


def escape_value(text: str) -> str:
    """Return a template parameter's value: no pipes, braces, brackets or tags, and no "=" at its end."""
    return escape(" ".join(part for part in text.replace("\n", " ").replace("\t", " ").split(" ") if part))


def citation_template(fields: Mapping[str, str]) -> str:
    """Return ``{{cite web|…}}`` (``{{citation|…}}`` without a URL) holding the source's fields; the
    import reads it back to the same fields."""
    values = dict(fields)
    values["date"] = fields.get("published_on") or fields.get("published_text", "")
    name = "cite web" if fields.get("url") else "citation"
    parts = [name]
    for field, parameter in TEMPLATE_PARAMETERS:
        value = values.get(field, "")
        if value:
            parts.append(f"{parameter}={escape_value(value)}")
    return "{{" + " |".join(parts) + "}}"


def is_plain_reference(fields: Mapping[str, str]) -> bool:
    """Return True when the source came from a ref written as plain text and its fields are still what
    that text reads as: the text is written back, and reads back to the same fields."""
    text = fields.get("citation_text", "")
    if not text or any(fields.get(name) for name in DETAIL_FIELDS) or text == citation_line(fields):
        return False  # a template's source: its line was made from its fields
    parsed = parse_citation(text)
    return all(encode(getattr(parsed, name)) == fields.get(name, "") for name in IMPORTED_FIELDS)


def ref_name(key: str) -> str:
    return '"' + key.replace('"', "") + '"'


def page_template(page: str) -> str:
    """Return ``{{rp|…}}``, the page a ref cites written after it; the import reads it back to ``page``."""
    for prefix, parameter in (("p. ", "p"), ("pp. ", "pp")):
        rest = page.removeprefix(prefix)
        if rest != page and rest.strip() and not any(mark in rest for mark in ("p. ", "pp. ", ",")):
            return "{{rp|" + f"{parameter}={escape_value(rest)}" + "}}"
    return "{{rp|at=" + escape_value(page) + "}}"


class Writer:
    def __init__(self, sources: Mapping[str, Mapping[str, str]]):
        self.sources = sources
        self.written: set[str] = set()
        self.pages: dict[tuple[str, int], str] = {}  # (key, n) → the page the n-th [key] cites
        self.seen: dict[str, int] = {}

    def section_pages(self, cited_pages) -> None:
        self.pages = {(key, number): page for key, number, page in cited_pages}
        self.seen = {}

    def cited(self, key: str) -> str:
        """Return the ref of one marker, with the page it cites after it."""
        self.seen[key] = self.seen.get(key, 0) + 1
        page = self.pages.get((key, self.seen[key]), "")
        return self.reference(key) + (page_template(page) if page else "")

    def reference(self, key: str) -> str:
        if key in self.written:
            return f"<ref name={ref_name(key)} />"
        self.written.add(key)
        fields = self.sources.get(key, {})
        if is_plain_reference(fields):
            return f"<ref name={ref_name(key)}>{escape(fields['citation_text'])}</ref>"
        return f"<ref name={ref_name(key)}>{citation_template(fields)}</ref>"

    def text(self, line: str, *, at_line_start: bool = True) -> str:
        """Return a paragraph's text with its markers as refs."""
        parts, position = [], 0
        for match in MARKER_PATTERN.finditer(line):
            parts.append(escape(line[position : match.start()], at_line_start=at_line_start and not parts))
            parts.append(self.cited(match.group("key")))
            position = match.end()
        parts.append(escape(line[position:], at_line_start=at_line_start and not parts))
        return "".join(parts)

    def tables(self, lines: list[str]) -> list[str]:
        """Return one wikitable per header: two tables in a row share one block in the body, and a
        separator row below the first row says where the next one starts."""
        starts = [0] + [index - 1 for index in range(2, len(lines)) if is_separator_row(lines[index])]
        ends = [*starts[1:], len(lines)]
        return [self.table(lines[start:end]) for start, end in zip(starts, ends, strict=True)]

    def table(self, lines: list[str]) -> str:
        rows = ['{| class="wikitable"']
        header = len(lines) > 1 and is_separator_row(lines[1])
        for index, line in enumerate(lines):
            if is_separator_row(line):
                continue
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            mark, joint = ("!", " !! ") if header and index == 0 else ("|", " || ")
            rows.append("|-")
            rows.append(
                mark + " " + joint.join(self.text(cell, at_line_start=False) or " " for cell in cells)
            )
        rows.append("|}")
        return "\n".join(rows)

    def body(self, body: str) -> list[str]:
        blocks, table = [], []
        for line in (line for line in body.split("\n") if line.strip()):
            if is_table_row(line):
                table.append(line)
                continue
            if table:
                blocks.extend(self.tables(table))
                table = []
            blocks.append(self.text(line))
        if table:
            blocks.extend(self.tables(table))
        return blocks


def write_wikitext(sections: Iterable[tuple], sources: Mapping[str, Mapping[str, str]]) -> str:
    """Return the article as wikitext: ``(heading, level, body)`` sections in order (the lead's heading
    empty), optionally with a fourth item, the pages its markers cite (``ParsedSection.cited_pages``),
    and ``sources`` mapping each key to its fields (stored text form)."""
    writer = Writer(sources)
    blocks: list[str] = []
    for heading, level, body, *pages in sections:
        writer.section_pages(pages[0] if pages else ())
        if heading:
            marks = "=" * (min(max(level, 1), 5) + 1)
            blocks.append(f"{marks} {escape(heading)} {marks}")
        blocks.extend(writer.body(body))
    uncited = [key for key in sources if key not in writer.written]
    if uncited:
        defined = "\n".join(writer.reference(key) for key in uncited)
        blocks.append("{{Reflist|refs=\n" + defined + "\n}}")
    else:
        blocks.append("{{Reflist}}")
    return "\n\n".join(blocks) + "\n"
