"""Writes to articles and sections. Each service is one unit of work (``editorial.work``): one import,
one section save or one revert is one transaction and one revision with its user and comment, and the
article's pages are invalidated when it commits."""

from dataclasses import dataclass, replace

import reversion
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from articles.errors import EditConflict, ImportWouldOverwrite, SourceKeyRefused
from articles.models import Article, Section
from articles.selectors import article_edits_since_import, renamed_keys
from articles.textformat import ParsedArticle, ParsedSection, parse_article
from claims.errors import UnknownCitationKeys
from claims.models import Claim
from claims.sentences import rename_marker, rename_markers
from claims.services import SyncResult, claims_rename_key, claims_sync, unknown_keys
from editorial.errors import NOT_AN_EDITOR
from editorial.work import article_locked, article_touched, editorial_change
from sources.forms import DUPLICATE_KEY_MESSAGE, key_refusal
from sources.models import Source


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
class ImportResult:
    article: Article
    article_created: bool
    sections: Tally
    sources: Tally
    claims: Tally

    @property
    def has_changes(self) -> bool:
        return self.article_created or any(
            tally.created or tally.updated or tally.deleted
            for tally in (self.sections, self.sources, self.claims)
        )


FORCED = " (forced over edits made since the last import)"


def editorial_revision(*, user, comment: str, permission: str | None = None):
    """Return the unit of work of an editors' change (refusals say only Editors may make it)."""
    return editorial_change(user=user, comment=comment, permission=permission, refusal=NOT_AN_EDITOR)


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
) -> ImportResult:
    """Create or update the article ``slug`` from a file in the plain-text format.

    The file is parsed completely before anything is written, and the writes happen in one transaction,
    so a file that cannot be read changes nothing. Importing the same file twice changes nothing.
    An import that would change an article edited since its last import is refused, writing nothing
    (ImportWouldOverwrite, listing the edits), unless ``force``: then it is one more revision, and the
    edits stay in history.
    """
    parsed = parse_article(data)
    comment = f"Imported {name}".strip() if name else "Imported"
    with editorial_revision(user=user, comment=comment + (FORCED if force else "")):
        article, article_created = Article.objects.get_or_create(
            slug=slug, defaults={"title": title or title_from_slug(slug)}
        )
        article_locked(article.pk)
        edits = () if article_created or force else article_edits_since_import(article)
        if title and article.title != title:
            article.title = title
            article.save(update_fields=["title", "updated_at"])
        sources, renamed = import_sources(article, parsed)
        sections, claims = import_sections(article, with_keys(parsed, renamed), user=user)
        result = ImportResult(article, article_created, sections, sources, claims)
        if result.has_changes:
            if edits:
                raise ImportWouldOverwrite(edits)  # rolls every write above back
            article.imported_at = timezone.now()
            Article.objects.filter(pk=article.pk).update(imported_at=article.imported_at)
            article_touched(article.pk)
    return result


def import_sources(article: Article, parsed: ParsedArticle) -> tuple[Tally, dict[str, str]]:
    """Create a placeholder source for each new marker number; existing sources are left as edited.

    Also return the markers to write under another key: a source imported as [12] and renamed since
    (``source_key_rename``) is still the file's [12], so the import neither duplicates it nor undoes the
    rename.
    """
    existing = list(Source.objects.filter(article=article).values_list("key", "number"))
    keys = {key for key, _ in existing}
    renamed = {
        str(number): key
        for key, number in existing
        if number is not None and str(number) != key and str(number) not in keys
    }
    new = [
        Source(article=article, key=str(number), number=number)
        for number in parsed.source_numbers
        if str(number) not in keys and str(number) not in renamed
    ]
    bulk_create_with_history(new, Source)
    return Tally(created=len(new), unchanged=len(parsed.source_numbers) - len(new)), renamed


def with_keys(parsed: ParsedArticle, renamed: dict[str, str]) -> ParsedArticle:
    """Return the parsed article with the markers of renamed sources written under their keys of now."""
    if not renamed:
        return parsed
    sections = tuple(
        replace(section, body=rename_markers(section.body, renamed)) for section in parsed.sections
    )
    return replace(parsed, sections=sections)


