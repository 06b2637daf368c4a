"""Reading a file's text in a child process held to a time limit, a memory limit and a length (issue 20):
past one, a refusal that says which, and nothing stored."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.hostile_inputs import many_tables_html, nested_arrays_pdf, slow_pdf, start_hostile_server
from sources.errors import UnsupportedFile
from sources.extraction import ExtractionFailed, ExtractionRefused, extract
from sources.isolation import ExtractionLimits, extract_isolated
from sources.models import FetchAttempt, Snapshot
from sources.services import fetch_attempts_reclaim, fetch_enqueue, snapshot_upload
from tests.factories import SourceFactory
from tests.sources.conftest import ARTICLE_HTML, REPORT_PDF, run_worker

FRENCH_PAGE = "\ufeff<html><body><p>Déplacés : 6 000 personnes.</p></body></html>"
QUICK = ExtractionLimits(seconds=1, memory_bytes=768 * 1024 * 1024, max_chars=100_000)


@pytest.fixture(scope="module")
def hostile_server():
    server = start_hostile_server(size=1024 * 1024)
    yield server
    server.shutdown()
    server.server_close()


def test_a_file_is_read_in_the_child_as_in_process():
    assert extract_isolated(REPORT_PDF, "pdf", "", QUICK) == extract(REPORT_PDF, "pdf")
    assert extract_isolated(ARTICLE_HTML, "html", "", QUICK) == extract(ARTICLE_HTML, "html")


def test_a_pdf_that_takes_too_long_is_stopped_at_the_limit():
    with pytest.raises(ExtractionRefused, match=r"^The PDF took longer than 1 s to read$"):
        extract_isolated(slow_pdf(600_000), "pdf", "", QUICK)  # about 20 s unbounded


def test_a_reader_that_needs_too_much_memory_is_stopped():
    # Below what the child already holds: its next allocation fails (a hostile file does this at 768 MiB).
    tight = ExtractionLimits(seconds=10, memory_bytes=16 * 1024 * 1024, max_chars=100_000)
    with pytest.raises(ExtractionRefused, match=r"^Reading the HTML page needed more than 16 MiB of memory$"):
        extract_isolated(many_tables_html(2000), "html", "", tight)


def test_a_text_longer_than_the_bound_is_refused():
    with pytest.raises(ExtractionRefused, match=r"^The text file's text is longer than 100,000 characters$"):
        extract_isolated(b"word " * 30_000, "text", "", QUICK)
    with pytest.raises(ExtractionRefused, match="The PDF's text is longer than 1,000 characters"):
        extract(slow_pdf(2_000), "pdf", max_chars=1_000)


def test_arrays_nested_thousands_deep_are_a_refusal_not_a_crash():
    with pytest.raises(ExtractionFailed, match="nested too deeply"):
        extract(nested_arrays_pdf(5_000), "pdf")
    with pytest.raises(ExtractionFailed, match="nested too deeply"):
        extract_isolated(nested_arrays_pdf(5_000), "pdf", "", QUICK)


def test_many_small_tables_keep_their_text():
    text = extract(many_tables_html(500), "html").text
    assert text.count("6,000 people") == 500


@pytest.mark.django_db
def test_an_upload_past_the_time_limit_is_refused_and_stores_nothing(editor, settings):
    settings.VERITY_EXTRACT_SECONDS = 1
    source = SourceFactory()
    refusal = r"^The file slow\.pdf could not be read: The PDF took longer than 1 s to read$"
    with pytest.raises(UnsupportedFile, match=refusal):
        snapshot_upload(source=source, data=slow_pdf(600_000), name="slow.pdf", user=editor)
    assert not Snapshot.objects.exists()
    second = snapshot_upload(source=source, data=REPORT_PDF, name="report.pdf", user=editor)
    assert second.text.startswith("The agency counted")  # the next file is read at once


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            "\ufeff<html><body><p>Déplacés : 6 000 personnes.</p></body></html>".encode("utf-16-le"),
            "Déplacés",
        ),
        (
            "\ufeff<html><body><p>Déplacés : 6 000 personnes.</p></body></html>".encode("utf-16-be"),
            "Déplacés",
        ),
        ("Déplacés : 6 000 personnes, selon l'agence.".encode("latin-1"), "Déplacés : 6 000"),
    ],
)
def test_utf16_html_and_latin1_text_are_accepted(editor, data, text):
    snapshot = snapshot_upload(source=SourceFactory(), data=data, name="page", user=editor)
    assert text in snapshot.text


@pytest.mark.django_db
def test_a_fetched_pdf_past_the_time_limit_fails_with_the_reason(editor, settings, hostile_server):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    settings.VERITY_EXTRACT_SECONDS = 1
    source = SourceFactory(url=hostile_server.url("/slow.pdf"))
    attempt = fetch_enqueue(source=source, user=editor)
    run_worker()
    attempt.refresh_from_db()
    assert (attempt.state, attempt.reason) == ("failed", FetchAttempt.Reason.UNREADABLE)
    assert attempt.detail == "The PDF took longer than 1 s to read"
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_an_attempt_whose_worker_died_is_failed_with_the_reason(editor, settings, http_server):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    lost = fetch_enqueue(source=SourceFactory(url=http_server.url("/plain.txt")), user=editor)
    recent = fetch_enqueue(source=SourceFactory(url=http_server.url("/plain.txt")), user=editor)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.VERITY_FETCH_LOST_AFTER + 1)
    FetchAttempt.objects.filter(pk=lost.pk).update(state="running", started_at=long_ago)  # killed mid-fetch
    FetchAttempt.objects.filter(pk=recent.pk).update(state="running", started_at=timezone.now())
    assert fetch_attempts_reclaim() == 1
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert (lost.state, lost.reason) == ("failed", FetchAttempt.Reason.WORKER_LOST)
    assert "the worker stopped" in lost.detail and lost.finished_at is not None
    assert recent.state == "running"
    assert fetch_attempts_reclaim() == 0


@pytest.mark.django_db
def test_the_next_fetch_a_worker_runs_reclaims_the_lost_ones(editor, settings, http_server):
    settings.VERITY_FETCH_ALLOW_LOOPBACK = True
    source = SourceFactory(url=http_server.url("/plain.txt"))
    lost = fetch_enqueue(source=source, user=editor)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    FetchAttempt.objects.filter(pk=lost.pk).update(state="running", started_at=long_ago)
    DBTaskResult.objects.filter(id=lost.task_id).delete()  # its worker took the task and died
    again = fetch_enqueue(source=source, user=editor)
    run_worker()
    lost.refresh_from_db()
    again.refresh_from_db()
    assert lost.state == "failed" and again.state == "done" and again.started_at is not None
