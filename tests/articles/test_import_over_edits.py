"""Defect 7: an import never overwrites edits made since the last import, unless it is forced."""

import importlib
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from articles.errors import ImportWouldOverwrite
from articles.models import Article, Section
from articles.services import (
    article_import,
    article_save,
    section_create,
    section_delete,
    section_save,
    source_key_rename,
)
from claims.models import Claim
from sources.models import Source
from tests.articles.test_import import database_snapshot
from tests.conftest import SEED_PATH

EDIT = ("over 477 airstrikes", "over 480 airstrikes")
ROOT = SEED_PATH.parent.parent


def edit_a_section(article, user) -> Section:
    section = article.sections.get(body__contains=EDIT[0])
    section_save(section=section, body=section.body.replace(*EDIT), user=user, base_version=section.version)
    section.refresh_from_db()
    return section


def test_first_import_records_when_it_wrote_and_a_no_op_import_keeps_it(seed_article, seed_bytes):
    assert seed_article.imported_at is not None
    assert not article_import(data=seed_bytes, slug=seed_article.slug).has_changes
    seed_article.refresh_from_db()
    assert Article.objects.get(pk=seed_article.pk).imported_at == seed_article.imported_at


def test_import_over_an_edited_section_is_refused_listing_it_and_changes_nothing(
    seed_article, seed_bytes, editor
):
    section = edit_a_section(seed_article, editor)
    before = database_snapshot()
    with pytest.raises(ImportWouldOverwrite) as refused:
        article_import(data=seed_bytes, slug=seed_article.slug, title="Operation 1107")
    assert [edit.what for edit in refused.value.edits] == [f"section “{section.heading}” changed"]
    assert refused.value.edits[0].who == "edna" and refused.value.edits[0].when == section.updated_at
    assert database_snapshot() == before
    assert EDIT[1] in Section.objects.get(pk=section.pk).body


def test_the_command_lists_what_would_be_lost_and_exits_3(seed_article, editor):
    section = edit_a_section(seed_article, editor)
    before = database_snapshot()
    with pytest.raises(CommandError) as refused:
        call_command("import_article", str(SEED_PATH), slug=seed_article.slug)
    message = str(refused.value)
    assert refused.value.returncode == 3
    assert f"section “{section.heading}” changed, by edna, {section.updated_at:%Y-%m-%d %H:%M} UTC" in message
    assert "Nothing was imported" in message and "--force" in message
    assert database_snapshot() == before


def test_force_overwrites_as_a_new_revision_and_history_keeps_the_edit(seed_article, editor):
    section = edit_a_section(seed_article, editor)
    call_command(
        "import_article", str(SEED_PATH), slug=seed_article.slug, force=True, stdout=open(os.devnull, "w")
    )
    section.refresh_from_db()
    assert EDIT[0] in section.body and EDIT[1] not in section.body
    versions = Version.objects.get_for_object(section).select_related("revision")
    bodies = [version.field_dict["body"] for version in versions]
    assert EDIT[1] in bodies[1] and EDIT[0] in bodies[0]
    assert (
        versions[0].revision.get_comment()
        == "Imported operation-1107.txt (forced over edits made since the last import)"
    )
    # The forced import is now the last import: the next one is idempotent again.
    before = database_snapshot()
    call_command("import_article", str(SEED_PATH), slug=seed_article.slug, stdout=open(os.devnull, "w"))
    assert database_snapshot() == before


def test_an_import_that_changes_nothing_is_not_refused(seed_article, seed_bytes, editor):
    """The file already holds the edit: nothing would be lost, so there is nothing to refuse."""
    edit_a_section(seed_article, editor)
    result = article_import(data=seed_bytes.decode().replace(*EDIT), slug=seed_article.slug)
    assert not result.has_changes


def test_added_deleted_sections_and_article_details_count_as_edits(seed_article, seed_bytes, editor):
    last = seed_article.sections.order_by("-order").first()
    section_delete(section=seed_article.sections.get(heading="Background"), user=editor)
    section_create(
        article=seed_article, heading="Aftermath", level=1, order=last.order + 1, body="", user=editor
    )
    seed_article.title = "Operation 1107 (renamed)"
    article_save(article=seed_article, user=editor)
    with pytest.raises(ImportWouldOverwrite) as refused:
        article_import(data=seed_bytes, slug=seed_article.slug)
    assert [(edit.what, edit.who) for edit in refused.value.edits] == [
        ("article details (title, address or visibility) changed", "edna"),
        ("section “Aftermath” changed", "edna"),
        ("section “Background” deleted", "edna"),
    ]


