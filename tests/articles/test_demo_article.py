"""The demo article shows the fact check with the project's own files: its sources' text is uploaded
through the snapshot service, readers see verified and failed figures, and loading it again never
overwrites an editor's edits or snapshots."""

import io

from django.core.management import call_command

from articles.demo import DEMO_FILE, DEMO_SLUG, SNAPSHOT_DIR, demo_article_load
from articles.models import Article, Section
from articles.services import section_save
from claims.evidence import verdicts
from claims.models import Figure
from sources.models import Snapshot, Source
from sources.services import snapshot_store

# The 820 homes the council's page puts at 280 are contradicted by their source.
CONTRADICTED = verdicts.CONTRADICTED
EXPECTED = {
    "3.2 metres": verdicts.SUPPORTED,
    "820": CONTRADICTED,
    "About 2,400": verdicts.SUPPORTED,
    "over 5,000": verdicts.SUPPORTED,
    "43": verdicts.SUPPORTED,
    "two": verdicts.SUPPORTED,
    "£12 million": verdicts.NOT_FOUND,
    "1,150": verdicts.NO_EVIDENCE,
}


def verdicts_of(article) -> dict[str, str]:
    figures = Figure.objects.filter(claim__section__article=article, claim__retired_at__isnull=True)
    return dict(figures.values_list("text", "verdict"))


def test_the_demo_is_written_as_a_demo_and_ships_its_sources_text():
    text = DEMO_FILE.read_text()
    assert "demonstration" in text.splitlines()[0] and "invented" in text.splitlines()[0]
    assert "\nReferences\n" in text
    for path in SNAPSHOT_DIR.iterdir():
        assert "invented for the Verity demo" in path.read_text(), path.name


def test_loading_the_demo_uploads_the_shipped_text_and_checks_every_figure(db, client):
    loaded = demo_article_load()
    assert (loaded.created, loaded.uploaded, loaded.kept) == (True, ["council", "gazette", "relief"], [])
    article = Article.objects.get(slug=DEMO_SLUG)
    origins = Snapshot.objects.filter(source__article=article).values_list("origin", flat=True)
    assert set(origins) == {"upload"}
    assert verdicts_of(article) == EXPECTED
    council = Source.objects.get(article=article, key="council")
    assert "280 homes" in council.snapshots.get().text  # the same quantity, another value
    page = client.get(article.get_absolute_url()).content.decode()
    assert "verified in [" in page and "[failed verification]" in page
    assert "invented" in page


def test_loading_the_demo_again_changes_nothing(db):
    demo_article_load()
    article = Article.objects.get(slug=DEMO_SLUG)
    version = article.content_version
    again = demo_article_load()
    assert (again.created, again.imported, again.uploaded) == (False, False, [])
    assert again.kept == ["council", "gazette", "relief"]
    article.refresh_from_db()
    assert article.content_version == version
    assert Snapshot.objects.filter(source__article=article).count() == 3


def test_loading_the_demo_keeps_an_editors_edit_and_snapshot(db, editor):
    demo_article_load()
    article = Article.objects.get(slug=DEMO_SLUG)
    section = Section.objects.get(article=article, heading="Cost")
    body = section.body.replace("£12 million", "£14 million")
    section_save(section=section, body=body, user=editor, base_version=section.version)
    gazette = Source.objects.get(article=article, key="gazette")
    mine = snapshot_store(source=gazette, text="The editor's own copy.", origin="paste", user=editor)
    out = io.StringIO()
    call_command("demo_article", stdout=out)
    assert "Kept your edits" in out.getvalue() and "Cost" in out.getvalue()
    assert Section.objects.get(pk=section.pk).body == body
    assert gazette.snapshots.order_by("-created_at", "-id").first() == mine
    assert "snapshots uploaded: none" in out.getvalue()


def test_a_shipped_snapshot_without_its_source_is_named_not_stored(db, tmp_path):
    (tmp_path / SNAPSHOT_DIR.name).mkdir()
    (tmp_path / DEMO_FILE.name).write_bytes(DEMO_FILE.read_bytes())
    (tmp_path / SNAPSHOT_DIR.name / "nobody.txt").write_text("Text of a source the article does not cite.")
    loaded = demo_article_load(directory=tmp_path, slug="demo-copy")
    assert (loaded.missing, loaded.uploaded) == (["nobody"], [])
    assert not Snapshot.objects.exists()
