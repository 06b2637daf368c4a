"""The public pages checked as an outsider would: the Nu HTML Checker (vnu-jar) finds no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.services import section_save
from sources.models import Source
from tests.factories import mark_changed

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(paths: list[Path]) -> list[dict]:
    """Return the Nu HTML Checker's errors for the files, each with the file it is in."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: run bin/browser-deps.")
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [message for message in messages if message.get("type") in ("error", "non-document-error")]


def test_public_pages_are_valid_html(client, seed_article, editor, tmp_path):
    Source.objects.filter(article=seed_article, key="2").update(
        title="Karenni forces launch Operation 1107",
        author="A. Reporter",
        publisher="Myanmar Now",
        url="https://example.org/1107",
        archive_url="https://web.archive.org/web/2023/https://example.org/1107",
        published_on="2023-11-08",
        accessed_on="2024-01-05",
        kind="news",
    )
    mark_changed(seed_article.pk)
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    section_save(
        section=section,
        body=section.body.replace("over 477 airstrikes", "over 480 airstrikes"),
        user=editor,
        base_version=section.version,
        comment="New count",
    )
    history = reverse("articles:history", args=[seed_article.slug])
    versions = [version.pk for version in Version.objects.get_for_object(seed_article)]
    urls = {
        "list": reverse("articles:list"),
        "article": seed_article.get_absolute_url(),
        "article-plain": seed_article.get_absolute_url() + "?highlight=off",
        "history": history,
        "history-compare": f"{history}?from={versions[-1]}&to={versions[0]}",
        "factcheck": reverse("articles:factcheck", args=[seed_article.slug]),
        "source-placeholder": reverse("articles:source", args=[seed_article.slug, "1"]),
        "source-details": reverse("articles:source", args=[seed_article.slug, "2"]),
        "search": reverse("articles:search") + "?q=airstrikes+Loikaw",
        "search-empty": reverse("articles:search"),
    }
    paths = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    assert nu_errors(paths) == []


def test_reader_views_with_review_marks_are_valid_html(client, seed_article, editor, reviewer, tmp_path):
    """Approval marks, a public reason (hostile text), a statement changed since review and one removed
    after approval, in both views."""
    from claims.models import Claim
    from claims.services import claim_review

    first, second, third, fourth = Claim.objects.for_article(seed_article).in_article_order()[:4]
    for claim in (first, third, fourth):
        claim_review(claim=claim, reviewer=reviewer, status="approved")
    hostile = '<script>alert("x")</script> & </span></p><div>'
    claim_review(claim=second, reviewer=reviewer, status="disputed", note=hostile, note_is_public=True)
    section = third.section
    body = section.body.replace(third.raw, "Meanwhile, " + third.raw).replace(fourth.raw, "")
    section_save(section=section, body=body, user=editor, base_version=section.version)
    paths = []
    for name in ("latest", "reviewed"):
        response = client.get(seed_article.get_absolute_url() + f"?view={name}")
        assert response.status_code == 200
        assert b"review-approved" in response.content
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    assert b"changed-mark" in paths[0].read_bytes() and b"approved-wordings" in paths[0].read_bytes()
    assert b"review-disputed" in paths[0].read_bytes()
    assert nu_errors(paths) == []
