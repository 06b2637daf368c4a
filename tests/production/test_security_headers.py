"""Every response carries the security headers, and the public pages hold nothing the
Content-Security-Policy would block (inline script, inline style, event handler attributes)."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import cache

PUBLIC_PAGES = [
    "/",
    "/articles/operation-1107/",
    "/articles/operation-1107/?highlight=off",
    "/articles/operation-1107/factcheck/",
    "/articles/operation-1107/history/",
    "/articles/operation-1107/sources/12/",
]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/admin/login/", "/healthz"])
def test_responses_carry_the_security_headers(seed_article, client, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


def test_a_view_may_send_its_own_policy(rf):
    from django.http import HttpResponse

    from config.security import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY


class BlockedByPolicy(HTMLParser):
    """Collect what `script-src 'self'; style-src 'self'` would block in a page."""

    def __init__(self):
        super().__init__()
        self.blocked, self.in_inline_script = [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/ld+json":
            self.blocked.append("inline <script>")
        if tag == "style":
            self.blocked.append("<style> element")
        if "style" in attributes:
            self.blocked.append(f'style="..." on <{tag}>')
        self.blocked += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]
        for name in ("href", "src", "action"):
            if (attributes.get(name) or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"javascript: URL in <{tag} {name}>")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_hold_nothing_the_policy_blocks(seed_article, client, path):
    page = BlockedByPolicy()
    page.feed(client.get(path).content.decode())
    assert page.blocked == []
