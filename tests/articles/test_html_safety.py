"""HTML written in Python is safe by type (articles/rendering/html.py), and the code keeps it so: one place
marks markup safe for templates, and nothing made from an input becomes Html without being escaped.

Reads the project's code and templates; no database."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "articles", "claims", "config", "editorial", "pagecache", "sources")
THE_ONE_PLACE = Path("articles/rendering/html.py")
# Html made of computed text, each with the reason it needs no escaping written beside it.
COMPUTED_HTML = {(Path("articles/rendering/jsonld.py"), "json_ld_html")}
# Template syntax that would put a string in the page without escaping it.
UNESCAPED_IN_TEMPLATES = ("|safe", "autoescape off", "{% autoescape false")


def code_files() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


def unsafe_marks(source: str) -> list[str]:
    """Return what in ``source`` marks a string safe for templates by hand or silences the linter's
    warning about it (ruff's S308): mark_safe, SafeString(...), SafeText, ``noqa: S308``."""
    found = [
        f"line {number}: noqa S308" for number, line in enumerate(source.splitlines(), 1) if "S308" in line
    ]
    for node in ast.walk(ast.parse(source)):
        name = (
            node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        )
        if name in ("mark_safe", "SafeText") or (name == "SafeString" and _is_called(node, source)):
            found.append(f"line {node.lineno}: {name}")
        if isinstance(node, ast.alias) and node.name in ("mark_safe", "SafeText"):
            found.append(f"line {node.lineno}: import {node.name}")
    return found


def _is_called(node: ast.AST, source: str) -> bool:
    line = source.splitlines()[node.lineno - 1]
    return line[node.end_col_offset : node.end_col_offset + 1] == "("


def computed_html(source: str) -> list[tuple[str, int]]:
    """Return (function, line) of each ``Html(...)`` made of anything but one string literal."""
    found = []
    tree = ast.parse(source)
    for function in [tree, *(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))]:
        name = getattr(function, "name", "<module>")
        body = function.body if isinstance(function, ast.FunctionDef) else _module_level(tree)
        for statement in body:
            for node in ast.walk(statement):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Html":
                    literal = len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                    if not (literal and isinstance(node.args[0].value, str)) or node.keywords:
                        found.append((name, node.lineno))
    return sorted(set(found), key=lambda item: item[1])


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """Return the module's statements outside functions (a function's calls are checked as its own)."""
    return [node for node in tree.body if not isinstance(node, ast.FunctionDef | ast.ClassDef)] + [
        statement
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        for statement in node.body
        if not isinstance(statement, ast.FunctionDef)
    ]


def test_only_the_one_place_marks_markup_safe():
    found = {
        str(path): marks
        for path in code_files()
        if path != THE_ONE_PLACE and (marks := unsafe_marks((ROOT / path).read_text(encoding="utf-8")))
    }
    assert found == {}, "mark markup safe with articles.rendering.html.for_template, nowhere else"
    assert unsafe_marks((ROOT / THE_ONE_PLACE).read_text(encoding="utf-8")), "the one place is where it was"


def test_html_is_made_of_literals_and_escaped_text_only():
    found = {}
    for path in code_files():
        if path == THE_ONE_PLACE:
            continue
        computed = [
            (name, line)
            for name, line in computed_html((ROOT / path).read_text(encoding="utf-8"))
            if (path, name) not in COMPUTED_HTML
        ]
        if computed:
            found[str(path)] = computed
    assert found == {}, "make markup with html() (it escapes its arguments), not Html(text)"


def test_templates_escape_everything_they_are_given():
    found = [
        f"{path.relative_to(ROOT)}: {syntax}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for syntax in UNESCAPED_IN_TEMPLATES
        if syntax in path.read_text(encoding="utf-8").replace(" |", "|")
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from django.utils.safestring import mark_safe\n", ["line 1: import mark_safe"]),
        ("x = mark_safe(text)\n", ["line 1: mark_safe"]),
        ("x = safestring.mark_safe(text)\n", ["line 1: mark_safe"]),
        ("x = SafeString(text)\n", ["line 1: SafeString"]),
        ("x = f(text)  # noqa: S308\n", ["line 1: noqa S308"]),
        ("def f() -> SafeString:\n    return g()\n", []),  # the type in an annotation marks nothing
        ("x = format_html('<b>{}</b>', text)\n", []),  # Django's formatter escapes its arguments
    ],
)
def test_unsafe_marks_finds_each_way_of_marking_safe(source, expected):
    assert unsafe_marks(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("A = Html('<br>')\n", []),
        ("def f():\n    return Html('<b>') + x\n", []),
        ("def f(text):\n    return Html(text)\n", [("f", 2)]),
        ("def f(text):\n    return Html(f'<b>{text}</b>')\n", [("f", 2)]),
        ("def f(text):\n    return Html('<b>' + text)\n", [("f", 2)]),
        ("A = Html(TEXT)\n", [("<module>", 1)]),
        ("class C:\n    A = Html(text)\n", [("<module>", 2)]),
    ],
)
def test_computed_html_finds_html_made_of_anything_but_a_literal(source, expected):
    assert computed_html(source) == expected
