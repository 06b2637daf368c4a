"""Writes to articles and sections. Each service is one unit of work (``editorial.work``): one import,
one section save or one revert is one transaction and one revision with its user and comment, and the
article's pages are invalidated when it commits."""

from collections import Counter
from dataclasses import dataclass, replace

import reversion
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max
from django.utils import timezone
from reversion.models import Version
from simple_history.utils import bulk_create_with_history

from articles.errors import (
    ArticleFormatError,
    ArticleInTrash,
    ArticleNotInTrash,
    EditConflict,
    ImportWouldOverwrite,
    SectionGone,
    SourceKeyRefused,
    TooManyChangedStatements,
)
from articles.merging import Conflict, merge
from articles.models import Article, Section
from articles.selectors import article_edits_since_import, renamed_keys
from articles.textformat import POSITIVE_NUMBER, ParsedArticle, ParsedSection, parse_article
from articles.wikitext.detection import WIKITEXT, detect_format
from articles.wikitext.reading import read_wikitext
from articles.wikitext.report import ImportReport
from claims.findings import findings_refresh
from claims.models import Claim
from claims.sentences import changed_statement_count, rename_marker, rename_markers
from claims.services import SyncResult, claims_rename_key, claims_set_citation_pages, claims_sync
from editorial.bulk import update_rows_with_history
from editorial.errors import NOT_AN_EDITOR
from editorial.work import article_locked, article_touched, describe, editorial_change
from sources.forms import DUPLICATE_KEY_MESSAGE
from sources.keys import key_problem
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


def editorial_revision(*, user, comment: str, permission: str | None = None, article=None, touch=False):
    """Return the unit of work of an editors' change (refusals say only Editors may make it), taking
    ``article`` first when given (``editorial_change``)."""
    return editorial_change(
        user=user, comment=comment, permission=permission, refusal=NOT_AN_EDITOR, article=article, touch=touch
    )


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
            source, position=position, text=reference.text if reference else "",
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


@dataclass(frozen=True)
class SectionSaved:
    """What a save did: the claims it re-read, and whose change it merged with, if any. A save that would
    change nothing (``is_unchanged``) writes nothing: no revision, no new version."""

    section: Section
    claims: SyncResult
    merged_with: Section | None = None
    is_unchanged: bool = False


def section_save(
    *,
    section: Section,
    body: str,
    user,
    heading: str | None = None,
    level: int | None = None,
    base_version: int,
    comment: str = "",
) -> SectionSaved:
    """Save an editor's new text for ``section``, opened at ``base_version``, as one revision and re-read
    its claims.

    When someone saved the section since, the two changes are merged sentence by sentence (three ways, from
    the text at ``base_version``) and the merge is saved with a comment that says so. Refuses, changing
    nothing: unknown citation keys (UnknownCitationKeys), changes that overlap (EditConflict, with a text
    that keeps the other change), a section deleted meanwhile (SectionGone). A save whose fields are what
    the section already holds (an unchanged Save, a form sent again, a second revert to one revision)
    writes nothing and says so (``is_unchanged``).
    """
    try:
        with editorial_revision(
            user=user,
            comment="",
            permission="articles.change_section",
            article=section.article_id,
            touch=True,
        ):
            saved = save_section_fields(section, body, heading, level, base_version, user, comment)
    except NothingToSave:
        # The unit rolled back the version it raised on entry: no revision, no new version.
        section.refresh_from_db()
        return SectionSaved(section, SyncResult(), is_unchanged=True)
    return saved


class NothingToSave(Exception):
    """Raised inside a save's unit of work when the save would change nothing, so the unit rolls back."""


def save_section_fields(section, body, heading, level, base_version, user, comment) -> SectionSaved:
    """The save itself, inside its unit of work; raises NothingToSave when the fields are what the section
    already holds."""
    current = Section.objects.select_for_update(of=("self",)).filter(pk=section.pk).first()
    if current is None:
        raise SectionGone(section.pk, submitted_body=body)
    wanted = {"body": body, "heading": heading, "level": level}
    wanted = {name: value for name, value in wanted.items() if value is not None}
    merged_with = None
    if current.version != base_version:
        wanted = merged_fields(current, base_version, wanted)
        merged_with = current
    if all(getattr(current, name) == value for name, value in wanted.items()):
        raise NothingToSave
    refuse_large_change(current, wanted.get("body", current.body))
    describe(save_comment(current, comment, merged_with))
    Section.objects.filter(pk=current.pk).update(
        version=F("version") + 1, updated_by=user, updated_at=timezone.now(), **wanted
    )
    section.refresh_from_db()
    reversion.add_to_revision(section)
    claims = claims_sync(section=section, user=user, reason=comment or "Edited")
    return SectionSaved(section, claims, merged_with)


