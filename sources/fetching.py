"""Download a source's URL without letting it reach inside the network (no ORM).

Every hop is checked before any connection: the scheme, then every address the host name resolves to
(private, loopback, link-local, multicast, reserved and cloud metadata addresses are refused). The
request then goes to the checked address itself, with the name in the Host header and TLS SNI, so a
second DNS answer (rebinding) cannot send it elsewhere. Redirects are followed by hand, each one
checked again; the body is streamed and dropped past the size limit."""

import functools
import ipaddress
import socket
import time
from dataclasses import dataclass

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
        return None if allow_loopback else "loopback"
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
    with httpx.Client(trust_env=False, follow_redirects=False, verify=tls_context()) as client:
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
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise too_large
            if time.monotonic() > deadline:
                raise FetchFailed(TIMEOUT, "the download took too long", final_url=final_url)
            chunks.append(chunk)
    except httpx.TimeoutException as error:
        raise FetchFailed(TIMEOUT, "the answer stopped", final_url=final_url) from error
    except httpx.TransportError as error:
        raise FetchFailed(CONNECTION, f"the answer was cut: {error}", final_url=final_url) from error
    return b"".join(chunks)


def int_or_zero(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
