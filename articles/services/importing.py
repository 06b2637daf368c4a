"""Importing an article from a file (plain text or wikitext): its sources from the References block,
its sections matched by heading, and its claims re-read, as one unit of work."""

from collections import Counter
from dataclasses import dataclass, replace

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from articles.errors import (
    ArticleFormatError,
    ArticleInTrash,
    ImportWouldOverwrite,
)
from articles.models import Article, Section
from articles.selectors import article_edits_since_import
from articles.services.unit import editorial_revision
from articles.textformat import POSITIVE_NUMBER, ParsedArticle, ParsedSection, parse_article
from articles.wikitext.detection import WIKITEXT, detect_format
from articles.wikitext.reading import read_wikitext
from articles.wikitext.report import ImportReport
from claims.findings import findings_refresh
from claims.models import Claim
from claims.sentences import rename_markers
from claims.services import SyncResult, claims_set_citation_pages, claims_sync
from editorial.bulk import update_rows_with_history
from editorial.work import article_locked, article_touched
from sources.models import Source
from sources.references import DETAIL_FIELDS, IMPORTED_FIELDS, decode, encode, line_values, plan_update

# Each imported value is fitted to its field, so a long citation never fails an import on PostgreSQL.
SOURCE_FIELDS = (*IMPORTED_FIELDS, *DETAIL_FIELDS)


SOURCE_FIELD_LENGTHS = {name: Source._meta.get_field(name).max_length for name in SOURCE_FIELDS}


DEAD_STATUSES = frozenset({"dead", "unfit", "usurped"})


def fitted(fields: dict) -> dict[str, str]:
    """Return ``fields`` fitted to the source's columns; a URL too long is left out rather than cut."""
    values = {}
    for name in SOURCE_FIELDS:
        value = fields.get(name, "") or ""
        limit = SOURCE_FIELD_LENGTHS.get(name)
        if limit and len(value) > limit:
            value = "" if name.endswith("url") else value[: limit - 1].rstrip() + "…"
        values[name] = value
    return values


@dataclass(frozen=True)
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return text + (f", {self.deleted} deleted" if self.deleted else "")


@dataclass(frozen=True)
class ReferenceCount:
    """How the References block was read: its lines, those read fully, and the fields an editor had
    changed since the last import, which the import left alone."""

    lines: int = 0
    read_fully: int = 0
    kept_fields: int = 0

    def __str__(self):
        text = f"{self.lines} lines, {self.read_fully} read fully"
        return text + (f", {self.kept_fields} edited fields kept" if self.kept_fields else "")


@dataclass(frozen=True)
class ImportResult:
    article: Article
    article_created: bool
    sections: Tally
    sources: Tally
    claims: Tally
    references: ReferenceCount = ReferenceCount()
    report: ImportReport | None = None  # what a wikitext import left out, and how it read each <ref>
    title_changed: bool = False

    @property
    def has_changes(self) -> bool:
        return (
            self.article_created
            or self.title_changed
            or any(
                tally.created or tally.updated or tally.deleted
                for tally in (self.sections, self.sources, self.claims)
            )
        )


FORCED = " (forced over edits made since the last import)"


def title_from_slug(slug: str) -> str:
    """Return a readable default title: ``operation-1107`` becomes ``Operation 1107``."""
    return slug.replace("-", " ").replace("_", " ").strip().capitalize()


