"""The README's "What is where" map names files and folders that exist: a module moved or removed is
moved or removed in the map too."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = re.compile(r"(?<![\w/.])(?:[a-z_]+/)+(?:[a-z_]+\.py)?(?![\w/])")


def the_map(readme: str) -> str:
    section = readme[readme.index("## What is where") :]
    start = section.index("```") + 3
    return section[start : section.index("```", start)]


def named_paths(block: str) -> list[str]:
    """Every path the map writes out (``claims/flags.py``, ``articles/wikitext/``), in its first column
    or in a description; a line of ``*/`` entries stands for every app and is left out."""
    lines = [line for line in block.splitlines() if not line.startswith("*")]
    return [match.group() for line in lines for match in PATH.finditer(line)]


def test_every_path_of_the_map_exists():
    paths = named_paths(the_map((ROOT / "README.md").read_text()))
    assert len(paths) > 40
    assert [path for path in paths if not (ROOT / path).exists()] == []


def test_the_map_check_reads_both_columns():
    block = "claims/flags.py  flags; sources/queue.py runs\n*/admin.py, management/commands/\narticles/x/ x"
    assert named_paths(block) == ["claims/flags.py", "sources/queue.py", "articles/x/"]
