"""import_article --from-wiki: the page's wikitext through the MediaWiki Action API, under the fetching
rules of sources.fetching. A local HTTP server answers as the API does; nothing leaves the machine."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from articles.wikitext.fromwiki import WikiFetchFailed, api_request, fetch_wikitext
from sources.fetching import USER_AGENT, FetchPolicy
from sources.models import Source

SAMPLE = Path(__file__).resolve().parents[2] / "seed" / "river-dam.wiki"
LOCAL = FetchPolicy(timeout=2.0, max_bytes=1024 * 1024, allow_loopback=True)


class WikiApi(BaseHTTPRequestHandler):
    pages = {"Verity River Dam": SAMPLE.read_text()}
    requests: list = []

    def do_GET(self):
        url = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        WikiApi.requests.append((url.path, query, self.headers.get("User-Agent")))
        if query.get("titles") == "Broken":
            return self.answer(b"<html>maintenance</html>", "text/html")
        if url.path != "/w/api.php" or query.get("action") != "query":
            return self.answer(
                json.dumps({"error": {"code": "badvalue", "info": "Unrecognized value"}}).encode()
            )
        title = query.get("titles", "")
        if title in self.pages:
            page = {
                "pageid": 1,
                "ns": 0,
                "title": title,
                "revisions": [
                    {"slots": {"main": {"contentmodel": "wikitext", "content": self.pages[title]}}}
                ],
            }
        else:
            page = {"ns": 0, "title": title, "missing": True}
        self.answer(json.dumps({"batchcomplete": True, "query": {"pages": [page]}}).encode())

    def answer(self, body: bytes, content_type: str = "application/json; charset=utf-8"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def wiki():
    server = ThreadingHTTPServer(("127.0.0.1", 0), WikiApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    WikiApi.requests.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://en.wikipedia.org/wiki/Verity_River_Dam", "Verity River Dam"),
        ("https://en.wikipedia.org/w/index.php?title=Verity_River_Dam&action=edit", "Verity River Dam"),
        ("https://en.wikipedia.org/wiki/Caf%C3%A9", "Café"),
    ],
)
def test_the_api_address_and_title_come_from_the_page_url(url, title):
    api, found = api_request(url)
    assert found == title and api.startswith("https://en.wikipedia.org/w/api.php?")
    assert "action=query" in api and "rvslots=main" in api and "formatversion=2" in api


@pytest.mark.parametrize("url", ["ftp://example.org/wiki/X", "https://en.wikipedia.org/", "not a url"])
def test_an_address_that_names_no_page_is_refused(url):
    with pytest.raises(WikiFetchFailed):
        api_request(url)


def test_the_wikitext_is_fetched_with_the_fetchers_user_agent(wiki):
    page = fetch_wikitext(f"{wiki}/wiki/Verity_River_Dam", LOCAL)
    assert page.title == "Verity River Dam" and page.wikitext == SAMPLE.read_text()
    ((path, query, agent),) = WikiApi.requests
    assert (path, query["titles"], query["prop"], agent) == (
        "/w/api.php",
        "Verity River Dam",
        "revisions",
        USER_AGENT,
    )


@pytest.mark.parametrize(
    ("page", "message"),
    [("/wiki/Nowhere", "has no page “Nowhere”"), ("/wiki/Broken", "did not answer as a MediaWiki API does")],
)
def test_a_missing_page_or_a_wrong_answer_is_said_plainly(wiki, page, message):
    with pytest.raises(WikiFetchFailed, match=message):
        fetch_wikitext(wiki + page, LOCAL)


def test_loopback_is_refused_under_the_default_rules(wiki):
    with pytest.raises(WikiFetchFailed, match="refused address"):
        fetch_wikitext(f"{wiki}/wiki/Verity_River_Dam", FetchPolicy(timeout=2.0))


@pytest.mark.django_db
def test_import_article_from_wiki(wiki, settings):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    out = io.StringIO()
    call_command(
        "import_article", "--from-wiki", f"{wiki}/wiki/Verity_River_Dam", "--slug", "dam", stdout=out
    )
    assert "Fetched “Verity River Dam”" in out.getvalue() and "Import report:" in out.getvalue()
    article = Article.objects.get(slug="dam")
    assert article.title == "Verity River Dam"
    assert Source.objects.get(article=article, key="grid").url == "https://example.org/grid/2021"


@pytest.mark.django_db
def test_a_failed_fetch_imports_nothing(wiki, settings):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    with pytest.raises(CommandError, match="has no page “Nowhere” — nothing was imported"):
        call_command("import_article", "--from-wiki", f"{wiki}/wiki/Nowhere", "--slug", "dam")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_and_from_wiki_together_are_refused(wiki):
    with pytest.raises(CommandError, match="either a file or --from-wiki"):
        call_command("import_article", str(SAMPLE), "--from-wiki", f"{wiki}/wiki/X", "--slug", "dam")
