"""Readers see a dead link marked, and the archived copy offered in its place."""

import pytest
from django.urls import reverse

from sources.services import fetch_enqueue
from tests.sources.conftest import run_worker

ARCHIVE = "https://web.archive.org/web/2024/https://example.org/report"


@pytest.fixture
def dead_source(seed_article, http_server, settings, editor):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    source = seed_article.sources.get(key="12")
    source.title, source.url, source.archive_url = "Field report", http_server.url("/gone"), ARCHIVE
    source.save()
    for _ in range(settings.VERITY_FETCH_DEAD_AFTER):
        fetch_enqueue(source=source, user=editor)
        run_worker()
    source.refresh_from_db()
    assert source.is_dead_link
    return source


def reference_of(html: str, title: str) -> str:
    start = html.index(title)
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


def test_reference_list_marks_the_dead_link_and_links_the_archive(client, seed_article, dead_source):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    entry = reference_of(html, "Field report")
    assert f'href="{ARCHIVE}" rel="nofollow noopener">“Field report”' in entry
    assert '<span class="dead-link">[dead link]</span>' in entry
    assert html.count("[dead link]") == 1


def test_a_live_link_has_no_mark(client, seed_article, http_server):
    source = seed_article.sources.get(key="12")
    source.title, source.url, source.archive_url = "Field report", "https://example.org/report", ARCHIVE
    source.save()
    html = client.get(seed_article.get_absolute_url()).content.decode()
    entry = reference_of(html, "Field report")
    assert 'href="https://example.org/report" rel="nofollow noopener">“Field report”' in entry
    assert "dead link" not in html


def test_source_page_says_the_link_is_dead(client, seed_article, dead_source):
    url = reverse("articles:source", kwargs={"slug": seed_article.slug, "key": "12"})
    html = client.get(url).content.decode()
    assert "(dead link: it no longer answers; read the archived copy below)" in html
    assert f'href="{ARCHIVE}"' in html


def test_json_carries_the_dead_link(client, seed_article, dead_source):
    data = client.get(reverse("articles:json", kwargs={"slug": seed_article.slug})).json()
    flags = {source["key"]: source["is_dead_link"] for source in data["sources"]}
    assert flags["12"] is True and flags["13"] is False
