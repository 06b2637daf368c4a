"""Fetching against a real HTTP server on 127.0.0.1; refusals are checked before any connection."""

import socket

import pytest

from sources import fetching
from sources.extraction import extract
from sources.fetching import FetchFailed, FetchPolicy, fetch, refusal
from tests.sources.conftest import PLAIN_TEXT, REPORT_PDF

LOCAL = FetchPolicy(timeout=1.0, max_bytes=16 * 1024, max_redirects=5, allow_loopback=True)
STRICT = FetchPolicy(timeout=1.0, max_bytes=16 * 1024, max_redirects=5, allow_loopback=False)


def failure(url, policy=LOCAL) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetch(url, policy)
    return caught.value


def test_html_page_with_its_metadata(http_server):
    fetched = fetch(http_server.url("/article.html"), LOCAL)
    assert (fetched.status, fetched.kind, fetched.content_type, fetched.charset) == (
        200,
        "html",
        "text/html",
        "utf-8",
    )
    extracted = extract(fetched.body, fetched.kind, fetched.charset)
    assert "about 6,000 people had fled" in extracted.text
    assert "350 to 367 damaged buildings" in extracted.text
    assert "not text" not in extracted.text and "Copyright" not in extracted.text
    assert extracted.metadata == {
        "title": "Thousands flee fighting in the north",
        "author": "Jane Reporter",
        "date": "2024-03-05",
        "sitename": "Example News",
    }


def test_pdf_text_and_metadata(http_server):
    fetched = fetch(http_server.url("/report.pdf"), LOCAL)
    assert fetched.kind == "pdf" and fetched.body == REPORT_PDF
    extracted = extract(fetched.body, fetched.kind)
    assert extracted.text == "The agency counted 1.5 million displaced people in 2024."
    assert extracted.metadata == {"title": "Annual report", "author": "Relief Agency", "date": "2024-01-02"}


def test_plain_text_as_is(http_server):
    fetched = fetch(http_server.url("/plain.txt"), LOCAL)
    assert extract(fetched.body, fetched.kind, fetched.charset).text == PLAIN_TEXT.decode()


def test_missing_content_type_is_read_from_the_bytes(http_server):
    fetched = fetch(http_server.url("/no-type"), LOCAL)
    assert (fetched.kind, fetched.content_type) == ("text", "text/plain")


def test_redirect_is_followed_and_the_final_url_kept(http_server):
    fetched = fetch(http_server.url("/to-plain"), LOCAL)
    assert fetched.url == http_server.url("/to-plain")
    assert fetched.final_url == http_server.url("/plain.txt")
    assert [path for path, _ in http_server.requests] == ["/to-plain", "/plain.txt"]


def test_the_host_header_names_the_host_not_the_address(http_server):
    port = http_server.server_address[1]
    fetch(f"http://localhost:{port}/plain.txt", LOCAL)
    assert http_server.requests[-1] == ("/plain.txt", f"localhost:{port}")


@pytest.mark.parametrize(
    ("path", "reason", "status"),
    [
        ("/missing", "not_found", 404),
        ("/gone", "gone", 410),
        ("/error", "http_status", 503),
        ("/image.png", "unsupported_type", 200),
        ("/big-declared", "too_large", 200),
        ("/big-streamed", "too_large", 200),
    ],
)
def test_failures_carry_their_reason(http_server, path, reason, status):
    failed = failure(http_server.url(path))
    assert (failed.reason, failed.status) == (reason, status)


def test_redirect_loop_stops(http_server):
    failed = failure(http_server.url("/loop-a"))
    assert failed.reason == "too_many_redirects" and "loop" in failed.detail
    assert len(http_server.requests) == 2


def test_redirects_are_bounded(http_server):
    assert fetch(http_server.url("/chain/4"), LOCAL).final_url == http_server.url("/plain.txt")
    http_server.requests.clear()
    assert failure(http_server.url("/chain/5")).reason == "too_many_redirects"
    assert len(http_server.requests) == LOCAL.max_redirects + 1


def test_slow_answer_times_out(http_server):
    policy = FetchPolicy(timeout=0.3, max_bytes=LOCAL.max_bytes, allow_loopback=True)
    assert failure(http_server.url("/slow"), policy).reason == "timeout"


@pytest.mark.parametrize(
    ("path", "address"),
    [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")],
)
def test_redirect_to_a_private_address_is_refused_before_connecting(http_server, dialled, path, address):
    failed = failure(http_server.url(path))
    assert failed.reason == "refused_address" and address in failed.detail
    assert [path for path, _ in http_server.requests] == [path]
    assert address not in dialled and set(dialled) == {"127.0.0.1"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/x",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://0.0.0.0/",
        "http://100.100.100.200/",
        "http://224.0.0.1/",
        "http://localhost/",
        "http://0x7f.1/",
    ],
)
def test_internal_addresses_are_refused_without_any_connection(dialled, url):
    failed = failure(url, STRICT)
    assert failed.reason == "refused_address"
    assert dialled == []


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/", "http://[fe80::1]/"])
def test_allowing_loopback_allows_nothing_else(dialled, url):
    assert failure(url, LOCAL).reason == "refused_address"
    assert dialled == []


def test_loopback_is_refused_unless_allowed(http_server, dialled):
    assert failure(http_server.url("/plain.txt"), STRICT).reason == "refused_address"
    assert http_server.requests == [] and dialled == []
    assert fetch(http_server.url("/plain.txt"), LOCAL).status == 200


def test_every_address_of_a_name_is_checked(monkeypatch, dialled):
    """A name with one public and one private address is refused: a rebinding answer cannot win."""

    def two_answers(host, port, *args, **kwargs):
        return [(2, 1, 6, "", ("93.184.215.14", port)), (2, 1, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", two_answers)
    failed = failure("http://mixed.example/", STRICT)
    assert failed.reason == "refused_address" and "10.0.0.7" in failed.detail
    assert dialled == []


def test_the_checked_address_is_the_one_dialled(http_server, monkeypatch, dialled):
    """The name is resolved once, by us; the connection goes to that address, not to a second lookup
    that a rebinding DNS server could answer differently."""
    port = http_server.server_address[1]
    real_getaddrinfo = fetching.socket.getaddrinfo
    lookups = []

    def rebinding(host, *args, **kwargs):
        if host == "rebind.example":
            lookups.append(host)
            address = "127.0.0.1" if len(lookups) == 1 else "10.9.9.9"
            return [(2, 1, 6, "", (address, port))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(fetching.socket, "getaddrinfo", rebinding)
    assert fetch(f"http://rebind.example:{port}/plain.txt", LOCAL).status == 200
    assert lookups == ["rebind.example"] and dialled == ["127.0.0.1"]
    assert http_server.requests == [("/plain.txt", f"rebind.example:{port}")]


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@x.org/"]
)
def test_other_schemes_and_credentials_are_refused(dialled, url):
    assert failure(url, STRICT).reason == "invalid_url"
    assert dialled == []


def test_unknown_name_is_a_dns_failure(monkeypatch, dialled):
    def not_found(host, *args, **kwargs):  # no real lookup: a query would leave the machine
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetching.socket, "getaddrinfo", not_found)
    failed = failure("http://no-such-host.example/", STRICT)
    assert failed.reason == "dns" and "no-such-host.example" in failed.detail
    assert dialled == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("169.254.169.254", "private"),
        ("fe80::1%eth0", "private"),
        ("2002:0a00:0001::1", "private"),
    ],
)
def test_refusal_table(address, allowed):
    assert refusal(address, allow_loopback=False) == allowed
