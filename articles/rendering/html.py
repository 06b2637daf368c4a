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
        return Html(
            str.join(self, [part if isinstance(part, Html) else escape_text(str(part)) for part in parts])
        )

    def __repr__(self) -> str:
        return f"Html({str.__repr__(self)})"


EMPTY = Html("")


def _escaped(value) -> str:
    """Return ``value`` as markup: itself when it is ``Html``, else its text escaped."""
    return value if isinstance(value, Html) else escape_text(str(value))


def escape(value) -> Html:
    """Return the text of ``value`` escaped, for an element or a quoted attribute (even when it is
    ``Html``: this is for text; ``html`` and ``Html.join`` leave markup as it is)."""
    return Html(escape_text(str(value)))


def html(template: str, /, *args, **kwargs) -> Html:
    """Return ``template`` with its fields filled, each argument escaped unless it is ``Html``.

    A field takes the argument's text (no format spec: a number is formatted before it is passed)."""
    if kwargs:
        kwargs = {name: _escaped(value) for name, value in kwargs.items()}
    return Html(template.format(*[_escaped(value) for value in args], **kwargs))


def for_template(markup: Html) -> SafeString:
    """Return ``markup`` marked safe for Django's templates: the one place this project's Python marks
    anything safe. Refuses plain text, which a template must escape."""
    if not isinstance(markup, Html):
        raise TypeError(f"for_template takes Html, not {type(markup).__name__}: escape text with html()")
    return mark_safe(markup)  # noqa: S308 - Html is built only by escaping (this module) or from literals
