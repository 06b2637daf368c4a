"""Each revision stores versions only of the objects it changed; this module writes, with every revision
that holds a version of an article, that article's outline (``RevisionOutline``: its sections in order,
stored only when they changed, and what the revision changed of them), and reads an article's sections as
they were at any revision.

``record_outlines`` runs when reversion has saved a unit of work's revision (its public
``post_revision_commit`` signal, through ``editorial.work.after_revision_saved``), inside the unit's
transaction, with the versions the revision saved, in a fixed number of queries whatever the size of the
article: one (the previous versions of the sections the revision wrote) when the outline stays as it was,
two more (the live outline, the previous one) when the unit created, deleted or moved sections. A section
deleted by the unit is stored in the revision as its last state, so the admin's "Recover deleted
sections" finds it there and the history can say who deleted it: reversion saves versions only of objects
that still exist, so the unit notes that state as the section is deleted (``keep_last_state``).
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import cache

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router
from django.db.models import Max
from reversion.models import Revision, Version

from articles.models import Article, RevisionOutline, Section
from articles.rendering.history import CHANGES_KEPT, SectionSnapshot, revision_section_changes
from editorial.work import current_unit
from sources.models import Source


def stored_section(object_id: str, version: Version) -> SectionSnapshot:
    """Return the section as ``version`` stored it (its stored order, which a shift may have outdated)."""
    fields = section_fields(version.serialized_data, version.format)
    return SectionSnapshot(object_id, fields["heading"], fields["level"], fields["order"], fields["body"])


def section_fields(serialized_data: str, format: str = "json") -> dict:
    """Return the stored fields of a section's version; the article's id as ``article_id``. Reads the JSON
    reversion writes directly: much faster than deserializing a model instance per section."""
    if format != "json":
        raise ValueError(f"Section versions are stored as JSON, not {format}.")
    fields = json.loads(serialized_data)[0]["fields"]
    return {**fields, "article_id": fields.get("article")}


def latest_section_versions(ids: Iterable[str], *, at_or_before: int | None = None) -> dict[str, Version]:
    """Return the latest version of each section of ``ids`` (object ids), at or before the revision
    ``at_or_before`` when given, in one query whatever their number."""
    ids = list(ids)
    if not ids:
        return {}
    versions = Version.objects.get_for_model(Section).filter(object_id__in=ids)
    if at_or_before is not None:
        versions = versions.filter(revision_id__lte=at_or_before)
    latest = versions.order_by().values("object_id").annotate(latest=Max("pk")).values("latest")
    return {version.object_id: version for version in Version.objects.filter(pk__in=latest)}


def outline_at(article_id: int, revision_id: int) -> list[list[int]]:
    """Return ``[[section id, order], …]`` of the article after the revision ``revision_id``: the outline
    of the latest revision at or before it that changed it; none before any (no section yet)."""
    outline = (
        RevisionOutline.objects.filter(article_id=article_id, revision_id__lte=revision_id)
        .filter(sections__isnull=False)
        .order_by("-revision_id")
        .values_list("sections", flat=True)
        .first()
    )
    return outline or []


def latest_outline(article_id: int) -> list[list[int]]:
    """Return the article's outline as the last revision that changed it stored it."""
    outline = (
        RevisionOutline.objects.filter(article_id=article_id)
        .filter(sections__isnull=False)
        .order_by("-revision_id")
        .values_list("sections", flat=True)
        .first()
    )
    return outline or []


def sections_at(article_id: int, revision_id: int) -> list[SectionSnapshot]:
    """Return every section the article had after the revision ``revision_id``, in order, each with the
    heading, level and text its latest version at or before that revision stored: two queries."""
    outline = outline_at(article_id, revision_id)
    versions = latest_section_versions((str(pk) for pk, _ in outline), at_or_before=revision_id)
    snapshots = []
    for pk, order in outline:
        version = versions.get(str(pk))
        if version is not None:
            stored = stored_section(str(pk), version)
            snapshots.append(SectionSnapshot(stored.id, stored.heading, stored.level, order, stored.body))
    return snapshots


def ids_of(outline: list[list[int]]) -> list[str]:
    return [str(pk) for pk, _ in outline]


# Under this name in ``Unit.notes``: {section id: its version as it was when the unit deleted it}.
DELETED_SECTIONS = "articles.deleted_sections"


def keep_last_state(sender, instance, **kwargs) -> None:
    """A section deleted inside a revision is stored in it as it was (``record_outline``). Added to the
    revision, it brings its article (reversion follows it); its state is noted in the unit, since
    reversion drops the versions of deleted rows when it saves."""
    if not reversion.is_active():
        return
    reversion.add_to_revision(instance)
    unit = current_unit()
    if unit is not None:
        unit.notes.setdefault(DELETED_SECTIONS, {})[str(instance.pk)] = last_state(instance)


