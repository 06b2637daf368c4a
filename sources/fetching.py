"""Download a source's URL without letting it reach inside the network (no ORM).

Every hop is checked before any connection: the scheme, then every address the host name resolves to
(private, loopback, link-local, multicast, reserved and cloud metadata addresses are refused). The
request then goes to the checked address itself, with the name in the Host header and TLS SNI, so a
second DNS answer (rebinding) cannot send it elsewhere. Redirects are followed by hand, each one
checked again; the body is streamed and dropped past the size limit.

Every bound holds against a hostile server: the whole fetch, headers sent a byte at a time included,
ends at one deadline (each socket read waits only for the time left, see ``DeadlineBackend``), and the
body is decoded here, one Content-Encoding layer at most, counting decoded bytes as they come out of
the decoder, so a 3 KB brotli body that would decode to 4 GiB stops at the size limit."""

import functools
import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass

import brotli
import httpcore
import httpx

from sources.extraction import CONTENT_TYPE_FOR_KIND, KIND_FOR_TYPE, detect_kind, media_type

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
USER_AGENT = "Verity source fetcher (fact-checking; +https://github.com/verity)"
ACCEPT = "text/html, application/xhtml+xml, application/pdf, text/plain;q=0.9"

# Reasons match FetchAttempt.Reason's values.
INVALID_URL, DNS, REFUSED_ADDRESS, CONNECTION, TIMEOUT = (
    "invalid_url",
    "dns",
    "refused_address",
    "connection",
    "timeout",
)
# The loopback a test or demo may reach; the rest of 127.0.0.0/8 stays refused with everything else.
LOOPBACK_ADDRESSES = frozenset({ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")})
# Content-Encoding layers read, each decoded with a bound on its output; "x-gzip" is gzip's old name.
DECODERS = ("gzip", "x-gzip", "deflate", "br")
NOT_FOUND, GONE, HTTP_STATUS, TOO_MANY_REDIRECTS, TOO_LARGE, UNSUPPORTED_TYPE = (
    "not_found",
    "gone",
    "http_status",
    "too_many_redirects",
    "too_large",
    "unsupported_type",
)


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_loopback: bool = False


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    kind: str
    charset: str
    body: bytes


class FetchFailed(Exception):
    def __init__(self, reason: str, detail: str, *, status: int | None = None, final_url: str = ""):
        self.reason, self.detail, self.status, self.final_url = reason, detail, status, final_url
        super().__init__(f"{reason}: {detail}")


def refusal(address: str, *, allow_loopback: bool) -> str | None:
    """Return why a fetch may not connect to ``address``, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return refusal(str(embedded), allow_loopback=allow_loopback)
    if ip.is_loopback:
        return None if allow_loopback and ip in LOOPBACK_ADDRESSES else "loopback"
    for name in ("private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    return None if ip.is_global else "not a public address"


def checked_addresses(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """Resolve ``host`` and return its addresses if every one of them may be reached."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(DNS, f"{host}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        why = refusal(address, allow_loopback=policy.allow_loopback)
        if why:
            raise FetchFailed(REFUSED_ADDRESS, f"{host} resolves to {address} ({why})")
    if not addresses:
        raise FetchFailed(DNS, f"{host}: no address")
    return addresses


def parse_target(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise FetchFailed(INVALID_URL, f"{url[:200]}: {error}") from error
    if target.scheme not in ALLOWED_SCHEMES or not target.host:
        raise FetchFailed(INVALID_URL, f"{url[:200]}: only http and https URLs are fetched")
    if target.userinfo:
        raise FetchFailed(INVALID_URL, "URLs with a user name or password are not fetched")
    return target


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """Download ``url`` and return its body, or raise FetchFailed with the reason."""
    deadline = time.monotonic() + policy.timeout
    seen: set[str] = set()
    current = url
    # trust_env=False: a proxy from the environment would connect on our behalf, unchecked.
    transport = DeadlineTransport(deadline)
    with httpx.Client(trust_env=False, follow_redirects=False, transport=transport) as client:
        for _hop in range(policy.max_redirects + 1):
            target = parse_target(current)
            if str(target) in seen:
                raise FetchFailed(TOO_MANY_REDIRECTS, f"redirect loop back to {str(target)[:200]}")
            seen.add(str(target))
            response = send_checked(client, target, policy, deadline)
            try:
                location = redirect_location(response, target)
                if location is None:
                    return read_final(response, url, str(target), policy, deadline)
            finally:
                response.close()
            current = location
    raise FetchFailed(TOO_MANY_REDIRECTS, f"more than {policy.max_redirects} redirects", final_url=current)


@functools.cache
def tls_context():
    """Return one verifying TLS context for all fetches: loading the CA bundle takes ~30 ms each time."""
    return httpx.create_ssl_context()


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until the fetch's deadline: a per-read
    timeout alone lets a server sending one byte every second hold the fetch for ever."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float):
        self._stream, self._deadline = stream, deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch's deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> "DeadlineStream":
        left = self._left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float):
        self._backend, self._deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = max(0.0, self._deadline - time.monotonic())
        timeout = left if timeout is None else min(timeout, left)
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, *args, **kwargs):
        raise httpcore.ConnectError("no Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a pool whose connections keep the deadline. httpx takes no network
    backend, so the pool it built is replaced by one that has ours (httpx and httpcore are pinned)."""

    def __init__(self, deadline: float):
        super().__init__(verify=tls_context())
        backend = DeadlineBackend(deadline)
        self._pool = httpcore.ConnectionPool(ssl_context=tls_context(), network_backend=backend)


def send_checked(client: httpx.Client, target: httpx.URL, policy, deadline) -> httpx.Response:
    """Send GET to a checked address of ``target``'s host, trying each in turn."""
    port = target.port or (443 if target.scheme == "https" else 80)
    host = target.raw_host.decode("ascii")  # IDNA-encoded, as DNS and TLS want it
    addresses = checked_addresses(host, port, policy)
    error = None
    for address in addresses:
        request = client.build_request(
            "GET",
            target.copy_with(host=address),
            headers={
                "Host": target.netloc.decode("ascii"),
                "User-Agent": USER_AGENT,
                "Accept": ACCEPT,
                "Accept-Encoding": "identity",
            },
            extensions={"sni_hostname": host, "timeout": timeouts(deadline)},
        )
        try:
            return client.send(request, stream=True)
        except httpx.TimeoutException as timeout:
            raise FetchFailed(TIMEOUT, f"{host} did not answer in time") from timeout
        except httpx.TransportError as failure:
            error = failure
    raise FetchFailed(CONNECTION, f"{host}: {error}") from error


def timeouts(deadline: float) -> dict:
    remaining = max(0.01, deadline - time.monotonic())
    return {"connect": remaining, "read": remaining, "write": remaining, "pool": remaining}


def redirect_location(response: httpx.Response, target: httpx.URL) -> str | None:
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("location")
    if not location:
        raise FetchFailed(HTTP_STATUS, "redirect without a Location", status=response.status_code)
    return str(target.join(location))


def read_final(response: httpx.Response, url: str, final_url: str, policy, deadline) -> Fetched:
    status = response.status_code
    if not 200 <= status < 300:
        reason = {404: NOT_FOUND, 410: GONE}.get(status, HTTP_STATUS)
        raise FetchFailed(reason, f"HTTP {status}", status=status, final_url=final_url)
    media, charset = media_type(response.headers.get("content-type", ""))
    if media and media not in KIND_FOR_TYPE:
        # Refused before reading: a type outside the allowlist is never downloaded.
        raise FetchFailed(UNSUPPORTED_TYPE, media[:200], status=status, final_url=final_url)
    body = read_limited(response, policy, deadline, final_url)
    kind = detect_kind(body, media)
    if kind is None:
        detail = "no Content-Type and not recognisably HTML, PDF or text"
        raise FetchFailed(UNSUPPORTED_TYPE, detail, status=status, final_url=final_url)
    return Fetched(url, final_url, status, media or CONTENT_TYPE_FOR_KIND[kind], kind, charset, body)


def read_limited(response: httpx.Response, policy, deadline, final_url: str) -> bytes:
    status = response.status_code
    too_large = FetchFailed(TOO_LARGE, f"over {policy.max_bytes} bytes", status=status, final_url=final_url)
    if int_or_zero(response.headers.get("content-length")) > policy.max_bytes:
        raise too_large
    encoding = content_encoding(response.headers.get("content-encoding", ""), status, final_url)
    decoder = BoundedDecoder(encoding, policy.max_bytes)
    chunks, size = [], 0
    try:
        # Raw bytes: httpx would decode a whole chunk before any limit could be checked.
        for raw in response.iter_raw():
            size += len(raw)
            if size > policy.max_bytes:
                raise too_large
            if time.monotonic() > deadline:
                raise FetchFailed(TIMEOUT, "the download took too long", final_url=final_url)
            chunks.extend(decoder.decode(raw))
        chunks.extend(decoder.flush())
    except httpx.TimeoutException as error:
        raise FetchFailed(TIMEOUT, "the answer stopped", final_url=final_url) from error
    except httpx.TransportError as error:
        raise FetchFailed(CONNECTION, f"the answer was cut: {error}", final_url=final_url) from error
    except DecodedTooLarge as error:
        detail = f"decodes to over {policy.max_bytes} bytes ({encoding})"
        raise FetchFailed(TOO_LARGE, detail, status=status, final_url=final_url) from error
    except (zlib.error, brotli.error) as error:
        raise FetchFailed(CONNECTION, f"the {encoding} body is corrupt", final_url=final_url) from error
    return b"".join(chunks)


def content_encoding(header: str, status: int, final_url: str) -> str:
    """Return the one encoding layer to undo ("" for none), or refuse a stack of them or an unknown one."""
    layers = [name.strip().lower() for name in header.split(",") if name.strip()]
    layers = [name for name in layers if name != "identity"]
    if len(layers) > 1:
        detail = f"Content-Encoding {header[:100]}: at most one encoding layer is read"
        raise FetchFailed(UNSUPPORTED_TYPE, detail, status=status, final_url=final_url)
    if layers and layers[0] not in DECODERS:
        detail = f"Content-Encoding {header[:100]} is not read"
        raise FetchFailed(UNSUPPORTED_TYPE, detail, status=status, final_url=final_url)
    return layers[0] if layers else ""


class DecodedTooLarge(Exception):
    pass


class BoundedDecoder:
    """Undo one Content-Encoding layer, never producing more than ``limit`` bytes in all: each call to
    the decompressor is given the room left, so memory stays within the limit whatever the ratio."""

    STEP = 64 * 1024

    def __init__(self, encoding: str, limit: int):
        self.encoding, self.limit, self.produced = encoding, limit, 0
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        elif encoding == "br":
            self._brotli = brotli.Decompressor()

    def decode(self, data: bytes) -> list[bytes]:
        if not self.encoding:
            return [data]
        if self.encoding == "br":
            return self._decode_brotli(data)
        return self._decode_zlib(data)

    def flush(self) -> list[bytes]:
        if self.encoding in ("gzip", "x-gzip", "deflate"):
            return self._count([self._zlib.flush(self.STEP)])
        return []

    def _decode_zlib(self, data: bytes) -> list[bytes]:
        out = []
        while data:
            out.append(self._zlib.decompress(data, self.STEP))
            self._count(out[-1:])
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                break  # bytes after the end of the stream are not part of the body
        return out

    def _decode_brotli(self, data: bytes) -> list[bytes]:
        out = [self._brotli.process(data, output_buffer_limit=self.STEP)]
        self._count(out[-1:])
        while not self._brotli.can_accept_more_data():
            out.append(self._brotli.process(b"", output_buffer_limit=self.STEP))
            self._count(out[-1:])
        return out

    def _count(self, pieces: list[bytes]) -> list[bytes]:
        self.produced += sum(len(piece) for piece in pieces)
        if self.produced > self.limit:
            raise DecodedTooLarge
        return pieces


def int_or_zero(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
