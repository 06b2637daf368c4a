"""A fetched or uploaded page's metadata never repeats a name the source already has: its site name is
usually the newspaper already in ``work``, and readers and exports would read "*Gazette*. Gazette."."""

import io

import pytest
from django.core.management import call_command

from articles.services import article_import
from sources.models import Source
from sources.services import snapshot_upload

ARTICLE = (
    "The flood reached 950 homes.[1]\n"
    "References\n"
    '[1] Hale, Ann (3 May 2024). "Flood reaches the lower town". Riverton Gazette. '
    "https://riverton-gazette.example/flood\n"
)
PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Flood reaches the lower town</title>
<meta property="og:site_name" content="Riverton Gazette">
<meta name="author" content="Riverton Gazette">
</head><body><article><h1>Flood reaches the lower town</h1>
<p>The flood reached 310 homes in the lower town on Friday night, the fire service said, and more rain
is expected over the weekend across the whole of the valley and the hills above it.</p>
<p>Residents were told to move their cars to higher ground and to keep away from the river banks.</p>
</article></body></html>"""


@pytest.fixture
def source(db):
    article = article_import(data=ARTICLE, slug="riverton").article
    return Source.objects.get(article=article, key="1")


def test_the_site_name_equal_to_the_work_fills_neither_publisher_nor_author(source, editor, client):
    assert (source.work, source.publisher, source.author) == ("Riverton Gazette", "", "Hale, Ann")
    snapshot_upload(source=source, data=PAGE, name="flood.html", user=editor)
    source.refresh_from_db()
    assert (source.work, source.publisher, source.author) == ("Riverton Gazette", "", "Hale, Ann")
    assert source.snapshots.get().metadata["sitename"] == "Riverton Gazette"  # kept, just not copied
    page = client.get(source.article.get_absolute_url()).content.decode()
    assert page.count("Riverton Gazette") == 1
    out = io.StringIO()
    call_command("export_article", "riverton", format="text", stdout=out)
    assert out.getvalue().count("Riverton Gazette") == 1


def test_a_source_without_a_work_still_gets_its_publisher_from_the_site_name(db, editor):
    article = article_import(data="The flood reached 950 homes.[1]\n", slug="bare").article
    source = Source.objects.get(article=article, key="1")
    snapshot_upload(source=source, data=PAGE, name="flood.html", user=editor)
    source.refresh_from_db()
    assert (source.title, source.publisher, source.author) == (
        "Flood reaches the lower town",
        "Riverton Gazette",
        "",
    )
