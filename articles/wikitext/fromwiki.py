"""Fetch a page's wikitext from a MediaWiki wiki through its Action API, under the fetching rules sources
already follow (``sources.fetching``: http(s) only, every address checked before connecting, redirects
checked hop by hop, one deadline, a size limit, Verity's User-Agent). No ORM.

The API answers JSON, which the source fetcher's type allowlist (HTML, PDF, text) refuses on purpose, so
this module sends its one request with the fetcher's own checked steps rather than ``fetch()``.
"""

import json
import time
from dataclasses import dataclass
from urllib.parse import unquote

import httpx

from sources import fetching

API_PATH = "/w/api.php"
ARTICLE_PREFIX = "/wiki/"


class WikiFetchFailed(Exception):
    """The page could not be fetched; the message says why, for the person who asked."""


@dataclass(frozen=True)
class WikiPage:
    title: str
    wikitext: str
    api_url: str


def api_request(page_url: str) -> tuple[str, str]:
    """Return the Action API address and the page title for a page's URL
    (``https://en.wikipedia.org/wiki/Alaska`` or ``…/w/index.php?title=Alaska``)."""
    try:
        url = httpx.URL(page_url)
    except (httpx.InvalidURL, TypeError) as error:
        raise WikiFetchFailed(f"{page_url[:200]} is not a URL ({error})") from None
    if url.scheme not in fetching.ALLOWED_SCHEMES or not url.host:
        raise WikiFetchFailed(
            f"{page_url[:200]}: give the page's http(s) address, such as https://en.wikipedia.org/wiki/Alaska"
        )
    title = url.params.get("title", "")
    path = unquote(url.path)
    if not title and ARTICLE_PREFIX in path:
        title = path.split(ARTICLE_PREFIX, 1)[1]
    title = title.replace("_", " ").strip()
    if not title:
        raise WikiFetchFailed(f"{page_url[:200]} names no page: use the page's /wiki/Title address")
    api = url.copy_with(path=API_PATH, query=None, fragment=None).copy_merge_params(
        {
            "action": "query",
            "prop": "revisions",
            "rvprop": "content",
            "rvslots": "main",
            "titles": title,
            "format": "json",
            "formatversion": "2",
            "redirects": "1",
        }
    )
    return str(api), title


def fetch_wikitext(page_url: str, policy: fetching.FetchPolicy) -> WikiPage:
    """Return the current wikitext of the page at ``page_url``, or raise WikiFetchFailed."""
    api, title = api_request(page_url)
    body = get(api, policy)
    try:
        answer = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WikiFetchFailed(f"{api[:200]} did not answer as a MediaWiki API does (not JSON)") from None
    return page_of(answer, title, api)


def page_of(answer, title: str, api: str) -> WikiPage:
    """Return the page in an Action API answer (``formatversion=2``), or say what the wiki answered."""
    if not isinstance(answer, dict):
        raise WikiFetchFailed(f"{api[:200]} did not answer as a MediaWiki API does")
    if "error" in answer:
        error = answer["error"] if isinstance(answer["error"], dict) else {}
        raise WikiFetchFailed(f"the wiki refused: {error.get('info') or error.get('code') or 'error'}")
    pages = (answer.get("query") or {}).get("pages") or []
    page = pages[0] if pages and isinstance(pages[0], dict) else {}
    if page.get("missing") or page.get("invalid"):
        raise WikiFetchFailed(f"the wiki has no page “{title}”")
    try:
        content = page["revisions"][0]["slots"]["main"]["content"]
    except (KeyError, IndexError, TypeError):
        raise WikiFetchFailed(f"{api[:200]} gave no wikitext for “{title}”") from None
    if not isinstance(content, str):
        raise WikiFetchFailed(f"{api[:200]} gave no wikitext for “{title}”")
    return WikiPage(title=page.get("title") or title, wikitext=content, api_url=api)


def get(url: str, policy: fetching.FetchPolicy) -> bytes:
    """Return the body of one checked GET (redirects followed and checked), within the policy's deadline
    and size limit."""
    deadline = time.monotonic() + policy.timeout
    current = url
    try:
        with httpx.Client(trust_env=False, follow_redirects=False, verify=fetching.tls_context()) as client:
            for _hop in range(policy.max_redirects + 1):
                target = fetching.parse_target(current)
                response = fetching.send_checked(client, target, policy, deadline)
                try:
                    location = fetching.redirect_location(response, target)
                    if location is None:
                        if not 200 <= response.status_code < 300:
                            raise WikiFetchFailed(f"the wiki answered HTTP {response.status_code}")
                        return fetching.read_limited(response, policy, deadline, str(target))
                finally:
                    response.close()
                current = location
    except fetching.FetchFailed as failure:
        raise WikiFetchFailed(f"{failure.detail} ({failure.reason.replace('_', ' ')})") from None
    raise WikiFetchFailed(f"more than {policy.max_redirects} redirects")
