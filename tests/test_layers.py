"""The apps depend one way, sources ← claims ← articles, with editorial, pagecache, accounts and the
text algorithms (textdiff) below them importing no app; and the page cache is invalidated by the unit of
work only. Read from the code itself: its imports, the models and URLs it names by string, and the
circles its imports make."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parent.parent
# What each layer may not import: a module of the left app never imports the apps on the right.
APPS = ("sources", "claims", "articles", "accounts")
FORBIDDEN = {
    "sources": ("claims", "articles"),
    "claims": ("articles",),
    # The bottom layer imports no app: what an article is, and its URLs, are registered by articles.
    "editorial": (*APPS, "textdiff"),
    "pagecache": (*APPS, "editorial", "textdiff"),
    "accounts": ("sources", "claims", "articles", "editorial", "pagecache", "textdiff"),
    # The text algorithms are pure: no app, no Django.
    "textdiff": (*APPS, "editorial", "pagecache", "config", "django"),
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


def test_the_layers_name_every_app_and_package_of_the_project():
    """A new app or package must take its place in FORBIDDEN, else nothing would check it."""
    installed = {config.name for config in django_apps.get_app_configs() if Path(config.path).parent == ROOT}
    assert installed == set(APPS)
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - {"config", "tests", "bench"} == {*FORBIDDEN, "articles"}  # articles: the top


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


def units_opened_outside_services() -> list[str]:
    """Admin, view, form and command modules that open a unit of work or lock an article themselves: the
    rules of a change live in the service that owns its unit, these only parse input and call it."""
    thin = [
        path
        for package in ("articles", "claims", "sources", "accounts", "config")
        for path in python_files(package)
        if path.stem.startswith(("admin", "views", "forms")) or "commands" in path.parts
    ]
    wrong = []
    for path in thin:
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module == "editorial.work":
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                wrong += [f"{where} imports {alias.name}" for alias in node.names]
    return wrong


def test_no_admin_view_form_or_command_opens_a_unit_of_work():
    assert units_opened_outside_services() == []


def test_the_check_finds_a_unit_opened_by_an_admin(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "admin_queue.py").write_text("from editorial.work import editorial_change\n")
    (tmp_path / "claims" / "services.py").write_text("from editorial.work import editorial_change\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert units_opened_outside_services() == ["claims/admin_queue.py:1 imports editorial_change"]


# What the import check above cannot see: models named by string (apps.get_model, a foreign key's
# target), URLs named by string (reverse("articles:..."), a path written out), and circles of imports.

# The schema's ownership: every source, claim and finding belongs to an article (its rows cascade with
# it). These foreign keys point up by design; the code that reads them never imports the app above.
OWNERSHIP_KEYS = {
    ("sources/models.py", "articles.Article"),
    ("claims/models.py", "articles.Section"),
    ("claims/models.py", "articles.Article"),
}
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
IMPORT_FUNCTIONS = {"import_module", "__import__", "import_string"}  # an import the import check cannot see


def called_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def first_string(node: ast.Call) -> str | None:
    """The call's first argument when it is a string, or its ``to=`` (a relation's target by keyword)."""
    first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "to"), None)
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def docstrings(tree) -> set[int]:
    """ids of the string constants that are docstrings (prose, not code)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def names_against_the_direction(package: str) -> list[str]:
    """Models and URLs of the apps above ``package`` named by string in its code."""
    wrong = []
    above = FORBIDDEN[package]
    for path in python_files(package):
        tree = ast.parse(path.read_text(), filename=str(path))
        where = str(path.relative_to(ROOT))
        prose = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (text := first_string(node)) is not None:
                name, app = called_name(node), text.split(".")[0].split(":")[0]
                if app not in above:
                    continue
                if name == "get_model" or name in IMPORT_FUNCTIONS or (name in URL_FUNCTIONS and ":" in text):
                    wrong.append((where, node.lineno, f"{name}({text!r})"))
                if name in RELATION_FIELDS and (where, text) not in OWNERSHIP_KEYS:
                    wrong.append((where, node.lineno, f"{name}({text!r})"))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
                for app in above:
                    if f"/{app}/" in node.value or node.value.startswith(f"{app}/"):
                        wrong.append((where, node.lineno, f"the path {node.value!r} of {app}"))
    return [f"{where}:{line} {what}" for where, line, what in sorted(wrong)]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_model_or_url_of_an_app_above_is_named_by_string(package):
    assert names_against_the_direction(package) == []