def refuse_large_change(current: Section, body: str) -> None:
    """Raise TooManyChangedStatements when ``body`` changes more of the section's statements than one save
    may check again (a count, before any of the work it would take)."""
    changed = changed_statement_count(current.body, body)
    if changed > settings.VERITY_SAVE_MAX_CHANGED:
        raise TooManyChangedStatements(current.heading, changed, settings.VERITY_SAVE_MAX_CHANGED)


def save_comment(section: Section, comment: str, merged_with: Section | None) -> str:
    text = comment or f"Edited “{section}”"
    if merged_with is None:
        return text
    # The comment is public (the reader's history): it names the time of the other change, not its author.
    return f"{text} (merged with the change saved at {merged_with.updated_at:%Y-%m-%d %H:%M} UTC)"


def merged_fields(current: Section, base_version: int, wanted: dict) -> dict:
    """Return the fields to save when ``current`` moved on from ``base_version``: the three-way merge of
    each, or raise EditConflict when the two changes overlap."""
    base = section_fields_at(current.pk, base_version)
    if base is None:
        raise EditConflict(current, submitted_body=wanted["body"])
    result = merge(base["body"], current.body, wanted["body"])
    conflicts = list(result.conflicts)
    fields = {"body": result.text}
    for name in ("heading", "level"):
        if name in wanted:
            mine, theirs, old = wanted[name], getattr(current, name), base[name]
            fields[name] = theirs if mine == old else mine
            if theirs not in (old, mine):
                conflicts.append(Conflict(str(old), str(theirs), str(mine)))
                fields[name] = theirs
    if conflicts:
        raise EditConflict(
            current, submitted_body=wanted["body"], proposed_body=result.text, conflicts=conflicts
        )
    return fields


def section_fields_at(section_id: int, version: int) -> dict | None:
    """Return the stored fields of the section as they were at ``version``, from its history."""
    for stored in Version.objects.get_for_object_reference(Section, section_id).order_by("-pk").iterator():
        fields = stored.field_dict
        if fields.get("version") == version:
            return fields
        if fields.get("version", 0) < version:
            return None
    return None


def section_create(
    *, article: Article, heading: str, level: int, order: int | None, body: str, user, comment: str = ""
) -> Section:
    """Add a section to ``article`` as one revision, shifting later sections down; at the end when
    ``order`` is None (read under the article's lock, so two sections added at once both land there)."""
    with editorial_revision(
        user=user, comment=comment or f"Added section “{heading}”", permission="articles.add_section"
    ):
        article_touched(article.pk)
        if order is None:
            last = Section.objects.filter(article=article).aggregate(last=Max("order"))["last"]
            order = 0 if last is None else last + 1
        Section.objects.filter(article=article, order__gte=order).update(order=F("order") + 1)
        section = Section.objects.create(
            article=article, heading=heading, level=level, order=order, body=body, updated_by=user
        )
        claims_sync(section=section, user=user, reason=comment or "Added section")
    return section


def section_delete(*, section: Section, user, comment: str = "") -> None:
    """Delete a section, first recording its last state in a revision so it can be recovered."""
    sections_delete(sections=[section], user=user, comment=comment or f"Deleted section “{section}”")


def sections_delete(*, sections, user, comment: str = "") -> int:
    """Delete sections (of one or several articles) as one revision that records each one's last state,
    so every one can be recovered; return how many were deleted."""
    sections = list(sections)
    with editorial_revision(
        user=user,
        comment=comment or f"Deleted {len(sections)} sections",
        permission="articles.delete_section",
    ):
        for article_id in sorted({section.article_id for section in sections}):
            article_touched(article_id)
        for section in sections:
            reversion.add_to_revision(section)
            # The claims go by the cascade, recorded with the unit's user and comment
            # (editorial.history.UnitHistoricalRecords).
            section.delete()
        for article_id in sorted({section.article_id for section in sections}):
            findings_refresh(article_id=article_id, user=user)  # the other statement of a pair loses its flag
    return len(sections)


