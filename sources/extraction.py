"""Plain text and metadata from an HTML page, a PDF or a text file (pure: no ORM).

The HTML is only ever parsed for its text: nothing of it is stored or rendered, so a hostile page can
at most put hostile *text* in a snapshot, which every template escapes."""

import datetime
import io
import logging
from dataclasses import dataclass, field

import lxml.html
import pypdf
import trafilatura

HTML, PDF, TEXT = "html", "pdf", "text"
KIND_FOR_TYPE = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
    "application/pdf": PDF,
}
CONTENT_TYPE_FOR_KIND = {HTML: "text/html", PDF: "application/pdf", TEXT: "text/plain"}
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<!--")
DROPPED_TAGS = ("script", "style", "noscript", "template", "head")
# A date fills an empty "published on", so it comes only from markup that states the publication date;
# trafilatura's date guesses from the text ("Updated 2023-04-02", a year in a sentence) are not used.
META_DATE_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)

logging.getLogger("trafilatura").setLevel(logging.ERROR)


class ExtractionFailed(ValueError):
    """The file could not be read as the kind it claims to be."""


@dataclass(frozen=True)
class Extracted:
    kind: str
    text: str
    metadata: dict = field(default_factory=dict)


def media_type(content_type: str) -> tuple[str, str]:
    """Return the media type and charset of a Content-Type header value, lower-cased."""
    media, _, params = (content_type or "").partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def detect_kind(data: bytes, content_type: str = "") -> str | None:
    """Return "html", "pdf" or "text" from the declared type, else from the bytes; None if neither."""
    media, _ = media_type(content_type)
    if media in KIND_FOR_TYPE:
        return KIND_FOR_TYPE[media]
    if media:
        return None
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(HTML_STARTS):
        return HTML
    if b"\x00" not in head and decodes(head):
        return TEXT
    return None


def decodes(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(head) - 4  # a character cut at the end of the sample is fine
    return True


def extract(data: bytes, kind: str, charset: str = "") -> Extracted:
    """Return the text and metadata (title, author, date, sitename) of ``data`` read as ``kind``."""
    if kind == HTML:
        return extract_html(data)
    if kind == PDF:
        return extract_pdf(data)
    return Extracted(kind=TEXT, text=decode_text(data, charset))


def decode_text(data: bytes, charset: str = "") -> str:
    for encoding in filter(None, (charset, "utf-8-sig")):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def extract_html(data: bytes) -> Extracted:
    document = trafilatura.bare_extraction(data, with_metadata=True)
    root = parse_html(data)
    stated = meta_date(root) if root is not None else ""
    date = {"date": stated} if stated else {}
    if document is not None and (document.text or "").strip():
        metadata = {"title": document.title, "author": document.author, "sitename": document.sitename}
        metadata = {key: value for key, value in metadata.items() if value} | date
        return Extracted(kind=HTML, text=document.text, metadata=metadata)
    # trafilatura gives up on very short pages; their visible text is still the source's text.
    metadata = html_title(root) | date  # before the text: that drops <head>
    return Extracted(kind=HTML, text=html_visible_text(root), metadata=metadata)


def parse_html(data: bytes):
    try:
        return lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return None


def meta_date(root) -> str:
    """Return the publication date (YYYY-MM-DD) the page's meta tags or <time> state, else ""."""
    found = {}
    for element in root.iter("meta", "time"):
        name = (element.get("name") or element.get("property") or element.get("itemprop") or "").lower()
        value = element.get("content") or element.get("datetime") or ""
        if name in META_DATE_NAMES and name not in found:
            found[name] = value.strip()[:10].replace("/", "-")
    for name in META_DATE_NAMES:
        if name in found and is_iso_date(found[name]):
            return found[name]
    return ""


def is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def html_visible_text(root) -> str:
    if root is None:
        return ""
    for element in root.iter(*DROPPED_TAGS):
        element.drop_tree()
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def html_title(root) -> dict:
    title = root.findtext(".//title") if root is not None else None
    return {"title": " ".join(title.split())} if title and title.strip() else {}


def extract_pdf(data: bytes) -> Extracted:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
        info = reader.metadata
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ExtractionFailed(f"Not a readable PDF: {error}") from error
    metadata = {}
    if info is not None:
        metadata = {"title": info.title or "", "author": info.author or ""}
        created = safe_creation_date(info)
        if created:
            metadata["date"] = created
    return Extracted(kind=PDF, text=text.strip(), metadata={k: v for k, v in metadata.items() if v})


def safe_creation_date(info) -> str:
    try:
        created = info.creation_date
    except (ValueError, TypeError):
        return ""
    return created.date().isoformat() if created else ""
