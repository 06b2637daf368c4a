"""Entries written by the release before this one (two-part pointers, plain bytes as pages) are misses,
never errors, and are replaced."""

import json

from django.core.cache import cache

from articles.selectors import article_pointer
from pagecache.keys import page_cache_key, pointer_key


def test_an_old_pointer_is_dropped_and_replaced(seed_article):
    seed_article.refresh_from_db()
    cache.set(pointer_key(seed_article.slug), (seed_article.pk, seed_article.content_version))
    pointer = article_pointer(seed_article.slug)
    assert pointer[:2] == (seed_article.pk, seed_article.content_version) and len(pointer) == 3
    assert cache.get(pointer_key(seed_article.slug)) == pointer


def test_old_page_bytes_are_rendered_again(client, seed_article):
    seed_article.refresh_from_db()
    key = page_cache_key(seed_article.pk, seed_article.content_version, "json")
    cache.set(key, b'{"stale": true}')
    response = client.get(f"/articles/{seed_article.slug}.json")
    assert response.status_code == 200
    assert json.loads(response.content)["article"]["slug"] == seed_article.slug
