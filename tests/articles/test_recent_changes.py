"""Recent changes across articles (as MediaWiki's Special:RecentChanges), for editors and reviewers: edits,
review decisions and source changes, newest first, filtered by article, person and kind."""

import re

import pytest
from django.urls import reverse

from articles.services import article_import, section_save
from claims.models import Claim
from claims.services import claim_review
from sources.models import Source
from sources.services import source_save
from tests.articles.test_pages_validity import nu_errors
from tests.articles.test_reader_page import ARTICLE
from tests.factories import UserFactory

URL = "/admin/articles/article/recent-changes/"


@pytest.fixture
def busy(db, editor, reviewer):
    """Two articles: an edit in the first, a decision in the second, a source rated in the first."""
    first = article_import(data=ARTICLE, slug="riverton", title="Riverton flood").article
    second = article_import(
        data=ARTICLE.replace("Riverton", "Millbrook"), slug="millbrook", title="Millbrook"
    ).article
    section = first.sections.get(heading="Aftermath")
    section_save(
        section=section,
        body=section.body + " Roads reopened.",
        user=editor,
        base_version=section.version,
        comment="Roads",
    )
    claim = Claim.objects.for_article(second).in_article_order().first()
    claim_review(claim=claim, reviewer=reviewer, status="disputed", note="Which villages?")
    source = Source.objects.get(article=first, key="1")
    source.reliability = "reliable"
    source_save(source=source, user=editor, reason="Rated after checking")
    return first, second, claim


def rows(response) -> list[tuple[str, str, str]]:
    """(kind, article, who) of each row, in order."""
    html = response.content.decode()
    cells = r'<tr class="change-(\w+)">.*?<td>\w+</td>\s*'
    cells += r"<td>(?:<a [^>]+>)?([^<]*)(?:</a>)?</td>\s*<td>([^<]*)</td>"
    return re.findall(cells, html, re.S)


def test_editors_and_reviewers_see_every_kind_newest_first(client, busy, editor, reviewer):
    for person in (editor, reviewer):
        client.force_login(person)
        response = client.get(URL)
        assert response.status_code == 200
        listed = rows(response)
        assert listed[:3] == [
            ("source", "Riverton flood", "edna"),
            ("review", "Millbrook", "rita"),
            ("edit", "Riverton flood", "edna"),
        ]
        assert ("edit", "Millbrook", "(import or command)") in listed  # the imports
    html = response.content.decode()
    assert (
        "Roads; Aftermath: +2 \u22120 words" in html and "Disputed: “" in html and "(Which villages?)" in html
    )


def test_the_filters_narrow_by_article_person_and_kind(client, busy, editor, reviewer):
    first, second, claim = busy
    client.force_login(reviewer)
    assert {row[1] for row in rows(client.get(URL, {"article": second.pk}))} == {"Millbrook"}
    assert {row[2] for row in rows(client.get(URL, {"user": editor.pk}))} == {"edna"}
    assert [row[0] for row in rows(client.get(URL, {"kind": "review"}))] == ["review"]
    narrowed = rows(client.get(URL, {"kind": "edit", "article": first.pk, "user": editor.pk}))
    assert narrowed == [("edit", "Riverton flood", "edna")]
    assert "No change matches" in client.get(URL, {"kind": "review", "article": first.pk}).content.decode()
    selected = client.get(URL, {"kind": "edit", "article": "x", "user": "nobody"})  # bad values: ignored
    assert selected.status_code == 200 and len(rows(selected)) == 3  # the two imports and the edit


def test_recent_changes_need_an_editor_or_a_reviewer(client, busy):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(UserFactory(username="staff-only", is_staff=True))
    assert client.get(URL).status_code == 403


def test_the_articles_list_links_it_and_the_page_is_valid_html(client, busy, editor, tmp_path):
    client.force_login(editor)
    assert URL in client.get(reverse("admin:articles_article_changelist")).content.decode()
    path = tmp_path / "recent.html"
    path.write_bytes(client.get(URL).content)
    assert nu_errors([path]) == []
