"""Source fields from a citation template (``{{cite web}}``, ``{{cite book}}``, ``{{citation}}`` …), and the
anchor a short citation (``{{sfn}}``, ``{{harvnb}}``) points to. Pure: parameters come in as text.

Fields are returned in their stored text form (dates ISO, "" for empty), the form
``sources.references.plan_update`` compares, so an import of the same file twice changes nothing.
"""

import re
from collections.abc import Mapping

from sources.dates import read_date

# Parameters are read by meaning, whichever template carries them; the first one given wins.
TITLE_PARAMETERS = (
    "title",
    "script-title",
    "trans-title",
    "article",
    "entry",
    "chapter",
    "contribution",
    "wstitle",
    "name",
)
WORK_PARAMETERS = (
    "work",
    "website",
    "newspaper",
    "journal",
    "magazine",
    "periodical",
    "encyclopedia",
    "encyclopaedia",
    "dictionary",
)
PUBLISHER_PARAMETERS = ("publisher", "institution", "agency")
URL_PARAMETERS = ("url", "chapter-url", "chapterurl")
ARCHIVE_URL_PARAMETERS = ("archive-url", "archiveurl")
ARCHIVE_DATE_PARAMETERS = ("archive-date", "archivedate")
ACCESS_DATE_PARAMETERS = ("access-date", "accessdate")
PAGE_PARAMETERS = ("pages", "page", "at")
DEAD_WORDS = {
    "yes": "dead",
    "true": "dead",
    "y": "dead",
    "dead": "dead",
    "no": "live",
    "live": "live",
    "unfit": "unfit",
    "usurped": "usurped",
    "deviated": "deviated",
}
MAX_AUTHORS = 9
MAX_ANCHOR_NAMES = 4
YEAR = re.compile(r"\b(\d{4}[a-z]?)\b")  # over a parameter's plain text, not over markup
DEFAULT_EB1911 = "Encyclopædia Britannica (11th ed.)"


def normalised_name(name: str) -> str:
    """Return a template's name as compared: "Cite_web " and "cite web" are the same template."""
    return " ".join(name.replace("_", " ").split()).lower()


def is_citation_template(name: str) -> bool:
    name = normalised_name(name)
    return name == "citation" or name == "cite" or name.startswith("cite ") or name == "vcite"


SHORT_CITATIONS = frozenset(
    {"sfn", "sfnp", "harvnb", "harv", "harvp", "harvtxt", "harvcolnb", "harvcol", "sfnmp", "sfnm"}
)


def is_short_citation(name: str) -> bool:
    return normalised_name(name) in SHORT_CITATIONS


def first(parameters: Mapping[str, str], names) -> str:
    for name in names:
        value = parameters.get(name, "").strip()
        if value:
            return value
    return ""


def authors(parameters: Mapping[str, str]) -> str:
    """Return "Last, First; Last, First" from last/first, surname/given, author and authors."""
    names = []
    for number in ("", *map(str, range(1, MAX_AUTHORS + 1))):
        last = first(
            parameters, (f"last{number}", f"surname{number}", f"author{number}-last", f"author-last{number}")
        )
        given = first(
            parameters, (f"first{number}", f"given{number}", f"author{number}-first", f"author-first{number}")
        )
        whole = first(parameters, (f"author{number}",))
        if last:
            names.append(f"{last}, {given}" if given else last)
        elif whole:
            names.append(whole)
    if not names:
        whole = first(parameters, ("authors", "vauthors", "people"))
        if whole:
            names.append(whole)
    return "; ".join(dict.fromkeys(names))


def date_fields(text: str) -> tuple[str, str]:
    """Return (published_on ISO, published_text): a full date is a date, anything else stays as written."""
    if not text:
        return "", ""
    reading = read_date(text)
    if reading is not None and reading.value is not None:
        return reading.value.isoformat(), ""
    return "", text


def iso_date(text: str) -> str:
    reading = read_date(text) if text else None
    return reading.value.isoformat() if reading is not None and reading.value is not None else ""


def web_address(text: str) -> str:
    """Return the URL as a link needs it ("//host/…" gets https:), or "" for anything not http(s)."""
    text = text.strip()
    if text.startswith("//"):
        text = "https:" + text
    return text if text.lower().startswith(("http://", "https://")) else ""


