"""Fifty concurrent readers on the article page, under gunicorn with the production settings, PostgreSQL
and the Redis cache, while an editor saves a section again and again: no reader sees an error, every
save succeeds, and the page then shows the last saved text."""

import json
import subprocess

import pytest

from bench import stack
from bench.corpus import SEED_SLUG
from tests.production.conftest import import_seed

SECONDS = 10


@pytest.mark.load
def test_article_page_holds_50_connections_while_an_editor_saves(
    database_url, static_root, redis_url, wrk, tmp_path
):
    env = stack.production_env(database_url=database_url, static_root=static_root, redis_url=redis_url)
    import_seed(env)
    with stack.gunicorn(env, tmp_path / "gunicorn.log", workers=2) as server:
        page = f"{server.base_url}/articles/{SEED_SLUG}/"
        assert stack.http_get(page)[0] == 200
        # Plain HTTP that did not come through the TLS proxy is redirected, except the health check.
        assert stack.http_get(page, headers={})[0] == 301
        assert stack.http_get(f"{server.base_url}/healthz", headers={})[0] == 200
        editor = subprocess.Popen(
            [stack.PYTHON, "-m", "tests.production.editor", str(SECONDS)],
            cwd=stack.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        result = stack.wrk(page, connections=50, seconds=SECONDS, count_non_2xx=True, tmp_dir=tmp_path)
        output, errors = editor.communicate(timeout=120)
        status, body = stack.http_get(page)
        log = server.log()

    print(result.output, output)
    assert result.requests > 100, result.output
    assert (result.non_2xx, result.socket_errors) == (0, 0), result.output + log
    assert editor.returncode == 0, errors
    saves = json.loads(output)
    assert saves["errors"] == [] and saves["saved"] >= 5, saves
    assert status == 200
    assert saves["last_sentence"] in body.decode()
