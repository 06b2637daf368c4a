"""The reader's article page and the editor's preview: the inputs the pure renderer takes, read in a fixed
number of queries whatever the article's size."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from reversion.models import Version

from accounts.names import public_name
from articles.models import Article
from articles.outlines import key_aliases
from articles.rendering.history import (
    SectionSnapshot,
)
from articles.rendering.jsonld import claim_reviews
from articles.rendering.markup import ArticleMarkup, article_markup
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
from articles.rendering.revision import revision_inputs
from articles.selectors.exports import article_sections, article_sources, source_as_dict
from claims.report import Summary, report_as_dict, summarize
from claims.selectors import (
    ReaderClaim,
    factcheck_rows,
    public_findings,
    raised_conflicts,
    reader_claims,
)
from pagecache import pointers
from sources.models import Source


def article_pointer(slug: str) -> tuple[int, int, int] | None:
    """Return the public article's (id, content version, time of that version in seconds since the epoch)
    for ``slug``, from the cache when it can."""
    pointer = pointers.read(slug)
    if pointer is None:
        row = (
            Article.objects.public()
            .filter(slug=slug)
            .values_list("pk", "content_version", "updated_at")
            .first()
        )
        if row is None:
            return None
        pointer = (row[0], row[1], int(row[2].timestamp()))
        pointers.remember(slug, *pointer)
    return tuple(pointer)


@dataclass(frozen=True)
class LastEdit:
    at: datetime
    by: str  # the public name, never the login; "" for an import or a command
    revision_id: int = 0  # the article's version id: its permanent page is /articles/<slug>/history/<id>/


@dataclass(frozen=True)
class ArticlePage:
    rendered: RenderedArticle
    summary: Summary
    claim_reviews: list[dict]
    last_edit: LastEdit | None = None
    view: str = LATEST
    awaiting_review: int = 0  # statements the reviewed view does not show as they now read
    approved_wordings: tuple[ApprovedWording, ...] = ()  # the latest view's changed statements
    section_ids: tuple[int, ...] = ()  # of the headed sections, in the order of ``rendered.sections``
    lead_section_id: int | None = None  # the first lead section's, for its [edit] link


# What get_kind_display() and get_reliability_display() say, without their cost per call (they make the
# field's choices hashable each time: a third of a large page's render).
KIND_LABELS = dict(Source.Kind.choices)


RELIABILITY_LABELS = dict(Source.Reliability.choices)


def source_input(source: Source, quotes: tuple[str, ...] = ()) -> SourceInput:
    return SourceInput(
        key=source.key,
        number=source.number,
        title=source.title,
        publisher=source.publisher,
        author=source.author,
        work=source.work,
        url=source.url,
        published_on=source.published_on,
        published_text=source.published_text,
        accessed_on=source.accessed_on,
        archive_url=source.archive_url,
        archived_on=source.archived_on,
        kind=KIND_LABELS.get(source.kind, source.kind),
        reliability=RELIABILITY_LABELS.get(source.reliability, source.reliability),
        quotes=quotes,
        is_dead_link=source.is_dead_link,
        pages=source.pages,
        isbn=source.isbn,
        doi=source.doi,
        quote=source.quote,
    )


def claim_input(
    claim: ReaderClaim, keys: dict[int, str], conflicts: dict[int, tuple[int, ...]] | None = None
) -> ClaimInput:
    """Return the rendering input of a claim read by ``reader_claims``; ``keys`` maps source ids to keys."""
    return ClaimInput(
        conflicts_with=(conflicts or {}).get(claim.id, ()),
        id=claim.id,
        text=claim.text,
        paragraph=claim.paragraph,
        markers=tuple((str(key), int(offset)) for key, offset in claim.markers),
        inferred_keys=tuple(keys[source] for source, is_inferred, _ in claim.citations if is_inferred),
        pages=tuple((keys[source], pages) for source, pages in claim.cited_pages),
        flags=claim.flags,
        figures=tuple(figure_span(*figure) for figure in claim.figures),
        status=claim.status,
        reviewed_at=claim.reviewed_at,
    )


def figure_span(start: int, end: int, verdict: str, evidence: dict | None) -> FigureSpan:
    evidence = evidence or {}
    return FigureSpan(
        start,
        end,
        verdict=verdict,
        keys=tuple(evidence.get("keys", ())),
        passage=evidence.get("passage", ""),
        says=evidence.get("says", ""),
    )


def section_inputs(
    sections, claims: list[ClaimInput], section_of: dict[int, int]
) -> tuple[SectionInput, ...]:
    """Return the sections with their claims (``section_of`` maps a claim's id to its section's)."""
    by_section: dict[int, list[ClaimInput]] = {}
    for claim in claims:
        by_section.setdefault(section_of[claim.id], []).append(claim)
    return tuple(
        SectionInput(
            section.heading,
            section.level,
            section.anchor,
            tuple(by_section.get(section.pk, ())),
            section.body,
        )
        for section in sections
    )


def review_state(claim: ReaderClaim) -> ReviewState:
    """Return what readers may know of a claim's review (a note the reviewer kept private is left out by
    ``reader_claims``)."""
    approved = bool(claim.approved_raw)
    return ReviewState(
        id=claim.id,
        status=claim.status,
        reviewed_at=claim.reviewed_at,
        reviewer=claim.reviewer,
        public_note=claim.public_note,
        approved_text=(claim.approved_text or claim.approved_raw) if approved else "",
        approved_markers=tuple((str(key), int(offset)) for key, offset in claim.approved_markers)
        if approved
        else (),
        approved_at=claim.approved_at,
        approved_by=claim.approver,
        is_changed=claim.is_changed,
        is_retired=claim.is_retired,
    )


def page_sources(sources: dict[int, Source], claims: list[ReaderClaim]) -> dict[str, SourceInput]:
    """Return every source of the article by key, each with the quotes confirmed for it by the claims'
    citations, in article order."""
    quotes: dict[int, dict[str, None]] = {}  # source id -> distinct confirmed quotes
    for claim in claims:
        for source_id, _, quote in claim.citations:
            if quote:
                quotes.setdefault(source_id, {})[quote] = None
    return {source.key: source_input(source, tuple(quotes.get(source.pk, ()))) for source in sources.values()}


# Source columns the reader's page never reads (the References line and what the import wrote are long).
SOURCE_UNREAD = ("citation_text", "imported_values", "reference_position", "created_at", "updated_at")


def article_page(article: Article, *, highlight: bool, article_url: str, view: str = LATEST) -> ArticlePage:
    """Return the reader's page of ``article`` in ``view`` (latest or reviewed) in a fixed number of queries
    (sections, claims with their reviewers, citations, figures, sources, conflicts, the last edit), whatever
    the article's size."""
    reviewed = view == REVIEWED
    sections, claims = article_sections(article), reader_claims(article, with_removed=reviewed)
    sources = {source.pk: source for source in Source.objects.filter(article=article).defer(*SOURCE_UNREAD)}
    keys = {pk: source.key for pk, source in sources.items()}
    conflicts = raised_conflicts(article)
    section_of = {claim.id: claim.section_id for claim in claims}
    inputs = [claim_input(claim, keys, conflicts) for claim in claims]
    current = [claim for claim, read in zip(inputs, claims, strict=True) if not read.is_retired]
    states = {claim.id: review_state(claim) for claim in claims}
    latest = section_inputs(sections, current, section_of)
    shown = reviewed_sections(section_inputs(sections, inputs, section_of), states) if reviewed else latest
    rendered = render_article(shown, page_sources(sources, claims), highlight=highlight)
    return ArticlePage(
        rendered=with_review_marks(rendered, states, view=view),
        summary=summarize(current),
        claim_reviews=claim_reviews(latest, article_url=article_url),
        last_edit=article_last_edit(article),
        view=view,
        awaiting_review=awaiting_review(states.values()),
        approved_wordings=() if reviewed else changed_wordings(latest, states),
        section_ids=tuple(section.pk for section in sections if section.level > 0),
        lead_section_id=next((section.pk for section in sections if section.level == 0), None),
    )


