"""Saving, adding, moving, reverting, deleting and recovering sections, each one unit of work; a save made
over someone else's is merged sentence by sentence."""

from dataclasses import dataclass

import reversion
from django.conf import settings
from django.db.models import F, Max
from django.utils import timezone
from reversion.models import Version

from articles.errors import (
    EditConflict,
    SectionGone,
    TooManyChangedStatements,
)
from articles.merging import Conflict, merge
from articles.models import Article, Section
from articles.selectors import renamed_keys
from articles.services.unit import editorial_revision
from claims.findings import findings_refresh
from claims.sentences import changed_statement_count, rename_markers
from claims.services import SyncResult, claims_sync
from editorial.work import article_locked, article_touched, describe


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
    claims = claims_sync(
        section=section, user=user, reason=comment or "Edited", heading_before=current.heading
    )
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


def sections_move(*, sections, by: int, user) -> int:
    """Move several sections ``by`` places each, as one revision, in the order given (the caller orders
    them so that they do not pass one another); return how many. One section's move describes itself
    ("Moved … to position 3"); several share one summary."""
    sections = list(sections)
    summary = "" if len(sections) == 1 else f"Moved {len(sections)} sections {'up' if by < 0 else 'down'}"
    with editorial_revision(user=user, comment=summary, permission="articles.change_section"):
        for article_id in sorted({section.article_id for section in sections}):
            article_locked(article_id)
        for section in sections:
            section_move(section=section, by=by, user=user)
    return len(sections)


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
        # Its old place may have been taken since (a move renumbers every section): it goes back before
        # the section now there, the later ones shifted down as for a new section, never two of one order.
        later = Section.objects.filter(article_id=section.article_id, order__gte=section.order)
        if later.exclude(pk=section.pk).filter(order=section.order).exists():
            later.exclude(pk=section.pk).update(order=F("order") + 1)
        renamed = renamed_keys(section.article_id, as_of=version.revision.date_created)
        section.body = rename_markers(section.body, renamed)  # cite its sources by their keys of now
        section.updated_by = user
        section.version += 1
        if body is not None:
            section.body = body
        section.save()
        claims_sync(section=section, user=user, reason=comment or "Recovered section")
    return section
