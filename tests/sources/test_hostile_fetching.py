"""A hostile remote server (issue 20): decompression bombs, stacked encodings, headers sent a byte at a
time, odd charsets. Each is stopped at its bound; none is slow to test, because each bound is small."""

import tracemalloc

import pytest

from bench.hostile_inputs import WORDS, brotli_bomb, gzip_bomb, punycode_body, start_hostile_server
from sources.extraction import decode_text, extract, known_charset
from sources.fetching import BoundedDecoder, DecodedTooLarge, FetchFailed, FetchPolicy, fetch, refusal

BOMB_SIZE = 64 * 1024 * 1024  # decoded; the bodies themselves are a few KB
LIMIT = 128 * 1024  # above the gzip bomb's 64 KB body: deflate shrinks at most 1,032 to 1
POLICY = FetchPolicy(timeout=2.0, max_bytes=LIMIT, max_redirects=5, allow_loopback=True)


@pytest.fixture(scope="module")
def hostile_server():
    server = start_hostile_server(size=BOMB_SIZE)
    yield server
    server.shutdown()
    server.server_close()


def failure(url, policy=POLICY) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetch(url, policy)
    return caught.value


@pytest.mark.parametrize("path", ["/brotli-bomb", "/gzip-bomb"])
def test_a_decompression_bomb_stops_at_the_limit_with_little_memory(hostile_server, path):
    tracemalloc.start()
    try:
        failed = failure(hostile_server.url(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert failed.reason == "too_large" and "decodes to over 131072 bytes" in failed.detail
    # 64 MiB decoded before the fix; now a few decoder steps of 64 KiB at most.
    assert peak < 2 * 1024 * 1024


def test_two_encoding_layers_are_refused(hostile_server):
    failed = failure(hostile_server.url("/gzip-gzip"))
    assert failed.reason == "unsupported_type" and "at most one encoding layer" in failed.detail


def test_an_unknown_encoding_is_refused(hostile_server):
    assert "zstd is not read" in failure(hostile_server.url("/zstd-words")).detail


@pytest.mark.parametrize("path", ["/gzip-words", "/brotli-words"])
def test_one_encoding_layer_is_decoded(hostile_server, path):
    assert fetch(hostile_server.url(path), POLICY).body == WORDS


def test_headers_sent_a_byte_at_a_time_end_at_the_deadline(hostile_server):
    """Each byte comes well within any per-read timeout; only a deadline for the whole fetch stops it.
    The drip takes about 4.5 s; the deadline is 0.5 s."""
    policy = FetchPolicy(timeout=0.5, max_bytes=LIMIT, allow_loopback=True)
    assert failure(hostile_server.url("/drip-headers"), policy).reason == "timeout"


def test_a_gzip_file_served_as_html_is_not_unpacked_by_the_reader(hostile_server):
    """trafilatura unpacks gzip, brotli and zstd bytes it recognises, with no bound; we decode first."""
    fetched = fetch(hostile_server.url("/gzip-as-html"), POLICY)
    assert "1.5 million" not in extract(fetched.body, fetched.kind, fetched.charset).text


def test_a_punycode_charset_is_not_used():
    body = punycode_body(2000)
    assert body.decode("punycode") == "é" * 2000  # what the quadratic decoder would have produced
    assert known_charset("punycode") == "" and decode_text(body, "punycode") == body.decode("ascii")


@pytest.mark.parametrize(
    ("label", "codec"),
    [("utf-8", "utf-8"), ("ISO-8859-1", "iso8859-1"), ("windows-1252", "cp1252"), ("shift_jis", "shift_jis"),
     ("punycode", ""), ("idna", ""), ("utf-7", ""), ("unicode_escape", ""), ("rot13", ""), ("nonsense", "")],
)  # fmt: skip
def test_known_charsets(label, codec):
    assert known_charset(label) == codec


@pytest.mark.parametrize(
    ("encoding", "body"), [("gzip", gzip_bomb(BOMB_SIZE)), ("br", brotli_bomb(BOMB_SIZE))]
)
def test_the_decoder_counts_as_it_decodes(encoding, body):
    decoder = BoundedDecoder(encoding, 1024 * 1024)
    produced = 0
    with pytest.raises(DecodedTooLarge):
        for start in range(0, len(body), 4096):
            produced += sum(map(len, decoder.decode(body[start : start + 4096])))
    assert produced <= 1024 * 1024


@pytest.mark.parametrize(
    ("address", "why"),
    [("127.0.0.1", None), ("::1", None), ("127.0.0.2", "loopback"), ("127.255.0.1", "loopback")],
)
def test_the_loopback_setting_allows_only_the_two_loopback_addresses(address, why):
    assert refusal(address, allow_loopback=True) == why
