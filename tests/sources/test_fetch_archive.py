"""A source whose citation says its URL is dead (a wiki's url-status=dead) is fetched from its archive."""

import pytest

from sources.services import fetch_enqueue, fetch_url
from tests.factories import SourceFactory
from tests.sources.conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback(settings):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    settings.VERITY_FETCH_TIMEOUT = 2


@pytest.mark.parametrize(
    ("status", "archive", "fetched"),
    [
        ("dead", "https://web.archive.org/x", "https://web.archive.org/x"),
        ("usurped", "https://web.archive.org/x", "https://web.archive.org/x"),
        ("live", "https://web.archive.org/x", "https://example.org/a"),
        ("", "https://web.archive.org/x", "https://example.org/a"),
        ("dead", "", "https://example.org/a"),
    ],
)
def test_the_address_fetched(status, archive, fetched):
    source = SourceFactory.build(url="https://example.org/a", archive_url=archive, url_status=status)
    assert fetch_url(source) == fetched


def test_a_link_cited_as_dead_is_fetched_from_its_archive_and_stays_dead(http_server, loopback, editor):
    source = SourceFactory(
        url=http_server.url("/gone"),
        archive_url=http_server.url("/article.html"),
        url_status="dead",
        is_dead_link=True,
    )
    attempt = fetch_enqueue(source=source, user=editor)
    assert attempt.url == source.archive_url
    run_worker()
    attempt.refresh_from_db()
    source.refresh_from_db()
    assert attempt.state == "done" and attempt.snapshot.text
    assert source.is_dead_link  # the archive answered; the URL itself is still dead
