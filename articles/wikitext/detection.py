"""Tell the two import formats apart: the plain-text format, or MediaWiki's wikitext. Pure."""

TEXT, WIKITEXT = "text", "wikitext"
FORMATS = (TEXT, WIKITEXT)
WIKITEXT_SUFFIXES = (".wiki", ".wikitext", ".mediawiki", ".mw")
TEXT_SUFFIXES = (".txt", ".text")
# Markup the plain-text format never holds at the start of a line or around a citation.
WIKITEXT_SIGNS = ("<ref", "{{", "[[", "\n==", "'''", "{|")
SNIFF_LENGTH = 200_000


def detect_format(data: bytes | str, name: str = "") -> str:
    """Return "wikitext" or "text": from the file's name when it says, else from what it holds."""
    lowered = name.lower()
    if lowered.endswith(WIKITEXT_SUFFIXES):
        return WIKITEXT
    if lowered.endswith(TEXT_SUFFIXES):
        return TEXT
    head = data[:SNIFF_LENGTH]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = "\n" + text
    signs = sum(1 for sign in WIKITEXT_SIGNS if sign in text)
    return WIKITEXT if signs >= 2 or "<ref" in text or text.lstrip().startswith("==") else TEXT
