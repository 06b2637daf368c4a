"""The public pages checked as an outsider would: the Nu HTML Checker (vnu-jar) finds no errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.services import section_save
from bench.evidence import attach_generated_snapshots
from claims.models import Citation, Claim
from claims.verification import citation_confirm_passage, claims_check_evidence
from sources.models import Source
from sources.services import snapshot_store
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


def check_figures_against_snapshots(article, editor) -> None:
    """Give the pages verified and failed figures and a confirmed quote, with markup in the source text."""
    quote = 'It said "<i>11</i> days" & more.'  # a confirmed passage is the source's words: an older snapshot
    two = Source.objects.get(article=article, key="2")
    snapshot_store(source=two, text=quote, origin="paste", user=editor)
    attach_generated_snapshots(article)
    claims_check_evidence(claims=list(Claim.objects.for_article(article).values_list("pk", flat=True)))
    source = Source.objects.get(article=article, key="12")
    snapshot_store(
        source=source, text="The <b>report</b> gives no count of any kind.", origin="paste", user=editor
    )
    citation = Citation.objects.filter(source__key="2", claim__section__article=article).first()
    citation_confirm_passage(citation=citation, text=quote, user=editor)


def test_public_pages_are_valid_html(client, seed_article, editor, tmp_path):
    Source.objects.filter(article=seed_article, key="2").update(
        title="Karenni forces launch Operation 1107",
        author="A. Reporter",
        work="Myanmar Now",
        publisher="Myanmar Now Media",
        url="https://example.org/1107",
        archive_url="https://web.archive.org/web/2023/https://example.org/1107",
        published_on="2023-11-08",
        archived_on="2023-11-09",
        accessed_on="2024-01-05",
        kind="news",
        pages="12–14",
        isbn="978-0-306-40615-7",
        doi="10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
        quote='It said "<i>11</i>" & more.',
    )
    Source.objects.filter(article=seed_article, key="3").update(
        title="Kayah State report", work="Human Rights Watch", published_text="March 2024"
    )
    check_figures_against_snapshots(seed_article, editor)
    Citation.objects.filter(source__key="2", claim__section__article=seed_article).update(pages="pp. <3>–5")
    mark_changed(seed_article.pk)
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    section_save(
        section=section,
        body=section.body.replace("over 477 airstrikes", "over 480 airstrikes")
        + "\n| Year | Airstrikes | <Note> |\n|---|---:|---|"
        + "\n| 2023 | over 480[2] | & more |\n| 2024 | 120[3] |",
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
        "revision-old": reverse("articles:revision", args=[seed_article.slug, versions[-1]]),
        "revision-current": reverse("articles:revision", args=[seed_article.slug, versions[0]]),
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
    client.force_login(editor)  # the editor's variant: [edit] beside every heading
    editors_page = client.get(seed_article.get_absolute_url()).content
    assert b'class="edit-section"' in editors_page
    (tmp_path / "article-editor.html").write_bytes(editors_page)
    paths.append(tmp_path / "article-editor.html")
    assert b'<table class="article-table">' in (tmp_path / "article.html").read_bytes()
    assert b'<table class="article-table">' in (tmp_path / "revision-current.html").read_bytes()
    article_page = (tmp_path / "article.html").read_text()
    assert "verified in [" in article_page and "failed verification" in article_page
    assert 'class="source-quote"' in article_page
    # The citation template's fields and the page a use cites, escaped and linked.
    doi = "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O"
    assert f'href="{doi}"' in article_page
    assert "ISBN <a" in article_page and 'class="citation-quote"' in article_page
    assert "pp. 12–14" in article_page and "pp. &lt;3&gt;–5" in article_page
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
