"""Reads of whole articles, each a fixed number of queries whatever the article's size."""

from django.db.models import Prefetch

from articles.models import Article, Section
from articles.textformat import render_article
from claims.models import Citation, Claim
from sources.models import Source


def article_sections(article: Article) -> list[Section]:
    return list(article.sections.order_by("order"))


def article_claims(article: Article) -> list[Claim]:
    """Return the article's current claims in article order with their citations, sources and figures."""
    return list(
        Claim.objects.for_article(article)
        .in_article_order()
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("is_inferred", "position"),
            ),
            "figures",
        )
    )


def article_sources(article: Article) -> list[Source]:
    return list(Source.objects.filter(article=article).order_by("number", "key"))


def article_as_text(article: Article) -> str:
    """Return the article in the plain-text import format."""
    return render_article((section.heading, section.body) for section in article_sections(article))


def citation_keys(claim: Claim, *, inferred: bool) -> list[str]:
    return [c.source.key for c in claim.citations.all() if c.is_inferred == inferred]


def source_as_dict(source: Source) -> dict:
    return {
        "key": source.key,
        "number": source.number,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "url": source.url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "accessed_on": source.accessed_on.isoformat() if source.accessed_on else None,
        "archive_url": source.archive_url,
        "kind": source.kind,
        "reliability": source.reliability,
    }


def article_as_dict(article: Article) -> dict:
    """Return the article as the export JSON: sections, claims in article order, sources."""
    sections = article_sections(article)
    lead = next((section for section in sections if section.is_lead), None)
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": lead.body if lead else "",
        "sections": [
            {"heading": s.heading, "level": s.level, "body": s.body} for s in sections if not s.is_lead
        ],
        "claims": [
            {
                "id": claim.pk,
                "section": claim.section.heading,
                "text": claim.text,
                "sources": citation_keys(claim, inferred=False),
                "inferred_sources": citation_keys(claim, inferred=True),
            }
            for claim in article_claims(article)
        ],
        "sources": [source_as_dict(source) for source in article_sources(article)],
    }
