"""The editors' import form (plain text or wikitext, with the import report) and the wikitext download."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.services import article_import, section_save
from sources.models import Source
from tests.conftest import SEED_PATH

SAMPLE = Path(__file__).resolve().parents[2] / "seed" / "river-dam.wiki"
IMPORT_URL = reverse("admin:articles_article_import")


def post(client, data: bytes, name: str, **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "slug": "dam", **fields})


@pytest.mark.django_db
def test_the_list_links_to_the_import_form(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist"))
    assert IMPORT_URL in page.content.decode()


@pytest.mark.django_db
def test_importing_wikitext_shows_the_report_and_records_one_revision(client, editor):
    client.force_login(editor)
    page = client.post(
        IMPORT_URL,
        {
            "file": SimpleUploadedFile("river-dam.wiki", SAMPLE.read_bytes()),
            "slug": "dam",
            "title": "Verity River Dam",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Created “Verity River Dam”" in html
    assert "&lt;ref&gt; tags: 9 (all accounted for" in html and "infobox: {{Infobox dam}}" in html
    article = Article.objects.get(slug="dam")
    assert Source.objects.get(article=article, key="survey").work == "The Example Times"
    versions = Version.objects.get_for_model(Article).filter(object_id=str(article.pk))
    assert versions.count() == 1 and versions.get().revision.user == editor


@pytest.mark.django_db
def test_the_default_format_reads_a_plain_text_file_as_before(client, editor):
    client.force_login(editor)
    page = post(client, SEED_PATH.read_bytes(), "operation-1107.txt")
    assert "Created" in page.content.decode() and "Import report" not in page.content.decode()
    assert Source.objects.filter(article__slug="dam").count() == 80


@pytest.mark.django_db
def test_bad_wikitext_is_refused_on_the_form_and_a_corrected_file_then_imports(client, editor):
    client.force_login(editor)
    refused = post(client, b"Lead.<ref>never closed\n", "broken.wiki")
    assert "not closed with &lt;/ref&gt;" in refused.content.decode()
    assert "nothing was imported" in refused.content.decode() and not Article.objects.exists()
    fixed = post(client, b"Lead.<ref>now closed</ref>\n", "broken.wiki")
    assert "Created" in fixed.content.decode() and Article.objects.filter(slug="dam").exists()


@pytest.mark.django_db
def test_an_import_over_edits_asks_for_the_box(client, editor):
    client.force_login(editor)
    post(client, SAMPLE.read_bytes(), "river-dam.wiki")
    Article.objects.filter(slug="dam").update(title="Edited")
    article = Article.objects.get(slug="dam")
    section = article.sections.order_by("order").first()
    section_save(section=section, body=section.body + " Added.", user=editor, base_version=section.version)
    changed = SAMPLE.read_bytes().replace(b"Its power station", b"The power station")
    refused = post(client, changed, "river-dam.wiki")
    assert "tick the box" in refused.content.decode()
    forced = post(client, changed, "river-dam.wiki", force="on")
    assert "Updated" in forced.content.decode()


@pytest.mark.django_db
def test_a_reviewer_may_not_import(client, reviewer):
    client.force_login(reviewer)
    assert client.get(IMPORT_URL).status_code == 403


@pytest.mark.django_db
def test_editors_download_the_article_as_wikitext(client, editor):
    article = article_import(data=SAMPLE.read_bytes(), slug="dam", name=SAMPLE.name).article
    client.force_login(editor)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    download_url = reverse("admin:articles_article_wikitext", args=[article.pk])
    assert download_url in change
    download = client.get(download_url)
    assert download["Content-Disposition"] == 'attachment; filename="dam.wiki"'
    text = download.content.decode()
    assert '<ref name="survey">{{cite web' in text and "{{Reflist}}" in text
