"""Writes to articles and sections. Each service owns its transaction and its revision: one import,
one section save or one revert is one revision with its user and comment."""

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from articles.cache import article_changed
from articles.errors import EditConflict, UnknownCitationKeys, require_permission
from articles.models import Article, Section
from articles.textformat import ParsedArticle, ParsedSection, parse_article
from claims.models import Claim
from claims.services import SyncResult, claims_sync, unknown_keys
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


@contextmanager
def editorial_revision(*, user, comment: str):
    """Open the transaction and the revision of one editorial change, with who made it and why."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def title_from_slug(slug: str) -> str:
    """Return a readable default title: ``operation-1107`` becomes ``Operation 1107``."""
    return slug.replace("-", " ").replace("_", " ").strip().capitalize()


def article_import(
    *, data: bytes | str, slug: str, title: str | None = None, user=None, name: str = ""
) -> ImportResult:
    """Create or update the article ``slug`` from a file in the plain-text format.

    The file is parsed completely before anything is written, and the writes happen in one transaction,
    so a file that cannot be read changes nothing. Importing the same file twice changes nothing.
    """
    parsed = parse_article(data)
    with editorial_revision(user=user, comment=f"Imported {name}".strip() if name else "Imported"):
        article, article_created = Article.objects.get_or_create(
            slug=slug, defaults={"title": title or title_from_slug(slug)}
        )
        if title and article.title != title:
            article.title = title
            article.save(update_fields=["title", "updated_at"])
        sources = import_sources(article, parsed)
        sections, claims = import_sections(article, parsed, user=user)
        result = ImportResult(article, article_created, sections, sources, claims)
        if result.has_changes:
            article_changed(article.pk)
    return result


def import_sources(article: Article, parsed: ParsedArticle) -> Tally:
    """Create a placeholder source for each new marker number; existing sources are left as edited."""
    existing = set(Source.objects.filter(article=article).values_list("key", flat=True))
    new = [
        Source(article=article, key=str(number), number=number)
        for number in parsed.source_numbers
        if str(number) not in existing
    ]
    bulk_create_with_history(new, Source)
    return Tally(created=len(new), unchanged=len(parsed.source_numbers) - len(new))


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
    for order, (key, parsed_section) in enumerate(zip(keys, parsed.sections, strict=True)):
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
    require_permission(user, "articles.change_section")
    missing = unknown_keys(article=section.article, body=body)
    if missing:
        raise UnknownCitationKeys(missing)
    changes = {"body": body}
    if heading is not None:
        changes["heading"] = heading
    if level is not None:
        changes["level"] = level
    with editorial_revision(user=user, comment=comment or f"Edited “{section}”"):
        written = Section.objects.filter(pk=section.pk, version=base_version).update(
            version=F("version") + 1, updated_by=user, updated_at=timezone.now(), **changes
        )
        if not written:
            raise EditConflict(Section.objects.get(pk=section.pk), submitted_body=body)
        section.refresh_from_db()
        reversion.add_to_revision(section)
        article_changed(section.article_id)
        return claims_sync(section=section, user=user, reason=comment or "Edited")


def section_create(
    *, article: Article, heading: str, level: int, order: int, body: str, user, comment: str = ""
) -> Section:
    """Add a section to ``article`` as one revision, shifting later sections down."""
    require_permission(user, "articles.add_section")
    missing = unknown_keys(article=article, body=body)
    if missing:
        raise UnknownCitationKeys(missing)
    with editorial_revision(user=user, comment=comment or f"Added section “{heading}”"):
        Section.objects.filter(article=article, order__gte=order).update(order=F("order") + 1)
        section = Section.objects.create(
            article=article, heading=heading, level=level, order=order, body=body, updated_by=user
        )
        claims_sync(section=section, user=user, reason=comment or "Added section")
        article_changed(article.pk)
    return section


def section_delete(*, section: Section, user, comment: str = "") -> None:
    """Delete a section, first recording its last state in a revision so it can be recovered."""
    require_permission(user, "articles.delete_section")
    with editorial_revision(user=user, comment=comment or f"Deleted section “{section}”"):
        reversion.add_to_revision(section)
        for claim in section.claims.all():
            claim._history_user = user
            claim._change_reason = comment or "Section deleted"
        section.delete()
        article_changed(section.article_id)


def section_revert(*, section: Section, version, user, comment: str = "") -> SyncResult:
    """Restore the heading, level and text a section had in ``version`` (a reversion Version), as a
    new revision on top of the current one: history only grows, and the claims are re-read."""
    if int(version.object_id) != section.pk:
        raise ValueError("That version belongs to another section.")
    old = version.field_dict
    when = version.revision.date_created.strftime("%Y-%m-%d %H:%M UTC")
    return section_save(
        section=section,
        body=old["body"],
        heading=old["heading"],
        level=old["level"],
        base_version=section.version,
        user=user,
        comment=comment or f"Reverted to the revision of {when}",
    )


def section_recover(*, version, user, comment: str = "") -> Section:
    """Bring back a deleted section from its last version, with its claims re-read from its text."""
    require_permission(user, "articles.add_section")
    with editorial_revision(user=user, comment=comment or f"Recovered section “{version.object_repr}”"):
        version.revert()
        section = Section.objects.get(pk=version.object_id)
        section.updated_by = user
        section.version += 1
        section.save()
        claims_sync(section=section, user=user, reason=comment or "Recovered section")
        article_changed(section.article_id)
    return section


def article_save(*, article: Article, user, comment: str = "") -> Article:
    """Save an article's own fields (title, slug, visibility) as one revision."""
    require_permission(user, "articles.change_article")
    former_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
    with editorial_revision(user=user, comment=comment or "Edited article details"):
        article.save()
        article_changed(article.pk, former_slug=former_slug)
    return article
