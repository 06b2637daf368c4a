"""Tables an editor or an import can write (issue 20): rendered in size linear in their cells, and a
section's cells bounded by ``VERITY_TABLE_MAX_CELLS`` on every way in, with a message that says so."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.errors import TooManyChangedStatements
from articles.models import Article
from articles.rendering.markup import table_html
from articles.rendering.page import SectionInput, render_article
from articles.rendering.tables import body_blocks
from articles.services import article_import, section_save
from claims.errors import TooManyTableCells
from claims.sentences import changed_statement_count, split_body, table_cell_count
from tests.articles.test_rendering import claim

LIMIT = 40


def wide_then_tall(cells: int) -> str:
    """One row of ``cells`` cells followed by ``cells`` one-cell rows: the attack's shape."""
    return "\n".join(
        ["|" + "|".join(f" h{i} " for i in range(cells)) + "|"] + [f"| r{i} |" for i in range(cells)]
    )


def rendered_table_html(body: str) -> str:
    rows = body.split("\n")
    claims = tuple(claim(row, id=index + 1, paragraph=index) for index, row in enumerate(rows))
    (table,) = render_article([SectionInput("", 0, "lead", claims, body)], {}).lead
    return table_html(table)


def test_short_rows_are_padded_with_one_spanning_cell():
    html = rendered_table_html(wide_then_tall(3))
    assert html.count('<td colspan="2"></td>') == 3 and html.count("<td") == 3 + 3 * 2


def test_the_page_grows_with_the_cells_not_their_square():
    small, large = (len(rendered_table_html(wide_then_tall(cells))) for cells in (200, 400))
    assert large < 2.2 * small  # padding each short row with empty cells made it 4x (82 MB at 46 KB)


def test_a_long_table_is_one_block_of_all_its_rows():
    body = "Intro.\n" + "\n".join(f"| {i} | x |" for i in range(5000)) + "\nAfter."
    blocks = body_blocks(body)
    assert [len(block.indexes) for block in blocks] == [1, 5000, 1]
    assert blocks[1].lines[-1] == "| 4999 | x |"


@pytest.mark.parametrize(
    ("body", "cells"),
    [("Text only.", 0), ("| a | b |", 2), ("| a | b", 2), ("|", 1), ("| a |\n|---|\n| b |\nText | x", 3)],
)
def test_table_cell_count(body, cells):
    assert table_cell_count(body) == cells


@pytest.fixture
def limited(settings):
    settings.VERITY_TABLE_MAX_CELLS = LIMIT


@pytest.fixture
def article(db):
    return article_import(data="Lead sentence.\nFigures\n| year | count |\n| 2023 | 12 |\n", slug="t").article


def test_the_section_form_refuses_too_many_cells_and_keeps_the_text(article, client, editor, limited):
    client.force_login(editor)
    section = article.sections.get(heading="Figures")
    body = wide_then_tall(30)  # 60 cells
    response = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"heading": section.heading, "level": section.level, "body": body, "base_version": section.version},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "have 60 cells; a section may have at most 40" in page and "Your text has not been saved." in page
    assert "| r29 |" in page
    section.refresh_from_db()
    assert "r29" not in section.body


def test_the_save_service_refuses_too_many_cells(article, editor, limited):
    section = article.sections.get(heading="Figures")
    with pytest.raises(TooManyTableCells, match="have 60 cells"):
        section_save(section=section, body=wide_then_tall(30), user=editor, base_version=section.version)
    section.refresh_from_db()
    assert "r29" not in section.body and section.claims.active().count() == 2
    body = wide_then_tall(19)  # 38 cells: within the bound, saved
    section_save(section=section, body=body, user=editor, base_version=section.version)
    assert section.claims.active().count() == len(split_body(body))


def test_an_import_with_too_many_cells_is_refused_whole(db, tmp_path, limited):
    path = tmp_path / "wide.txt"
    path.write_text("Lead sentence.\nFigures\n" + wide_then_tall(30) + "\n")
    with pytest.raises(CommandError, match="“Figures” have 60 cells.*nothing was imported"):
        call_command("import_article", str(path), "--slug", "wide", stdout=io.StringIO())
    assert not Article.objects.filter(slug="wide").exists()


def sentences(count: int, word: str) -> str:
    return " ".join(f"In {word} {number} the town counted {number} people." for number in range(count))


def test_a_save_that_changes_too_many_statements_is_refused_before_any_work(
    article, client, editor, settings
):
    """Issue 20: editing all 20,000 statements of a section ran past the server's time limit and the
    editor's text was lost; now the form refuses at once, with the text kept."""
    section = article.sections.get(heading="Figures")
    section_save(section=section, body=sentences(100, "year"), user=editor, base_version=section.version)
    settings.VERITY_SAVE_MAX_CHANGED = 50
    section.refresh_from_db()
    client.force_login(editor)
    edited = sentences(100, "month")  # every statement changed
    response = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"heading": section.heading, "level": section.level, "body": edited, "base_version": section.version},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This save changes 100 statements of “Figures”; one save may change at most 50" in page
    assert "In month 99 the town counted 99 people." in page  # the editor's text, kept in the form
    section.refresh_from_db()
    assert "month" not in section.body
    with pytest.raises(TooManyChangedStatements):
        section_save(section=section, body=edited, user=editor, base_version=section.version)
    half = sentences(50, "month") + " " + sentences(100, "year").split(" In year 49 ", 1)[1]
    saved = section_save(section=section, body=half, user=editor, base_version=section.version)
    assert "month 49" in saved.section.body  # in parts, within the bound, it saves


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("One fell. Two rose.", "One fell. Two rose.", 0),
        ("One fell. Two rose.", "One fell. Three rose.", 1),
        ("One fell. Two rose.", "Two rose. One fell.", 0),
        ("One fell.", "One fell. One fell.", 1),
        ("One fell. Two rose.", "", 0),
    ],
)
def test_changed_statement_count(old, new, changed):
    assert changed_statement_count(old, new) == changed
