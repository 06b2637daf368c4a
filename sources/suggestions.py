"""Which source fields a snapshot's metadata could fill (pure: no ORM).

Metadata only ever *suggests*: it fills a field that is empty, and the editor sees and accepts the rest,
because an editor's typed title is better evidence than a page's <title>."""

import datetime
from dataclasses import dataclass

# metadata key -> Source field
FIELD_FOR_KEY = {"title": "title", "author": "author", "sitename": "publisher", "date": "published_on"}
MAX_LENGTH = {"title": 500, "author": 300, "publisher": 300}


@dataclass(frozen=True)
class Suggestion:
    field: str
    current: str
    suggested: str

    @property
    def fills_empty(self) -> bool:
        return not self.current


def clean_metadata(raw: dict | None) -> dict[str, str]:
    """Return the known metadata keys as stripped strings, dropping empty values and bad dates."""
    cleaned = {}
    for key in FIELD_FOR_KEY:
        value = " ".join(str((raw or {}).get(key) or "").split())
        if key == "date":
            value = value[:10] if parse_date(value[:10]) else ""
        if value:
            cleaned[key] = value[: MAX_LENGTH.get(FIELD_FOR_KEY[key], 500)]
    return cleaned


def parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def suggestions(current: dict[str, str], metadata: dict | None) -> list[Suggestion]:
    """Return, field by field, what the metadata suggests where it differs from the source's value.

    ``current`` maps Source field names to their values as strings ("" when empty)."""
    found = []
    for key, value in clean_metadata(metadata).items():
        field = FIELD_FOR_KEY[key]
        if current.get(field, "") != value:
            found.append(Suggestion(field=field, current=current.get(field, ""), suggested=value))
    return found
