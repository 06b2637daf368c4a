"""The lock files pin, with hashes, every dependency pyproject.toml declares: bin/setup installs from them."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PINNED = re.compile(r"^([A-Za-z0-9_.\-]+)==[^\s\\]+ \\$", re.M)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalized(re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0))


def locked(path: str) -> set[str]:
    """Return the names the lock file pins (``name==version \\``, its hashes on the next lines)."""
    return {normalized(match.group(1)) for match in PINNED.finditer((ROOT / path).read_text())}


@pytest.mark.parametrize(
    "lock, requirements",
    [
        ("requirements.lock", PYPROJECT["dependencies"]),
        ("requirements-test.lock", PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]),
    ],
)
def test_every_declared_dependency_is_pinned_with_hashes(lock, requirements):
    missing = sorted({requirement_name(r) for r in requirements} - locked(lock))
    assert missing == []
    # Every pinned package carries its hashes (pip refuses the whole file otherwise).
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
    pinned = [block for block in blocks if "==" in block.split("\n", 1)[0]]
    assert len(pinned) >= len(requirements) and all("--hash=sha256:" in block for block in pinned)


def test_setup_installs_from_the_locks_only():
    setup = (ROOT / "bin" / "setup").read_text()
    assert "--require-hashes" in setup and "requirements-test.lock" in setup
    assert "-e ." not in setup


def test_setup_upgrades_pip_from_a_hashed_pin_before_the_locks():
    # A fresh `python3 -m venv` brings pip 23.2.1, which refuses the locks under --require-hashes
    # (justext asks for lxml[html_clean], an extra the locks strip). bin/setup first installs a
    # pinned, hash-checked pip.
    pip_lock = (ROOT / "requirements-pip.lock").read_text()
    pins = PINNED.findall(pip_lock)
    assert pins == ["pip"]
    assert re.search(r"^pip==(\d+)\.", pip_lock, re.M).group(1) >= "24"
    assert pip_lock.count("--hash=sha256:") >= 1
    setup = (ROOT / "bin" / "setup").read_text()
    pip_step = setup.index("-r requirements-pip.lock")
    lock_step = setup.index('-r "$lock"')
    assert pip_step < lock_step
    assert "--require-hashes -r requirements-pip.lock" in setup


def test_ci_builds_its_environment_from_a_new_venv():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("rm -rf .venv") < ci.index("bin/setup test")


def test_bin_test_runs_the_suite_in_one_process_per_cpu():
    # pytest-xdist (locked above) gives each worker a test database of its own: test_verity_gw0, ...
    test = (ROOT / "bin" / "test").read_text()
    assert 'pytest -n auto --dist load "$@"' in test
    assert "pytest-xdist" in locked("requirements-test.lock")
    # CI drops the workers' databases an interrupted run left, not only test_verity.
    assert "test_verity_gw" in (ROOT / ".ci" / "run").read_text()
