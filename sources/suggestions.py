"""Which source fields a snapshot's metadata could fill (pure: no ORM).

Metadata only ever *suggests*: it fills a field that is empty, and the editor sees and accepts the rest,
because an editor's typed title is better evidence than a page's <title>."""

import datetime
from dataclasses import dataclass

# metadata key -> Source field; the site name before the author, since pages often repeat the site's name
# as their author and the one name then goes where it belongs (see NAME_FIELDS)
FIELD_FOR_KEY = {"title": "title", "sitename": "publisher", "author": "author", "date": "published_on"}
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


# Fields naming who made or carried the source. A page's site name is often the newspaper already in
# ``work`` (and its author meta the site again): a name one of them holds is never suggested for another,
# or readers would see "*Riverton Gazette*. Riverton Gazette."
NAME_FIELDS = ("work", "publisher", "author")


def same_name(value: str) -> str:
    return " ".join(value.split()).casefold()


def suggestions(current: dict[str, str], metadata: dict | None) -> list[Suggestion]:
    """Return, field by field, what the metadata suggests where it differs from the source's value.

    ``current`` maps Source field names to their values as strings ("" when empty), ``work`` included
    (nothing suggests it, but a suggested name must not repeat it)."""
    found = []
    names = {same_name(current.get(field, "")) for field in NAME_FIELDS} - {""}
    for key, value in clean_metadata(metadata).items():
        field = FIELD_FOR_KEY[key]
        if field in NAME_FIELDS and same_name(value) in names:
            continue
        if current.get(field, "") != value:
            found.append(Suggestion(field=field, current=current.get(field, ""), suggested=value))
            if field in NAME_FIELDS:
                names.add(same_name(value))
    return found
