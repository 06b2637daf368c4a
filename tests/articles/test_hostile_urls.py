"""Addresses no page has answer 404, never 500 (issue 20): a NUL byte reached PostgreSQL, which refuses
it in any string."""

import pytest

from articles.services import article_import

ARTICLE = "Lead sentence.[1]\nHistory\nThe town had 4,000 people.[1]\n"


@pytest.mark.parametrize("key", ["1%00", "%00", "a%00b", "%2e%2e", "x" * 65, "bad key"])
def test_a_source_key_that_cannot_be_a_key_is_a_404(client, db, key):
    article_import(data=ARTICLE, slug="town")
    assert client.get("/articles/town/sources/1/").status_code == 200
    assert client.get(f"/articles/town/sources/{key}/").status_code == 404
