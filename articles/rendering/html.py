"""Markup written in Python, safe by type: ``Html`` is text that is already markup; everything else is
text, and is escaped wherever it meets markup.

- ``html(template, *args, **kwargs)`` fills a template (``str.format`` fields) with its arguments, each
  escaped unless it is ``Html``; the template itself is a literal of the code, never an input.
- ``Html.join`` and ``+`` keep the type and escape whatever is not ``Html``.
- ``Html("<literal>")`` marks a literal of the code as markup; nothing made from an input is turned into
  ``Html`` except by escaping (``tests/articles/test_html_safety.py`` reads the code for it).
- ``for_template`` is the one place markup becomes Django's ``SafeString``, so a template puts it in the
  page as it is.

Pure: only ``django.utils.safestring`` is imported, for the hand-over to templates. Escaping is the
standard library's ``html.escape`` (& < > " ' replaced, as Django's ``escape`` does): Django's own also
wraps each result as a SafeString, a cost on the 70,000 strings of a large page.
"""

from collections.abc import Iterable
from html import escape as escape_text
from string import Formatter

from django.utils.safestring import SafeString, mark_safe


class Html(str):
    """Text that is markup, safe to put in a page as it is."""

    __slots__ = ()

    def __add__(self, other) -> "Html":
        return Html(str.__add__(self, _escaped(other)))

    def __radd__(self, other) -> "Html":
        # Python asks a str subclass on the right first, so "text" + Html(...) escapes the text too.
        return Html(str.__add__(_escaped(other), self))

    def join(self, parts: Iterable) -> "Html":
        """Return the parts joined by this markup, each escaped unless it is ``Html``."""
        parts = parts if type(parts) is list else list(parts)
        if not parts:
            return EMPTY
        if {*map(type, parts)} <= ONLY_HTML:  # all markup: checked without a Python call per part
            return Html(str.join(self, parts))
        # Written out, not a call of _escaped per part: a sentence's text pieces are joined this way.
        return Html(
            str.join(
                self,
                [
                    part if type(part) is Html else escape_text(part) if type(part) is str else _escaped(part)
                    for part in parts
                ],
            )
        )

    def each_followed_by(self, parts: Iterable) -> "Html":
        """Return the parts, each followed by this markup (a list's items, each with its line break),
        each escaped unless it is ``Html``."""
        parts = parts if type(parts) is list else list(parts)
        return self.join(parts) + self if parts else EMPTY

    def __repr__(self) -> str:
        return f"Html({str.__repr__(self)})"


EMPTY = Html("")
ONLY_HTML = frozenset({Html})


def _escaped(value) -> str:
    """Return ``value`` as markup: itself when it is ``Html``, else its text escaped (a whole number's
    digits need none)."""
    if isinstance(value, Html):
        return value
    return str(value) if type(value) is int else escape_text(str(value))


def escape(value) -> Html:
    """Return the text of ``value`` escaped, for an element or a quoted attribute (even when it is
    ``Html``: this is for text; ``html`` and ``Html.join`` leave markup as it is)."""
    return Html(escape_text(str(value)))


def html(template: str, /, *args, **kwargs) -> Html:
    """Return ``template`` with its fields filled, each argument escaped unless it is ``Html``.

    A field takes the argument's text (no format spec: a number is formatted before it is passed)."""
    # The test is written out, not a call of _escaped per argument: this runs some 40,000 times for the
    # 25x page. Filled with % (a template of plain fields read once into printf style): str.format reads
    # the template again at every call, a third of this function's time.
    if kwargs:
        values = {
            name: value
            if type(value) is Html
            else escape_text(value)
            if type(value) is str
            else _escaped(value)
            for name, value in kwargs.items()
        }
        if args:
            return Html(template.format(*[_escaped(value) for value in args], **values))
    else:
        values = tuple(
            [
                value
                if type(value) is Html
                else escape_text(value)
                if type(value) is str
                else _escaped(value)
                for value in args
            ]
        )
    printf = PRINTF.get(template)
    if printf is None:
        printf = printf_style(template)
        if len(PRINTF) < PRINTF_TEMPLATES:
            PRINTF[template] = printf
    if printf and printf[1] == bool(kwargs):  # named fields take keywords, plain ones positions
        return Html(printf[0] % values)
    return Html(template.format(**values) if kwargs else template.format(*values))


# template -> (the same in printf style, whether its fields are named), or () when it has other fields
PRINTF: dict[str, tuple] = {}
PRINTF_TEMPLATES = 1000  # templates are literals of the code: a handful; this bounds a mistake


def printf_style(template: str) -> tuple:
    """Return ``template`` in printf style and whether its fields are named, when every field is plain
    (all ``{}`` or all ``{name}``; no number, conversion or format spec), else ()."""
    pieces, names = [], set()
    for literal, field, spec, conversion in Formatter().parse(template):
        pieces.append(literal.replace("%", "%%"))
        if field is None:
            continue
        if spec or conversion or not (field == "" or field.isidentifier()):
            return ()
        names.add(bool(field))
        pieces.append(f"%({field})s" if field else "%s")
    return ("".join(pieces), True in names) if len(names) < 2 else ()


def for_template(markup: Html) -> SafeString:
    """Return ``markup`` marked safe for Django's templates: the one place this project's Python marks
    anything safe. Refuses plain text, which a template must escape."""
    if not isinstance(markup, Html):
        raise TypeError(f"for_template takes Html, not {type(markup).__name__}: escape text with html()")
    return mark_safe(markup)  # noqa: S308 - Html is built only by escaping (this module) or from literals
