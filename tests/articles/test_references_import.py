"""The References block and tables through import, export and the reader's page."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from articles.selectors import article_as_text
from articles.services import article_import, section_save
from claims.models import Claim, Figure
from sources.models import Source
from sources.services import source_save
from tests.articles.test_pages import parse
from tests.sources.test_citations import CITATIONS

ARTICLE = """Operation 1107 began on 7 November 2023.[1] UNHCR counted displaced people.[unhcr-2024]
Casualties
The fighting killed many soldiers.[2]
| Year | Killed | Displaced |
|---|---|---|
| 2023 | 1,200[1] | 40,000[unhcr-2024] |
| 2024 | over 300[2] | 120,000[unhcr-2024] |
Aftermath
Loikaw was contested for months.[3]
References
[1] Smith, John (5 March 2024). "Karenni forces seize Pan Tein outpost". The Irrawaddy. \
https://www.irrawaddy.com/news/pan-tein.html. Archived from the original on 6 March 2024. \
https://web.archive.org/web/20240306/https://www.irrawaddy.com/news/pan-tein.html. Retrieved 7 March 2024.
[unhcr-2024] "Myanmar emergency update". UNHCR. March 2024. https://www.unhcr.org/mm/emergency-update-2024
[2] Lintner, Bertil (1999). Burma in Revolt. Chiang Mai: Silkworm Books. ISBN 978-974-7100-78-5.
[3] 5 March 2024
"""


def import_text(text: str, slug: str = "op"):
    return article_import(data=text.encode(), slug=slug, title="Op")


def source(article, key: str) -> Source:
    return Source.objects.get(article=article, key=key)


def test_a_file_with_references_and_a_table_round_trips_word_for_word(db):
    result = import_text(ARTICLE)
    assert article_as_text(result.article) == ARTICLE
    assert (result.references.lines, result.references.read_fully) == (4, 3)
    again = import_text(article_as_text(result.article))
    assert not again.has_changes
    assert article_as_text(again.article) == ARTICLE


def test_source_fields_come_from_the_block(db):
    article = import_text(ARTICLE).article
    first = source(article, "1")
    assert (first.title, first.author, first.work, first.publisher) == (
        "Karenni forces seize Pan Tein outpost",
        "Smith, John",
        "The Irrawaddy",
        "",
    )
    assert (first.published_on, first.archived_on, first.accessed_on) == (
        date(2024, 3, 5),
        date(2024, 3, 6),
        date(2024, 3, 7),
    )
    assert first.url == "https://www.irrawaddy.com/news/pan-tein.html"
    assert first.archive_url.startswith("https://web.archive.org/web/20240306/")
    assert first.citation_text.startswith("Smith, John (5 March 2024).")
    keyed = source(article, "unhcr-2024")
    assert (keyed.number, keyed.title, keyed.work, keyed.published_text) == (
        None,
        "Myanmar emergency update",
        "UNHCR",
        "March 2024",
    )
    assert keyed.published_on is None
    book = source(article, "2")
    assert (book.title, book.publisher, book.published_text) == ("Burma in Revolt", "Silkworm Books", "1999")
    # A line it cannot read keeps its text as the title.
    assert source(article, "3").title == "5 March 2024"


def test_the_import_command_prints_how_many_lines_it_read_fully(db, tmp_path):
    path = tmp_path / "op.txt"
    path.write_text(ARTICLE)
    out = io.StringIO()
    call_command("import_article", str(path), slug="op", stdout=out)
    assert "references: 4 lines, 3 read fully" in out.getvalue()


def test_an_editors_change_survives_the_next_import(db, editor):
    article = import_text(ARTICLE).article
    first = source(article, "1")
    first.title = "Pan Tein outpost falls (editor's wording)"
    source_save(source=first, user=editor, reason="Better title")
    changed_file = ARTICLE.replace("Retrieved 7 March 2024.", "Retrieved 9 March 2024.").replace(
        '"Karenni forces seize Pan Tein outpost"', '"Karenni forces take Pan Tein"'
    )
    result = import_text(changed_file)
    first.refresh_from_db()
    assert first.title == "Pan Tein outpost falls (editor's wording)"
    assert first.accessed_on == date(2024, 3, 9)
    assert first.citation_text.startswith('Smith, John (5 March 2024). "Karenni forces take Pan Tein"')
    assert result.references.kept_fields == 1
    assert result.sources.updated == 1
    # A third import of the same file keeps it again, and changes nothing else.
    assert not import_text(changed_file).has_changes
    first.refresh_from_db()
    assert first.title == "Pan Tein outpost falls (editor's wording)"


def test_an_edited_source_exports_a_line_made_from_its_fields_which_imports_to_the_same(db, editor):
    article = import_text(ARTICLE).article
    first = source(article, "1")
    first.title = "Pan Tein outpost falls"
    source_save(source=first, user=editor)
    exported = article_as_text(article)
    line = next(line for line in exported.splitlines() if line.startswith("[1] "))
    assert "“Pan Tein outpost falls”" in line and "Retrieved 7 March 2024." in line
    copy = import_text(exported, slug="op-copy").article
    fields = ["title", "author", "work", "publisher", "published_on", "url", "archive_url", "archived_on"]
    assert [getattr(source(copy, "1"), name) for name in fields] == [
        getattr(source(article, "1"), name) for name in fields
    ]


def test_a_line_that_leaves_the_block_takes_the_imported_fields_with_it(db, editor):
    article = import_text(ARTICLE).article
    book = source(article, "2")
    book.kind = Source.Kind.ACADEMIC
    book.author = "Bertil Lintner"
    source_save(source=book, user=editor)
    without = ARTICLE.replace(
        "[2] Lintner, Bertil (1999). Burma in Revolt. Chiang Mai: Silkworm Books. ISBN 978-974-7100-78-5.\n",
        "",
    )
    import_text(without)
    book.refresh_from_db()
    assert (book.title, book.publisher, book.citation_text, book.reference_position) == ("", "", "", None)
    assert book.author == "Bertil Lintner"  # the editor's, kept
    assert book.kind == Source.Kind.ACADEMIC


def test_the_seed_with_an_appended_references_block_round_trips(db, seed_bytes):
    styles = [line for _, line, _, _ in CITATIONS]
    block = "References\n" + "".join(f"[{n}] {styles[(n - 1) % len(styles)]}\n" for n in range(1, 81))
    text = seed_bytes.decode().rstrip("\n") + "\n" + block
    result = import_text(text, slug="operation-1107")
    assert (result.references.lines, result.references.read_fully) == (80, 80)
    assert article_as_text(result.article) == text
    assert source(result.article, "1").title == "Karenni forces seize Pan Tein outpost"
    assert source(result.article, "5").published_text == "February 2007"
    assert not import_text(text, slug="operation-1107").has_changes


def test_a_citation_line_longer_than_the_fields_is_stored_and_round_trips(db):
    long_title = "Very long title " * 60
    url = "https://example.org/" + "p" * 1100
    text = f'Lead.[1]\nReferences\n[1] "{long_title.strip()}". {"Work " * 100}. {url}\n'
    article = import_text(text).article
    stored = source(article, "1")
    assert len(stored.title) == 500 and stored.url == ""
    assert article_as_text(article) == text


def test_table_rows_are_claims_whose_figures_the_fact_check_sees(db):
    article = import_text(ARTICLE).article
    rows = Claim.objects.for_article(article).filter(raw__startswith="|").order_by("position")
    assert [row.text for row in rows] == ["| 2023 | 1,200 | 40,000 |", "| 2024 | over 300 | 120,000 |"]
    assert [sorted(c.source.key for c in row.citations.all()) for row in rows] == [
        ["1", "unhcr-2024"],
        ["2", "unhcr-2024"],
    ]
    figures = Figure.objects.filter(claim__in=rows).order_by("claim__position", "start")
    assert [figure.text for figure in figures] == ["1,200", "40,000", "over 300", "120,000"]
    assert not Claim.objects.for_article(article).filter(raw__contains="Year").exists()


def test_the_reader_sees_the_table_escaped_and_the_citations_in_full(client, db):
    hostile = ARTICLE.replace("| 2024 | over 300[2] |", "| <script>alert(1)</script> | over 300[2] |")
    article = import_text(hostile).article
    article.is_public = True
    article.save()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse(response)
    table = page.find("table", cls="article-table")
    assert [th.text() for th in table.find_all("th")] == ["Year", "Killed", "Displaced"]
    rows = table.find("tbody").find_all("tr")
    assert [[td.text() for td in row.find_all("td")][0] for row in rows] == [
        "2023",
        "<script>alert(1)</script>",
    ]
    assert any("citation" in sup.classes for sup in rows[0].find_all("sup"))
    references = page.find("ol", cls="references").find_all("li")
    first = references[0].text()
    assert "Smith, John (5 March 2024)." in first
    assert "“Karenni forces seize Pan Tein outpost”" in first and "The Irrawaddy" in first
    assert "Archived from the original on 6 March 2024" in first and "Retrieved 7 March 2024" in first
    links = [a.attrs["href"] for a in references[0].find_all("a")]
    assert "https://www.irrawaddy.com/news/pan-tein.html" in links
    assert any(link.startswith("https://web.archive.org/web/20240306/") for link in links)
    keyed = next(li.text() for li in references if "Myanmar emergency update" in li.text())
    assert "UNHCR" in keyed and "March 2024" in keyed


@pytest.mark.parametrize("with_details", [True, False])
def test_a_source_cited_by_a_key_exports_and_reimports_to_the_same_sources_and_claims(
    db, seed_article, editor, with_details
):
    fields = {"title": "Myanmar emergency update", "work": "UNHCR", "url": "https://www.unhcr.org/mm"}
    keyed = Source(article=seed_article, key="unhcr-2024", **(fields if with_details else {}))
    source_save(source=keyed, user=editor)
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    section_save(
        section=section,
        body=section.body + "\nUNHCR counted 120,000 displaced people.[unhcr-2024][3]",
        user=editor,
        base_version=section.version,
    )
    exported = article_as_text(seed_article)
    assert exported.endswith(
        "References\n[unhcr-2024]"
        + (" “Myanmar emergency update”. UNHCR. https://www.unhcr.org/mm\n" if with_details else "\n")
    )
    copy = article_import(data=exported, slug="copy").article
    assert article_as_text(copy) == exported
    assert snapshot(copy) == snapshot(seed_article)
    # The export holds the edit; the import records the line each source was exported as.
    article_import(data=exported, slug=seed_article.slug, force=True)
    assert snapshot(seed_article) == snapshot(copy)
    assert not article_import(data=exported, slug=seed_article.slug).has_changes


def snapshot(article):
    """Return the article's sources and claims as values that do not depend on row ids."""
    sources = sorted(
        Source.objects.filter(article=article).values_list(
            "key", "number", "title", "work", "url", "publisher"
        )
    )
    claims = [
        (
            claim.section.heading,
            claim.text,
            tuple(sorted((c.source.key, c.is_inferred) for c in claim.citations.all())),
        )
        for claim in Claim.objects.for_article(article)
        .in_article_order()
        .select_related("section")
        .prefetch_related("citations__source")
    ]
    return sources, claims
