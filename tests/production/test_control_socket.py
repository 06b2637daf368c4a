"""Two gunicorn instances on one host do not share one control socket (issue 20): gunicorn 25+ opens
one per user by default, and the second instance took over the first one's."""

import time
from pathlib import Path

from bench import stack

BARE_APP = "bench.bare_wsgi:application"


def control_sockets(home: Path) -> list[Path]:
    return [path for path in home.rglob("*") if path.is_socket()]


def sockets_once_open(home: Path, patience: float = 10.0) -> list[Path]:
    """gunicorn opens its control socket in the arbiter after the workers answer: wait for it to show."""
    deadline = time.monotonic() + patience
    while not (found := control_sockets(home)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_no_control_socket_unless_an_instance_is_given_its_own(tmp_path):
    home, page = tmp_path / "home", tmp_path / "page.html"
    home.mkdir()
    page.write_bytes(b"<p>bare</p>")
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "BENCH_BODY_FILE": str(page),
        "GUNICORN_ACCESS_LOG": "off",
    }
    one = {**env, "GUNICORN_CONTROL_SOCKET": str(home / "one.ctl")}
    with stack.gunicorn(env, tmp_path / "a.log", app=BARE_APP, workers=1, ready_path="/"):
        with stack.gunicorn(env, tmp_path / "b.log", app=BARE_APP, workers=1, ready_path="/"):
            assert sockets_once_open(home, patience=2.0) == []  # before: both on ~/.gunicorn/gunicorn.ctl
        with stack.gunicorn(one, tmp_path / "c.log", app=BARE_APP, workers=1, ready_path="/"):
            assert sockets_once_open(home) == [home / "one.ctl"]
