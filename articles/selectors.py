"""Reads of whole articles, each a fixed number of queries whatever the article's size."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from accounts.names import public_name
from articles.models import Article, Section
from articles.rendering.history import SectionChange, SectionSnapshot, section_changes
from articles.rendering.jsonld import claim_reviews
from articles.rendering.page import (
    ClaimInput,
    FigureSpan,
    RenderedArticle,
    SectionInput,
    SourceInput,
    render_article,
)
from articles.rendering.review import (
    LATEST,
    REVIEWED,
    ApprovedWording,
    ReviewState,
    awaiting_review,
    changed_wordings,
    reviewed_sections,
    with_review_marks,
)
from articles.textformat import render_article as render_article_text
from claims.models import Citation, Claim
from claims.report import Summary, report_as_dict, summarize
from claims.selectors import article_claims, claim_row, reader_claims
from pagecache import pointers
from sources.models import Source


def article_pointer(slug: str) -> tuple[int, int] | None:
    """Return the public article's (id, content version) for ``slug``, from the cache when it can."""
    pointer = pointers.read(slug)
    if pointer is None:
        pointer = Article.objects.public().filter(slug=slug).values_list("pk", "content_version").first()
        if pointer is not None:
            pointers.remember(slug, *pointer)
    return tuple(pointer) if pointer is not None else None


def article_sections(article: Article) -> list[Section]:
    return list(article.sections.order_by("order"))


def article_sources(article: Article) -> list[Source]:
    return list(Source.objects.filter(article=article).order_by("number", "key"))


def article_as_text(article: Article) -> str:
    """Return the article in the plain-text import format."""
    return render_article_text((section.heading, section.body) for section in article_sections(article))


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


@dataclass(frozen=True)
class LastEdit:
    at: datetime
    by: str  # the public name, never the login; "" for an import or a command


@dataclass(frozen=True)
class ArticlePage:
    rendered: RenderedArticle
    summary: Summary
    claim_reviews: list[dict]
    last_edit: LastEdit | None = None
    view: str = LATEST
    awaiting_review: int = 0  # statements the reviewed view does not show as they now read
    approved_wordings: tuple[ApprovedWording, ...] = ()  # the latest view's changed statements


def source_input(source: Source) -> SourceInput:
    return SourceInput(
        key=source.key,
        number=source.number,
        title=source.title,
        publisher=source.publisher,
        author=source.author,
        url=source.url,
        published_on=source.published_on,
        accessed_on=source.accessed_on,
        archive_url=source.archive_url,
        kind=source.get_kind_display(),
        reliability=source.get_reliability_display(),
    )


def claim_input(claim: Claim) -> ClaimInput:
    """Return the rendering input of a claim fetched by ``article_claims`` (no query)."""
    return ClaimInput(
        id=claim.pk,
        text=claim.text,
        paragraph=claim.paragraph,
        markers=tuple((str(key), int(offset)) for key, offset in claim.markers),
        inferred_keys=tuple(citation_keys(claim, inferred=True)),
        flags=claim.flag_names,
        figures=tuple(FigureSpan(figure.start, figure.end) for figure in claim.figures.all()),
        status=claim.status,
        reviewed_at=claim.reviewed_at,
    )


def section_inputs(sections: list[Section], claims: list[Claim]) -> tuple[SectionInput, ...]:
    by_section: dict[int, list[ClaimInput]] = {}
    for claim in claims:
        by_section.setdefault(claim.section_id, []).append(claim_input(claim))
    return tuple(
        SectionInput(section.heading, section.level, section.anchor, tuple(by_section.get(section.pk, ())))
        for section in sections
    )


def review_state(claim: Claim) -> ReviewState:
    """Return what readers may know of a claim's review (reviewers and approvers joined by
    ``reader_claims``: no query); a note the reviewer kept private is left out here."""
    approved = bool(claim.approved_raw)
    return ReviewState(
        id=claim.pk,
        status=claim.status,
        reviewed_at=claim.reviewed_at,
        reviewer=public_name(claim.reviewed_by),
        public_note=claim.review_note if claim.note_is_public else "",
        approved_text=(claim.approved_text or claim.approved_raw) if approved else "",
        approved_markers=tuple((str(key), int(offset)) for key, offset in claim.approved_markers)
        if approved
        else (),
        approved_at=claim.approved_at,
        approved_by=public_name(claim.approved_by),
        is_changed=claim.changed_since_approval,
        is_retired=claim.is_retired,
    )


