"""Bounds checked before the parser runs, so hostile wikitext gets a clear error instead of a long parse.

mwparserfromhell backtracks over what never closes: 10,000 unclosed ``{{`` take it minutes, thousands of
unclosed ``[[`` or ``<ref>`` seconds each, growing with the square of their number. Real articles nest
templates and links a few levels deep (4 at most in the seven sample articles) and close every ``<ref>``
and table. These checks are linear scans that count openings and closings; they do not read the
markup's meaning, which stays the parser's job. Pure.
"""

from articles.errors import ArticleFormatError

MAX_CHARACTERS = 20_000_000
MAX_NESTING = 50  # of {{ … }} and of [[ … ]]
MAX_UNCLOSED_TAGS = 100  # none in the seven sample articles; the parser slows with the square of them
VOID_TAGS = frozenset("br hr wbr img meta link input col area base param source track embed".split())


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_bounds(text: str) -> None:
    """Raise ArticleFormatError for wikitext the parser would choke on: too large, binary, nested
    beyond any article, or with a ``<ref>`` or table that never closes."""
    if len(text) > MAX_CHARACTERS:
        raise ArticleFormatError(
            f"the file has {len(text):,} characters; a wikitext import takes at most {MAX_CHARACTERS:,}"
        )
    if "\x00" in text:
        raise ArticleFormatError(
            "the file is binary, not text (it contains a NUL character)",
            line=line_of(text, text.index("\x00")),
        )
    check_nesting(text, "{{", "}}", "templates")
    check_nesting(text, "[[", "]]", "links")
    check_refs(text)
    check_tables(text)
    check_tags(text)


def check_nesting(text: str, opening: str, closing: str, what: str) -> None:
    depth, position = 0, 0
    while True:
        start = text.find(opening, position)
        end = text.find(closing, position)
        if start < 0 and end < 0:
            return
        if start >= 0 and (end < 0 or start < end):
            depth += 1
            if depth > MAX_NESTING:
                raise ArticleFormatError(
                    f"{what} nested more than {MAX_NESTING} deep ({opening} without its {closing}?); "
                    "no article nests them so",
                    line=line_of(text, start),
                )
            position = start + len(opening)
        else:
            depth = max(0, depth - 1)
            position = end + len(closing)


def check_refs(text: str) -> None:
    """Refuse a ``<ref>`` opened and never closed (MediaWiki shows a cite error there)."""
    lowered = text.lower()
    open_at, position = None, 0
    while True:
        start = lowered.find("<ref", position)
        if start < 0:
            break
        after = lowered[start + 4 : start + 5]
        end = lowered.find(">", start)
        if end < 0:
            break  # no tag can end: the parser reads the rest as text
        if after not in (" ", ">", "/", "\t", "\n"):
            position = start + 4
            continue
        is_self_closing = lowered[end - 1] == "/"
        if not is_self_closing:
            if open_at is not None:
                raise unclosed_ref(text, open_at)
            close = lowered.find("</ref", end)
            if close < 0:
                raise unclosed_ref(text, start)
            open_at = None
            position = close + 5
            continue
        position = end + 1
    return


def unclosed_ref(text: str, offset: int) -> ArticleFormatError:
    return ArticleFormatError(
        "a <ref> is opened here and not closed with </ref>; close it (or make it <ref name=… />)",
        line=line_of(text, offset),
    )


def check_tables(text: str) -> None:
    """Refuse a table (a line starting ``{|``) with no line starting ``|}`` to close it."""
    depth, opened_at, offset = 0, [], 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("{|"):
            depth += 1
            opened_at.append(offset)
        elif stripped.startswith("|}") and depth:
            depth -= 1
            opened_at.pop()
        offset += len(line) + 1
    if depth:
        raise ArticleFormatError(
            "a table opened here with {| is not closed with |}", line=line_of(text, opened_at[-1])
        )


def check_tags(text: str) -> None:
    """Refuse more than MAX_UNCLOSED_TAGS HTML tags opened and never closed (``<span>`` without
    ``</span>``), counted per tag name; void tags (``<br>``) and self-closing ones need no closing."""
    lowered = text.lower()
    balance: dict[str, int] = {}
    first_at: dict[str, int] = {}
    position = 0
    while True:
        start = lowered.find("<", position)
        if start < 0:
            break
        name_start = start + 2 if lowered.startswith("</", start) else start + 1
        name_end = name_start
        while name_end < len(lowered) and name_end - name_start < 20 and lowered[name_end].isalnum():
            name_end += 1
        name = lowered[name_start:name_end]
        position = max(name_end, start + 1)
        if not name or not name[0].isalpha() or name in VOID_TAGS:
            continue
        if name_start == start + 2:
            balance[name] = balance.get(name, 0) - 1
            continue
        end = lowered.find(">", name_end)
        if end < 0:
            break
        if lowered[end - 1] != "/":
            balance[name] = balance.get(name, 0) + 1
            first_at.setdefault(name, start)
    unclosed = {name: count for name, count in balance.items() if count > 0}
    if sum(unclosed.values()) > MAX_UNCLOSED_TAGS:
        name = max(unclosed, key=unclosed.get)
        raise ArticleFormatError(
            f"{sum(unclosed.values()):,} HTML tags are opened and never closed "
            f"({unclosed[name]:,} <{name}>); close them",
            line=line_of(text, first_at[name]),
        )