def section_preview(article: Article, *, heading: str, level: int, body: str) -> ArticleMarkup:
    """Return a section's text, not saved, as readers would see it: sentences, tables and markers
    numbered by first use within it, and the references it cites (no flags: they need the claims a
    save computes). Two queries (the sources, and none for the text)."""
    sources = {
        source.key: source_input(source)
        for source in Source.objects.filter(article=article).defer(*SOURCE_UNREAD)
    }
    aliases = {old: new for old, new in key_aliases(article.pk).items() if old not in sources}
    inputs = revision_inputs([SectionSnapshot("preview", heading, max(level, 0), 0, body)], aliases)
    rendered = render_article(inputs, sources, highlight=False)
    return article_markup(rendered, lambda key: reverse("articles:source", args=[article.slug, key]))


# How far back a slug is looked for: the article versions that name it, newest first.
OLD_SLUG_VERSIONS = 20


def article_by_old_slug(slug: str) -> Article | None:
    """Return the public article that was at ``slug`` before its slug changed, as its revisions tell
    (each saves the article's fields), the newest holder first; None when no article had it, or when
    an article has it now (then it is that one's address). Asked only of a request that found nothing."""
    needle = json.dumps({"slug": slug})[1:-1]  # as reversion's JSON writes the field: "slug": "…"
    versions = (
        Version.objects.get_for_model(Article)
        .filter(serialized_data__contains=needle)
        .order_by("-pk")
        .values_list("object_id", "serialized_data")[:OLD_SLUG_VERSIONS]
    )
    for object_id, data in versions:
        if json.loads(data)[0]["fields"].get("slug") == slug:
            article = Article.objects.public().filter(pk=object_id).exclude(slug=slug).first()
            if article is not None:
                return article
    return None


def article_last_edit(article: Article) -> LastEdit | None:
    """Return when the article last changed and who changed it: every revision of one of its sections
    holds a version of the article too (sections follow their article), so it is the newest of those."""
    version = Version.objects.get_for_object(article).select_related("revision__user__profile").first()
    if version is None:
        return None
    return LastEdit(
        at=version.revision.date_created, by=public_name(version.revision.user), revision_id=version.pk
    )


def article_public_json(article: Article) -> dict:
    """Return what ``/articles/<slug>.json`` serves: the article, its sections, claims with their flags
    and figures, sources, the fact-check summary and the consistency findings, in six queries."""
    sections, sources = article_sections(article), article_sources(article)
    report = report_as_dict(article.slug, factcheck_rows(article))
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
        "conflicts": public_findings(article),
    }