def test_the_check_finds_models_and_urls_named_by_string(tmp_path, monkeypatch):
    (tmp_path / "pagecache").mkdir()
    (tmp_path / "pagecache" / "bad.py").write_text(
        '"""Serves /articles/ pages."""\n'
        "import re\n"
        "from django.apps import apps\n"
        "from django.urls import reverse\n"
        'Article = apps.get_model("articles", "Article")\n'
        'PATH = re.compile(r"/articles/([-a-z]+)/")\n'
        'URL = reverse("articles:detail", args=["x"])\n'
        'ok = reverse("admin:index")\n'
    )
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "models.py").write_text(
        'section = models.ForeignKey("articles.Section")\nother = models.ForeignKey("articles.Other")\n'
        'hidden = models.OneToOneField(to="articles.Hidden", on_delete=models.CASCADE)\n'
        'late = importlib.import_module("articles.services")\n'
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert names_against_the_direction("pagecache") == [
        "pagecache/bad.py:5 get_model('articles')",
        "pagecache/bad.py:6 the path '/articles/([-a-z]+)/' of articles",
        "pagecache/bad.py:7 reverse('articles:detail')",
    ]
    assert names_against_the_direction("claims") == [
        "claims/models.py:2 ForeignKey('articles.Other')",
        "claims/models.py:3 OneToOneField('articles.Hidden')",
        "claims/models.py:4 import_module('articles.services')",
    ]


def module_imports() -> dict[str, set[str]]:
    """Every project module and the project modules it imports (at the top or inside a function)."""
    modules = {}
    for package in (*FORBIDDEN, "config"):
        for path in python_files(package):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or through others (Tarjan's strongly
    connected components, iterative), each sorted; none when the imports form no circle."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return sorted(circles)


def test_no_modules_import_each_other():
    assert import_circles(module_imports()) == []


def test_the_check_finds_an_import_circle():
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "b": {"a.x"}, "c": set()}
    assert import_circles(graph) == [["a.x", "a.y", "a.z"]]
    assert import_circles({"a": {"b"}, "b": set()}) == []


# One history hook: who and why reach both history libraries through the unit of work only.

PRIVATE_HISTORY_ATTRIBUTES = re.compile(
    r"\b(_history_user|_change_reason)\b"  # simple-history's per-object user and reason
    r"|\b_current_frame\b|reversion[\w.]*\._[a-z]"  # reversion's private state and functions
)
# Every package but editorial, the one that speaks to the history libraries.
HISTORY_CHECKED = ("accounts", "articles", "claims", "sources", "pagecache", "config", "textdiff")


def private_history_attributes() -> list[str]:
    """Return where code outside ``editorial`` names a history library's private attributes."""
    found = []
    for package in HISTORY_CHECKED:
        for path in python_files(package):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if PRIVATE_HISTORY_ATTRIBUTES.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    return found


def test_no_service_sets_a_private_history_attribute():
    """A write's own reason goes through editorial.work.describe_write, the user is the unit's, and what
    a revision saved reaches articles by reversion's public signal (editorial.work.after_revision_saved)."""
    assert private_history_attributes() == []


def test_the_check_finds_a_private_history_attribute(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bad.py").write_text(
        "claim.history_change_reason = 'fine'\nclaim._change_reason = note\nclaim._history_user = user\n"
        "held = reversion_revisions._current_frame().db_versions\nreversion.revisions._get_options(Claim)\n"
        "reversion.add_meta(Claim)\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "HISTORY_CHECKED", ("claims",))
    assert private_history_attributes() == [f"claims/bad.py:{line}" for line in (2, 3, 4, 5)]
