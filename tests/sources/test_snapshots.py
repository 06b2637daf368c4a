"""Snapshots: one service stores every text, deduplicates by hash, fills empty fields, and tells listeners."""

import hashlib
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.errors import EmptySnapshot
from sources.models import Snapshot
from sources.selectors import latest_snapshots
from sources.services import snapshot_store, source_accept_metadata
from sources.signals import snapshot_added
from tests.factories import SourceFactory


@pytest.fixture
def received():
    calls = []

    def receiver(sender, snapshot, **kwargs):
        calls.append(snapshot)

    snapshot_added.connect(receiver)
    yield calls
    snapshot_added.disconnect(receiver)


@pytest.mark.django_db
def test_store_keeps_text_hash_and_origin(editor):
    source = SourceFactory()
    snapshot = snapshot_store(source=source, text="  The UN counted 6,000.\r\n", origin="paste", user=editor)
    assert snapshot.text == "The UN counted 6,000."
    assert snapshot.content_hash == hashlib.sha256(b"The UN counted 6,000.").hexdigest()
    assert (snapshot.origin, snapshot.created_by, snapshot.http_status) == ("paste", editor, None)
    assert list(source.snapshots.all()) == [snapshot]


@pytest.mark.django_db
def test_same_text_twice_returns_the_latest_without_a_duplicate(editor, received):
    source = SourceFactory()
    first = snapshot_store(source=source, text="Same words.", origin="paste", user=editor)
    again = snapshot_store(source=source, text="Same words.\n", origin="upload", user=editor)
    assert again.pk == first.pk and Snapshot.objects.count() == 1
    assert received == [first]


@pytest.mark.django_db
def test_changed_text_is_a_new_snapshot_and_signals(editor, received):
    source = SourceFactory()
    first = snapshot_store(source=source, text="Old words.", origin="paste", user=editor)
    second = snapshot_store(source=source, text="New words.", origin="paste", user=editor)
    back = snapshot_store(source=source, text="Old words.", origin="paste", user=editor)
    assert received == [first, second, back]
    assert back.pk not in (first.pk, second.pk)
    assert list(source.snapshots.all()) == [back, second, first]


@pytest.mark.django_db
def test_signal_runs_inside_the_transaction(editor):
    source = SourceFactory()

    def failing(sender, snapshot, **kwargs):
        raise RuntimeError("receiver failed")

    snapshot_added.connect(failing)
    try:
        with pytest.raises(RuntimeError):
            snapshot_store(source=source, text="Words.", origin="paste", user=editor)
    finally:
        snapshot_added.disconnect(failing)
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n\r\n ", "\x00"])
def test_empty_text_is_refused(editor, text):
    with pytest.raises(EmptySnapshot):
        snapshot_store(source=SourceFactory(), text=text, origin="paste", user=editor)
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_nul_is_removed_so_postgresql_accepts_the_text(editor):
    snapshot = snapshot_store(source=SourceFactory(), text="a\x00b", origin="paste", user=editor)
    snapshot.refresh_from_db()
    assert snapshot.text == "ab"


@pytest.mark.django_db
def test_reviewer_may_not_store(reviewer):
    with pytest.raises(PermissionDenied):
        snapshot_store(source=SourceFactory(), text="Words.", origin="paste", user=reviewer)
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_metadata_fills_empty_fields_only(editor):
    source = SourceFactory(title="Typed by the editor", author="")
    metadata = {"title": "Page title", "author": "A. Writer", "date": "2024-03-05", "sitename": "Example"}
    snapshot = snapshot_store(source=source, text="Words.", origin="fetch", user=editor, metadata=metadata)
    source.refresh_from_db()
    assert (source.title, source.author, source.publisher) == ("Typed by the editor", "A. Writer", "Example")
    assert source.published_on.isoformat() == "2024-03-05"
    assert source.history.first().history_user == editor
    accepted = source_accept_metadata(source=source, snapshot=snapshot, fields=["title"], user=editor)
    assert accepted == ["title"]
    source.refresh_from_db()
    assert source.title == "Page title"


@pytest.mark.django_db
def test_latest_snapshots_in_one_query(editor):
    sources = [SourceFactory() for _ in range(5)]
    newest = {}
    for index, source in enumerate(sources[:4]):
        for version in range(3):
            newest[source.pk] = snapshot_store(
                source=source, text=f"Source {index} version {version}", origin="paste", user=editor
            )
    with CaptureQueriesContext(connection) as queries:
        found = latest_snapshots([s.pk for s in sources])
    assert len(queries) == 1
    assert {pk: s.pk for pk, s in found.items()} == {pk: s.pk for pk, s in newest.items()}
    assert sources[4].pk not in found


@pytest.mark.django_db
def test_a_text_100_times_the_seed_is_stored_and_recognised_quickly(editor, seed_bytes):
    source = SourceFactory()
    """Recognised by its digest: the second store sends no text to the database and writes no snapshot.
    Its time is not limited here (the machine is shared); bench.snapshots measures it."""
    text = seed_bytes.decode() * 100  # about 6 MB
    first = snapshot_store(source=source, text=text, origin="upload", user=editor)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):  # CaptureQueriesContext would format 6 MB parameters
        again = snapshot_store(source=source, text=text, origin="upload", user=editor)
    assert again.pk == first.pk and len(first.text) > 5_000_000
    assert Snapshot.objects.filter(source=source).count() == 1
    assert statements and not [sql for sql, _ in statements if "INSERT" in sql and "snapshot" in sql]
    sent = [value for _, params in statements for value in params or () if isinstance(value, str)]
    assert max(map(len, sent), default=0) < 1_000  # compared by its digest: the text is not sent


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_stores_of_one_text_keep_one_snapshot():
    source = SourceFactory()
    barrier = threading.Barrier(2)
    stored = []

    def store():
        try:
            barrier.wait()
            stored.append(snapshot_store(source=source, text="Same words.", origin="fetch", user=None).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=store) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stored) == 2 and len(set(stored)) == 1
    assert Snapshot.objects.filter(source=source).count() == 1
