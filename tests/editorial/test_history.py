"""One hook for who and why in both history libraries (editorial.history, editorial.work.describe_write)."""

import pytest
import reversion
from reversion.models import Revision

from editorial import work
from editorial.bulk import update_rows_with_history
from editorial.work import describe_write, editorial_change
from sources.models import Source
from tests.factories import SectionFactory, SourceFactory


def latest_row(source: Source):
    return Source.history.filter(id=source.pk).order_by("-history_id").first()


def test_a_described_write_has_its_own_reason_and_the_units_user(db, editor):
    source = SourceFactory(title="Gazette")
    with editorial_change(user=editor, comment="Tidied the references"):
        source.title = "The Gazette"
        describe_write(source, "Title as printed on the masthead")
        source.save()
    row = latest_row(source)
    assert (row.history_user, row.history_change_reason) == (editor, "Title as printed on the masthead")


def test_the_reason_belongs_to_the_described_object_not_to_its_row(db, editor):
    """Another object for the same row, saved in the same unit, is not the write the service described:
    it has the unit's comment."""
    source = SourceFactory(title="Gazette")
    with editorial_change(user=editor, comment="Tidied the references"):
        describe_write(source, "Title as printed on the masthead")
        again = Source.objects.get(pk=source.pk)
        again.title = "Gazette (weekly)"
        again.save()
    row = latest_row(source)
    assert (row.history_user, row.history_change_reason) == (editor, "Tidied the references")


def test_a_service_inside_another_unit_keeps_its_own_reason(db, editor):
    source = SourceFactory(title="Gazette")
    with editorial_change(user=editor, comment="Import"):
        with editorial_change(user=editor, comment="ignored: the outer unit's comment stands"):
            describe_write(source, "Rated unreliable")
            source.save()
        SourceFactory(article=source.article, title="Herald")
    assert latest_row(source).history_change_reason == "Rated unreliable"
    herald = Source.objects.get(title="Herald")
    assert latest_row(herald).history_change_reason == "Import"  # not described: the unit's comment


def test_a_reason_described_in_a_refused_inner_unit_does_not_reach_a_later_save(db, editor):
    """The inner unit's savepoint rolled its write back: the object saved again by the outer unit is a
    write of its own, with the outer unit's comment."""
    source = SourceFactory(title="Gazette")
    with editorial_change(user=editor, comment="Approved in bulk"):
        with pytest.raises(ValueError), editorial_change(user=editor):
            describe_write(source, "Refused review")
            raise ValueError("the wording changed meanwhile")
        source.title = "The Gazette"
        source.save()
    assert latest_row(source).history_change_reason == "Approved in bulk"


def test_a_write_described_with_no_reason_records_none_rather_than_the_units_comment(db, editor):
    """As a source saved without a reason inside an import always was: the service's word stands."""
    source = SourceFactory(title="Gazette")
    with editorial_change(user=editor, comment="Imported"):
        describe_write(source, "")
        source.save()
    assert latest_row(source).history_change_reason == ""


def test_describing_a_write_outside_a_unit_is_refused(db):
    source = SourceFactory()
    with pytest.raises(RuntimeError, match="inside editorial_change"):
        describe_write(source, "no unit")


def test_bulk_history_rows_take_each_described_reason_and_the_given_one_for_the_rest(db, editor):
    first, second = SourceFactory(title="A"), SourceFactory(title="B")
    with editorial_change(user=editor, comment="Checked links"):
        first.is_dead_link = second.is_dead_link = True
        describe_write(first, "Dead link: 3 failed fetches in a row")
        update_rows_with_history(
            Source, [first, second], ["is_dead_link"], user=editor, reason="Links checked"
        )
    assert (latest_row(first).history_change_reason, latest_row(first).history_user) == (
        "Dead link: 3 failed fetches in a row",
        editor,
    )
    assert latest_row(second).history_change_reason == "Links checked"
    assert latest_row(second).history_type == "~"


# What reversion saved, read through its public signal (editorial.work.after_revision_saved).


@pytest.fixture
def seen(monkeypatch):
    """Register a step that records what it is given, for this test only."""
    calls = []

    def step(unit, revision, versions):
        calls.append(
            (unit.comment, Revision.objects.filter(pk=revision.pk).exists(), {v.object_id for v in versions})
        )

    monkeypatch.setattr(work, "_revision_steps", list(work._revision_steps))
    work.after_revision_saved(step)
    return calls


def test_a_step_after_the_revision_sees_the_unit_and_the_saved_versions(db, editor, seen):
    section = SectionFactory(body="Before.")
    with editorial_change(user=editor, comment="Fixed a figure"):
        section.body = "After."
        section.save()
    assert seen == [("Fixed a figure", True, {str(section.pk), str(section.article_id)})]


def test_no_step_runs_for_a_failed_unit_or_a_revision_opened_outside_any_unit(db, editor, seen):
    section = SectionFactory(body="Before.")
    with pytest.raises(ValueError), editorial_change(user=editor, comment="Broken"):
        section.body = "Lost."
        section.save()
        raise ValueError("refused")
    with reversion.create_revision():
        section.body = "By hand."
        section.save()
    assert Revision.objects.filter(comment="").exists()  # reversion saved that one, without a unit
    assert seen == []
