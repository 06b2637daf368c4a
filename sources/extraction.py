"""Plain text and metadata from an HTML page, a PDF or a text file (pure: no ORM).

The HTML is only ever parsed for its text: nothing of it is stored or rendered, so a hostile page can
at most put hostile *text* in a snapshot, which every template escapes."""

import codecs
import datetime
import io
import logging
import re
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

# Charsets a page may name, by the name Python's codec registry gives them: every one decodes in time
# linear in the bytes. Others (punycode's decoder is quadratic; idna, utf-7 and the escape codecs are not
# the charset of any real page) are ignored and the bytes read as UTF-8, else Windows-1252.
CHARSET_FAMILIES = (
    "ascii", "utf-8", "utf-16", "iso8859", "latin", "cp", "mac-", "koi8", "gb", "big5", "shift_jis",
    "euc", "iso2022", "hz", "johab", "tis-620", "kz1048", "ptcp154", "hp-roman8",
)  # fmt: skip
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What a refusal calls the file it could not read.
KIND_NAMES = {HTML: "the HTML page", PDF: "the PDF", TEXT: "the text file"}
TEXT_TOO_LONG = "{name}'s text is longer than {limit:,} characters"

logging.getLogger("trafilatura").setLevel(logging.ERROR)


class ExtractionFailed(ValueError):
    """The file could not be read as the kind it claims to be."""


class ExtractionRefused(ExtractionFailed):
    """Reading the file passed a bound (time, memory, length of its text); the message says which."""


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
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # A UTF-16 page (Windows saves them so) says what it is only once decoded; other UTF-16 is refused.
        start = head[:512].decode("utf-16", errors="replace").lstrip("\ufeff \t\r\n").lower()
        return HTML if start.encode("ascii", errors="replace").startswith(HTML_STARTS) else None
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(HTML_STARTS):
        return HTML
    if b"\x00" not in head and (decodes(head) or not CONTROL_BYTES.search(head)):
        return TEXT  # UTF-8, or a single-byte charset such as Latin-1 (no control bytes)
    return None


def decodes(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(head) - 4  # a character cut at the end of the sample is fine
    return True


def extract(data: bytes, kind: str, charset: str = "", *, max_chars: int | None = None) -> Extracted:
    """Return the text and metadata (title, author, date, sitename) of ``data`` read as ``kind``; a text
    longer than ``max_chars`` is refused (a PDF stops being read as soon as it passes)."""
    if kind == HTML:
        extracted = extract_html(data, charset)
    elif kind == PDF:
        extracted = extract_pdf(data, max_chars)
    else:
        extracted = Extracted(kind=TEXT, text=decode_text(data, charset))
    if max_chars is not None and len(extracted.text) > max_chars:
        raise ExtractionRefused(sentence(TEXT_TOO_LONG.format(name=KIND_NAMES[kind], limit=max_chars)))
    return extracted


def sentence(text: str) -> str:
    """Return ``text`` with its first letter upper-case (str.capitalize would lower "PDF")."""
    return text[:1].upper() + text[1:]


def known_charset(label: str) -> str:
    """Return the codec for a declared charset if it is one pages are written in, else ""."""
    try:
        name = codecs.lookup(label).name if label else ""
    except LookupError:
        return ""
    return name if name.startswith(CHARSET_FAMILIES) else ""


def decode_text(data: bytes, charset: str = "") -> str:
    bom = next((encoding for mark, encoding in BOMS if data.startswith(mark)), "")
    for encoding in filter(None, (bom, known_charset(charset), "utf-8-sig")):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def decode_html(data: bytes, charset: str = "") -> str:
    """Return the page as text: its byte-order mark, else the charset of its header, else of its <meta>,
    else UTF-8, else Windows-1252. Decoded here so that no library guesses (trafilatura would also
    decompress a gzip or brotli body it recognised, with no bound) and no declared charset is trusted
    beyond the ones pages are written in."""
    declared = META_CHARSET.search(data[:4096])
    meta = known_charset(declared.group(1).decode("ascii")) if declared else ""
    text = decode_text(data, known_charset(charset) or meta)
    return XML_DECLARATION.sub("", text, count=1)  # lxml refuses text that still names its encoding


def extract_html(data: bytes, charset: str = "") -> Extracted:
    page = decode_html(data, charset)
    document = trafilatura.bare_extraction(page, with_metadata=True, fast=True)
    root = parse_html(page)
    stated = meta_date(root) if root is not None else ""
    date = {"date": stated} if stated else {}
    if document is not None and (document.text or "").strip():
        metadata = {"title": document.title, "author": document.author, "sitename": document.sitename}
        metadata = {key: value for key, value in metadata.items() if value} | date
        return Extracted(kind=HTML, text=document.text, metadata=metadata)
    # trafilatura gives up on very short pages; their visible text is still the source's text.
    metadata = html_title(root) | date  # before the text: that drops <head>
    return Extracted(kind=HTML, text=html_visible_text(root), metadata=metadata)


def parse_html(data: str):
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


def extract_pdf(data: bytes, max_chars: int | None = None) -> Extracted:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n\n".join(pdf_pages_text(reader, max_chars))
        info = reader.metadata
    except RecursionError as error:  # arrays nested thousands deep: pypdf's parser recurses
        raise ExtractionFailed("Not a readable PDF: its objects are nested too deeply") from error
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ExtractionFailed(f"Not a readable PDF: {error}") from error
    metadata = {}
    if info is not None:
        metadata = {"title": info.title or "", "author": info.author or ""}
        created = safe_creation_date(info)
        if created:
            metadata["date"] = created
    return Extracted(kind=PDF, text=text.strip(), metadata={k: v for k, v in metadata.items() if v})


def pdf_pages_text(reader, max_chars: int | None):
    """Yield each page's text, stopping once the text passes ``max_chars``: extract refuses it then."""
    length = 0
    for page in reader.pages:
        text = (page.extract_text() or "").strip()
        yield text
        length += len(text) + 2
        if max_chars is not None and length > max_chars:
            return


def safe_creation_date(info) -> str:
    try:
        created = info.creation_date
    except (ValueError, TypeError):
        return ""
    return created.date().isoformat() if created else ""
