"""Markup written in Python, safe by type (articles/rendering/html.py): every argument that is not Html is
escaped, Html is never escaped twice, and only Html becomes a template's safe string.

Pure: no database. The expected strings are written out by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from articles.rendering.html import EMPTY, Html, escape, for_template, html
from tests.articles.test_markup import HOSTILE, read

HOSTILE_ESCAPED = (
    "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&gt;"  # <script>alert('x')</script>">
    "&lt;img src=x onerror=alert(1)&gt; &amp; ; &amp;amp;"
)


class Shown:
    """An object whose text is markup-like: escaped like any other argument."""

    def __str__(self):
        return "<b>shown</b>"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("plain", "plain"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("it's", "it&#x27;s"),
        ("&amp;", "&amp;amp;"),  # text that looks escaped is text: shown as typed
        (HOSTILE, HOSTILE_ESCAPED),
        (42, "42"),
        (Decimal("1.50"), "1.50"),
        (None, "None"),
        (date(2026, 12, 7), "2026-12-07"),
        (Shown(), "&lt;b&gt;shown&lt;/b&gt;"),
        (SafeString("<b>django-safe</b>"), "&lt;b&gt;django-safe&lt;/b&gt;"),  # only Html is markup here
        (Html("<b>markup</b>"), "<b>markup</b>"),
        (Html("&amp;"), "&amp;"),  # Html is not escaped twice
    ],
)
def test_every_argument_is_escaped_unless_it_is_html(argument, expected):
    assert html("<p>{}</p>", argument) == f"<p>{expected}</p>"
    assert html("<p>{text}</p>", text=argument) == f"<p>{expected}</p>"


def test_the_result_is_html_and_nested_html_is_not_escaped_twice():
    inner = html("<em>{}</em>", "a & b")
    outer = html("<p>{}</p>", inner)
    assert type(outer) is Html
    assert outer == "<p><em>a &amp; b</em></p>"
    assert html("<div>{}</div>", outer) == "<div><p><em>a &amp; b</em></p></div>"


@pytest.mark.parametrize("hostile", [HOSTILE, '" onmouseover="alert(1)', "' onmouseover='alert(1)", "a&b"])
def test_a_hostile_string_in_a_quoted_attribute_stays_its_value(hostile):
    markup = html("<a href=\"{}\" title='{}'>{}</a>", hostile, hostile, hostile)
    reading = read(markup)
    assert reading.tags == ["a"]
    assert reading.attributes == [("href", hostile), ("title", hostile)]
    assert "".join(reading.text) == hostile


def test_escape_escapes_text_even_when_it_is_html():
    assert escape("<i>") == "&lt;i&gt;"
    assert type(escape("x")) is Html
    assert escape(Html("<i>")) == "&lt;i&gt;"  # escape is for text: the markup is shown, not kept


@pytest.mark.parametrize(
    ("separator", "parts", "expected"),
    [
        (EMPTY, [Html("<b>"), "<i>", Html("</b>")], "<b>&lt;i&gt;</b>"),
        (Html("<br>"), ["a&b", Html("<i>c</i>"), 3], "a&amp;b<br><i>c</i><br>3"),
        (Html(", "), (part for part in ["<x>", "y"]), "&lt;x&gt;, y"),  # any iterable, read once
        (EMPTY, [], ""),
    ],
)
def test_join_keeps_the_type_and_escapes_what_is_not_html(separator, parts, expected):
    joined = separator.join(parts)
    assert type(joined) is Html
    assert joined == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (Html("<b>"), Html("</b>"), "<b></b>"),
        (Html("<b>"), "<i>", "<b>&lt;i&gt;"),
        ("<i>", Html("<b>"), "&lt;i&gt;<b>"),  # text on the left is escaped too
    ],
)
def test_adding_keeps_the_type_and_escapes_text(left, right, expected):
    added = left + right
    assert type(added) is Html
    assert added == expected
    accumulated = Html("")
    accumulated += right
    assert type(accumulated) is Html


def test_str_methods_that_make_a_new_string_give_text_that_is_escaped_again():
    # Html.upper() and the like return str: put back in markup, it is escaped (a visible mistake, never
    # an unsafe one).
    shouted = Html("<b>x</b>").upper()
    assert type(shouted) is str
    assert html("{}", shouted) == "&lt;B&gt;X&lt;/B&gt;"


def test_for_template_hands_html_to_a_template_as_it_is():
    template = Template("<div>{{ markup }}|{{ text }}</div>")
    markup = html("<b>{}</b>", "<i>")
    rendered = template.render(Context({"markup": for_template(markup), "text": markup}))
    # Html given to a template without for_template is escaped like any string.
    assert rendered == "<div><b>&lt;i&gt;</b>|&lt;b&gt;&amp;lt;i&amp;gt;&lt;/b&gt;</div>"
    assert isinstance(for_template(markup), SafeString)


@pytest.mark.parametrize("text", ["<b>plain</b>", SafeString("<b>safe</b>"), 3, None])
def test_for_template_refuses_anything_but_html(text):
    with pytest.raises(TypeError, match="for_template takes Html"):
        for_template(text)


def test_repr_says_it_is_markup():
    assert repr(Html("<b>")) == "Html('<b>')"


@pytest.mark.parametrize(
    ("template", "args", "kwargs", "expected"),
    [
        ("100% {}", ("<b>",), {}, "100% &lt;b&gt;"),  # a literal % stays one
        ("{{literal}} {}", ("&",), {}, "{literal} &amp;"),  # doubled braces are one brace
        ("<{0}>{1}</{0}>", (Html("h2"), "<x>"), {}, "<h2>&lt;x&gt;</h2>"),  # numbered fields
        ("<a title='{t}'>{t}</a>", (), {"t": "'"}, "<a title='&#x27;'>&#x27;</a>"),  # a name used twice
        ("{} and {name}", ("<1>",), {"name": "<2>"}, "&lt;1&gt; and &lt;2&gt;"),
        ("{:>4}|{!r}", ("ab", "<"), {}, "  ab|'&lt;'"),  # a spec or conversion applies to the escaped text
        ("%s %(x)s {}", ("<",), {}, "%s %(x)s &lt;"),  # printf syntax in a template is text
        ("no fields", (), {}, "no fields"),
    ],
)
def test_every_kind_of_template_field_gets_escaped_arguments(template, args, kwargs, expected):
    for _ in range(2):  # the first call reads the template, the second uses what it read
        assert html(template, *args, **kwargs) == expected


@pytest.mark.parametrize(
    ("template", "args", "kwargs", "error"),
    [
        ("{}", (), {"x": "<"}, IndexError),  # a keyword for a plain field is refused, never printed as a dict
        ("{x}", ("<",), {}, KeyError),
        ("{} {}", ("<",), {}, TypeError),  # too few arguments
        ("{}", ("a", "b"), {}, TypeError),  # too many: a mistake, not an argument silently left out
    ],
)
def test_a_call_that_does_not_fit_its_template_is_refused(template, args, kwargs, error):
    with pytest.raises(error):
        html(template, *args, **kwargs)
