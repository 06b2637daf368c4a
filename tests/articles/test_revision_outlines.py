"""Revisions store only what changed: the sections a revision wrote, the article, and the article's
outline; any revision's full article is rebuilt from them, and each history entry says what changed."""

import importlib

import pytest
import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, RevisionOutline, Section
from articles.outlines import backfill_outlines
from articles.rendering.history import SectionSnapshot, change_summary
from articles.selectors import (
    article_edits_since_import,
    article_revisions,
    revision_changes,
    revision_sections,
)
from articles.services import (
    article_import,
    article_save,
    section_create,
    section_delete,
    section_move,
    section_recover,
    section_save,
)
from articles.textformat import parse_article, render_article

SECTIONS_25X = 876  # the sections of the 25x article (bench.corpus): the seed's 35 after the lead, 25 times


def many_sections_article(seed_bytes: bytes, slug: str = "many-sections") -> Article:
    """The seed with as many short sections after it as the 25x article has in all."""
    sections = [(s.heading, s.body) for s in parse_article(seed_bytes).sections]
    extra = [
        (f"Extra section {n}", f"Line {n} of the appendix stays the same.")
        for n in range(SECTIONS_25X - len(sections))
    ]
    return article_import(data=render_article(sections + extra), slug=slug).article


def state(article) -> list[tuple]:
    """The article's sections now, as ``revision_sections`` gives them at a revision."""
    return [
        (str(s.pk), s.heading, s.level, s.order, s.body) for s in article.sections.order_by("order", "pk")
    ]


def as_rows(snapshots: list[SectionSnapshot]) -> list[tuple]:
    return [(s.id, s.heading, s.level, s.order, s.body) for s in snapshots]


def latest_version(article) -> Version:
    return Version.objects.get_for_object(article).first()


def first_sentence_edit(section) -> str:
    return section.body.replace(" ", " newly ", 1)


def save(section, user, body=None, **fields):
    section.refresh_from_db()
    return section_save(
        section=section,
        body=first_sentence_edit(section) if body is None else body,
        user=user,
        base_version=section.version,
        **fields,
    )


def test_a_section_save_stores_only_that_section_and_the_article(seed_bytes, editor):
    article = many_sections_article(seed_bytes)
    section = article.sections.exclude(body="").order_by("order")[3]
    before = set(Version.objects.values_list("pk", flat=True))
    save(section, editor)
    written = Version.objects.exclude(pk__in=before)
    assert sorted((v.content_type.model, v.object_id) for v in written) == [
        ("article", str(article.pk)),
        ("section", str(section.pk)),
    ]
    assert article.sections.count() == SECTIONS_25X
    outline = RevisionOutline.objects.get(revision=written.first().revision)
    assert outline.article_id == article.pk and outline.sections is None  # the outline did not change


def save_queries(section, user) -> int:
    section.refresh_from_db()
    user = type(user).objects.get(pk=user.pk)  # a fresh user, so both saves load its permissions
    with CaptureQueriesContext(connection) as queries:
        section_save(
            section=section, body=first_sentence_edit(section), user=user, base_version=section.version
        )
    return len(queries)


def test_a_section_save_costs_as_many_queries_in_an_article_of_many_sections(
    seed_article, seed_bytes, editor
):
    many = many_sections_article(seed_bytes)
    heading = seed_article.sections.exclude(body="").order_by("order")[2].heading
    small = save_queries(seed_article.sections.get(heading=heading), editor)
    large = save_queries(many.sections.get(heading=heading), editor)
    assert many.sections.count() == SECTIONS_25X
    assert small == large


