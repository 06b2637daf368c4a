"""The public pages: no login, nothing written. The cached pages (article, JSON, fact-check) are served
without a database query on a hit: ``pagecache.pointers`` keeps the slug's id and content version."""

import json
from dataclasses import dataclass
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.rendering.html import for_template
from articles.rendering.jsonld import json_ld_html
from articles.rendering.markup import article_markup, edit_link_html, source_citation_html, source_date_html
from articles.rendering.report_markup import findings_html, rows_html
from articles.rendering.review import VIEWS, chosen_view
from articles.rendering.revision import revision_references_html
from articles.selectors import (
    article_by_old_slug,
    article_page,
    article_pointer,
    article_public_json,
    article_revisions,
    public_revision_changes,
    renamed_keys,
    revision_page,
    source_capture,
    source_citations,
    source_input,
)
from claims.flags import FLAG_INFO, UNREVIEWED
from claims.report import summarize, worst_first
from claims.search import search_statements
from claims.selectors import factcheck_rows, public_findings
from pagecache import guard
from pagecache.http import Page, answer, choose_encoding, make_page, not_modified, page_tag, validators
from pagecache.keys import SHAREABLE_PAGE_HEADER, canonical_origin, lifetime, page_cache_key
from sources.keys import key_problem
from sources.models import Source

HTML = "text/html; charset=utf-8"
URL_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a path
HIGHLIGHT_OFF = "off"
COMPARE_ERROR = "Pick two different revisions of this article to compare."
# ?from=<id>&to=current compares with the newest revision: a link that stays right after later edits.
CURRENT_REVISION = "current"
# The page's legend: strong flags by their label; weak ones (unreviewed aside: it marks nothing alone)
# share the quiet dotted underline.
LEGEND = tuple((name, info) for name, info in FLAG_INFO.items() if info.is_strong)
QUIET_LEGEND = tuple(
    (name, info) for name, info in FLAG_INFO.items() if not info.is_strong and name != UNREVIEWED
)


def follows_renamed_slug(view):
    """Send a request for an article's former slug to the same page at its slug of now (301), as a
    renamed source key's page does: links and bookmarks made before the rename keep working. Only a
    request that found nothing asks (one more query then)."""

    @wraps(view)
    def answer(request, slug, **kwargs):
        try:
            return view(request, slug, **kwargs)
        except Http404:
            article = article_by_old_slug(slug)
            if article is None:
                raise
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": article.slug})
            query = request.META.get("QUERY_STRING")
            return redirect(f"{url}?{query}" if query else url, permanent=True)

    return answer


def public_article(slug: str) -> Article:
    return get_object_or_404(Article.objects.public(), slug=slug)


def cached_page(request, slug: str, variant: str, render_page, content_type: str = HTML, *, private=False):
    """Answer for ``variant`` of the article's pages from the cache, or fetch the article, render, compress
    and cache it. A request whose validators match the current version gets a 304 before any render.
    A ``private`` variant (an editor's) is kept from shared caches: neither a CDN nor the WSGI layer
    may hand it to a reader."""
    pointer = article_pointer(slug)
    if pointer is None:
        raise Http404("No such article.")
    pk, version, modified = pointer
    bare = Page(content_type, {}, page_tag(pk, version, variant), modified)
    encoding = choose_encoding(request.headers.get("Accept-Encoding"))
    if not_modified(bare, encoding, **validators(request.headers)):
        return page_response(request, bare, page_cache_key(pk, version, variant), private=private)
    key = page_cache_key(pk, version, variant)
    page = guard.get(key, "pages") or guard.get(key)
    if not isinstance(page, Page):  # a miss, or bytes an older release stored under this key
        article = public_article(slug)
        pk, version = article.pk, article.content_version
        key = page_cache_key(pk, version, variant)
        tag, modified = page_tag(pk, version, variant), int(article.updated_at.timestamp())
        page = make_page(
            render_page(article).content, content_type=content_type, tag=tag, last_modified=modified
        )
        guard.call("set", key, page, lifetime("page"))
    guard.call("set", key, page, lifetime("page"), alias="pages")
    return page_response(request, page, key, private=private)


def page_response(
    request, page: Page, key: str = "", *, private: bool = False, immutable_seconds: int = 0
) -> HttpResponse:
    """Build the response ``pagecache.http.answer`` gives; a page every reader of a plain URL shares is
    marked with its cache ``key`` so the WSGI layer (``pagecache.wsgi``) answers repeats itself."""
    result = answer(
        page,
        method=request.method,
        headers=request.headers,
        shared_seconds=lifetime("shared"),
        private=private,
        immutable_seconds=immutable_seconds,
    )
    response = HttpResponseNotModified() if result.status == 304 else HttpResponse(result.body)
    for name, value in result.headers:
        response[name] = value
    if key and not request.META.get("QUERY_STRING") and not private:
        response[SHAREABLE_PAGE_HEADER] = key
    return response