def test_an_article_written_in_the_admin_and_never_imported_is_not_overwritten(db, editor):
    article = article_save(article=Article(title="Draft", slug="draft"), user=editor)
    section_create(article=article, heading="", level=0, order=0, body="Written by hand.", user=editor)
    with pytest.raises(ImportWouldOverwrite):
        article_import(data="Imported lead.\n", slug="draft")
    assert Section.objects.get(article=article).body == "Written by hand."


def test_the_migration_takes_the_last_import_time_from_the_revisions(seed_article, editor):
    edit_a_section(seed_article, editor)
    imported = Version.objects.get_for_object(seed_article).filter(revision__comment__startswith="Imported")
    Article.objects.filter(pk=seed_article.pk).update(imported_at=None)
    migration = importlib.import_module("articles.migrations.0003_article_imported_at")
    migration.from_import_revisions(apps, None)
    seed_article.refresh_from_db()
    assert seed_article.imported_at == imported.get().revision.date_created
    with pytest.raises(ImportWouldOverwrite):
        article_import(data=SEED_PATH.read_bytes(), slug=seed_article.slug)


def run(*command, database):
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


EDIT_IN_SHELL = f"""
from articles.models import Section
from articles.services import section_save
s = Section.objects.get(body__contains={EDIT[0]!r})
section_save(section=s, body=s.body.replace(*{EDIT!r}), user=None, base_version=s.version)
"""


def test_demo_seed_keeps_edits_made_in_the_admin(tmp_path):
    """bin/demo's import step, run again over a demo database with an edit, keeps the edit."""
    database = tmp_path / "demo.sqlite3"
    assert run(sys.executable, "manage.py", "migrate", "--noinput", database=database).returncode == 0
    first = run("bin/demo-seed", database=database)
    assert first.returncode == 0 and "Created article" in first.stdout, first.stderr
    assert "Created the demo article" in first.stdout
    assert "snapshots uploaded: council, gazette, relief" in first.stdout
    assert run(sys.executable, "manage.py", "shell", "-c", EDIT_IN_SHELL, database=database).returncode == 0
    again = run("bin/demo-seed", database=database)
    assert again.returncode == 0, again.stderr
    assert "Kept your edits to operation-1107" in again.stdout
    assert "Unchanged: the demo article" in again.stdout and "snapshots uploaded: none" in again.stdout
    assert "section “December 2023 Stalemates and Counterattacks” changed, by someone" in again.stderr
    body = run(
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from articles.models import Section as S; "
        f"print(S.objects.filter(body__contains='{EDIT[1]}').count())",
        database=database,
    )
    assert body.stdout.strip().splitlines()[-1] == "1"


def test_reimport_after_a_key_rename_changes_nothing(seed_article, seed_bytes, editor):
    """The file's [12] is the source renamed since: no duplicate source, the rename is not undone."""
    source = Source.objects.get(article=seed_article, key="12")
    source_key_rename(source=source, new_key="unhcr-2024", user=editor)
    before = database_snapshot()
    result = article_import(data=seed_bytes, slug=seed_article.slug)
    assert not result.has_changes and database_snapshot() == before
    assert not Source.objects.filter(article=seed_article, key="12").exists()


def test_forced_import_after_a_rename_and_an_edit_keeps_the_renamed_source(seed_article, seed_bytes, editor):
    source_key_rename(
        source=Source.objects.get(article=seed_article, key="12"), new_key="unhcr-2024", user=editor
    )
    edit_a_section(seed_article, editor)
    with pytest.raises(ImportWouldOverwrite):
        article_import(data=seed_bytes, slug=seed_article.slug)
    result = article_import(data=seed_bytes, slug=seed_article.slug, force=True)
    assert result.sources.created == 0 and result.sections.updated == 1
    assert not Source.objects.filter(article=seed_article, key="12").exists()
    cited = Claim.objects.for_article(seed_article).filter(citations__source__key="unhcr-2024").count()
    assert cited == Claim.objects.for_article(seed_article).filter(raw__contains="[unhcr-2024]").count() > 0
