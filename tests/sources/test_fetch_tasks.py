"""Fetching through the task queue: attempts, snapshots, dead links, and the two commands."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from sources.errors import NoURL
from sources.models import FetchAttempt, Snapshot
from sources.services import DEAD_LINK_REASON, fetch_attempt_run, fetch_enqueue
from sources.signals import snapshot_added
from tests.factories import SourceFactory
from tests.sources.conftest import REPORT_PDF, pdf_with_text, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback(settings):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    settings.VERITY_FETCH_TIMEOUT = 2
    settings.VERITY_FETCH_MAX_BYTES = 16 * 1024


def fetched(source, user):
    attempt = fetch_enqueue(source=source, user=user)
    run_worker()
    attempt.refresh_from_db()
    source.refresh_from_db()
    return attempt


def test_fetch_is_queued_then_run_by_the_worker(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/article.html"))
    attempt = fetch_enqueue(source=source, user=editor)
    assert attempt.state == "pending" and http_server.requests == []
    assert DBTaskResult.objects.get(id=attempt.task_id).status == "READY"
    run_worker()
    attempt.refresh_from_db()
    assert attempt.state == "done" and attempt.http_status == 200
    assert DBTaskResult.objects.get(id=attempt.task_id).status == "SUCCESSFUL"
    snapshot = attempt.snapshot
    assert (snapshot.origin, snapshot.url, snapshot.final_url) == ("fetch", source.url, source.url)
    assert (snapshot.http_status, snapshot.content_type, snapshot.created_by) == (200, "text/html", editor)
    assert "about 6,000 people had fled" in snapshot.text
    source.refresh_from_db()
    assert (source.title, source.author, source.publisher) == (
        "Thousands flee fighting in the north",
        "Jane Reporter",
        "Example News",
    )
    assert source.published_on.isoformat() == "2024-03-05"


@pytest.mark.django_db(transaction=True)
def test_db_worker_command_runs_the_queue(http_server, loopback):
    source = SourceFactory(url=http_server.url("/plain.txt"))
    attempt = fetch_enqueue(source=source, user=None)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    attempt.refresh_from_db()
    assert attempt.state == "done" and attempt.snapshot.text.startswith("Report: 3 million")
    assert DBTaskResult.objects.get(id=attempt.task_id).return_value == {
        "attempt": attempt.pk,
        "state": "done",
        "reason": "",
    }


def test_loopback_is_refused_by_default(http_server, editor):
    source = SourceFactory(url=http_server.url("/plain.txt"))
    attempt = fetched(source, editor)
    assert (attempt.state, attempt.reason) == ("failed", "refused_address")
    assert http_server.requests == [] and not source.snapshots.exists()


def test_env_variable_allows_loopback(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("VERITY_FETCH_ALLOW_LOOPBACK", "1")
    assert importlib.reload(base).VERITY_FETCH_ALLOW_LOOPBACK is True
    monkeypatch.delenv("VERITY_FETCH_ALLOW_LOOPBACK")
    assert importlib.reload(base).VERITY_FETCH_ALLOW_LOOPBACK is False


def test_refetching_the_same_text_stores_no_duplicate(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/report.pdf"))
    calls = []
    receiver = lambda sender, snapshot, **kwargs: calls.append(snapshot.pk)  # noqa: E731
    snapshot_added.connect(receiver)
    try:
        first, second = fetched(source, editor), fetched(source, editor)
    finally:
        snapshot_added.disconnect(receiver)
    assert first.snapshot_id == second.snapshot_id and Snapshot.objects.count() == 1
    assert calls == [first.snapshot_id]
    assert first.snapshot.text == "The agency counted 1.5 million displaced people in 2024."


@pytest.mark.parametrize(
    ("path", "reason", "status"),
    [
        ("/missing", "not_found", 404),
        ("/gone", "gone", 410),
        ("/loop-a", "too_many_redirects", None),
        ("/to-private", "refused_address", None),
        ("/big-streamed", "too_large", 200),
        ("/image.png", "unsupported_type", 200),
        ("/empty.html", "empty_text", 200),
    ],
)
def test_failed_fetch_records_why(http_server, loopback, editor, path, reason, status):
    attempt = fetched(SourceFactory(url=http_server.url(path)), editor)
    assert (attempt.state, attempt.reason, attempt.http_status) == ("failed", reason, status)
    assert attempt.finished_at is not None and attempt.detail
    assert not Snapshot.objects.exists()


def test_three_failures_in_a_row_mark_the_link_dead(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/missing"))
    fetched(source, editor), fetched(source, editor)
    assert not source.is_dead_link
    fetched(source, editor)
    assert source.is_dead_link
    assert source.history.first().history_change_reason == DEAD_LINK_REASON.format(count=3)
    source.url = http_server.url("/plain.txt")
    source.save()
    assert fetched(source, editor).state == "done"
    assert not source.is_dead_link


def test_a_success_between_failures_resets_the_count(http_server, loopback, editor, settings):
    source = SourceFactory(url=http_server.url("/missing"))
    fetched(source, editor), fetched(source, editor)
    source.url = http_server.url("/plain.txt")
    source.save()
    fetched(source, editor)
    source.url = http_server.url("/gone")
    source.save()
    fetched(source, editor), fetched(source, editor)
    assert not source.is_dead_link
    settings.VERITY_FETCH_DEAD_AFTER = 2
    fetched(source, editor)
    assert source.is_dead_link


def test_refused_or_unsupported_never_mark_a_link_dead(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/image.png"))
    for _ in range(4):
        fetched(source, editor)
    assert not source.is_dead_link


def test_a_fetch_still_queued_is_not_queued_twice(http_server, loopback, editor, other_editor):
    source = SourceFactory(url=http_server.url("/plain.txt"))
    first = fetch_enqueue(source=source, user=editor)
    assert fetch_enqueue(source=source, user=other_editor).pk == first.pk
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert fetch_enqueue(source=source, user=editor).pk != first.pk
    assert DBTaskResult.objects.count() == 2


def test_no_url_or_no_permission_queues_nothing(reviewer, editor):
    with pytest.raises(NoURL):
        fetch_enqueue(source=SourceFactory(url=""), user=editor)
    with pytest.raises(PermissionDenied):
        fetch_enqueue(source=SourceFactory(url="https://example.org/"), user=reviewer)
    assert not FetchAttempt.objects.exists() and not DBTaskResult.objects.exists()


def test_an_attempt_runs_once(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/plain.txt"))
    attempt = fetched(source, editor)
    again = fetch_attempt_run(attempt_id=attempt.pk)
    assert again.state == "done" and len(http_server.requests) == 1


def test_worker_error_is_recorded_on_the_attempt_and_the_task(http_server, loopback, editor):
    source = SourceFactory(url=http_server.url("/plain.txt"))
    attempt = fetch_enqueue(source=source, user=editor)
    editor.groups.remove(Group.objects.get(name="Editors"))  # lost the right before the worker ran
    run_worker()
    attempt.refresh_from_db()
    assert (attempt.state, attempt.reason) == ("failed", "worker_error")
    assert "EditNotAllowed" in attempt.detail  # the unit of work's refusal, a PermissionDenied
    result = DBTaskResult.objects.get(id=attempt.task_id)
    assert result.status == "FAILED" and result.exception_class_path.endswith("EditNotAllowed")


def test_fetch_sources_waits_and_shows_progress(http_server, loopback, seed_article):
    paths = ["/article.html", "/report.pdf", "/plain.txt", "/missing"]
    sources = list(seed_article.sources.order_by("number")[:4])
    for source, path in zip(sources, paths, strict=True):
        source.url = http_server.url(path)
        source.save()
    out = io.StringIO()
    with pytest.raises(CommandError, match="^1 of 4 fetches failed") as failed:
        call_command("fetch_sources", "operation-1107", "--wait", stdout=out)
    assert failed.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[:4] == ["1/4 fetched", "2/4 fetched", "3/4 fetched", "3/4 fetched, 1 failed"]
    assert "3 fetched, 1 failed." in lines
    assert f"[{sources[3].key}] HTTP 404 Not Found" in lines  # not "HTTP 404 Not Found: HTTP 404"
    assert Snapshot.objects.filter(source__in=sources[:3]).count() == 3
    assert not DBTaskResult.objects.ready().exists()


def test_fetch_sources_counts_failures_as_failed_and_exits_non_zero(http_server, loopback, seed_article):
    sources = list(seed_article.sources.order_by("number")[:3])
    for source in sources:
        source.url = http_server.url(f"/missing-{source.key}")
        source.save()
    out = io.StringIO()
    with pytest.raises(CommandError, match="^3 of 3 fetches failed") as failed:
        call_command("fetch_sources", "operation-1107", "--wait", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["0/3 fetched, 1 failed", "0/3 fetched, 2 failed", "0/3 fetched, 3 failed"]
    assert "0 fetched, 3 failed." in lines and "3/3 fetched" not in out.getvalue()
    assert failed.value.returncode == 1  # manage.py exits with it


def test_fetch_sources_without_wait_only_queues(seed_article):
    seed_article.sources.filter(number__lte=2).update(url="https://example.org/a")
    out = io.StringIO()
    call_command("fetch_sources", "operation-1107", stdout=out)
    assert "Queued 2 fetches" in out.getvalue()
    assert FetchAttempt.objects.filter(state="pending").count() == 2
    assert DBTaskResult.objects.ready().count() == 2


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_fetch_sources_draws_a_bar_on_a_terminal(http_server, loopback, seed_article):
    for number, source in enumerate(seed_article.sources.order_by("number")[:2]):
        source.url = http_server.url("/plain.txt" if number else "/report.pdf")
        source.save()
    out = Terminal()
    call_command("fetch_sources", "operation-1107", "--wait", stdout=out)
    assert out.getvalue().startswith(f"\r[{'#' * 15}{'.' * 15}] 1/2 fetched\r[{'#' * 30}] 2/2 fetched")
    assert "2 fetched, 0 failed." in out.getvalue()


def test_fetch_sources_says_when_no_source_has_a_url(seed_article):
    out = io.StringIO()
    call_command("fetch_sources", "operation-1107", "--wait", stdout=out)
    assert out.getvalue() == "No source of operation-1107 has a URL to fetch.\n"
    assert not FetchAttempt.objects.exists()


def test_fetch_sources_unknown_article():
    with pytest.raises(CommandError, match="No article"):
        call_command("fetch_sources", "nope")


@pytest.mark.parametrize(
    ("name", "data", "content_type", "expected"),
    [
        ("report.pdf", REPORT_PDF, "application/pdf", "The agency counted 1.5 million"),
        (
            "page.bin",
            b"<!DOCTYPE html><html><body><p>Pasted page text.</p></body></html>",
            "text/html",
            "Pasted page text.",
        ),
        ("notes", "Plain notes — 45%.".encode(), "text/plain", "Plain notes — 45%."),
    ],
)
def test_attach_snapshot_detects_the_kind_by_content(
    seed_article, tmp_path, name, data, content_type, expected
):
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("attach_snapshot", "operation-1107", "12", str(path), stdout=out)
    snapshot = seed_article.sources.get(key="12").snapshots.get()
    assert (snapshot.origin, snapshot.content_type) == ("upload", content_type)
    assert expected in snapshot.text and f"Stored snapshot {snapshot.pk} of [12]" in out.getvalue()
    call_command("attach_snapshot", "operation-1107", "12", str(path), stdout=out)
    assert "Unchanged" in out.getvalue() and Snapshot.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("operation-1107", "999", "x"), "has no source [999]"),
        (("operation-1107", "12", "/nonexistent/file"), "Cannot read"),
    ],
)
def test_attach_snapshot_refusals(seed_article, args, message):
    with pytest.raises(CommandError, match=message.replace("[", r"\[").replace("]", r"\]")):
        call_command("attach_snapshot", *args)


def test_attach_snapshot_refuses_binary_and_unreadable_pdf(seed_article, tmp_path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match="not an HTML page, a PDF or a plain-text file"):
        call_command("attach_snapshot", "operation-1107", "12", str(image))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf_with_text("x")[:40])
    with pytest.raises(CommandError, match="Not a readable PDF"):
        call_command("attach_snapshot", "operation-1107", "12", str(broken))
    assert not Snapshot.objects.exists()
