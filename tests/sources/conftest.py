"""A real HTTP server on 127.0.0.1 serving fixture responses, and a guard that no other address is dialled."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.models import DBTaskResult

from bench.hostile_inputs import pdf_with_content
from sources.queue import run_now

ARTICLE_HTML = b"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Thousands flee fighting in the north</title>
<meta name="author" content="Jane Reporter">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Thousands flee fighting in the north</h1>
<p>The United Nations said on Tuesday that about 6,000 people had fled their homes since the offensive
began, and that at least 45 per cent of them were children.</p>
<p>Aid groups reported that more than 20 villages had been emptied in the first week of the fighting,
while local officials counted 350 to 367 damaged buildings across the district.</p>
<script>document.title = "not text";</script>
</article>
<footer>Copyright Example News</footer>
</body></html>"""

HOSTILE_HTML = b"""<!DOCTYPE html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head>
<body><article><p>The page says &lt;script&gt;alert("pwned")&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;
in its text, which a reader must see as text and never as markup, in every page that shows it.</p>
<script>alert("real script")</script></article></body></html>"""

PLAIN_TEXT = "Report: 3 million people need aid; 286,000 are displaced — UNHCR’s figures.\n".encode()


def pdf_with_text(text: str, *, title: str = "Annual report", author: str = "Relief Agency") -> bytes:
    """Return a small valid PDF whose one page shows ``text`` (Helvetica), with an Info dictionary."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    info = f"<< /Title ({title}) /Author ({author}) /CreationDate (D:20240102120000Z) >>".encode("latin-1")
    return pdf_with_content(stream, compress=False, info=info)


REPORT_PDF = pdf_with_text("The agency counted 1.5 million displaced people in 2024.")
BIG_SIZE = 64 * 1024  # tests set the limit to 16 KiB


def route(handler, path):
    """Return (status, headers, body) for ``path``; a callable body streams itself."""
    routes = {
        "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML),
        "/hostile.html": (200, {"Content-Type": "text/html"}, HOSTILE_HTML),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, REPORT_PDF),
        "/plain.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, PLAIN_TEXT),
        "/no-type": (200, {}, PLAIN_TEXT),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/missing": (404, {"Content-Type": "text/html"}, b"<p>Not here</p>"),
        "/gone": (410, {"Content-Type": "text/html"}, b"<p>Gone</p>"),
        "/error": (503, {"Content-Type": "text/html"}, b"<p>Busy</p>"),
        "/loop-a": (302, {"Location": "/loop-b"}, b""),
        "/loop-b": (302, {"Location": "/loop-a"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.1/admin"}, b""),
        "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-plain": (301, {"Location": "/plain.txt"}, b""),
        "/big-declared": (200, {"Content-Type": "text/plain"}, b"x" * BIG_SIZE),
        "/big-streamed": (200, {"Content-Type": "text/plain", "X-No-Length": "1"}, b"y" * BIG_SIZE),
        "/empty.html": (200, {"Content-Type": "text/html"}, b"<html><body> </body></html>"),
    }
    if path.startswith("/chain/"):
        remaining = int(path.rsplit("/", 1)[1])
        target = f"/chain/{remaining - 1}" if remaining else "/plain.txt"
        return 302, {"Location": target}, b""
    if path == "/slow":
        time.sleep(2)
        return 200, {"Content-Type": "text/plain"}, b"late"
    return routes.get(path, (404, {"Content-Type": "text/plain"}, b"no route"))


class FixtureHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the connection's close ends a body sent without Content-Length

    def do_GET(self):
        self.server.requests.append((self.path, self.headers.get("Host")))
        status, headers, body = route(self, self.path)
        self.send_response(status)
        for name, value in headers.items():
            if name != "X-No-Length":
                self.send_header(name, value)
        if "X-No-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for start in range(0, len(body), 4096):
                self.wfile.write(body[start : start + 4096])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading past its size limit

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def fixture_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
    server.daemon_threads = True
    server.requests = []
    server.url = lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_server(fixture_server):
    """Serve the fixture routes on 127.0.0.1; ``.url(path)`` builds a URL, ``.requests`` lists the
    (path, Host header) pairs this test asked for."""
    fixture_server.requests.clear()
    return fixture_server


@pytest.fixture
def dialled(monkeypatch):
    """Record every address a socket tries to connect to, and refuse any that is not loopback, so a
    test that goes wrong still sends nothing off the machine."""
    attempts = []
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        attempts.append(address[0])
        if address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a connection to {address[0]} was attempted")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    return attempts


def run_worker():
    """Run every queued task as db_worker would (its own loop closes the test's connection, so tests
    in a transaction claim and run each task through sources.queue instead)."""
    for task_id in DBTaskResult.objects.ready().values_list("id", flat=True):
        run_now(str(task_id))
