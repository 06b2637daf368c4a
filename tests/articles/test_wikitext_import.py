"""Importing and exporting wikitext through the import service, the commands and the round trip. The real
articles are read from ../shared/wikitext at run time (never copied); those tests skip without it."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.errors import ArticleFormatError
from articles.models import Article
from articles.selectors import article_as_wikitext
from articles.services import article_import
from claims.models import Citation, Claim
from sources.models import Source
from sources.references import DETAIL_FIELDS, IMPORTED_FIELDS, encode
from tests.conftest import SEED_PATH

SAMPLE = Path(__file__).resolve().parents[2] / "seed" / "river-dam.wiki"
SHARED = Path(os.environ.get("VERITY_WIKITEXT", Path(__file__).resolve().parents[3] / "shared" / "wikitext"))
SHARED_FILES = sorted(SHARED.glob("*.wiki")) if SHARED.is_dir() else []
needs_shared = pytest.mark.skipif(not SHARED_FILES, reason="../shared/wikitext (real articles) is absent")


def run(*arguments) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def article_content(article: Article):
    """What a round trip must keep: sections, each statement with the sources it cites, source fields."""
    sections = list(article.sections.order_by("order").values_list("heading", "level"))
    statements = [
        (claim.section.heading, claim.text, tuple((c.source.key, c.pages) for c in claim.citations.all()))
        for claim in Claim.objects.filter(section__article=article, retired_at__isnull=True)
        .select_related("section")
        .prefetch_related("citations__source")
        .order_by("section__order", "position")
    ]
    sources = {
        source.key: {name: encode(getattr(source, name)) for name in (*IMPORTED_FIELDS, *DETAIL_FIELDS)}
        for source in Source.objects.filter(article=article)
    }
    return sections, statements, sources


@pytest.mark.django_db
def test_import_command_reads_wikitext_and_prints_the_report():
    output = run("import_article", str(SAMPLE), "--slug", "river-dam")
    assert "Created article" in output and "Import report:" in output
    assert "<ref> tags: 9 (all accounted for" in output
    assert "infobox: {{Infobox dam}}" in output and "category: Category:Fictional dams" in output
    article = Article.objects.get(slug="river-dam")
    survey = Source.objects.get(article=article, key="survey")
    assert (survey.title, survey.author, survey.work, str(survey.published_on)) == (
        "Survey finds the dam sound",
        "Okafor, Ada",
        "The Example Times",
        "2019-06-12",
    )
    assert survey.archive_url.startswith("https://web.archive.org/") and survey.url_status == "dead"
    assert survey.is_dead_link  # the citation says the link is dead: fetches go to the archive
    assert survey.quote == "The dam is 30 metres high."
    lead = Claim.objects.filter(section__article=article, section__order=0).order_by("position")
    assert (
        lead[1].text
        == "The dam is 30 metres (98 ft) high and holds back a reservoir of 12 square kilometres (4.6 sq mi)."
    )
    assert [c.source.key for c in lead[1].citations.all()] == ["survey"]
    marsh = Source.objects.get(article=article, key="marsh2004")
    assert marsh.pages == "" and marsh.isbn == "978-0-00-000000-2"  # the page is the citation's
    history = Claim.objects.get(section__article=article, text__startswith="The project was approved")
    assert [(c.source.key, c.pages) for c in history.citations.all()] == [("marsh2004", "p. 41")]


@pytest.mark.django_db
def test_second_import_changes_nothing_and_keeps_an_editors_change():
    article_import(data=SAMPLE.read_bytes(), slug="river-dam", name=SAMPLE.name)
    Source.objects.filter(key="grid").update(title="Corrected title")
    again = article_import(data=SAMPLE.read_bytes(), slug="river-dam", name=SAMPLE.name, force=True)
    assert not again.has_changes
    assert Source.objects.get(key="grid").title == "Corrected title"


@pytest.mark.django_db
def test_format_given_overrides_the_name():
    result = article_import(
        data=b"Lead.<ref>Plain ref.</ref>\n", slug="given", format="wikitext", name="a.txt"
    )
    assert result.report is not None and Source.objects.get(key="ref-1").citation_text == "Plain ref."


@pytest.mark.django_db
def test_bad_wikitext_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "broken.wiki"
    path.write_text("Lead.<ref>never closed\n\n== Next ==\nText.\n")
    with pytest.raises(CommandError, match=r"line 1.*not closed with </ref>.*nothing was imported"):
        run("import_article", str(path), "--slug", "broken")
    assert not Article.objects.exists() and not Source.objects.exists()


@pytest.mark.django_db
def test_export_command_writes_refs_then_reflist():
    article_import(data=SAMPLE.read_bytes(), slug="river-dam", name=SAMPLE.name)
    text = run("export_article", "river-dam", "--format", "wikitext")
    first = text.index('<ref name="survey">{{cite web')
    assert text.index('<ref name="survey" />') > first
    assert "== History ==" in text and "=== Construction ===" in text
    assert text.rstrip().endswith("}}") and "{{Reflist" in text
    assert '{| class="wikitable"' in text and "! Year !! Output (GWh)" in text


def round_trip(data: bytes, name: str):
    first = article_import(data=data, slug="original", name=name).article
    exported = article_as_wikitext(first)
    second = article_import(data=exported.encode(), slug="again", name="export.wiki").article
    return article_content(first), article_content(second)


@pytest.mark.django_db
def test_round_trip_of_the_sample():
    before, after = round_trip(SAMPLE.read_bytes(), SAMPLE.name)
    assert after == before


@needs_shared
@pytest.mark.django_db
@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda path: path.stem)
def test_round_trip_of_real_articles(path):
    before, after = round_trip(path.read_bytes(), path.name)
    if path.stem in ("Jesus", "Barack_Obama"):  # short citations: their pages went round too
        assert sum(1 for *_, cited in before[1] for _, pages in cited if pages) > 50
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile",
    [
        "Lead.\n" + "{{a|" * 10_000 + "x" + "}}" * 10_000,
        "Lead.<ref>never closed\n== Next ==\nText.\n",
        "Lead.\n{| class=wikitable\n| a || b\n",
        "word " * 1_000_000,
    ],
    ids=["10000-nested-templates", "unclosed-ref", "unclosed-table", "5-MB-paragraph"],
)
def test_hostile_wikitext_changes_nothing_and_a_good_file_imports_after(hostile):
    with pytest.raises(ArticleFormatError):
        article_import(data=hostile.encode(), slug="hostile", format="wikitext")
    assert not Article.objects.exists() and not Source.objects.exists() and not Claim.objects.exists()
    result = article_import(data=SAMPLE.read_bytes(), slug="hostile", format="wikitext")
    assert result.article_created and result.report.is_reconciled


@pytest.mark.django_db
def test_the_json_export_carries_the_citation_details():
    article_import(data=SAMPLE.read_bytes(), slug="river-dam", name=SAMPLE.name)
    data = json.loads(run("export_article", "river-dam", "--format", "json"))
    survey = next(source for source in data["sources"] if source["key"] == "survey")
    assert (survey["quote"], survey["url_status"]) == ("The dam is 30 metres high.", "dead")
    marsh = next(source for source in data["sources"] if source["key"] == "marsh2004")
    assert (marsh["pages"], marsh["isbn"], marsh["doi"]) == ("", "978-0-00-000000-2", "")
    approved = next(claim for claim in data["claims"] if claim["text"].startswith("The project was approved"))
    assert approved["cited_pages"] == {"marsh2004": "p. 41"}  # the page is the citation's, not the book's


@pytest.mark.django_db
def test_format_option_of_the_command(tmp_path):
    path = tmp_path / "dam.txt"
    path.write_bytes(SAMPLE.read_bytes())
    output = run("import_article", str(path), "--slug", "as-wikitext", "--format", "wikitext")
    assert "Import report:" in output and Source.objects.filter(key="survey").exists()
    with pytest.raises(CommandError, match="invalid choice"):
        run("import_article", str(path), "--slug", "other", "--format", "markdown")


@pytest.mark.django_db
def test_an_article_imported_from_plain_text_exports_to_wikitext_that_imports_back():
    first = article_import(data=SEED_PATH.read_bytes(), slug="seed").article
    second = article_import(data=article_as_wikitext(first).encode(), slug="again", format="wikitext").article
    assert article_content(second) == article_content(first)


SHORT_CITED = (
    "The dam rose in 1962.{{sfn|Marsh|2004|p=41}} It holds 3 km3.<ref>{{harvnb|Marsh|2004|pp=50–52}}</ref>"
    ' Its turbines give 40 MW.<ref name="w">{{cite web|url=https://example.org/w|title=W}}</ref>{{rp|7}}\n'
    "== Sources ==\n* {{cite book |last=Marsh |first=Lena |title=Rivers Tamed |year=2004}}\n"
)


def cited_pages(article: Article) -> list[tuple[str, str, str]]:
    return [
        (claim.text, citation.source.key, citation.pages)
        for claim in Claim.objects.filter(section__article=article, retired_at__isnull=True).order_by(
            "position"
        )
        for citation in claim.citations.select_related("source")
    ]


@pytest.mark.django_db
def test_short_citations_and_rp_give_each_citation_its_page_and_export_it_back():
    article = article_import(data=SHORT_CITED, slug="dam", format="wikitext").article
    assert cited_pages(article) == [
        ("The dam rose in 1962.", "marsh2004", "p. 41"),
        ("It holds 3 km3.", "marsh2004", "pp. 50–52"),
        ("Its turbines give 40 MW.", "w", "p. 7"),
    ]
    assert Source.objects.get(article=article, key="marsh2004").pages == ""  # the book states no pages
    exported = article_as_wikitext(article)
    assert "{{rp|p=41}}" in exported and "{{rp|pp=50–52}}" in exported and "{{rp|p=7}}" in exported
    again = article_import(data=exported, slug="dam-again", format="wikitext").article
    assert cited_pages(again) == cited_pages(article)


@pytest.mark.django_db
def test_a_changed_page_alone_changes_that_citation_and_a_second_import_nothing():
    article = article_import(data=SHORT_CITED, slug="dam", format="wikitext").article
    article_import(data=SHORT_CITED.replace("p=41", "p=44"), slug="dam", format="wikitext")
    assert cited_pages(article)[0] == ("The dam rose in 1962.", "marsh2004", "p. 44")
    changes = Citation.history.count()
    article_import(data=SHORT_CITED.replace("p=41", "p=44"), slug="dam", format="wikitext")
    assert Citation.history.count() == changes
    article_import(
        data=SHORT_CITED.replace("{{sfn|Marsh|2004|p=41}}", "{{sfn|Marsh|2004}}"),
        slug="dam",
        format="wikitext",
    )
    assert cited_pages(article)[0] == ("The dam rose in 1962.", "marsh2004", "")


@pytest.mark.django_db
def test_an_editors_edit_of_the_sentence_keeps_its_citations_page(editor):
    from articles.services import section_save

    article = article_import(data=SHORT_CITED, slug="dam", format="wikitext").article
    section = article.sections.get(order=0)
    section_save(
        section=section,
        # New wording and one more source: the claim's citations are replaced, the page goes with them.
        body=section.body.replace("The dam rose in 1962.[marsh2004]", "The dam rose in 1963.[marsh2004][w]"),
        user=editor,
        base_version=section.version,
        comment="Year",
    )
    assert cited_pages(article)[:2] == [
        ("The dam rose in 1963.", "marsh2004", "p. 41"),
        ("The dam rose in 1963.", "w", ""),
    ]
    assert "{{rp|p=41}}" in article_as_wikitext(article)
