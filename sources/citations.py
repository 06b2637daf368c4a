"""Read one reference-list line, as Wikipedia and similar encyclopedias print it, into its fields.

The usual order (Wikipedia's cite web, cite news, cite journal and cite book) is::

    Author; Author (date). "Title" (in Language). Work. Publisher. URL. Archived from the original on
    date. Retrieved date.

A book's title carries no quotes, and its publisher follows it. The reader takes the parts it knows
out of the line one kind at a time (URLs, the quoted title, "Archived …" and "Retrieved …" phrases,
dates, identifiers such as ISBN or doi), then fills title, work and publisher from the plain segments
left, in that order. A line is *read fully* when no segment is left that it could not place.

Pure Python. Every pattern is linear in its input: each repeated part is a single character class
whose run stops at the delimiter that ends it, and nothing nests quantifiers over the line's text.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from sources.dates import MONTHS, DateReading, format_date, read_date

MAX_LINE_LENGTH = 20_000  # a citation is a few hundred characters; longer lines are not read

URL_PATTERN = re.compile(r"https?://[^\s<>\"“”«»]+", re.IGNORECASE)
ARCHIVE_HOSTS = re.compile(
    r"https?://(?:web\.archive\.org|wayback\.archive-it\.org|archive\.(?:today|ph|is|li|vn|md|org/web)"
    r"|(?:www\.)?webcitation\.org|ghostarchive\.org|perma\.cc)/",
    re.IGNORECASE,
)
# Straight quotes pair with themselves; typographic ones stop at the next quote of their family so
# an unclosed opening quote never makes the search rescan the rest of the line.
QUOTED_TITLE = re.compile(r'"([^"]+)"|“([^“”]+)”|„([^„“”]+)[“”]|«([^«»]+)»|「([^「」]+)」')
# Where a segment ends: a period (or ! ?) and a space. Whether it really ends is decided in code.
SEGMENT_END = re.compile(r"[.!?]\s+")
TOKEN_BEFORE = re.compile(r"[^\s.]{1,12}$")
# Tokens after which a period does not end a segment: initials and the abbreviations citations use.
NO_BREAK_AFTER = frozenset(
    "al p pp vol no nos ed eds trans inc ltd co corp jr sr st dr mr mrs ms prof gen rev dept univ ch "
    "jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc".split()
)
EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]")
ARCHIVED_PHRASE = re.compile(
    r"(?:Archived|Archivé|Archiviert|Archivado)\b[^0-9]{0,60}?\b(?:on|le|am|el)\s+(?P<date>.+)$",
    re.IGNORECASE,
)
RETRIEVED_PHRASE = re.compile(
    r"(?:Retrieved|Accessed|Access date:?|Consulté|Abgerufen|Consultado)\s+(?:on\s+|le\s+|am\s+|el\s+)?"
    r"(?P<date>.+)$",
    re.IGNORECASE,
)
VIA_SUFFIX = re.compile(r"(?:^|\s)[–—-]\s?via\s(?P<via>[^–—]{1,100})$")
PUBLISHED_BY = re.compile(r"Published by\s(?P<publisher>\S.*)$")
WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
IDENTIFIER = re.compile(
    r"(?:doi:?\s?10\.|PMID:?\s|PMC\s?\d|ISBN[-:\s]|ISSN[:\s]|OCLC[:\s]|S2CID[:\s]|Bibcode:|arXiv:|JSTOR[:\s]"
    r"|hdl:|eISSN|LCCN)\S",
    re.IGNORECASE,
)
# Volume, issue and pages of a journal ("2 (11): e298", "45: 12–19"), or "p. 12", "pp. 3–5".
LOCATOR = re.compile(
    r"\d{1,5}(?:\s?\([\w–-]{1,12}\))?:\s?[\w–-]{1,20}|pp?\.\s?[\w–-]{1,20}|(?:Vol|No)\.\s?\d{1,6}",
    re.IGNORECASE,
)
KNOWN_NOTES = frozenset(
    "pdf|report|press release|video|audio|map|thesis|speech|interview|podcast|transcript|editorial|opinion|"
    "tweet|dataset|paper|preprint|working paper|subscription required|registration required|paywalled|"
    "abstract".split("|")
)
NOTE = re.compile(r"\(([^()]{1,60})\)")
LOCATION_PUBLISHER = re.compile(r"[^:]{2,60}:\s(?P<publisher>\S.*)$")


@dataclass(frozen=True)
class ParsedCitation:
    """The fields of one reference-list line; ``unread`` holds the segments it could not place."""

    text: str
    title: str = ""
    author: str = ""
    work: str = ""
    publisher: str = ""
    published_on: date | None = None
    published_text: str = ""  # a year or a month, when the line gives no day
    url: str = ""
    archive_url: str = ""
    archived_on: date | None = None
    accessed_on: date | None = None
    language: str = ""
    notes: tuple[str, ...] = ()  # format notes and identifiers, kept only in the raw line
    unread: tuple[str, ...] = ()

    @property
    def is_read_fully(self) -> bool:
        return bool(self.text.strip()) and not self.unread and bool(self.title or self.url)


@dataclass
class _Fields:
    """The fields found so far, filled in place while the line is taken apart."""

    title: str = ""
    author: str = ""
    work: str = ""
    publisher: str = ""
    published: DateReading | None = None
    url: str = ""
    archive_url: str = ""
    archived_on: date | None = None
    accessed_on: date | None = None
    language: str = ""
    notes: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def parse_citation(text: str) -> ParsedCitation:
    """Return the fields of one reference-list line (without its ``[N]``), and what it could not read.

    A line with neither a title nor a URL, or one too long to be a citation, keeps its text as the title.
    """
    text = text.strip()
    if len(text) > MAX_LINE_LENGTH:
        return ParsedCitation(text=text, title=text, unread=(text,))
    found = _Fields()
    rest = _take_urls(text, found)
    title_match = QUOTED_TITLE.search(rest)
    is_book = bool(re.search(r"\bISBN\b", rest))
    if title_match:
        found.title = next(group for group in title_match.groups() if group is not None).strip().strip(",")
        _read_lead(rest[: title_match.start()], found)
        _read_segments(split_segments(rest[title_match.end() :]), found, is_book=is_book)
    else:
        segments = split_segments(rest)
        if len(segments) > 1 and _read_author_and_date(segments[0], found, strict=True):
            segments = segments[1:]
        _read_segments(segments, found, is_book=is_book)
    if not (found.title or found.url):
        return ParsedCitation(text=text, title=text, unread=(text,) if text else ())
    return _frozen(text, found)


def _frozen(text: str, found: _Fields) -> ParsedCitation:
    published = found.published
    return ParsedCitation(
        text=text,
        title=found.title,
        author=found.author,
        work=found.work,
        publisher=found.publisher,
        published_on=published.value if published else None,
        published_text=published.text if published and published.is_partial else "",
        url=found.url,
        archive_url=found.archive_url,
        archived_on=found.archived_on,
        accessed_on=found.accessed_on,
        language=found.language,
        notes=tuple(found.notes),
        unread=tuple(found.unread),
    )


def _take_urls(text: str, found: _Fields) -> str:
    """Return the line without its URLs; the first archive URL and the first other URL are kept."""
    pieces, position = [], 0
    for match in URL_PATTERN.finditer(text):
        url = _trim_url(match.group())
        if ARCHIVE_HOSTS.match(url):
            found.archive_url = found.archive_url or url
        elif not found.url:
            found.url = url
        else:
            found.notes.append(url)
        pieces.append(text[position : match.start()])
        position = match.start() + len(url)
    pieces.append(text[position:])
    return EMPTY_BRACKETS.sub("", "".join(pieces))


def _trim_url(url: str) -> str:
    """Return the URL without the punctuation that closes the sentence or bracket around it."""
    url = url.rstrip(".,;:'’")
    unmatched = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    while url and unmatched.get(url[-1], 0) > 0:
        unmatched[url[-1]] -= 1
        url = url[:-1].rstrip(".,;:'’")
    return url


def split_segments(text: str) -> list[str]:
    """Return the text cut at each ". " that ends a segment, not after an initial or abbreviation.

    The period that separates two segments is dropped; one that ends an abbreviation ("Smith, J.") stays.
    """
    text = text.strip()
    if text.endswith(".") and not _is_abbreviation(text, len(text) - 1):
        text = text[:-1]
    segments, start = [], 0
    for match in SEGMENT_END.finditer(text):
        is_period = match.group().startswith(".")
        if is_period and (_is_abbreviation(text, match.start()) or _is_day_before_month(text, match)):
            continue
        segments.append(text[start : match.start() + (0 if is_period else 1)])
        start = match.end()
    segments.append(text[start:])
    cleaned = (segment.strip().strip(",;").strip() for segment in segments)
    return [segment for segment in cleaned if segment.strip(".")]


def _is_abbreviation(text: str, dot: int) -> bool:
    token = TOKEN_BEFORE.search(text, max(0, dot - 12), dot)
    if token is None:
        return False
    word = token.group()
    return (len(word) == 1 and word.isupper()) or word.lower() in NO_BREAK_AFTER


def _is_day_before_month(text: str, match: re.Match[str]) -> bool:
    """Return True for the period of a German day, "13. November 2023"."""
    token = TOKEN_BEFORE.search(text, max(0, match.start() - 12), match.start())
    word = WORD_AFTER.match(text, match.end())
    return bool(token and token.group().isdigit() and len(token.group()) <= 2 and word) and (
        word.group(1).lower() in MONTHS
    )


def _read_lead(lead: str, found: _Fields) -> None:
    """Read what comes before a quoted title: authors, maybe with the date in brackets."""
    segments = split_segments(lead)
    if not segments:
        return
    if not _read_author_and_date(" ".join(segments), found, strict=False):
        found.unread.extend(segments)


def _read_author_and_date(segment: str, found: _Fields, *, strict: bool) -> bool:
    """Read ``Author (date)`` (or, unless ``strict``, a bare author); return whether it was one."""
    segment = segment.strip()
    if segment.endswith(")") and "(" in segment:
        opening = segment.rindex("(")
        reading = read_date(segment[opening + 1 : -1])
        if reading is not None:
            found.published = reading
            found.author = segment[:opening].strip().rstrip(",")
            return True
    if strict or not segment or read_date(segment) is not None:
        return False
    found.author = segment
    return True


def _read_segments(segments: list[str], found: _Fields, *, is_book: bool) -> None:
    """Place each segment after the title: phrases, dates and identifiers first, then plain text."""
    for segment in segments:
        segment = _take_via(segment, found)
        segment = _take_notes(segment, found)
        if not segment or _read_phrase(segment, found):
            continue
        reading = read_date(segment)
        if reading is not None and found.published is None:
            found.published = reading
        elif IDENTIFIER.match(segment) or LOCATOR.fullmatch(segment):
            found.notes.append(segment)
        else:
            _read_plain(segment, found, is_book=is_book)


def _read_plain(segment: str, found: _Fields, *, is_book: bool) -> None:
    published_by = PUBLISHED_BY.match(segment)
    if published_by and not found.publisher:
        found.publisher = published_by["publisher"]
    elif not found.title:
        found.title = segment
    elif is_book and not found.publisher:
        location = LOCATION_PUBLISHER.match(segment)
        found.publisher = location["publisher"] if location else segment
    elif not found.work and not is_book:
        found.work = segment
    elif not found.publisher:
        found.publisher = segment
    else:
        found.unread.append(segment)


def _read_phrase(segment: str, found: _Fields) -> bool:
    """Read "Archived from the original on <date>" or "Retrieved <date>"; True when it was one."""
    for pattern, name in ((ARCHIVED_PHRASE, "archived_on"), (RETRIEVED_PHRASE, "accessed_on")):
        match = pattern.match(segment)
        if match is None:
            continue
        reading = read_date(match["date"])
        if reading is None or reading.is_partial:
            found.unread.append(segment)
        else:
            setattr(found, name, reading.value)
        return True
    return False


def _take_via(segment: str, found: _Fields) -> str:
    match = VIA_SUFFIX.search(segment)
    if match is None:
        return segment
    found.notes.append(f"via {match['via'].strip()}")
    return segment[: match.start()].strip()


def _take_notes(segment: str, found: _Fields) -> str:
    """Return the segment without the bracketed notes it carries: (in Burmese), (PDF), (Press release)."""
    pieces, position = [], 0
    for match in NOTE.finditer(segment):
        inside = match.group(1).strip()
        if inside.lower().startswith("in ") and inside[3:4].isupper():
            found.language = found.language or inside[3:]
        elif inside.lower() in KNOWN_NOTES:
            found.notes.append(inside)
        else:
            continue
        pieces.append(segment[position : match.start()])
        position = match.end()
    pieces.append(segment[position:])
    return " ".join("".join(pieces).split()).strip(" .,")


def format_citation(
    *,
    title: str = "",
    author: str = "",
    work: str = "",
    publisher: str = "",
    published_on: date | None = None,
    published_text: str = "",
    url: str = "",
    archive_url: str = "",
    archived_on: date | None = None,
    accessed_on: date | None = None,
) -> str:
    """Return a reference-list line for these fields, in the order ``parse_citation`` reads back."""
    published = format_date(published_on) if published_on else published_text
    parts = []
    if author:
        parts.append(
            f"{author} ({published})." if published else author if author.endswith(".") else f"{author}."
        )
    if title:
        parts.append(f"“{title}”.")
    if work:
        parts.extend(f"{value}." for value in (work, publisher) if value)
    elif publisher:
        parts.append(f"Published by {publisher}.")  # alone, "Title. Publisher." would read as the work
    if published and not author:
        parts.append(f"{published}.")
    if url:
        parts.append(url)
    if archived_on or archive_url:
        parts.append(f"Archived from the original on {format_date(archived_on)}." if archived_on else "")
        parts.append(archive_url)
    if accessed_on:
        parts.append(f"Retrieved {format_date(accessed_on)}.")
    # One line whatever the fields hold: a line break would end the entry in the import format.
    return " ".join(" ".join(part for part in parts if part).split())