def article_import(
    *,
    data: bytes | str,
    slug: str,
    title: str | None = None,
    user=None,
    name: str = "",
    force: bool = False,
    format: str | None = None,
) -> ImportResult:
    """Create or update the article ``slug`` from a file in the plain-text format.

    The file is parsed completely before anything is written, and the writes happen in one transaction,
    so a file that cannot be read changes nothing. ``format`` is "text" or "wikitext"; None tells them
    apart from the file (``detect_format``). Importing the same file twice changes nothing.
    An import that would change an article edited since its last import is refused, writing nothing
    (ImportWouldOverwrite, listing the edits), unless ``force``: then it is one more revision, and the
    edits stay in history.
    """
    wiki_report = None
    if (format or detect_format(data, name)) == WIKITEXT:
        wiki = read_wikitext(data)
        if not any(section.body for section in wiki.sections):
            raise ArticleFormatError("the wikitext has no article text (only markup the import leaves out)")
        parsed = ParsedArticle(sections=wiki.sections, source_numbers=(), references=wiki.references)
        wiki_report = wiki.report
    else:
        parsed = parse_article(data)
    comment = f"Imported {name}".strip() if name else "Imported"
    with editorial_revision(user=user, comment=comment + (FORCED if force else "")):
        article, article_created = Article.objects.get_or_create(
            slug=slug, defaults={"title": title or title_from_slug(slug)}
        )
        if article.is_in_trash:
            raise ArticleInTrash(slug)
        article_locked(article.pk)
        edits = () if article_created or force else article_edits_since_import(article)
        title_changed = bool(title) and article.title != title and not article_created
        if title_changed:
            article.title = title
            article.save(update_fields=["title", "updated_at"])  # marks the article (editorial.work)
        sources, references, renamed = import_sources(article, parsed, user=user)
        sections, claims = import_sections(article, with_keys(parsed, renamed), user=user)
        result = ImportResult(
            article,
            article_created,
            sections,
            sources,
            claims,
            references,
            report=wiki_report,
            title_changed=title_changed,
        )
        if result.has_changes:
            if edits:
                raise ImportWouldOverwrite(edits)  # rolls every write above back
            article.imported_at = timezone.now()
            Article.objects.filter(pk=article.pk).update(imported_at=article.imported_at)
            article_touched(article.pk)
    return result


def import_sources(
    article: Article, parsed: ParsedArticle, *, user=None
) -> tuple[Tally, ReferenceCount, dict[str, str]]:
    """Create a source for each new key, and fill source fields from the References block.

    A field is written only while it still holds what the last import wrote (or nothing): an editor's
    change survives every later import. A source whose line left the block loses what the import wrote.
    Also return the markers to write under another key: a source imported as [12] and renamed since
    (``source_key_rename``) is still the file's [12], so the import neither duplicates it nor undoes the
    rename.
    """
    existing = {source.key: source for source in Source.objects.filter(article=article)}
    renamed = {
        str(source.number): source.key
        for source in existing.values()
        if source.number is not None and str(source.number) not in (source.key, *existing)
    }
    new = [
        Source(article=article, key=key, number=int(key) if POSITIVE_NUMBER.fullmatch(key) else None)
        for key in dict.fromkeys(renamed.get(key, key) for key in parsed.source_keys)
        if key not in existing
    ]
    lines = {
        renamed.get(ref.key, ref.key): (position, ref)
        for position, ref in enumerate(parsed.references, start=1)
    }
    changed, read_fully, kept = [], 0, 0
    for source in [*existing.values(), *new]:
        position, reference = lines.get(source.key, (None, None))
        if position is None and not (source.imported_values or source.reference_position):
            continue  # never imported from a References line: nothing of the import's to update
        outcome = apply_reference(
            source,
            position=position,
            text=reference.text if reference else "",
            fields=reference.fields if reference else None,
        )
        read_fully += outcome.is_read_fully
        kept += outcome.kept_fields
        if outcome.is_changed and source.pk:
            changed.append(source)
    bulk_create_with_history(new, Source, default_user=user, default_change_reason="Imported")
    fields = [*SOURCE_FIELDS, "citation_text", "reference_position", "imported_values", "is_dead_link"]
    update_rows_with_history(Source, changed, fields, user=user, reason="Imported")
    tally = Tally(created=len(new), updated=len(changed), unchanged=len(existing) - len(changed))
    references = ReferenceCount(lines=len(parsed.references), read_fully=read_fully, kept_fields=kept)
    return tally, references, renamed


@dataclass(frozen=True)
class ReferenceOutcome:
    is_changed: bool
    is_read_fully: bool
    kept_fields: int