def import_sections(article: Article, parsed: ParsedArticle, *, user) -> tuple[Tally, Tally]:
    """Create, update or delete sections so the article matches the file, then re-read changed bodies.

    Sections are matched by heading (the n-th section with a heading matches the n-th one in the file),
    so inserting a section in the middle of a file does not rewrite every section after it.
    """
    existing: dict[tuple[str, int], Section] = {}
    for section in article.sections.order_by("order"):
        existing[occurrence_key(existing, section.heading)] = section
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    claims = SyncResult()
    matched: set[tuple[str, int]] = set()
    for order, parsed_section in enumerate(parsed.sections):
        key = occurrence_key(matched, parsed_section.heading)
        matched.add(key)
        section, outcome = upsert_section(article, existing.get(key), parsed_section, order, user=user)
        counts[outcome] += 1
        if outcome != "unchanged":
            claims += claims_sync(section=section, user=user, reason="Imported")
    stale = [section for key, section in existing.items() if key not in matched]
    for section in stale:
        section.delete()
    claims_unchanged = article_claim_count(article) - claims.created - claims.edited
    return (
        Tally(deleted=len(stale), **counts),
        Tally(
            created=claims.created, updated=claims.edited, unchanged=claims_unchanged, deleted=claims.retired
        ),
    )


def occurrence_key(seen, heading: str) -> tuple[str, int]:
    """Return (heading, n) for the next section with this heading not yet in ``seen``."""
    occurrence = 0
    while (heading, occurrence) in seen:
        occurrence += 1
    return heading, occurrence


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


def section_save(
    *,
    section: Section,
    body: str,
    user,
    heading: str | None = None,
    level: int | None = None,
    base_version: int,
    comment: str = "",
) -> SyncResult:
    """Save an editor's new text for ``section`` as one revision and re-read its claims.

    Refuses, changing nothing, when the body cites unknown keys (UnknownCitationKeys) or when the section
    changed since the editor opened it at ``base_version`` (EditConflict): the version check and the write
    are one conditional UPDATE, so two editors saving at once cannot both succeed.
    """
    with editorial_revision(
        user=user, comment=comment or f"Edited “{section}”", permission="articles.change_section"
    ):
        article_touched(section.article_id)
        missing = unknown_keys(article=section.article, body=body)
        if missing:
            raise UnknownCitationKeys(missing)
        changes = {"body": body}
        if heading is not None:
            changes["heading"] = heading
        if level is not None:
            changes["level"] = level
        written = Section.objects.filter(pk=section.pk, version=base_version).update(
            version=F("version") + 1, updated_by=user, updated_at=timezone.now(), **changes
        )
        if not written:
            raise EditConflict(Section.objects.get(pk=section.pk), submitted_body=body)
        section.refresh_from_db()
        reversion.add_to_revision(section)
        return claims_sync(section=section, user=user, reason=comment or "Edited")


def section_create(
    *, article: Article, heading: str, level: int, order: int, body: str, user, comment: str = ""
) -> Section:
    """Add a section to ``article`` as one revision, shifting later sections down."""
    with editorial_revision(
        user=user, comment=comment or f"Added section “{heading}”", permission="articles.add_section"
    ):
        article_touched(article.pk)
        missing = unknown_keys(article=article, body=body)
        if missing:
            raise UnknownCitationKeys(missing)
        Section.objects.filter(article=article, order__gte=order).update(order=F("order") + 1)
        section = Section.objects.create(
            article=article, heading=heading, level=level, order=order, body=body, updated_by=user
        )
        claims_sync(section=section, user=user, reason=comment or "Added section")
    return section


def section_delete(*, section: Section, user, comment: str = "") -> None:
    """Delete a section, first recording its last state in a revision so it can be recovered."""
    with editorial_revision(
        user=user, comment=comment or f"Deleted section “{section}”", permission="articles.delete_section"
    ):
        article_touched(section.article_id)
        reversion.add_to_revision(section)
        for claim in section.claims.all():
            claim._history_user = user
            claim._change_reason = comment or "Section deleted"
        section.delete()


def section_revert(*, section: Section, version, user, comment: str = "") -> SyncResult:
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


def section_recover(*, version, user, comment: str = "") -> Section:
    """Bring back a deleted section from its last version, with its claims re-read from its text."""
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
        article.save()
        if not former_slug:
            article_touched(article.pk)
    return article


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
    refusal = key_refusal(new_key)
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