def is_editor(request) -> bool:
    """Return True for a signed-in person who may edit sections. Only a request carrying a session
    cookie is asked: a reader's request reads no session (no query) and stays cacheable."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.has_perm(
        "articles.change_section"
    )


def section_edit_links(section_ids: tuple[int, ...]):
    """Return the ``heading_extra`` of ``article_markup`` that puts an [edit] link beside each heading,
    to that section's form."""
    # ?return_to=article: saving the form comes back to the article (articles.admin.RETURN_TO).
    urls = [reverse("admin:articles_section_change", args=[pk]) + "?return_to=article" for pk in section_ids]
    return lambda index, heading: edit_link_html(urls[index], heading)


def source_page_url(slug: str):
    """Return a function giving the URL of the page about a source by its key: the same as
    ``reverse("articles:source", ...)``, without resolving the pattern again for each of thousands."""
    marker = "k"
    prefix = reverse("articles:source", kwargs={"slug": slug, "key": marker}).removesuffix(f"{marker}/")
    return lambda key: f"{prefix}{quote(key, safe=URL_PATH_SAFE)}/"


@require_safe
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.public()})


@require_safe
def search(request):
    """Statements of public articles matching the reader's words, the words marked (past the site's
    budget of searches a second or while another search runs, config.search_budget answers 429 before
    Django)."""
    query = request.GET.get("q", "").strip()
    return render(request, "articles/search.html", {"query": query, "hits": search_statements(query)})


@require_safe
@follows_renamed_slug
def article_detail(request, slug):
    highlight = request.GET.get("highlight") != HIGHLIGHT_OFF
    editor = is_editor(request)
    requested = request.GET.get("view")
    # The JSON-LD names absolute URLs: built on the canonical origin, so Host variants share one page.
    origin = canonical_origin(request.scheme, request.get_host())
    url = origin + reverse("articles:detail", kwargs={"slug": slug})

    def render_page(article):
        # Without ?view= the article's own setting chooses; changing it raises the content version.
        view = chosen_view(requested, article.reader_view)
        page = article_page(article, highlight=highlight, article_url=url, view=view)
        context = {
            "article": article,
            "page": page,
            "markup": article_markup(
                page.rendered,
                source_page_url(article.slug),
                heading_extra=section_edit_links(page.section_ids) if editor else None,
            ),
            "editor": editor,
            "lead_edit_url": reverse("admin:articles_section_change", args=[page.lead_section_id])
            + "?return_to=article"
            if editor and page.lead_section_id
            else "",
            "view_query": f"view={view}" if requested in VIEWS else "",
            "legend": LEGEND,
            "quiet_legend": QUIET_LEGEND,
            "json_ld": for_template(json_ld_html(page.claim_reviews)) if page.claim_reviews else "",
        }
        return render(request, "articles/article_detail.html", context)

    # The view is in the key: "default" stands for the article's setting, itself part of its version.
    view_key = requested if requested in VIEWS else "default"
    # Editors' pages carry [edit] links: a variant of their own, never shared with readers.
    page = f"detail:{'flags' if highlight else 'plain'}:{view_key}:{origin}{':editor' if editor else ''}"
    return cached_page(request, slug, page, render_page, private=editor)


@require_safe
@follows_renamed_slug
def article_json(request, slug):
    def render_json(article):
        # Compact: with an indent, the json module falls back from its C encoder to Python (4 s for the
        # 21 MB of the 25x article).
        return HttpResponse(json.dumps(article_public_json(article), ensure_ascii=False))

    return cached_page(request, slug, "json", render_json, content_type="application/json")


@require_safe
@follows_renamed_slug
def article_factcheck(request, slug):
    def render_page(article):
        rows = factcheck_rows(article)
        summary = summarize(rows)
        findings, article_url = public_findings(article), article.get_absolute_url()
        source_url = source_page_url(article.slug)  # each source's URL built once per key
        context = {
            "article": article,
            "summary": summary,
            "by_flag": [(name, FLAG_INFO[name], count) for name, count in summary.by_flag.items()],
            "has_findings": bool(findings),
            "findings_html": for_template(findings_html(findings, article_url)),
            "rows_html": for_template(rows_html(worst_first(rows), article_url, source_url)),
        }
        return render(request, "articles/article_factcheck.html", context)

    return cached_page(request, slug, "factcheck", render_page)


