"""An article as a file: the plain-text format, wikitext and JSON, each a fixed number of queries."""

from articles.models import Article, Section
from articles.textformat import POSITIVE_NUMBER
from articles.textformat import render_article as render_article_text
from articles.wikitext.writing import write_wikitext
from claims.models import Citation, Claim
from claims.selectors import (
    article_claims,
)
from sources.models import Source
from sources.references import DETAIL_FIELDS, IMPORTED_FIELDS, encode, reference_line_text


def article_sections(article: Article) -> list[Section]:
    return list(article.sections.order_by("order"))


def article_sources(article: Article) -> list[Source]:
    return list(Source.objects.filter(article=article).order_by("number", "key"))


def article_as_text(article: Article) -> str:
    """Return the article in the plain-text import format, its References block last."""
    sections = [(section.heading, section.body) for section in article_sections(article)]
    return render_article_text(sections, reference_entries(article_sources(article)))


def article_as_wikitext(article: Article) -> str:
    """Return the article as wikitext: its sections, a citation template for each source, a Reflist."""
    pages = cited_pages_by_section(article)
    sections = [
        (section.heading, section.level, section.body, pages.get(section.pk, ()))
        for section in article_sections(article)
    ]
    sources = {
        source.key: {
            **{name: encode(getattr(source, name)) for name in (*IMPORTED_FIELDS, *DETAIL_FIELDS)},
            "citation_text": source.citation_text,
        }
        for source in article_sources(article)
    }
    return write_wikitext(sections, sources)


def cited_pages_by_section(article: Article) -> dict[int, tuple[tuple[str, int, str], ...]]:
    """Return each section's (key, n, page): the n-th marker [key] of its body cites that page (the
    first marker of a key in a claim carries the claim's citation's pages)."""
    cited = {
        (claim_id, key): pages
        for claim_id, key, pages in Citation.objects.filter(
            claim__section__article=article, claim__retired_at__isnull=True, is_inferred=False
        )
        .exclude(pages="")
        .values_list("claim_id", "source__key", "pages")
    }
    if not cited:
        return {}
    result: dict[int, list] = {}
    seen: dict[int, dict[str, int]] = {}
    claims = (
        Claim.objects.active()
        .filter(section__article=article)
        .order_by("section_id", "position")
        .values_list("pk", "section_id", "markers")
    )
    for claim_id, section_id, markers in claims:
        counts = seen.setdefault(section_id, {})
        first_in_claim: set[str] = set()
        for key, _offset in markers or []:
            counts[key] = counts.get(key, 0) + 1
            if key not in first_in_claim and (claim_id, key) in cited:
                result.setdefault(section_id, []).append((key, counts[key], cited[claim_id, key]))
            first_in_claim.add(key)
    return {section_id: tuple(pages) for section_id, pages in result.items()}


def reference_entries(sources: list[Source]) -> list[tuple[str, str]]:
    """Return ``(key, citation text)`` for the References block: every source that had a line in the
    last imported block (in its order), then every other source with details or a key that is not a
    number (which the import format reads only when the block declares it)."""
    listed = sorted(
        (source for source in sources if source.reference_position is not None),
        key=lambda source: source.reference_position,
    )
    listed += sorted(
        (
            source
            for source in sources
            if source.reference_position is None
            and (not source.is_placeholder or not POSITIVE_NUMBER.fullmatch(source.key))
        ),
        key=lambda source: (source.number is None, source.number or 0, source.key),
    )
    return [(source.key, source_citation_text(source)) for source in listed]


def source_citation_text(source: Source) -> str:
    current = {name: encode(getattr(source, name)) for name in IMPORTED_FIELDS}
    return reference_line_text(current, source.imported_values or {}, source.citation_text)


def citation_keys(claim: Claim, *, inferred: bool) -> list[str]:
    return [c.source.key for c in claim.citations.all() if c.is_inferred == inferred]


def source_as_dict(source: Source) -> dict:
    return {
        "key": source.key,
        "number": source.number,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "work": source.work,
        "url": source.url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "published_text": source.published_text,
        "accessed_on": source.accessed_on.isoformat() if source.accessed_on else None,
        "archive_url": source.archive_url,
        "archived_on": source.archived_on.isoformat() if source.archived_on else None,
        "citation_text": source.citation_text,
        "quote": source.quote,
        "pages": source.pages,
        "isbn": source.isbn,
        "doi": source.doi,
        "url_status": source.url_status,
        "kind": source.kind,
        "reliability": source.reliability,
        "is_dead_link": source.is_dead_link,
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
                "cited_pages": {c.source.key: c.pages for c in claim.citations.all() if c.pages},
            }
            for claim in article_claims(article)
        ],
        "sources": [source_as_dict(source) for source in article_sources(article)],
    }