def citation_fields(template_name: str, parameters: Mapping[str, str]) -> dict[str, str]:
    """Return the source fields a citation template gives (every key of ``sources.references``'s
    imported and detail fields, "" where the template says nothing)."""
    name = normalised_name(template_name)
    published = first(parameters, ("date",)) or " ".join(
        part for part in (first(parameters, ("month",)), first(parameters, ("year",))) if part
    )
    published_on, published_text = date_fields(published)
    work = first(parameters, WORK_PARAMETERS)
    if not work and name == "cite eb1911":
        work = DEFAULT_EB1911
    status = first(parameters, ("url-status", "dead-url", "deadurl")).lower()
    return {
        "title": first(parameters, TITLE_PARAMETERS),
        "author": authors(parameters),
        "work": work,
        "publisher": first(parameters, PUBLISHER_PARAMETERS),
        "published_on": published_on,
        "published_text": published_text,
        "url": web_address(first(parameters, URL_PARAMETERS)),
        "archive_url": web_address(first(parameters, ARCHIVE_URL_PARAMETERS)),
        "archived_on": iso_date(first(parameters, ARCHIVE_DATE_PARAMETERS)),
        "accessed_on": iso_date(first(parameters, ACCESS_DATE_PARAMETERS)),
        "quote": first(parameters, ("quote",)),
        "pages": first(parameters, PAGE_PARAMETERS),
        "isbn": first(parameters, ("isbn", "isbn13")),
        "doi": first(parameters, ("doi",)),
        "url_status": DEAD_WORDS.get(status, status[:20]),
    }


def anchor_key(names: list[str], year: str) -> str:
    """Return the key short citations and their entries share: the names and the year, compared without
    spaces or case (MediaWiki's CITEREF anchor, as loosely as editors write it)."""
    return "".join(part for part in (*names[:MAX_ANCHOR_NAMES], year) if part).replace(" ", "").lower()


def entry_anchor(parameters: Mapping[str, str], harvid: tuple[list[str], str] | None = None) -> str:
    """Return the anchor of a bibliography entry, or "" when it has none (``ref=none``)."""
    if harvid is not None:
        return anchor_key(*harvid)
    reference = parameters.get("ref", "").strip()
    if reference.lower() == "none":
        return ""
    if reference and reference.lower() != "harv":
        return reference.removeprefix("CITEREF").replace(" ", "").replace("_", "").lower()
    names = []
    for number in ("", *map(str, range(1, MAX_ANCHOR_NAMES + 1))):
        name = first(
            parameters, (f"last{number}", f"surname{number}", f"author{number}-last", f"author{number}")
        )
        if name and name not in names:
            names.append(name)
    if not names:
        for number in ("", *map(str, range(1, MAX_ANCHOR_NAMES + 1))):
            name = first(parameters, (f"editor{number}-last", f"editor-last{number}", f"editor{number}"))
            if name and name not in names:
                names.append(name)
    found = YEAR.findall(first(parameters, ("year",)) or first(parameters, ("date",)))
    return anchor_key(names, found[-1] if found else "") if names else ""


def short_citation(positional: list[str], parameters: Mapping[str, str]) -> tuple[str, str]:
    """Return (anchor, page) of ``{{sfn|Name|Name2|Year|p=12}}``; the year is the last positional."""
    values = [value.strip() for value in positional if value.strip()]
    names, year = (values[:-1], values[-1]) if len(values) > 1 else (values, "")
    page = first(parameters, ("p", "page"))
    pages = first(parameters, ("pp", "pages"))
    location = first(parameters, ("loc", "at"))
    cited = f"p. {page}" if page else f"pp. {pages}" if pages else location
    return anchor_key(names, year), cited


def short_citation_text(positional: list[str], page: str) -> str:
    """Return what readers see for a short citation: "Sanders 1993, p. 12"."""
    values = [value.strip() for value in positional if value.strip()]
    names, year = (values[:-1], values[-1]) if len(values) > 1 else (values, "")
    text = " & ".join(names) + (f" {year}" if year else "")
    return f"{text}, {page}" if page else text
