"""Plain-text short references ("Fischer (2004), p. 29", "Shy, pp. 249–50", "Greene and Pole 1999,
p. 393") and the bibliography entries they name. Pure: over reader text (the ref already rendered, entities
read, links become their labels), never over markup.

A ref is a short reference only when all of it is one: names, an optional year, then the pages, and at
most a parenthesised remark ("(British seamen)"). Several joined by ";" are several citations. It resolves
to an entry only when exactly one entry fits: its first author's surname is the first name, the other
names stand among its authors, and the year (when given) is its year.
"""

import re
from dataclasses import dataclass

NAME_WORD = r"(?:[A-Z][A-Za-z'’\-]+|d[eiu]|von|van|der|la|le)"
NAME = rf"{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}}"  # [ ]: the pattern below is VERBOSE
SHORT_REFERENCE = re.compile(
    rf"""(?P<names>{NAME}(?:(?:,?[ ]and[ ]|[ ]&[ ]|,[ ]){NAME}){{0,3}})
    (?:,?\ \(?(?P<year>1[0-9]{{3}}[a-z]?|20[0-9]{{2}}[a-z]?)\)?)?
    ,?\ (?P<page>pp?\.\s?[0-9ivxlcdm][0-9ivxlcdm\u2013\-–, ]{{0,40}}?)
    (?:\ \([^()]{{1,80}}\))?\.?""",
    re.VERBOSE,
)
NAME_SEPARATOR = re.compile(r",? and |,? & |, ")
YEARS = re.compile(r"(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])")
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
MAX_PARTS = 6
AUTHORS_REACH = 100
# More entries by one surname than any bibliography holds: a reference to that surname is not resolved
# (so many cannot be told apart safely), which keeps the matching linear in the refs on hostile input.
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class ShortReference:
    names: tuple[str, ...]
    year: str  # "" when the ref gives none
    page: str  # as readers see it: "p. 29", "pp. 249–50"


@dataclass(frozen=True)
class Entry:
    """A bibliography entry as short references are matched against it."""

    surname: str  # the first author's, lowercased
    authors: frozenset[str]  # every word of the authors' part, lowercased
    years: frozenset[str]
    key: str  # the source key, or an index into the caller's list of entries not yet sources


def short_references(text: str) -> tuple[ShortReference, ...] | None:
    """Return the short references a ref's whole text makes, or None when it is anything else."""
    parts = [part.strip() for part in " ".join(text.split()).split(";")]
    if not parts or len(parts) > MAX_PARTS:
        return None
    found = []
    for part in parts:
        match = SHORT_REFERENCE.fullmatch(part)
        if match is None:
            return None
        names = tuple(name.strip() for name in NAME_SEPARATOR.split(match["names"]) if name.strip())
        page = " ".join(match["page"].replace("\u00a0", " ").split()).rstrip(", ")
        page = re.sub(r"^(pp?\.)\s?", r"\1 ", page)
        found.append(ShortReference(names, (match["year"] or "")[:4], page))
    return tuple(found)


def entry_from_fields(key: str, author: str, date_text: str) -> Entry | None:
    """Return the entry of a citation template's source ("Last, First; Last2, First2"), or None without an
    author."""
    if not author.strip():
        return None
    surname = author.split(";")[0].split(",")[0].strip()
    words = WORD.findall(surname)
    if not words:
        return None
    return Entry(words[-1].lower(), frozenset(w.lower() for w in WORD.findall(author)), years(date_text), key)


def entry_from_text(key: str, text: str) -> Entry | None:
    """Return the entry of a bibliography line written as text: "Higginbotham, Don. The War … 1983." or
    "David Hackett Fischer. Washington's Crossing. … 2004."; None when it starts with no name."""
    text = " ".join(text.split())
    head = text.split(". ", 1)[0]
    first_author = head.split(";")[0]
    surname_words = WORD.findall(first_author.split(",")[0] if "," in first_author else first_author)
    if not surname_words or not surname_words[-1][:1].isupper() or len(surname_words) > 5:
        return None
    # Co-authors come before the title, which may follow initials' periods ("Greene, Jack P., and J. R.
    # Pole, eds."): the words of the line's start stand for its authors.
    authors = frozenset(word.lower() for word in WORD.findall(text[:AUTHORS_REACH]))
    return Entry(surname_words[-1].lower(), authors, years(text), key)


def years(text: str) -> frozenset[str]:
    return frozenset(YEARS.findall(text))


def matching_entry(reference: ShortReference, entries_by_surname: dict[str, list[Entry]]) -> Entry | None:
    """Return the one entry the reference names, or None when none or several fit."""
    first_name = WORD.findall(reference.names[0])
    if not first_name:
        return None
    others = [word.lower() for name in reference.names[1:] for word in WORD.findall(name)[-1:]]
    candidates = entries_by_surname.get(first_name[-1].lower(), ())
    if len(candidates) > MAX_CANDIDATES:
        return None
    fitting = [
        entry
        for entry in candidates
        if all(other in entry.authors for other in others)
        and (not reference.year or reference.year in entry.years)
    ]
    return fitting[0] if len(fitting) == 1 else None
