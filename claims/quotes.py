"""Is a quoted passage the source's own words? (pure: no ORM)

A reviewer's confirmed passage is shown to readers as what the source says, so it must be found in the
source's text. Both are compared with their differences of form made uniform — runs of whitespace (a PDF
breaks lines anywhere), curly and straight quotation marks and apostrophes, format characters such as
soft hyphens — and nothing else: a changed word or number is not the source's words. An ellipsis
(``…`` or ``...``) stands for words left out: the parts around it must appear in that order."""

import re

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
FORMAT_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
QUOTATION_MARKS = str.maketrans(
    SINGLE_QUOTES + DOUBLE_QUOTES, "'" * len(SINGLE_QUOTES) + '"' * len(DOUBLE_QUOTES), FORMAT_CHARACTERS
)
WHITESPACE = re.compile(r"\s+")
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def uniform(text: str) -> str:
    """Return ``text`` with quotation marks straight, format characters gone and whitespace single spaces."""
    return WHITESPACE.sub(" ", text.translate(QUOTATION_MARKS)).strip()


def is_quoted_from(passage: str, text: str) -> bool:
    """Return True when ``passage`` appears in ``text`` once both are made uniform (its parts around an
    ellipsis in order). Linear in the two lengths: one normalisation each and ``str.find`` per part."""
    parts = [part for part in ELLIPSIS.split(uniform(passage)) if part.strip(" .")]
    if not parts:
        return False
    if len(parts) == 1 and parts[0] in text:
        return True  # copied as it stands: no need to normalise a text of up to 10 MB
    haystack, start = uniform(text), 0
    for part in parts:
        found = haystack.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True