def test_revision_sections_rebuilds_an_old_revision_after_saves_moves_a_delete_and_a_create(
    seed_article, editor
):
    imported, at_import = latest_version(seed_article), state(seed_article)
    sections = list(seed_article.sections.order_by("order"))
    save(sections[2], editor)
    save(sections[4], editor, heading="A new heading", level=3)
    after_saves, saved = latest_version(seed_article), state(seed_article)
    section_move(section=sections[5], by=-3, user=editor)
    moved = latest_version(seed_article)
    at_move = state(seed_article)
    section_delete(section=sections[7], user=editor)
    section_create(article=seed_article, heading="Aftermath", level=2, order=3, body="It ended.", user=editor)
    save(sections[2], editor)
    latest = latest_version(seed_article)

    assert as_rows(revision_sections(seed_article, imported)) == at_import
    assert as_rows(revision_sections(seed_article, after_saves)) == saved
    assert as_rows(revision_sections(seed_article, moved)) == at_move
    assert as_rows(revision_sections(seed_article, latest)) == state(seed_article)
    assert at_import != saved != at_move != state(seed_article)


def test_revision_sections_takes_two_queries_whatever_the_revision(
    seed_article, editor, django_assert_num_queries
):
    version = latest_version(seed_article)
    save(seed_article.sections.exclude(body="").first(), editor)
    count = seed_article.sections.count()
    with django_assert_num_queries(2):
        assert len(revision_sections(seed_article, version)) == count


def test_comparing_two_revisions_lists_only_what_changed_between_them(seed_article, editor):
    imported = latest_version(seed_article)
    sections = list(seed_article.sections.order_by("order"))
    save(sections[3], editor)
    section_move(section=sections[6], by=2, user=editor)
    section_delete(section=sections[8], user=editor)
    changes = revision_changes(seed_article, imported, latest_version(seed_article))
    assert [(c.kind, c.heading) for c in changes] == [
        ("changed", sections[3].heading),
        ("removed", sections[8].heading),
    ]


def test_a_deleted_section_is_stored_in_the_revision_that_deleted_it(seed_article, editor):
    section = seed_article.sections.exclude(body="").order_by("order")[4]
    pk, heading = section.pk, section.heading
    save(section, editor, body="Its last words.")
    section_delete(section=section, user=editor, comment="Gone")
    deleted = Version.objects.get_deleted(Section).get(object_id=str(pk))
    assert deleted.revision.get_comment() == "Gone"
    assert deleted.field_dict["body"] == "Its last words."
    recovered = section_recover(version=deleted, user=editor)
    assert recovered.body == "Its last words." and recovered.heading == heading
    revision = latest_version(seed_article)
    assert (str(pk), heading) in [(s.id, s.heading) for s in revision_sections(seed_article, revision)]


def test_an_import_that_drops_a_section_stores_it_and_the_edit_check_names_who_deleted_it(seed_bytes, editor):
    sections = [(s.heading, s.body) for s in parse_article(seed_bytes).sections]
    article = article_import(data=render_article(sections), slug="dropped").article
    doomed = article.sections.get(heading=sections[5][0])
    section_delete(section=doomed, user=editor)
    edits = article_edits_since_import(Article.objects.get(pk=article.pk))
    assert [(edit.what, edit.who) for edit in edits] == [(f"section “{doomed.heading}” deleted", "edna")]

    article_import(data=render_article(sections[:3] + sections[6:]), slug="dropped", force=True)
    for heading, body in sections[3:5]:
        version = Version.objects.get_deleted(Section).get(object_repr=heading)
        assert version.revision.get_comment().startswith("Imported")
        assert version.field_dict["body"] == body


def test_history_entries_say_which_sections_changed_and_how(seed_article, editor, client):
    sections = list(seed_article.sections.order_by("order"))
    body = sections[3].body
    save(sections[3], editor, body="Two new " + body.split(" ", 1)[1])
    section_create(
        article=seed_article, heading="<b>Aftermath</b>", level=2, order=5, body="It ended.", user=editor
    )
    section_delete(section=sections[9], user=editor)
    section_move(section=sections[10], by=-3, user=editor)
    section_move(section=sections[1], by=1, user=editor)
    article_save(article=seed_article, user=editor, comment="Details")

    lines = [version.section_changes for version in article_revisions(seed_article)]
    assert lines[:6] == [
        "",  # the article's own details
        f"{sections[2].heading}: moved; {sections[1].heading}: moved",  # neighbours swapped
        f"{sections[10].heading}: moved",
        f"{sections[9].heading}: deleted",
        "<b>Aftermath</b>: added",
        f"{sections[3].heading}: +2 \u22121 words",
    ]
    assert lines[6] == "Lead: added; " + "; ".join(f"{s.heading}: added" for s in sections[1:6]) + (
        f"; {len(sections) - 6} more sections"
    )
    page = client.get(reverse("articles:history", args=[seed_article.slug])).content.decode()
    assert "&lt;b&gt;Aftermath&lt;/b&gt;: added" in page
    assert f"{sections[3].heading}: +2 \u22121 words" in page