def apply_reference(
    source: Source, *, position: int | None, text: str, fields: dict | None = None
) -> ReferenceOutcome:
    """Set (not save) the fields a References line (or a wikitext citation, ``fields``) gives ``source``
    where the editor left them as the last import wrote them; with no line (``position`` None), clear
    what the import had written."""
    if position is None:
        remembered = source.imported_values or {}
        written = [*IMPORTED_FIELDS, *(name for name in DETAIL_FIELDS if name in remembered)]
        incoming, is_read_fully = dict.fromkeys(written, ""), False
    elif fields is not None:
        incoming, is_read_fully = fitted(fields), True
    else:
        incoming, is_read_fully = line_values(text, SOURCE_FIELD_LENGTHS)
    current = {name: encode(getattr(source, name)) for name in SOURCE_FIELDS}
    plan = plan_update(current, source.imported_values or {}, incoming)
    state = {"citation_text": text, "reference_position": position, "imported_values": plan.imported}
    is_changed = bool(plan.changes) or any(getattr(source, name) != value for name, value in state.items())
    for name, value in plan.changes.items():
        setattr(source, name, decode(name, value))
    for name, value in state.items():
        setattr(source, name, value)
    if source.url_status in DEAD_STATUSES and source.archive_url and not source.is_dead_link:
        source.is_dead_link = True  # the citation says so: fetches go to the archive
        is_changed = True
    return ReferenceOutcome(is_changed, is_read_fully, len(plan.kept))


def with_keys(parsed: ParsedArticle, renamed: dict[str, str]) -> ParsedArticle:
    """Return the parsed article with the markers of renamed sources written under their keys of now."""
    if not renamed:
        return parsed
    sections = tuple(
        replace(
            section,
            body=rename_markers(section.body, renamed),
            cited_pages=tuple((renamed.get(key, key), n, page) for key, n, page in section.cited_pages),
        )
        for section in parsed.sections
    )
    return replace(parsed, sections=sections)


def import_sections(article: Article, parsed: ParsedArticle, *, user) -> tuple[Tally, Tally]:
    """Create, update or delete sections so the article matches the file, then re-read changed bodies.

    Sections are matched by heading (the n-th section with a heading matches the n-th one in the file),
    so inserting a section in the middle of a file does not rewrite every section after it.
    """
    sections = list(article.sections.order_by("order"))
    existing = dict(zip(occurrence_keys(s.heading for s in sections), sections, strict=True))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    claims = SyncResult()
    keys = occurrence_keys(parsed_section.heading for parsed_section in parsed.sections)
    matched = set(keys)
    pages_by_section = {}
    for order, (key, parsed_section) in enumerate(zip(keys, parsed.sections, strict=True)):
        section, outcome = upsert_section(article, existing.get(key), parsed_section, order, user=user)
        counts[outcome] += 1
        if outcome != "unchanged":
            claims += claims_sync(section=section, user=user, reason="Imported", refresh_findings=False)
        pages_by_section[section.pk] = parsed_section.cited_pages
    # Every section, changed or not: a file whose only change is a cited page changes that citation.
    claims_set_citation_pages(pages_by_section=pages_by_section, user=user, reason="Imported")
    stale = [section for key, section in existing.items() if key not in matched]
    for section in stale:
        section.delete()
    if claims.has_changes or stale:
        findings_refresh(article_id=article.pk, user=user)  # once for the whole file
    claims_unchanged = article_claim_count(article) - claims.created - claims.edited
    return (
        Tally(deleted=len(stale), **counts),
        Tally(
            created=claims.created, updated=claims.edited, unchanged=claims_unchanged, deleted=claims.retired
        ),
    )


def occurrence_keys(headings) -> list[tuple[str, int]]:
    """Return (heading, n) for each heading in order, n counting the earlier ones with that heading.

    Counted, not searched for: a file of thousands of sections headed "Notes" stays linear."""
    seen: Counter[str] = Counter()
    keys = []
    for heading in headings:
        keys.append((heading, seen[heading]))
        seen[heading] += 1
    return keys


def upsert_section(article, section: Section | None, parsed: ParsedSection, order: int, *, user):
    """Return the section written from ``parsed`` and whether it was created, updated or unchanged."""
    fields = {"heading": parsed.heading, "level": parsed.level, "body": parsed.body, "order": order}
    if section is None:
        return Section.objects.create(article=article, updated_by=user, **fields), "created"
    if all(getattr(section, name) == value for name, value in fields.items()):
        return section, "unchanged"
    for name, value in fields.items():
        setattr(section, name, value)
    section.version += 1
    section.updated_by = user
    section.save()
    return section, "updated"


def article_claim_count(article: Article) -> int:
    return Claim.objects.for_article(article).count()
