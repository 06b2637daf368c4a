"""Redis is an accelerator: with a private redis-server stopped mid-test, pages, the admin sign-in and a
section save keep working, and /healthz reports the cache down while the database is up."""

import json

import pytest
from django.urls import reverse

from tests.pagecache.conftest import PATH, call
from tests.pagecache.test_conditional import PAGES, change_figure


def health(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


def test_health_reports_database_and_cache(client, db):
    assert health(client) == (200, {"database": "ok", "cache": "ok"})


@pytest.mark.parametrize("warm", [True, False])
def test_pages_sign_in_and_saves_work_while_redis_is_down(
    private_redis, client, apps, seed_article, editor, django_capture_on_commit_callbacks, warm
):
    django_app, app = apps
    assert health(client) == (200, {"database": "ok", "cache": "ok"})
    if warm:
        for path in PAGES:
            assert call(app, path)[0] == 200
    private_redis.stop()

    assert health(client) == (200, {"database": "ok", "cache": "down"})
    for path in PAGES:
        assert client.get(path).status_code == 200
        status, headers, body = call(app, path, HTTP_ACCEPT_ENCODING="gzip")
        assert status == 200 and headers["Content-Encoding"] == "gzip"

    signed_in = client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": "correct horse battery", "next": "/admin/"},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    change_figure(seed_article, editor, django_capture_on_commit_callbacks)
    assert b"over 479" in client.get(PATH).content
    assert b"over 479" in call(app)[2]

    private_redis.start()
    assert health(client) == (200, {"database": "ok", "cache": "ok"})
    assert b"over 479" in call(app)[2]
