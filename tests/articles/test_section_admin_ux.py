"""The section editor as a wiki editor expects it: the edit conflict marks the words that differ, Save from
the article's [edit] link goes back to the article, the list filters by article, a new section goes at the
end unless told otherwise, deleting says the section can be recovered, and Back after Recover is no 404."""

import html
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.forms import ALREADY_RECOVERED_MESSAGE
from articles.models import Section
from articles.services import article_import
from tests.articles.test_section_editing import (
    EDITED_FIGURE,
    SAME_SENTENCE,
    change_url,
    post_section,
    section_with,
)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def edit_links(client, article) -> list[str]:
    page = client.get(article.get_absolute_url()).content.decode()
    return [html.unescape(href) for href in re.findall(r'class="edit-section">\[<a href="([^"]+)"', page)]


def test_the_edit_conflict_marks_the_words_that_differ(seed_article, client, editor, other_editor):
    section = section_with(seed_article, EDITED_FIGURE[0])
    opened_at = section.version
    client.force_login(other_editor)
    post_section(client, section, section.body.replace(*EDITED_FIGURE), base_version=opened_at)
    client.force_login(editor)
    response = post_section(client, section, section.body.replace(*SAME_SENTENCE), base_version=opened_at)
    page = response.content.decode()
    row = re.search(r'<td class="theirs">(.*?)</td><td class="yours">(.*?)</td>', page, re.S)
    theirs, yours = row.groups()
    assert re.findall(r"<del>(.*?)</del>", theirs) == ["480"] and "<ins>" not in theirs
    assert re.findall(r"<ins>(.*?)</ins>", yours) == ["470"] and "<del>" not in yours
    assert re.sub(r"</?del>", "", theirs).count("over 480 airstrikes") == 1  # the whole text is there