def page_sources(article: Article, claims: list[Claim], shown) -> dict[str, SourceInput]:
    """Return the sources the page cites: those of the claims' citations, and any an approved wording
    cites that no current citation does (one more query, only then)."""
    sources = {c.source.key: source_input(c.source) for claim in claims for c in claim.citations.all()}
    keys = {key for section in shown for claim in section.claims for key, _ in claim.markers}
    missing = keys - set(sources)
    if missing:
        sources.update(
            (source.key, source_input(source))
            for source in Source.objects.filter(article=article, key__in=missing)
        )
    return sources


def article_page(article: Article, *, highlight: bool, article_url: str, view: str = LATEST) -> ArticlePage:
    """Return the reader's page of ``article`` in ``view`` (latest or reviewed) in five queries (sections,
    claims, citations with their sources, figures, the last edit), whatever the article's size."""
    reviewed = view == REVIEWED
    sections, claims = article_sections(article), reader_claims(article, with_removed=reviewed)
    current = [claim for claim in claims if not claim.is_retired]
    states = {claim.pk: review_state(claim) for claim in claims}
    latest = section_inputs(sections, current)
    shown = reviewed_sections(section_inputs(sections, claims), states) if reviewed else latest
    rendered = render_article(shown, page_sources(article, claims, shown), highlight=highlight)
    return ArticlePage(
        rendered=with_review_marks(rendered, states, view=view),
        summary=summarize([claim_row(claim) for claim in current]),
        claim_reviews=claim_reviews(latest, article_url=article_url),
        last_edit=article_last_edit(article),
        view=view,
        awaiting_review=awaiting_review(states.values()),
        approved_wordings=() if reviewed else changed_wordings(latest, states),
    )


def article_last_edit(article: Article) -> LastEdit | None:
    """Return when the article last changed and who changed it: every revision of one of its sections
    holds a version of the article too (sections follow their article), so it is the newest of those."""
    version = Version.objects.get_for_object(article).select_related("revision__user__profile").first()
    if version is None:
        return None
    return LastEdit(at=version.revision.date_created, by=public_name(version.revision.user))


def article_public_json(article: Article) -> dict:
    """Return what ``/articles/<slug>.json`` serves: the article, its sections, claims with their flags
    and figures, sources and the fact-check summary, in five queries."""
    sections, claims, sources = article_sections(article), article_claims(article), article_sources(article)
    report = report_as_dict(article.slug, [claim_row(claim) for claim in claims])
    return {
        "article": {
            "title": article.title,
            "slug": article.slug,
            "url": article.get_absolute_url(),
            "content_version": article.content_version,
        },
        "sections": [
            {"heading": s.heading, "level": s.level, "anchor": s.anchor, "body": s.body} for s in sections
        ],
        "claims": report["claims"],
        "sources": [
            {**source_as_dict(source), "page": reverse("articles:source", args=[article.slug, source.key])}
            for source in sources
        ],
        "summary": report["summary"],
    }


def source_citations(source: Source) -> list[Citation]:
    """Return the citations of ``source`` by current claims, in article order, claims and sections joined."""
    return list(
        Citation.objects.filter(source=source, claim__retired_at__isnull=True)
        .select_related("claim__section")
        .defer(
            "claim__section__body"
        )  # one copy of a section's text per citing claim would grow as its square
        .order_by("claim__section__order", "claim__position")
    )


def article_revisions(article: Article) -> list[Version]:
    """Return the article's revisions, newest first, with who made them and their public names."""
    return list(Version.objects.get_for_object(article).select_related("revision__user__profile"))


def revision_sections(article: Article, version: Version) -> list[SectionSnapshot]:
    """Return the sections of ``article`` as the revision of ``version`` stored them."""
    section_versions = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(Section)
    )
    snapshots = []
    for section_version in section_versions:
        fields = section_version.field_dict
        if fields["article_id"] == article.pk:
            snapshots.append(
                SectionSnapshot(
                    section_version.object_id,
                    fields["heading"],
                    fields["level"],
                    fields["order"],
                    fields["body"],
                )
            )
    return snapshots


def revision_changes(article: Article, old: Version, new: Version) -> tuple[SectionChange, ...]:
    return section_changes(revision_sections(article, old), revision_sections(article, new))