def section_move(*, section: Section, by: int, user, comment: str = "") -> Section:
    """Move a section ``by`` places up (negative) or down in its article, as one revision; the sections
    it passes shift the other way. Moving past either end stops there."""
    with editorial_revision(user=user, comment="", permission="articles.change_section"):
        article_touched(section.article_id)
        siblings = list(
            Section.objects.select_for_update().filter(article_id=section.article_id).order_by("order")
        )
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == section.pk)
        target = max(0, min(len(siblings) - 1, index + by))
        moving = siblings.pop(index)
        siblings.insert(target, moving)
        changed = []
        for order, sibling in enumerate(siblings):
            if sibling.order != order:
                sibling.order, sibling.version, sibling.updated_by = order, sibling.version + 1, user
                changed.append(sibling)
        Section.objects.bulk_update(changed, ["order", "version", "updated_by"])
        for sibling in changed:
            reversion.add_to_revision(sibling)
        describe(comment or f"Moved “{moving}” to position {target + 1}")
    return moving


def section_revert(*, section: Section, version, user, comment: str = "") -> SectionSaved:
    """Restore the heading, level and text a section had in ``version`` (a reversion Version), as a
    new revision on top of the current one: history only grows, and the claims are re-read."""
    if int(version.object_id) != section.pk:
        raise ValueError("That version belongs to another section.")
    old = version.field_dict
    when = version.revision.date_created.strftime("%Y-%m-%d %H:%M UTC")
    return section_save(
        section=section,
        body=rename_markers(
            old["body"], renamed_keys(section.article_id, as_of=version.revision.date_created)
        ),
        heading=old["heading"],
        level=old["level"],
        base_version=section.version,
        user=user,
        comment=comment or f"Reverted to the revision of {when}",
    )


def section_recover(*, version, user, comment: str = "", body: str | None = None) -> Section:
    """Bring back a deleted section from its last version, with its claims re-read from its text.

    ``body``, when given, is the text an editor typed while the section was being deleted: the section
    comes back with it, in the same revision."""
    with editorial_revision(
        user=user,
        comment=comment or f"Recovered section “{version.object_repr}”",
        permission="articles.add_section",
    ):
        article_touched(version.field_dict["article_id"])
        version.revert()
        section = Section.objects.get(pk=version.object_id)
        renamed = renamed_keys(section.article_id, as_of=version.revision.date_created)
        section.body = rename_markers(section.body, renamed)  # cite its sources by their keys of now
        section.updated_by = user
        section.version += 1
        if body is not None:
            section.body = body
        section.save()
        claims_sync(section=section, user=user, reason=comment or "Recovered section")
    return section


def article_save(*, article: Article, user, comment: str = "") -> Article:
    """Save an article's own fields (title, slug, visibility) as one revision."""
    with editorial_revision(
        user=user, comment=comment or "Edited article details", permission="articles.change_article"
    ):
        former_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if article.pk:
            article_touched(article.pk, former_slug=former_slug)
            # The touch raised the row's content_version; saving this instance's older number would undo
            # it, and readers would keep the cached page (a changed title or reader view unseen).
            article.content_version = Article.objects.values_list("content_version", flat=True).get(
                pk=article.pk
            )
        article.save()
        if not former_slug:
            article_touched(article.pk)
    return article


def article_delete(*, article: Article, user, comment: str = "") -> Article:
    """Move an article to the trash, as one revision: readers no longer see it, and nothing of it is
    lost; ``article_restore`` brings it back as it was."""
    with editorial_revision(
        user=user,
        comment=comment or f"Moved “{article}” to the trash",
        permission="articles.delete_article",
        article=article.pk,
    ):
        if Article.objects.filter(pk=article.pk).in_trash().exists():
            article.refresh_from_db()
            return article  # already in the trash: nothing to write, no revision
        article.deleted_at, article.deleted_by = timezone.now(), user
        article.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return article


def article_restore(*, article: Article, user, comment: str = "") -> Article:
    """Bring an article back from the trash, as one revision."""
    with editorial_revision(
        user=user,
        comment=comment or f"Restored “{article}” from the trash",
        permission="articles.delete_article",
    ):
        article_touched(article.pk)
        article.deleted_at, article.deleted_by = None, None
        article.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return article


# How a purge's deletion log entry begins (the admin also logs a move to the trash as a deletion).
PURGED = "Deleted for good from the trash,"
NOT_IN_TRASH_MESSAGE = "“{article}” is not in the trash: move it there first, then delete it for good."