def last_state(section: Section) -> Version:
    """Return an unsaved version of ``section`` as it is now, written as reversion writes a section's
    (JSON of every field: Section is registered with all of them)."""
    return Version(
        content_type=ContentType.objects.get_for_model(Section),
        object_id=str(section.pk),
        db=router.db_for_write(Section, instance=section),
        format="json",
        serialized_data=serializers.serialize("json", (section,)),
        object_repr=str(section),
    )


def mark_reshaped(sender, instance, created=True, **kwargs) -> None:
    """A section created or deleted by a unit of work changes its article's outline."""
    unit = current_unit()
    if created and unit is not None:
        unit.reshaped.add(instance.article_id)


def record_outlines(unit, revision: Revision, versions: list[Version]) -> None:
    """Write with the unit's saved revision, for each article it holds a version of, the article's outline
    (null when unchanged) and what it changed of its sections; and the last state of each section the
    unit deleted. Runs inside the unit's transaction, just after reversion saved the revision."""
    article_type = ContentType.objects.get_for_model(Article)
    section_type = ContentType.objects.get_for_model(Section)
    articles = sorted(int(v.object_id) for v in versions if v.content_type_id == article_type.pk)
    if not articles:
        return
    # The sections deleted by the unit, then those the revision saved (a deletion rolled back by a
    # savepoint left its section saved: the saved version wins).
    held = dict(unit.notes.get(DELETED_SECTIONS, {}))
    held.update((v.object_id, v) for v in versions if v.content_type_id == section_type.pk)
    written: dict[int, dict[str, tuple[SectionSnapshot, Version]]] = defaultdict(dict)
    for object_id, version in held.items():
        fields = section_fields(version.serialized_data, version.format)
        snapshot = SectionSnapshot(
            object_id, fields["heading"], fields["level"], fields["order"], fields["body"]
        )
        written[fields["article_id"]][object_id] = (snapshot, version)
    # The revision is saved already: the sections as they were are their versions before it.
    previous = revision.pk - 1
    before = {
        object_id: stored_section(object_id, version)
        for object_id, version in latest_section_versions(
            (object_id for sections in written.values() for object_id in sections), at_or_before=previous
        ).items()
    }
    # An outline changes when the unit creates or deletes a section (marked in the unit) or moves one (a
    # write that moves sections adds each to the revision, so its order differs from its last version's):
    # only then is it read and compared with the previous one, at one query more each.
    reshaped = {article_id for article_id in articles if article_id in getattr(unit, "reshaped", ())}
    for article_id, sections in written.items():
        if any(
            object_id not in before or before[object_id].order != snapshot.order
            for object_id, (snapshot, _) in sections.items()
        ):
            reshaped.add(article_id)
    live = live_outlines(sorted(reshaped)) if reshaped else {}
    for article_id in articles:
        if article_id in reshaped and article_id not in live:
            continue  # deleted by the unit (not moved to the trash): its versions are not stored either
        record_outline(revision, article_id, live.get(article_id), written.get(article_id, {}), before)


def live_outlines(article_ids: list[int]) -> dict[int, list[list[int]]]:
    """Return ``[[section id, order], …]`` of each existing article of ``article_ids``, in one query."""
    live: dict[int, list[list[int]]] = {}
    for article_id, pk, order in (
        Article.objects.filter(pk__in=article_ids)
        .order_by("pk", "sections__order", "sections__pk")
        .values_list("pk", "sections__pk", "sections__order")
    ):
        live.setdefault(article_id, [])
        if pk is not None:
            live[article_id].append([pk, order])
    return live


