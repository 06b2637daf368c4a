"""Turn a References-block line into source fields, and decide which fields an import may write.

An import never overwrites a field an editor changed: it remembers what it last wrote to each field,
and writes a field only while its current value is still that (or empty). Values are compared in
their stored text form (dates as ISO strings, empty as ""), which is also how they are remembered.
Pure Python: no ORM here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sources.citations import ParsedCitation, format_citation, parse_citation

# The source fields a References line fills, in the order the exporter writes them.
IMPORTED_FIELDS = (
    "title",
    "author",
    "work",
    "publisher",
    "published_on",
    "published_text",
    "url",
    "archive_url",
    "archived_on",
    "accessed_on",
)
# Fields a citation template gives beyond what a reference line is read into (wikitext imports).
DETAIL_FIELDS = ("quote", "pages", "isbn", "doi", "url_status")
DATE_FIELDS = frozenset({"published_on", "archived_on", "accessed_on"})


@dataclass(frozen=True)
class FieldUpdate:
    """What one import does to one source: the fields to write, and what to remember as imported."""

    changes: dict[str, str]
    imported: dict[str, str]
    kept: tuple[str, ...]  # fields an editor changed since the last import, left as they are


def encode(value) -> str:
    """Return a field value in its remembered form: ISO dates, "" for empty."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def decode(name: str, text: str):
    """Return the value to store in field ``name`` for its remembered form."""
    if name in DATE_FIELDS:
        return date.fromisoformat(text) if text else None
    return text


def citation_values(parsed: ParsedCitation, max_lengths: Mapping[str, int]) -> dict[str, str]:
    """Return the encoded field values of a parsed line, each fitted to its field's length. A URL too
    long for its field is left out rather than cut, since a cut URL leads elsewhere."""
    values = {}
    for name in IMPORTED_FIELDS:
        value = encode(getattr(parsed, name))
        limit = max_lengths.get(name)
        if limit and len(value) > limit:
            value = "" if name.endswith("url") else value[: limit - 1].rstrip() + "…"
        values[name] = value
    return values


def line_values(text: str, max_lengths: Mapping[str, int]) -> tuple[dict[str, str], bool]:
    """Return the encoded field values of a References line's citation text, and whether it read fully."""
    parsed = parse_citation(text)
    return citation_values(parsed, max_lengths), parsed.is_read_fully


def plan_update(
    current: Mapping[str, str], last_imported: Mapping[str, str], incoming: Mapping[str, str]
) -> FieldUpdate:
    """Return the fields to write: those whose current value is empty or still what the last import
    wrote, and that the file now gives differently."""
    changes, kept = {}, []
    for name, value in incoming.items():
        now = current.get(name, "")
        if now == value:
            continue
        if now == "" or now == last_imported.get(name):
            changes[name] = value
        else:
            kept.append(name)
    return FieldUpdate(changes=changes, imported=dict(incoming), kept=tuple(kept))


def is_as_imported(current: Mapping[str, str], last_imported: Mapping[str, str]) -> bool:
    """Return True when every field still holds what the last import wrote."""
    return all(current.get(name, "") == last_imported.get(name, "") for name in IMPORTED_FIELDS)


def reference_line_text(
    current: Mapping[str, str], last_imported: Mapping[str, str], citation_text: str
) -> str:
    """Return the citation text the exporter writes: the imported line as it was when no field changed
    since, else a line made from the fields (which ``parse_citation`` reads back to the same fields)."""
    if citation_text and is_as_imported(current, last_imported):
        return citation_text
    return format_citation(**{name: decode(name, current.get(name, "")) for name in IMPORTED_FIELDS})
