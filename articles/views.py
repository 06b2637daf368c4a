"""The public pages: no login, nothing written. The cached pages (article, JSON, fact-check) are served
without a database query on a hit: ``pagecache.pointers`` keeps the slug's id and content version."""

import json

from django.core.cache import cache, caches
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.rendering.jsonld import script_json
from articles.rendering.page import flag_notes
from articles.rendering.review import VIEWS, chosen_view
from articles.selectors import (
    article_page,
    article_pointer,
    article_public_json,
    article_revisions,
    revision_changes,
    source_citations,
    source_input,
)
from claims.flags import FLAG_INFO, UNREVIEWED
from claims.report import summarize, worst_first
from claims.search import search_statements
from claims.selectors import factcheck_rows
from pagecache.keys import SHAREABLE_PAGE_HEADER, lifetime, page_cache_key
from sources.models import Source

HIGHLIGHT_OFF = "off"
COMPARE_ERROR = "Pick two different revisions of this article to compare."
LEGEND = tuple((name, info) for name, info in FLAG_INFO.items() if name != UNREVIEWED)


def public_article(slug: str) -> Article:
    return get_object_or_404(Article.objects.public(), slug=slug)


def cached_page(slug: str, page: str, render_page, content_type: str = "text/html; charset=utf-8"):
    """Return the cached bytes of ``page``, or fetch the article, render, cache and return them."""
    pointer = article_pointer(slug)
    if pointer is None:
        raise Http404("No such article.")
    key = page_cache_key(*pointer, page)
    content = caches["pages"].get(key) or cache.get(key)
    if content is None:
        article = public_article(slug)
        content = render_page(article).content
        pointer = (article.pk, article.content_version)
        key = page_cache_key(*pointer, page)
        cache.set(key, content, lifetime("page"))
    caches["pages"].set(key, content, lifetime("page"))
    response = HttpResponse(content, content_type=content_type)
    response.article_version = pointer
    return response


def json_ld(data) -> str:
    """Return a JSON-LD script element; its text cannot close the element (see ``script_json``)."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(script_json(data)))


@require_safe
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.public()})


@require_safe
def search(request):
    """Statements of public articles matching the reader's words, the words marked."""
    query = request.GET.get("q", "").strip()
    return render(request, "articles/search.html", {"query": query, "hits": search_statements(query)})


@require_safe
def article_detail(request, slug):
    highlight = request.GET.get("highlight") != HIGHLIGHT_OFF
    requested = request.GET.get("view")
    url = request.build_absolute_uri(reverse("articles:detail", kwargs={"slug": slug}))

    def render_page(article):
        # Without ?view= the article's own setting chooses; changing it raises the content version.
        view = chosen_view(requested, article.reader_view)
        page = article_page(article, highlight=highlight, article_url=url, view=view)
        context = {
            "article": article,
            "page": page,
            "view_query": f"view={view}" if requested in VIEWS else "",
            "legend": LEGEND,
            "json_ld": json_ld(page.claim_reviews) if page.claim_reviews else "",
        }
        return render(request, "articles/article_detail.html", context)

    # The JSON-LD names the absolute URL, so each host the site answers to has its own entry.
    # The view is in the key: "default" stands for the article's setting, itself part of its version.
    view_key = requested if requested in VIEWS else "default"
    response = cached_page(slug, f"detail:{'flags' if highlight else 'plain'}:{view_key}:{url}", render_page)
    if not request.GET:
        # The same bytes go to every reader of this URL: config.pagecache may answer repeats itself.
        response[SHAREABLE_PAGE_HEADER] = "{}:{}".format(*response.article_version)
    return response


@require_safe
def article_json(request, slug):
    def render_json(article):
        return HttpResponse(json.dumps(article_public_json(article), ensure_ascii=False, indent=1))

    return cached_page(slug, "json", render_json, content_type="application/json")


@require_safe
def article_factcheck(request, slug):
    def render_page(article):
        rows = factcheck_rows(article)
        summary = summarize(rows)
        context = {
            "article": article,
            "summary": summary,
            "by_flag": [(name, FLAG_INFO[name], count) for name, count in summary.by_flag.items()],
            "rows": [(row, flag_notes(row.flags)) for row in worst_first(rows)],
        }
        return render(request, "articles/article_factcheck.html", context)

    return cached_page(slug, "factcheck", render_page)


@require_safe
def article_history(request, slug):
    """List the revisions; with ``from`` and ``to`` (two of them), show what changed between them."""
    article = public_article(slug)
    revisions = article_revisions(article)
    context = {"article": article, "revisions": revisions}
    status = 200
    if "from" in request.GET or "to" in request.GET:
        by_id = {str(version.pk): version for version in revisions}
        old, new = by_id.get(request.GET.get("from", "")), by_id.get(request.GET.get("to", ""))
        if old is None or new is None or old == new:
            context["compare_error"], status = COMPARE_ERROR, 400
        else:
            old, new = sorted((old, new), key=lambda version: version.pk)
            context.update(old=old, new=new, changes=revision_changes(article, old, new))
    return render(request, "articles/article_history.html", context, status=status)


@require_safe
def source_detail(request, slug, key):
    article = public_article(slug)
    source = get_object_or_404(Source, article=article, key=key)
    context = {"article": article, "source": source_input(source), "citations": source_citations(source)}
    return render(request, "articles/source_detail.html", context)