@require_safe
@follows_renamed_slug
def article_history(request, slug):
    """List the revisions; with ``from`` and ``to`` (two of them, or one and ``current``), show what
    changed between them. A comparison is cached by the pair and the article's content version (its
    markers show the numbers of now), so a repeat runs no diff."""
    article = public_article(slug)
    revisions = article_revisions(article)
    default_from, default_to = default_comparison(revisions)
    context = {
        "article": article,
        "revisions": revisions,
        "default_from": default_from,
        "default_to": default_to,
    }
    status = 200
    if "from" in request.GET or "to" in request.GET:
        by_id = {str(version.pk): version for version in revisions}
        if revisions:
            by_id[CURRENT_REVISION] = revisions[0]
        old, new = by_id.get(request.GET.get("from", "")), by_id.get(request.GET.get("to", ""))
        if old is None or new is None or old == new:
            context["compare_error"], status = COMPARE_ERROR, 400
        else:
            old, new = sorted((old, new), key=lambda version: version.pk)
            context.update(old=old, new=new, changes=cached_comparison(article, old, new))
    return render(request, "articles/article_history.html", context, status=status)


def default_comparison(revisions: list) -> tuple[int | None, int | None]:
    """Return the ids of the two revisions the form compares by default (newest first in ``revisions``):
    the newest revision that changed a section and the one before it, so the default never compares two
    revisions with the same text (a title change, a move to the trash and back). When no revision says
    it changed a section, the two newest."""
    for index, version in enumerate(revisions[:-1]):
        if version.section_changes:
            return revisions[index + 1].pk, version.pk
    return (revisions[1].pk, revisions[0].pk) if len(revisions) > 1 else (None, None)


def cached_comparison(article: Article, old, new):
    key = page_cache_key(article.pk, article.content_version, f"compare:{old.pk}:{new.pk}")
    changes = guard.get(key)
    if not isinstance(changes, tuple):  # a miss, or something an older release stored under this key
        changes = public_revision_changes(article, old, new)
        guard.call("set", key, changes, lifetime("page"))
    return changes


@dataclass(frozen=True)
class RevisionEntry:
    """A revision's page as cached: its bytes, and whether it was the newest revision when rendered."""

    page: Page
    is_latest: bool


@require_safe
@follows_renamed_slug
def article_revision(request, slug, revision_id):
    """One revision of the article as readers saw it, by a permanent address. Its bytes are cached by
    revision and content version (the reference list shows today's sources); an old revision's page may
    be kept by browsers and CDNs without asking (``Cache-Control: immutable``), the newest one is
    revalidated like the article, since the next edit gives it a "next revision" link."""
    pointer = article_pointer(slug)
    if pointer is None:
        raise Http404("No such article.")
    variant = f"revision:{revision_id}"
    key = page_cache_key(pointer[0], pointer[1], variant)
    entry = guard.get(key)
    if not isinstance(entry, RevisionEntry):
        article = public_article(slug)
        page = revision_page(article, revision_id)
        if page is None:
            raise Http404("No such revision of this article.")
        pk, version = article.pk, article.content_version
        key = page_cache_key(pk, version, variant)
        source_url = source_page_url(article.slug)
        context = {
            "article": article,
            "page": page,
            "markup": article_markup(page.rendered, source_url),
            "references": for_template(
                revision_references_html(page.rendered.references, page.gone_keys, source_url)
            ),
        }
        body = render(request, "articles/article_revision.html", context).content
        modified = int(article.updated_at.timestamp())
        entry = RevisionEntry(
            make_page(body, content_type=HTML, tag=page_tag(pk, version, variant), last_modified=modified),
            page.is_latest,
        )
        guard.call("set", key, entry, lifetime("page"))
    immutable = 0 if entry.is_latest else lifetime("revision")
    return page_response(request, entry.page, immutable_seconds=immutable)  # no WSGI-layer entry (key)


@require_safe
@follows_renamed_slug
def source_detail(request, slug, key):
    if key_problem(key):  # no source has such a key; a NUL in it would be PostgreSQL's error, a 500
        raise Http404("No such source.")
    article = public_article(slug)
    source = Source.objects.filter(article=article, key=key).first()
    if source is None:
        renamed = renamed_keys(article.pk).get(key)
        if renamed is None:
            raise Http404("No such source.")
        return redirect("articles:source", slug=slug, key=renamed, permanent=True)  # links to the old key
    shown = source_input(source)
    context = {
        "article": article,
        "source": shown,
        "citation_html": for_template(source_citation_html(shown)),
        "date_html": for_template(source_date_html(shown)),
        "citations": source_citations(source),
        "capture": source_capture(source),
    }
    return render(request, "articles/source_detail.html", context)
