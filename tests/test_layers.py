"""The apps depend one way, sources ← claims ← articles, and the page cache is invalidated by the unit
of work only. Read from the import statements of the code itself."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What each layer may not import: a module of the left app never imports the apps on the right.
FORBIDDEN = {
    "sources": ("claims", "articles"),
    "claims": ("articles",),
    "editorial": ("sources", "claims", "articles"),
    "pagecache": ("sources", "claims", "articles", "editorial"),
    "accounts": ("sources", "claims", "articles", "editorial", "pagecache"),
}


def python_files(package: str) -> list[Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Return (line, module) for every import in the file, including those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def imports_against_the_direction(package: str) -> list[str]:
    wrong = []
    for path in python_files(package):
        for line, module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN[package]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return wrong


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_against_the_direction_of_the_apps(package):
    assert python_files(package), f"no Python files found in {package}"
    assert imports_against_the_direction(package) == []


def test_the_check_finds_an_import_against_the_direction(tmp_path, monkeypatch):
    """The rule above would pass on an empty reading; prove it reads imports inside functions too."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "bad.py").write_text("def f():\n    from articles.models import Article\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert imports_against_the_direction("sources") == ["sources/bad.py:2 imports articles.models"]


def test_only_the_unit_of_work_publishes_cache_pointers():
    callers = []
    for package in ("articles", "claims", "sources", "config", "editorial", "pagecache"):
        for path in python_files(package):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr == "publish":
                    callers.append(str(path.relative_to(ROOT)))
                if isinstance(node, ast.ImportFrom) and node.module == "pagecache.pointers":
                    if any(alias.name == "publish" for alias in node.names):
                        callers.append(str(path.relative_to(ROOT)))
    assert callers == ["editorial/work.py"]
