"""How a reference list shows a source's pages, ISBN and DOI, as Wikipedia's citation templates do:
"pp. 3–5", "ISBN 978-…" linked to a catalogue entry, "doi:10.…" linked through doi.org. Pure.

A link is made only from a value that passes a strict check (an ISBN's digits and check digit, a DOI's
"10.registrant/suffix" with no space or control character); anything else is shown as written, escaped.
"""

import re
from urllib.parse import quote

ISBN_CHARACTERS = re.compile(r"[0-9Xx\- ]+")
DOI = re.compile(r"10\.\d{4,9}/[^\s\x00-\x1f\x7f]{1,300}")
PAGE_NUMBERS = re.compile(r"[0-9ivxlcdmIVXLCDM]+")
RANGE_MARKS = ("–", "-", "—", ",", "&", " and ")


def pages_text(pages: str) -> str:
    """Return a source's pages as readers see them: "12" is "p. 12", "3–5" is "pp. 3–5"; anything
    already worded ("chapter 3", "p. 12") as written."""
    pages = " ".join(pages.split())
    if not pages or not pages[0].isdigit() and not PAGE_NUMBERS.fullmatch(pages.split("–")[0]):
        return pages
    return f"pp. {pages}" if any(mark in pages for mark in RANGE_MARKS) else f"p. {pages}"


def isbn_digits(isbn: str) -> str:
    """Return the ISBN's 10 or 13 characters when it is a valid ISBN, else ""."""
    if not ISBN_CHARACTERS.fullmatch(isbn.strip()):
        return ""
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum(
            (10 - index) * (10 if character == "X" else int(character))
            for index, character in enumerate(digits)
        )
        return digits if total % 11 == 0 else ""
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(character) * (1 if index % 2 == 0 else 3) for index, character in enumerate(digits))
        return digits if total % 10 == 0 else ""
    return ""


def isbn_url(isbn: str) -> str:
    """Return the Open Library page of a valid ISBN, or "" (an invalid one is shown, not linked)."""
    digits = isbn_digits(isbn)
    return f"https://openlibrary.org/isbn/{digits}" if digits else ""


def doi_url(doi: str) -> str:
    """Return the doi.org address of a well-formed DOI (percent-encoded), or ""."""
    doi = doi.strip()
    if not DOI.fullmatch(doi):
        return ""
    return "https://doi.org/" + quote(doi, safe="/:;()._-")
