"""The source's admin page: fetch, upload, paste, snapshots (always escaped), attempts and suggestions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sources.admin import FETCH_QUEUED, METADATA_ACCEPTED, SNAPSHOT_STORED, SNAPSHOT_UNCHANGED
from sources.models import FetchAttempt, Snapshot
from sources.services import fetch_enqueue, snapshot_store
from tests.factories import SourceFactory
from tests.sources.conftest import REPORT_PDF, run_worker

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def page(client, source):
    return client.get(reverse("admin:sources_source_change", args=[source.pk]))


def post(client, source, name, data=None):
    return client.post(reverse(f"admin:sources_source_{name}", args=[source.pk]), data or {}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_editor_sees_actions_snapshots_and_attempts(client, editor):
    source = SourceFactory(url="https://example.org/report")
    snapshot_store(source=source, text="The report counts 6,000.", origin="paste", user=editor)
    fetch_enqueue(source=source, user=editor)
    client.force_login(editor)
    html = page(client, source).content.decode()
    for text in ("Fetch now", "Upload a file", "Paste text", "The report counts 6,000.", "Pasted text"):
        assert text in html
    assert 'class="attempt-pending"' in html


def test_hostile_snapshot_text_is_escaped_in_the_list_and_the_full_view(client, editor):
    source = SourceFactory()
    snapshot = snapshot_store(source=source, text=HOSTILE, origin="paste", user=editor)
    client.force_login(editor)
    for response in (
        page(client, source),
        client.get(reverse("admin:sources_source_snapshot", args=[source.pk, snapshot.pk])),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<script>alert" not in html and "<img src=x" not in html


def test_fetched_hostile_page_keeps_its_markup_as_text_only(client, editor, http_server, settings):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    source = SourceFactory(url=http_server.url("/hostile.html"))
    fetch_enqueue(source=source, user=editor)
    run_worker()
    snapshot = source.snapshots.get()
    assert '<script>alert("pwned")</script>' in snapshot.text
    assert "real script" not in snapshot.text
    client.force_login(editor)
    html = client.get(
        reverse("admin:sources_source_snapshot", args=[source.pk, snapshot.pk])
    ).content.decode()
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html and "<script>alert" not in html


def test_fetch_now_queues_a_task(client, editor):
    source = SourceFactory(url="https://example.org/report")
    client.force_login(editor)
    response = post(client, source, "fetch")
    assert messages_of(response) == [FETCH_QUEUED.format(key=source.key)]
    attempt = FetchAttempt.objects.get(source=source)
    assert attempt.state == "pending" and attempt.requested_by == editor
    assert DBTaskResult.objects.get(id=attempt.task_id).status == "READY"


def test_fetch_now_without_url_says_so(client, editor):
    source = SourceFactory(url="")
    client.force_login(editor)
    response = post(client, source, "fetch")
    assert messages_of(response) == [f"Source [{source.key}] has no URL to fetch."]
    assert not FetchAttempt.objects.exists()


def test_actions_need_post(client, editor):
    source = SourceFactory(url="https://example.org/report")
    client.force_login(editor)
    assert client.get(reverse("admin:sources_source_fetch", args=[source.pk])).status_code == 405
    assert not FetchAttempt.objects.exists()


def test_upload_a_pdf_then_the_same_again(client, editor):
    source = SourceFactory()
    client.force_login(editor)
    upload = SimpleUploadedFile("report.pdf", REPORT_PDF, content_type="application/octet-stream")
    assert messages_of(post(client, source, "upload", {"file": upload})) == [
        SNAPSHOT_STORED.format(key=source.key)
    ]
    snapshot = source.snapshots.get()
    assert (snapshot.origin, snapshot.content_type, snapshot.created_by) == (
        "upload",
        "application/pdf",
        editor,
    )
    again = SimpleUploadedFile("copy.pdf", REPORT_PDF)
    assert messages_of(post(client, source, "upload", {"file": again})) == [
        SNAPSHOT_UNCHANGED.format(key=source.key)
    ]
    assert Snapshot.objects.count() == 1


def test_upload_of_an_image_is_refused(client, editor):
    source = SourceFactory()
    client.force_login(editor)
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    response = post(client, source, "upload", {"file": upload})
    assert messages_of(response) == ["The file photo.png is not an HTML page, a PDF or a plain-text file."]
    assert "Photo.png" not in response.content.decode()  # the admin capitalises a message's first letter
    assert not Snapshot.objects.exists()


def test_upload_over_the_limit_is_refused(client, editor, settings):
    settings.VERITY_FETCH_MAX_BYTES = 1000
    source = SourceFactory()
    client.force_login(editor)
    response = post(client, source, "upload", {"file": SimpleUploadedFile("big.txt", b"a" * 1001)})
    assert messages_of(response) == ["The file big.txt is larger than 1000 bytes."]
    assert not Snapshot.objects.exists()


def test_paste_text(client, editor):
    source = SourceFactory()
    client.force_login(editor)
    response = post(client, source, "paste", {"text": "Paywalled: 45 per cent."})
    assert messages_of(response) == [SNAPSHOT_STORED.format(key=source.key)]
    assert source.snapshots.get().origin == "paste"
    assert messages_of(post(client, source, "paste", {"text": "   "})) == ["This field is required."]


def test_reviewer_reads_snapshots_but_cannot_add_or_fetch(client, reviewer, editor):
    source = SourceFactory(url="https://example.org/report")
    snapshot = snapshot_store(source=source, text="Text to read.", origin="paste", user=editor)
    client.force_login(reviewer)
    html = page(client, source).content.decode()
    assert "Text to read." in html and "Fetch now" not in html and "Store pasted text" not in html
    snapshot_url = reverse("admin:sources_source_snapshot", args=[source.pk, snapshot.pk])
    assert client.get(snapshot_url).status_code == 200
    for name, data in (("fetch", {}), ("paste", {"text": "Mine."})):
        assert client.post(reverse(f"admin:sources_source_{name}", args=[source.pk]), data).status_code == 403
    assert not FetchAttempt.objects.exists() and Snapshot.objects.count() == 1


def test_suggested_metadata_is_shown_and_accepted(client, editor):
    source = SourceFactory(title="Typed title", author="Typed author")
    metadata = {"title": "Page title", "author": "Page author", "sitename": "Example News"}
    snapshot = snapshot_store(source=source, text="Words.", origin="paste", user=editor, metadata=metadata)
    source.refresh_from_db()
    assert source.publisher == "Example News"  # empty: filled at once
    client.force_login(editor)
    html = page(client, source).content.decode()
    assert "Page title" in html and "Page author" in html
    response = post(client, source, "accept_metadata", {"snapshot": snapshot.pk, "fields": ["title"]})
    assert messages_of(response) == [METADATA_ACCEPTED.format(fields="title")]
    source.refresh_from_db()
    assert (source.title, source.author) == ("Page title", "Typed author")


def test_task_state_shows_a_task_that_died_in_the_worker(client, editor):
    source = SourceFactory(url="https://example.org/report")
    attempt = fetch_enqueue(source=source, user=editor)
    DBTaskResult.objects.filter(id=attempt.task_id).update(
        status="FAILED", exception_class_path="builtins.MemoryError"
    )
    client.force_login(editor)
    html = page(client, source).content.decode()
    assert 'class="attempt-failed"' in html and "The task failed: builtins.MemoryError" in html


def test_task_results_admin_is_readable_by_editors_only(client, editor, reviewer):
    attempt = fetch_enqueue(source=SourceFactory(url="https://example.org/r"), user=editor)
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    result_page = reverse("admin:django_tasks_database_dbtaskresult_change", args=[attempt.task_id])
    client.force_login(editor)
    assert client.get(changelist).status_code == 200
    assert "fetch_source" in client.get(result_page).content.decode()
    client.force_login(reviewer)
    assert client.get(changelist).status_code == 403