def old_style_revision(article, comment):
    """A revision as they were before outlines: the article and a copy of every section."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
        for section in article.sections.all():
            reversion.add_to_revision(section)


def test_the_backfill_writes_each_old_revision_outline_and_changes_from_its_copies(seed_article):
    RevisionOutline.objects.all().delete()
    Version.objects.all().delete()
    sections = list(seed_article.sections.order_by("order"))
    old_style_revision(seed_article, "first")
    first, at_first = latest_version(seed_article), state(seed_article)
    Section.objects.filter(pk=sections[3].pk).update(body=sections[3].body + " One more sentence here.")
    old_style_revision(seed_article, "edited")
    edited, at_edit = latest_version(seed_article), state(seed_article)
    Section.objects.filter(pk=sections[5].pk).delete()
    Section.objects.filter(pk=sections[1].pk).update(order=40)
    old_style_revision(seed_article, "reshaped")
    last = latest_version(seed_article)

    migration = importlib.import_module("articles.migrations.0007_backfill_revision_outlines")
    migration.backfill(apps, None)

    outlines = list(RevisionOutline.objects.filter(article=seed_article).order_by("revision_id"))
    assert [o.revision_id for o in outlines] == [first.revision_id, edited.revision_id, last.revision_id]
    assert outlines[0].sections == [[int(pk), order] for pk, _, _, order, _ in at_first]
    assert outlines[1].sections is None
    assert outlines[1].changes == [
        {
            "id": str(sections[3].pk),
            "kind": "changed",
            "heading": sections[3].heading,
            "added": 4,
            "removed": 0,
        }
    ]
    assert [(c["kind"], c["heading"]) for c in outlines[2].changes] == [
        ("moved", sections[1].heading),
        ("deleted", sections[5].heading),
    ]
    assert as_rows(revision_sections(seed_article, first)) == at_first
    assert as_rows(revision_sections(seed_article, edited)) == at_edit
    assert as_rows(revision_sections(seed_article, last)) == state(seed_article)
    types = ContentType.objects.get_for_models(Article, Section)
    assert backfill_outlines(Version, RevisionOutline, types[Article].pk, types[Section].pk) == 0  # done once


@pytest.mark.django_db(transaction=True)
def test_the_migration_backfills_outlines_when_it_runs():
    """The data migration run by Django's migration executor, on revisions made before outlines."""
    text = render_article([("", "The lead."), ("Background", "It began."), ("Aftermath", "It ended.")])
    article = article_import(data=text, slug="migrated").article
    RevisionOutline.objects.all().delete()
    Version.objects.all().delete()
    old_style_revision(article, "first")
    Section.objects.filter(article=article, heading="Background").update(body="It began. Then more.")
    old_style_revision(article, "edited")
    first, edited = Version.objects.get_for_object(article).order_by("pk")

    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0006_revision_outline")])
    executor.loader.build_graph()
    executor.migrate([("articles", "0007_backfill_revision_outlines")])

    outlines = list(RevisionOutline.objects.order_by("revision_id"))
    assert [(o.revision_id, o.article_id) for o in outlines] == [
        (first.revision_id, article.pk),
        (edited.revision_id, article.pk),
    ]
    assert [pk for pk, _ in outlines[0].sections] == list(
        article.sections.order_by("order").values_list("pk", flat=True)
    )
    assert change_summary(outlines[1].changes, outlines[1].changed_count) == "Background: +2 \u22120 words"
    assert [s.body for s in revision_sections(article, first)] == ["The lead.", "It began.", "It ended."]
