"""Reads of whole articles, each a fixed number of queries whatever the article's size."""

import json
from collections.abc import Container
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Max, Min, Q
from django.urls import reverse
from reversion.models import Version

from accounts.names import public_name
from articles.models import Article, RevisionOutline, Section
from articles.outlines import key_aliases, latest_section_versions, outline_at, sections_at
from articles.rendering.citations import (
    BodySection,
    CitationLegend,
    ReaderDiffPiece,
    citation_legend,
    citation_numbers,
    reader_diff,
)
from articles.rendering.history import (
    SectionChange,
    SectionSnapshot,
    change_summary,
    markers_as,
    section_changes,
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
from articles.rendering.revision import missing_keys, revision_inputs
from articles.textformat import POSITIVE_NUMBER
from articles.textformat import render_article as render_article_text
from articles.wikitext.writing import write_wikitext
from claims.models import Citation, Claim
from claims.report import Summary, report_as_dict, summarize
from claims.selectors import (
    ReaderClaim,
    article_claims,
    factcheck_rows,
    public_findings,
    raised_conflicts,
    reader_claims,
)
from pagecache import pointers
from sources.models import Snapshot, Source
from sources.references import DETAIL_FIELDS, IMPORTED_FIELDS, encode, reference_line_text


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


@dataclass(frozen=True)
class SourceCapture:
    """When Verity last kept the source's text, and how (readers learn how old the checked text is)."""

    at: datetime
    how: str  # "fetched from its address", "uploaded as a file, report.pdf", "pasted by an editor"
    count: int


CAPTURE_WORDS = {
    Snapshot.Origin.FETCH: "fetched from its address",
    Snapshot.Origin.UPLOAD: "uploaded as a file",
    Snapshot.Origin.PASTE: "pasted by an editor",
}


def source_capture(source: Source) -> SourceCapture | None:
    """Return when the source's latest snapshot was taken and how many there are, or None without one."""
    snapshots = Snapshot.objects.filter(source=source)
    latest = snapshots.order_by("-created_at", "-id").values("created_at", "origin", "file_name").first()
    if latest is None:
        return None
    how = CAPTURE_WORDS.get(latest["origin"], "")
    if latest["file_name"]:
        how = f"{how}, {latest['file_name']}"
    return SourceCapture(latest["created_at"], how, snapshots.count())


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
    """Return the article's revisions, newest first, with who made them and their public names; each
    has ``section_changes``, the line saying which sections it changed and how ("History: +12 −3
    words; Aftermath: added"), written with the revision. Two queries."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user__profile"))
    summaries = {
        revision_id: change_summary(changes, count)
        for revision_id, changes, count in RevisionOutline.objects.filter(article=article).values_list(
            "revision_id", "changes", "changed_count"
        )
    }
    for version in versions:
        version.section_changes = summaries.get(version.revision_id, "")
    return versions


def revision_sections(article: Article, version: Version) -> list[SectionSnapshot]:
    """Return every section ``article`` had at the revision of ``version``, in order, with the heading,
    level and text it had then: the revision's outline, and each section's latest version at or before
    the revision (a revision stores only the sections it changed). Two queries, whatever the size."""
    return sections_at(article.pk, version.revision_id)


def revision_changes(article: Article, old: Version, new: Version) -> tuple[SectionChange, ...]:
    """Return the sections that differ between two revisions, their markers written with the keys of now:
    a key renamed between the two is no change (it showed as "+2 −2 words", every marker struck and
    added again)."""
    old_keys = key_aliases(article.pk, as_of=old.revision.date_created)
    new_keys = key_aliases(article.pk, as_of=new.revision.date_created)
    return section_changes(
        [replace(s, body=markers_as(s.body, old_keys)) for s in revision_sections(article, old)],
        [replace(s, body=markers_as(s.body, new_keys)) for s in revision_sections(article, new)],
    )


def article_citation_numbers(article_id: int, keys: Container[str]) -> dict[str, int]:
    """Return the number readers see for each key the article cites now, in one query (``keys``, the
    article's source keys, tell a citation from an editorial bracket such as "[sic]")."""
    rows = (
        Section.objects.filter(article_id=article_id)
        .order_by("order")
        .values_list("heading", "level", "body")
    )
    return citation_numbers((BodySection(*row) for row in rows), keys)


def article_citation_legend(article_id: int) -> CitationLegend:
    """Return the section form's legend: every source key of the article, its title and the number
    readers see for it, in two queries whatever the article's size."""
    titles = dict(Source.objects.filter(article_id=article_id).values_list("key", "title"))
    return citation_legend(article_citation_numbers(article_id, titles), titles)


def renamed_keys(article_id: int, *, as_of: datetime | None = None) -> dict[str, str]:
    """Return the keys of the article's sources that changed since (``key_aliases``), old → new: what a
    revert, a recovery or a stale form needs to cite the same sources under their keys of now."""
    return {old: new for old, new in key_aliases(article_id, as_of=as_of).items() if old != new}


@dataclass(frozen=True)
class ReaderSectionChange:
    """A section's change as the public history shows it: markers as the numbers readers see now."""

    change: SectionChange
    pieces: tuple[ReaderDiffPiece, ...]


def public_revision_changes(article: Article, old: Version, new: Version) -> tuple[ReaderSectionChange, ...]:
    """Return the sections changed between two revisions, each marker shown as ``[n]``: the number
    readers see for its source in the current article (its title on hover), never an editor's key."""
    changes = revision_changes(article, old, new)
    if not changes:
        return ()
    titles = dict(Source.objects.filter(article=article).values_list("key", "title"))
    numbers = article_citation_numbers(article.pk, titles)
    return tuple(ReaderSectionChange(change, reader_diff(change.diff, numbers, titles)) for change in changes)


# Version ids are a 32-bit AutoField: a larger number in a URL is no revision (and no database error).
MAX_REVISION_ID = 2**31 - 1


@dataclass(frozen=True)
class RevisionPage:
    """One revision of an article as readers see it (``/articles/<slug>/history/<id>/``)."""

    id: int  # the article's Version id: the one the history's comparison (?from=&to=) uses
    title: str  # the article's title at the revision
    at: datetime
    by: str  # the public name; "" for an import or a command
    comment: str
    rendered: RenderedArticle  # without flags: they are known for the current text only
    previous_id: int | None
    next_id: int | None  # None: this is the current revision
    gone_keys: frozenset[str] = frozenset()  # cited then, no source has them now

    @property
    def is_latest(self) -> bool:
        return self.next_id is None


def revision_page(article: Article, revision_id: int) -> RevisionPage | None:
    """Return the article as revision ``revision_id`` stored it, rendered for readers, or None when that
    is no revision of this article. A fixed number of queries whatever the article's size (the revision
    with its author, its sections, its neighbours, the key history, the sources)."""
    if not 0 < revision_id <= MAX_REVISION_ID:
        return None
    versions = Version.objects.get_for_object(article)
    version = versions.filter(pk=revision_id).select_related("revision__user__profile").first()
    if version is None:
        return None
    neighbours = versions.aggregate(
        previous=Max("pk", filter=Q(pk__lt=version.pk)), next=Min("pk", filter=Q(pk__gt=version.pk))
    )
    at = version.revision.date_created
    sections = revision_inputs(revision_sections(article, version), key_aliases(article.pk, as_of=at))
    rows = Source.objects.filter(article=article).defer(*SOURCE_UNREAD)
    sources = {source.key: source_input(source) for source in rows}
    return RevisionPage(
        id=version.pk,
        title=version.field_dict.get("title") or article.title,
        at=at,
        by=public_name(version.revision.user),
        comment=version.revision.get_comment(),
        rendered=render_article(sections, sources, highlight=False),
        previous_id=neighbours["previous"],
        next_id=neighbours["next"],
        gone_keys=missing_keys(sections, sources),
    )


@dataclass(frozen=True)
class ArticleEdit:
    """An edit made since the article's last import, which the next import would overwrite."""

    what: str
    who: str
    when: datetime

    def __str__(self):
        return f"{self.what}, by {self.who}, {self.when:%Y-%m-%d %H:%M} UTC"


def username(user) -> str:
    return user.get_username() if user else "someone"


def article_edits_since_import(article: Article) -> tuple[ArticleEdit, ...]:
    """Return the edits made to the article since its last import, newest first: sections changed,
    added or deleted, and the article's own details. In an article never imported every section counts."""
    since = {"updated_at__gt": article.imported_at} if article.imported_at else {}
    edits = [
        ArticleEdit(f"section “{section}” changed", username(section.updated_by), section.updated_at)
        for section in article.sections.filter(**since).select_related("updated_by")
    ]
    if article.imported_at:
        edits += sections_deleted_since_import(article)
        edits += article_details_edits(article)
    return tuple(sorted(edits, key=lambda edit: edit.when, reverse=True))


def sections_deleted_since_import(article: Article) -> list[ArticleEdit]:
    """Return the sections the last import wrote that are gone, each with the first revision after the
    import whose outline no longer lists it."""
    revisions = Version.objects.get_for_object(article)
    imported = revisions.filter(revision__date_created__lte=article.imported_at).order_by("-pk").first()
    if imported is None:
        return []
    at_import = [pk for pk, _ in outline_at(article.pk, imported.revision_id)]
    current = set(article.sections.values_list("pk", flat=True))
    gone = [pk for pk in at_import if pk not in current]
    if not gone:
        return []
    headings = {
        int(pk): version.object_repr
        for pk, version in latest_section_versions(map(str, gone), at_or_before=imported.revision_id).items()
    }
    later = (
        RevisionOutline.objects.filter(
            article=article, revision_id__gt=imported.revision_id, sections__isnull=False
        )
        .select_related("revision__user")
        .order_by("revision_id")
    )
    deleting = {}
    for outline in later.iterator():
        listed = {pk for pk, _ in outline.sections}
        for pk in gone:
            if pk not in listed and pk not in deleting:
                deleting[pk] = outline.revision
        if len(deleting) == len(gone):
            break
    edits = []
    for pk in gone:
        revision = deleting.get(pk)
        who = username(revision.user) if revision else "someone"
        when = revision.date_created if revision else article.imported_at
        edits.append(ArticleEdit(f"section “{headings.get(pk, '')}” deleted", who, when))
    return edits


ARTICLE_DETAILS = ("title", "slug", "is_public")


def article_details_edits(article: Article) -> list[ArticleEdit]:
    """Return the edit of the article's own fields since its last import, if they differ from what the
    import left, with the user and time of the first revision that changed them. (``updated_at`` moves
    with every published change, so it cannot tell.)"""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))
    at_import = [v for v in versions if v.revision.date_created <= article.imported_at]
    if not at_import:
        return []
    imported = {name: at_import[-1].field_dict.get(name) for name in ARTICLE_DETAILS}
    if {name: getattr(article, name) for name in ARTICLE_DETAILS} == imported:
        return []
    later = [v for v in versions if v.revision.date_created > article.imported_at]
    changer = next((v for v in later if {n: v.field_dict.get(n) for n in ARTICLE_DETAILS} != imported), None)
    who = username(changer.revision.user) if changer else "someone"
    when = changer.revision.date_created if changer else article.updated_at
    return [ArticleEdit("article details (title, address or visibility) changed", who, when)]
