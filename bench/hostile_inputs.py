"""What a hostile remote site sends, and a local server sending it (issue 20). Shared by the tests and by
``bench/hostile.py``, which builds the same inputs 1, 10 and 100 times larger."""

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

WORDS = b"The agency counted 1.5 million displaced people in 2024. "


def brotli_bomb(decoded_bytes: int) -> bytes:
    """Return a brotli body of a few KB that decodes to ``decoded_bytes`` zeros."""
    compressor = brotli.Compressor(quality=5)
    block = b"\0" * (1024 * 1024)
    parts = [compressor.process(block) for _ in range(decoded_bytes // len(block))]
    return b"".join(parts) + compressor.finish()


def gzip_bomb(decoded_bytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    parts = [compressor.compress(block) for _ in range(decoded_bytes // len(block))]
    return b"".join(parts) + compressor.flush()


def pdf_with_content(content: bytes, *, compress: bool = True, info: bytes = b"") -> bytes:
    """Return a one-page PDF whose page draws ``content`` (a Flate-compressed content stream unless
    ``compress`` is False), with ``info`` as its Info dictionary when given."""
    stream = zlib.compress(content, 9) if compress else content
    stream_filter = b" /Filter /FlateDecode" if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), stream_filter, stream),
    ]
    if info:
        objects.append(info)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % len(objects) if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_ref,
        xref,
    )
    return bytes(out)


def slow_pdf(lines: int) -> bytes:
    """A PDF of a few KB whose page draws ``lines`` lines of text: pypdf reads about 30,000 a second."""
    return pdf_with_content(b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj 0 -1 Td " * lines + b"ET")


SLOW_PDF_LINES = 600_000  # about 20 s to read, 9 KB


def nested_arrays_pdf(depth: int) -> bytes:
    """A PDF whose page's content holds arrays nested ``depth`` deep: pypdf's parser recurses into each."""
    return pdf_with_content(b"BT /F1 12 Tf " + b"[" * depth + b"]" * depth + b" 0 d (x) Tj ET")


def many_tables_html(tables: int) -> bytes:
    """A page of many small tables (justext, trafilatura's fallback, compares each with its neighbours)."""
    table = b"<table><tr><td>district 1</td><td>6,000 people</td></tr></table>"
    return b"<html><body>" + table * tables + b"</body></html>"


def punycode_body(characters: int) -> bytes:
    """Text that Python's punycode decoder takes time quadratic in (every character non-ASCII)."""
    return ("é" * characters).encode("punycode")


def drip(handler, data: bytes, every: float) -> None:
    """Send ``data`` one byte at a time, ``every`` seconds apart."""
    try:
        for index in range(len(data)):
            handler.wfile.write(data[index : index + 1])
            time.sleep(every)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up, as it should


def hostile_routes(size: int) -> dict:
    """Return path → (headers, body) of the hostile answers, bombs decoding to ``size`` bytes."""
    text = {"Content-Type": "text/plain; charset=utf-8"}
    return {
        "/brotli-bomb": (text | {"Content-Encoding": "br"}, brotli_bomb(size)),
        "/gzip-bomb": (text | {"Content-Encoding": "gzip"}, gzip_bomb(size)),
        "/gzip-gzip": (text | {"Content-Encoding": "gzip, gzip"}, gzip.compress(gzip.compress(WORDS))),
        "/gzip-words": (text | {"Content-Encoding": "gzip"}, gzip.compress(WORDS)),
        "/brotli-words": (text | {"Content-Encoding": "br"}, brotli.compress(WORDS)),
        "/zstd-words": (text | {"Content-Encoding": "zstd"}, WORDS),
        "/punycode": ({"Content-Type": "text/plain; charset=punycode"}, WORDS),
        "/gzip-as-html": ({"Content-Type": "text/html"}, gzip.compress(b"<p>" + WORDS * 10 + b"</p>")),
        "/slow.pdf": ({"Content-Type": "application/pdf"}, slow_pdf(SLOW_PDF_LINES)),
    }


class HostileHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        if self.path.startswith("/drip-headers"):  # "/drip-headers/400": a header of 400 bytes
            padding = int(self.path.rpartition("/")[2]) if self.path.count("/") == 2 else 40
            head = (
                b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * padding + b"\r\n\r\n"
            )
            drip(self, head + WORDS, self.server.drip_every)
            return
        headers, body = self.server.routes.get(self.path, ({"Content-Type": "text/plain"}, b"no route"))
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format, *args):
        pass


def start_hostile_server(*, size: int, drip_every: float = 0.05) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    server.routes = hostile_routes(size)
    server.drip_every = drip_every
    server.url = lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
