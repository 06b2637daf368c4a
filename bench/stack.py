"""Run the production stack on this machine: databases, gunicorn with the production settings, wrk.

Used by the benchmark scripts and by the load and fault tests (tests/production/). Every server is
started on a free 127.0.0.1 port and every database is one of our own, so nothing shared is touched.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The proxy in front of production sets this; without it the production settings redirect to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(url: str, name: str) -> str:
    """Return ``url`` (a PostgreSQL URL) naming the database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def pg_connect(url: str):
    """Return an autocommit connection to the server of ``url``, on its maintenance database."""
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True, connect_timeout=10)


def pg_create_database(url: str, name: str, *, template: str | None = None) -> str:
    """Drop ``name`` if it exists, create it empty (or as a copy of ``template``) and return its URL."""
    from psycopg import sql

    with pg_connect(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        connection.execute(create)
    return with_database(url, name)


def pg_drop_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with pg_connect(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def production_env(*, database_url: str, static_root: Path, redis_url: str = "", **extra: str) -> dict:
    """Return the environment of a production process on this machine (127.0.0.1, no access log)."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_KEY_PREFIX")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        GUNICORN_ACCESS_LOG="off",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"verity-{os.getpid()}-{secrets.token_hex(4)}"
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``manage.py args`` with ``env``; raise with its output if it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def http_get(url: str, *, timeout: float = 10, headers: dict = PROXY_HEADERS) -> tuple[int, bytes]:
    """Return the status and body of a GET (redirects not followed), as if through the proxy unless
    ``headers`` says otherwise; 0 and no body when the connection fails."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException):
        return 0, b""
    finally:
        connection.close()


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid)


@contextmanager
def gunicorn(env: dict, log_path: Path, *, app: str = "", workers: int = 2, ready_path: str = "/healthz"):
    """Run gunicorn with gunicorn.conf.py (``app`` instead of config.wsgi if given) until the block ends."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    command = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", *([app] if app else [])]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_until_ready(server, ready_path, workers)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(server: Server, path: str, workers: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{server.log()}")
        if len(server.worker_pids()) >= workers and http_get(server.base_url + path, timeout=2)[0] == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} within {timeout:.0f} s:\n{server.log()}")


def child_pids(parent: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may contain spaces; the parent pid is the 2nd field after it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry.name))
    return children


def peak_rss_mib(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM, what its ru_maxrss reports), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


def ensure_wrk() -> str:
    """Return wrk's path, running bin/load-deps (which installs it when it can) if it is missing."""
    if not shutil.which("wrk"):
        subprocess.run([str(ROOT / "bin" / "load-deps")], check=False)
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk is not installed: run bin/load-deps as root, or: sudo apt-get install -y wrk")
    return path


# wrk counts 3xx as success; this script counts everything outside 2xx, across its threads.
WRK_COUNT_NON_2XX = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  io.write(string.format("NON2XX %d\\n", total))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float
    socket_errors: int
    non_2xx: int
    output: str


def wrk(
    url: str,
    *,
    threads=2,
    connections=16,
    seconds=10,
    count_non_2xx=False,
    tmp_dir=None,
    headers=None,
    lua: str = "",
) -> WrkResult:
    """Run wrk against ``url`` with the proxy headers (and ``headers``) and return what it measured;
    ``lua`` is more of wrk's script (a ``request`` function, say), run with the non-2xx count."""
    command = [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "10s"]
    for name, value in {**PROXY_HEADERS, **(headers or {})}.items():
        command += ["-H", f"{name}: {value}"]
    if count_non_2xx or lua:
        script = Path(tmp_dir or "/tmp") / f"wrk-non2xx-{os.getpid()}-{threading.get_ident()}.lua"
        script.write_text(WRK_COUNT_NON_2XX + lua)
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> WrkResult:
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    # Our Lua script's count when it ran; otherwise wrk's own, which leaves out 3xx.
    non_2xx = re.search(r"^NON2XX (\d+)", output, re.MULTILINE) or re.search(
        r"Non-2xx or 3xx responses: (\d+)", output
    )
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        latency_p50_ms=wrk_ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        latency_p99_ms=wrk_ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        output=output,
    )


def wrk_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