@dataclass(frozen=True)
class Purge:
    """What deleting an article for good removed (as its deletion log entry says)."""

    title: str
    slug: str
    sections: int
    claims: int
    sources: int


def article_purge(*, article: Article, user, reason: str = "") -> Purge:
    """Delete an article in the trash for good, with its sections, claims and sources, and record it in
    the deletion log (the admin's log, ``LogEntry`` with the DELETION flag: who, when, what and why). Its
    revisions stay in the history tables, so the log entry's account can be checked."""
    with editorial_revision(
        user=user,
        comment=reason or f"Deleted “{article}” for good",
        permission="articles.delete_article",
    ):
        article_locked(article.pk)
        article = Article.objects.get(pk=article.pk)
        if article.deleted_at is None:
            raise ArticleNotInTrash(NOT_IN_TRASH_MESSAGE.format(article=article))
        purge = Purge(
            article.title,
            article.slug,
            article.sections.count(),
            Claim.objects.filter(section__article=article).count(),
            Source.objects.filter(article=article).count(),
        )
        article_touched(article.pk, former_slug=article.slug)  # its cache pointer goes on commit
        LogEntry.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            object_repr=f"{article.title} ({article.slug})"[:200],
            action_flag=DELETION,
            change_message=deletion_message(purge, reason),
        )
        # Sections first: their claims' citations protect the sources the article's deletion removes.
        Section.objects.filter(article=article).delete()
        article.delete()
    return purge


def deletion_message(purge: Purge, reason: str) -> str:
    """Return the deletion log's account of a purge: what went, and why."""
    counts = f"{purge.sections} sections, {purge.claims} statements and {purge.sources} sources"
    return f"{PURGED} with its {counts}." + (f" Reason: {reason}" if reason else "")


SAME_KEY_MESSAGE = "The source already has the key [{key}]."


@dataclass(frozen=True)
class KeyRename:
    source: Source
    old_key: str
    sections: tuple[Section, ...]  # the sections whose text was rewritten
    claims: int  # claims whose markers were rewritten (they keep their reviews)


def source_key_rename(*, source: Source, new_key: str, user, comment: str = "") -> KeyRename:
    """Rename a source's key and rewrite every ``[old]`` marker citing it, as one revision.

    Each rewritten section's version is raised (an editor who had it open meets a conflict) and it is
    added to the revision, so history shows the rename. Claims keep their identity and reviews: a new key
    is not new wording. Raises SourceKeyRefused (the key breaks the key rules, is taken, or is the same).
    """
    new_key = new_key.strip()
    refusal = key_problem(new_key)
    if refusal:
        raise SourceKeyRefused(refusal)
    reason = f"Renamed source key [{source.key}] to [{new_key}]"
    with editorial_revision(user=user, comment=comment or reason, permission="sources.change_source"):
        article_touched(source.article_id)
        source = Source.objects.select_for_update().get(pk=source.pk)
        old_key = source.key
        refuse_key(source, new_key)
        source.key = new_key
        source._history_user, source._change_reason = user, comment or reason
        source.save(update_fields=["key", "updated_at"])
        sections = rewrite_markers(source.article_id, old_key, new_key, user=user)
        claims = claims_rename_key(
            article_id=source.article_id, old_key=old_key, new_key=new_key, user=user, reason=reason
        )
        for section in sections:
            claims_sync(section=section, user=user, reason=reason)
    return KeyRename(source, old_key, sections, claims)


def refuse_key(source: Source, new_key: str) -> None:
    if new_key == source.key:
        raise SourceKeyRefused(SAME_KEY_MESSAGE.format(key=new_key))
    if Source.objects.filter(article_id=source.article_id, key=new_key).exists():
        raise SourceKeyRefused(DUPLICATE_KEY_MESSAGE.format(key=new_key))


def rewrite_markers(article_id: int, old_key: str, new_key: str, *, user) -> tuple[Section, ...]:
    """Rewrite ``[old_key]`` markers as ``[new_key]`` in the article's sections; return those changed."""
    rewritten = []
    for section in Section.objects.filter(article_id=article_id, body__contains=f"[{old_key}]"):
        body = rename_marker(section.body, old_key, new_key)
        if body == section.body:
            continue
        section.body, section.updated_by = body, user
        section.version += 1
        section.save(update_fields=["body", "version", "updated_by", "updated_at"])
        reversion.add_to_revision(section)
        rewritten.append(section)
    return tuple(rewritten)
