"""An uploaded snapshot keeps its file name: on the source's admin page, the snapshot's page and the
public source page (escaped everywhere); a failed fetch reads its reason once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.services import uploaded_file_name
from tests.factories import SourceFactory
from tests.sources.conftest import REPORT_PDF

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "sent, kept",
    [
        ("report.pdf", "report.pdf"),
        ("Flood report, May 2024.pdf", "Flood report, May 2024.pdf"),
        ("C:\\Users\\edna\\Desktop\\report.pdf", "report.pdf"),
        ("/home/edna/report.pdf", "report.pdf"),
        ("bad\x00\x1bname.txt", "badname.txt"),
        ("x" * 300 + ".pdf", "x" * 255),
        ("", ""),
    ],
)
def test_the_name_kept_is_the_files_own(sent, kept):
    assert uploaded_file_name(sent) == kept


def test_an_uploaded_snapshot_keeps_its_file_name(client, editor):
    source = SourceFactory(url="")
    client.force_login(editor)
    name = "Flood <report> & notes.pdf"
    upload = SimpleUploadedFile(name, REPORT_PDF, content_type="application/pdf")
    client.post(reverse("admin:sources_source_upload", args=[source.pk]), {"file": upload})
    snapshot = source.snapshots.get()
    assert snapshot.file_name == name
    escaped = "Flood &lt;report&gt; &amp; notes.pdf"
    admin_page = client.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert escaped in admin_page and name not in admin_page
    snapshot_page = client.get(reverse("admin:sources_source_snapshot", args=[source.pk, snapshot.pk]))
    assert f"Uploaded file: {escaped}" in snapshot_page.content.decode()
    assert source.article.is_public
    public = client.get(reverse("articles:source", args=[source.article.slug, source.key])).content.decode()
    assert f"uploaded as a file, {escaped}" in public


@pytest.mark.parametrize(
    "reason, detail, text",
    [
        ("not_found", "HTTP 404", "HTTP 404 Not Found"),
        ("gone", "http 410 gone", "HTTP 410 Gone"),
        (
            "connection",
            "Connection refused by 203.0.113.9",
            "Connection failed: Connection refused by 203.0.113.9",
        ),
        ("http_status", "HTTP 503", "HTTP error status: HTTP 503"),
        ("timeout", "", "Timed out"),
        ("", "worker died", "worker died"),
    ],
)
def test_a_failure_reads_once_without_repeating_its_reason(reason, detail, text):
    from sources.models import FetchAttempt

    assert FetchAttempt(reason=reason, detail=detail).failure_text == text
