import io
import socket
import subprocess
import sys
import time

import pytest
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from pagecache import tracking
from pagecache.wsgi import PageCacheApp

PATH = "/articles/operation-1107/"


class CountingApp:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def call(app, path=PATH, *, method="GET", host="testserver", query="", **headers):
    """Run one request through a WSGI app; ``headers`` as environ names (HTTP_IF_NONE_MATCH=...)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
        **headers,
    }
    # As Django's test client does: the test's transaction must outlive the request (and the client
    # connects the signal again after each of its requests).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=dict(response_headers))

    body = b"".join(app(environ, start_response))
    return int(started["status"][:3]), started["headers"], body


@pytest.fixture
def apps():
    django_app = CountingApp()
    yield django_app, PageCacheApp(django_app)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server on a free 127.0.0.1 port, with no persistence; stop() and start() it."""

    def __init__(self, directory):
        self.directory, self.process, self.started = directory, None, False
        self.take_port(free_port())

    def take_port(self, port: int) -> None:
        self.port, self.url = port, f"redis://127.0.0.1:{port}/0"

    def start(self):
        """Start the server, and make sure it is this one that answers: a free port is only free until
        someone binds it, and another test process (a pytest-xdist worker beside this one) may have been
        handed the same one. A first start moves to another port; a restart keeps its URL or fails."""
        for _ in range(5):
            command = [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
            self.process = subprocess.Popen(
                [*command, "--dir", str(self.directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if self.answers():
                self.started = True
                return
            self.stop()
            if self.started:
                raise RuntimeError(f"redis-server could not take port {self.port} again")
            self.take_port(free_port())
        raise RuntimeError("redis-server did not start")

    def answers(self, timeout: float = 10) -> bool:
        """Wait until this process answers on the port; False when it exits (the port was taken)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            client = redis.Redis(
                host="127.0.0.1", port=self.port, socket_connect_timeout=0.2, socket_timeout=1
            )
            try:
                if client.info("server")["process_id"] == self.process.pid:
                    return True
            except redis.RedisError:
                pass
            finally:
                client.close()
            time.sleep(0.02)
        return False

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis(tmp_path, settings):
    """A private Redis as the default cache (the pages cache stays in process memory)."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": tracking.REDIS_BACKEND,
            "LOCATION": server.url,
            "KEY_PREFIX": "verity-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    try:
        yield server
    finally:
        tracking.stop_all()
        server.stop()


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return condition()