def record_outline(
    revision: Revision, article_id: int, outline: list[list[int]] | None, written: dict, before: dict
) -> None:
    """Write the article's RevisionOutline with the revision (``outline`` None when unchanged), and the
    last state of each section the unit deleted."""
    previous = latest_outline(article_id) if outline is not None else None
    reshaped = outline is not None and outline != previous
    after = {object_id: snapshot for object_id, (snapshot, _) in written.items()}
    changes = revision_section_changes(
        ids_of(previous) if reshaped else None,
        ids_of(outline) if reshaped else None,
        {object_id: before[object_id] for object_id in after if object_id in before},
        after,
        cache(lambda: key_aliases(article_id)),  # read only for a text whose markers alone changed
    )
    kept = changes[:CHANGES_KEPT]
    if any(change["heading"] is None for change in kept):
        unknown = [change["id"] for change in kept if change["heading"] is None]
        earlier = latest_section_versions(unknown, at_or_before=revision.pk - 1)
        headings = {pk: stored_section(pk, v).heading for pk, v in earlier.items()}
        kept = [{**change, "heading": headings.get(change["id"], change["heading"])} for change in kept]
    using = revision._state.db
    RevisionOutline._base_manager.using(using).create(
        revision=revision,
        article_id=article_id,
        sections=outline if reshaped else None,
        changes=kept,
        changed_count=len(changes),
    )
    if outline is None:
        return
    live = {str(pk) for pk, _ in outline}
    for object_id, (_, version) in written.items():
        if object_id not in live:
            # Deleted by this unit: reversion dropped its version (the section no longer exists).
            Version._base_manager.using(using).create(
                revision=revision,
                content_type=version.content_type,
                object_id=version.object_id,
                db=version.db,
                format=version.format,
                serialized_data=version.serialized_data,
                object_repr=version.object_repr,
            )


def backfill_outlines(version_model, outline_model, article_type_id: int, section_type_id: int) -> int:
    """Write the outline of every revision that holds a version of an article, from the versions it
    holds (before outlines, such a revision held every section of the article), with what it changed
    since the article's previous revision; return how many were written. For the data migration, with
    its historical models. One article at a time, its revisions in order: memory holds two states of
    one article, and the time is linear in the versions read (plus a word diff per changed section)."""
    article_ids = (
        version_model.objects.filter(content_type_id=article_type_id)
        .order_by()
        .values_list("object_id", flat=True)
        .distinct()
    )
    written = 0
    for article_id in sorted({int(pk) for pk in article_ids}):
        if outline_model.objects.filter(article_id=article_id).exists():
            continue  # written already
        revisions = version_model.objects.filter(content_type_id=article_type_id, object_id=str(article_id))
        revision_ids = sorted(set(revisions.values_list("revision_id", flat=True)))
        rows = (
            version_model.objects.filter(
                content_type_id=section_type_id, revision_id__in=revisions.values("revision_id")
            )
            .order_by("revision_id", "pk")
            .values_list("revision_id", "object_id", "serialized_data", "format")
            .iterator(chunk_size=500)
        )
        previous: dict[str, SectionSnapshot] = {}
        previous_outline: list[list[int]] = []
        pending = []
        row = next(rows, None)
        for revision_id in revision_ids:
            state: dict[str, SectionSnapshot] = {}
            while row is not None and row[0] <= revision_id:
                if row[0] == revision_id:
                    fields = section_fields(row[2], row[3])
                    if fields["article_id"] == article_id:
                        state[row[1]] = SectionSnapshot(
                            row[1], fields["heading"], fields["level"], fields["order"], fields["body"]
                        )
                row = next(rows, None)
            ordered = sorted(state.values(), key=lambda section: (section.order, int(section.id)))
            outline = [[int(section.id), section.order] for section in ordered]
            reshaped = outline != previous_outline
            changes = revision_section_changes(
                ids_of(previous_outline) if reshaped else None,
                ids_of(outline) if reshaped else None,
                previous,
                state,
            )
            pending.append(
                outline_model(
                    revision_id=revision_id,
                    article_id=article_id,
                    sections=outline if reshaped else None,
                    changes=changes[:CHANGES_KEPT],
                    changed_count=len(changes),
                )
            )
            previous, previous_outline = state, outline
            if len(pending) >= 500:
                written += len(outline_model.objects.bulk_create(pending))
                pending = []
        written += len(outline_model.objects.bulk_create(pending))
    return written


def key_aliases(article_id: int, *, as_of: datetime | None = None) -> dict[str, str]:
    """Return every key the article's sources have had (their history) mapped to the source's current
    key, so a marker written before a rename still finds its source.

    ``as_of`` (when a revision was made) settles a key two sources have had (renamed away, then given to
    another): it means the source that had it then, or else the first to take it after (a revision is
    dated when it opens, before the sources it creates).
    """
    current = dict(Source.objects.filter(article_id=article_id).values_list("pk", "key"))
    history = Source.history.filter(article_id=article_id, id__in=list(current))
    rows = list(history.order_by("history_date", "history_id").values_list("id", "key", "history_date"))
    aliases = {key: current[pk] for pk, key, _ in rows}
    aliases.update((key, key) for key in current.values())
    if as_of is not None:
        held_then, taken_after = {}, {}
        for pk, key, date in rows:
            if date <= as_of:
                held_then[pk] = key
            else:
                taken_after.setdefault(key, current[pk])
        aliases.update(taken_after)
        aliases.update((key, current[pk]) for pk, key in held_then.items())
    return aliases