def test_save_from_the_articles_edit_link_returns_to_the_article(seed_article, editor_client):
    section = seed_article.sections.exclude(level=0).order_by("order")[2]
    link = next(url for url in edit_links(editor_client, seed_article) if url.startswith(change_url(section)))
    assert editor_client.get(link).status_code == 200
    response = editor_client.post(
        link,
        {
            "heading": section.heading,
            "level": section.level,
            "body": section.body + " More.",
            "base_version": section.version,
            "edit_summary": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{seed_article.get_absolute_url()}#{section.anchor}"
    page = editor_client.get(response["Location"])
    assert "More." in page.content.decode()
    plain = post_section(editor_client, Section.objects.get(pk=section.pk), section.body)  # from the admin
    assert plain["Location"] == reverse("admin:articles_section_changelist")


def test_the_lead_has_an_edit_link_too(seed_article, editor_client):
    lead = seed_article.sections.filter(level=0).order_by("order").first()
    links = edit_links(editor_client, seed_article)
    assert links[0] == change_url(lead) + "?return_to=article"
    assert len(links) == seed_article.sections.count()  # the lead and every headed section
    page = editor_client.get(seed_article.get_absolute_url()).content.decode()
    assert re.search(r"<h1>Operation 1107 <span class=\"edit-section\">", page)


def test_the_sections_list_filters_by_article(seed_article, editor_client):
    other = article_import(
        data="Lead.\nOnly section\nA sentence here.\n", slug="other", title="Other"
    ).article
    changelist = reverse("admin:articles_section_changelist")
    page = editor_client.get(changelist).content.decode()
    assert f"?article__id__exact={other.pk}" in page and f"?article__id__exact={seed_article.pk}" in page
    filtered = editor_client.get(changelist, {"article__id__exact": other.pk}).content.decode()
    assert "Only section" in filtered and "Kayah" not in re.sub(
        r"<select.*?</select>", "", filtered, flags=re.S
    )


def test_a_new_section_goes_at_the_end_unless_a_position_is_given(seed_article, editor_client):
    add = reverse("admin:articles_section_add")
    form = editor_client.get(add).content.decode()
    assert "Leave empty to add the section at the end" in form
    last = seed_article.sections.order_by("-order").first().order
    data = {"article": seed_article.pk, "heading": "See also", "level": 1, "body": "Floods in Kayah.[1]"}
    assert editor_client.post(add, {**data, "order": ""}).status_code == 302
    assert Section.objects.get(heading="See also").order == last + 1
    assert editor_client.post(add, {**data, "heading": "Early", "order": "1"}).status_code == 302
    assert Section.objects.get(heading="Early").order == 1
    assert Section.objects.get(heading="See also").order == last + 2  # shifted down by the second


def test_the_delete_confirmation_says_the_section_can_be_recovered(seed_article, editor_client):
    section = seed_article.sections.exclude(level=0).first()
    page = html.unescape(
        editor_client.get(reverse("admin:articles_section_delete", args=[section.pk])).content.decode()
    )
    assert "All of the following related items will be deleted" not in page
    assert "Recover deleted sections" in page and "it can be recovered" in page
    changelist = reverse("admin:articles_section_changelist")
    ids = list(seed_article.sections.exclude(level=0).values_list("pk", flat=True)[:2])
    page = html.unescape(
        editor_client.post(
            changelist, {"action": "delete_selected", "_selected_action": ids}
        ).content.decode()
    )
    assert "their related items will be deleted" not in page and "they can be recovered" in page
    assert Section.objects.filter(pk__in=ids).count() == 2  # only asked, nothing deleted yet


def test_back_after_recover_shows_the_recovered_section(seed_article, editor_client):
    section = seed_article.sections.exclude(level=0).first()
    editor_client.post(reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(Section).get(object_id=str(section.pk))
    recover = reverse("admin:articles_section_recover", args=[version.pk])
    assert editor_client.post(recover).status_code == 302
    again = editor_client.get(recover, follow=True)  # the browser's Back, then reload
    assert again.status_code == 200
    assert again.redirect_chain[-1][0] == change_url(section)
    assert ALREADY_RECOVERED_MESSAGE.format(section=section) in html.unescape(again.content.decode())
    assert editor_client.get(reverse("admin:articles_section_recover", args=[999999])).status_code == 404


def test_show_changes_and_preview_save_nothing_and_keep_the_text(seed_article, editor_client):
    section = section_with(seed_article, EDITED_FIGURE[0])
    before = (section.body, section.version, Version.objects.count())
    body = section.body.replace(*EDITED_FIGURE) + "\n| Year | Strikes |\n|---|---|\n| 2024 | 12[2] |"
    data = {"heading": section.heading, "level": section.level, "body": body, "base_version": section.version}
    changes = editor_client.post(change_url(section), {**data, "_showchanges": "Show changes"})
    assert changes.status_code == 200
    diff = re.search(r'id="section-changes">(.*?)</div>\s*</div>', changes.content.decode(), re.S).group(1)
    assert "<del>477</del>" in diff and "<ins>480</ins>" in diff
    crlf = editor_client.post(
        change_url(section), {**data, "body": body.replace("\n", "\r\n"), "_showchanges": "1"}
    )
    marked = re.search(r'<div class="diff">(.*?)</div>', crlf.content.decode(), re.S).group(1)
    pieces = re.findall(r"<(?:ins|del)>(.*?)</", marked, re.S)
    assert pieces[:2] == ["477", "480"] and "\r" not in marked  # CR LF is no change: no line end marked
    preview = editor_client.post(change_url(section), {**data, "_preview": "Show preview"})
    shown = re.search(r'id="section-preview">(.*)', preview.content.decode(), re.S).group(1)
    assert "over 480 airstrikes" in shown and '<table class="article-table">' in shown
    assert re.search(
        r'<sup class="citation[^"]*" id="[^"]+"><a href="#cite-note-[^"]+">\[1\]</a></sup>', shown
    )
    for response in (changes, preview):  # the form still holds the text, ready to save
        assert (
            html.unescape(
                re.search(
                    r'<textarea[^>]*name="body"[^>]*>\n?(.*?)</textarea>', response.content.decode(), re.S
                ).group(1)
            )
            == body
        )
    section.refresh_from_db()
    assert (section.body, section.version, Version.objects.count()) == before
    saved = post_section(editor_client, section, body)  # then Save saves it
    assert saved.status_code == 302
    section.refresh_from_db()
    assert section.body == body


def test_a_new_section_can_be_previewed_before_it_exists(seed_article, editor_client):
    add = reverse("admin:articles_section_add")
    data = {
        "article": seed_article.pk,
        "heading": "See also",
        "level": 1,
        "body": "Floods in Kayah.[1]",
        "order": "",
    }
    preview = editor_client.post(add, {**data, "_preview": "Show preview"})
    assert preview.status_code == 200 and "Floods in Kayah." in preview.content.decode()
    assert not Section.objects.filter(heading="See also").exists()
    changes = editor_client.post(add, {**data, "article": "x", "_showchanges": "Show changes"})
    assert changes.status_code == 200 and "<ins>Floods in Kayah.[1]</ins>" in changes.content.decode()


def test_the_preview_changes_and_conflict_pages_are_valid_html(
    seed_article, client, editor, other_editor, tmp_path
):
    from tests.articles.test_pages_validity import nu_errors

    section = section_with(seed_article, EDITED_FIGURE[0])
    opened_at = section.version
    client.force_login(editor)
    data = {"heading": section.heading, "level": section.level, "base_version": opened_at}
    body = section.body.replace(*SAME_SENTENCE)
    paths = []
    for button in ("_preview", "_showchanges"):
        paths.append(tmp_path / f"{button}.html")
        paths[-1].write_bytes(client.post(change_url(section), {**data, "body": body, button: "1"}).content)
    client.force_login(other_editor)
    post_section(client, section, section.body.replace(*EDITED_FIGURE), base_version=opened_at)
    client.force_login(editor)
    paths.append(tmp_path / "conflict.html")
    paths[-1].write_bytes(post_section(client, section, body, base_version=opened_at).content)
    assert b'<td class="theirs">' in paths[-1].read_bytes()
    errors = nu_errors(paths)
    assert errors == [], [(e["url"][-20:], e["lastLine"], e["message"]) for e in errors]


def test_a_section_added_from_an_articles_list_is_placed_after_a_chosen_section(seed_article, editor_client):
    changelist = reverse("admin:articles_section_changelist")
    listed = editor_client.get(changelist, {"article__id__exact": seed_article.pk}).content.decode()
    links = re.findall(r'<a href="(/admin/articles/section/add/[^"]*)"', listed)
    add_link = html.unescape(next(link for link in links if "_changelist_filters" in link))  # "Add section"
    form = editor_client.get(add_link).content.decode()
    background = seed_article.sections.get(heading="Background")
    assert '<option value="" selected>At the end of the article</option>' in form
    assert f'<option value="{background.order + 1}">After “Background”</option>' in form
    data = {"article": seed_article.pk, "heading": "Context", "level": 1, "body": "Floods in Kayah.[1]"}
    assert editor_client.post(add_link, {**data, "order": background.order + 1}).status_code == 302
    ordered = list(seed_article.sections.order_by("order").values_list("heading", flat=True))
    assert ordered[ordered.index("Background") + 1] == "Context"
