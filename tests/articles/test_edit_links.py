"""[edit] beside each heading, for signed-in editors only: a variant of the page of its own, kept from
readers by the page cache and shared caches (CDNs); the WSGI layer's part is in tests/pagecache."""

from django.urls import reverse

from articles.models import Section
from pagecache.keys import SHAREABLE_PAGE_HEADER
from tests.articles.test_pages import article_url, parse


def edit_links(page) -> list[str]:
    return [span.find("a").attrs["href"] for span in page.find_all("span", cls="edit-section")]


def headed_sections(article) -> list[Section]:
    return list(article.sections.filter(level__gt=0).order_by("order"))


def test_an_editor_sees_an_edit_link_beside_every_heading_to_its_section_form(client, seed_article, editor):
    client.force_login(editor)
    response = client.get(article_url(seed_article))
    page = parse(response)
    sections = headed_sections(seed_article)
    lead = seed_article.sections.get(level=0)
    # The lead's link (beside the title) first; each returns to the article after Save (?return_to).
    assert edit_links(page) == [
        reverse("admin:articles_section_change", args=[s.pk]) + "?return_to=article"
        for s in [lead, *sections]
    ]
    heading = page.find(id=sections[0].anchor)
    assert "edit" in heading.text() and sections[0].heading in heading.text()
    # Kept from shared caches and from the WSGI layer.
    assert response["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response["Vary"]
    assert SHAREABLE_PAGE_HEADER not in response
    # The link leads to the section's form.
    form = client.get(edit_links(page)[1])
    assert form.status_code == 200 and sections[0].heading.encode() in form.content


def test_readers_and_signed_in_people_who_cannot_edit_see_no_edit_link(client, seed_article, reviewer):
    reader = client.get(article_url(seed_article))
    assert edit_links(parse(reader)) == []
    assert reader["Cache-Control"].startswith("public")
    client.force_login(reviewer)  # may review, not edit sections
    assert edit_links(parse(client.get(article_url(seed_article)))) == []


def test_the_editors_variant_and_the_readers_page_never_swap_in_the_cache(client, seed_article, editor):
    """The step after: a reader after an editor (and an editor after a reader) gets their own page."""
    assert edit_links(parse(client.get(article_url(seed_article)))) == []  # cached for readers
    client.force_login(editor)
    first = client.get(article_url(seed_article))
    assert edit_links(parse(first)) != []
    client.logout()
    reader = client.get(article_url(seed_article))
    assert edit_links(parse(reader)) == []
    assert reader["ETag"] != first["ETag"]  # a browser revalidating the editor's copy gets the reader's
    client.force_login(editor)
    assert edit_links(parse(client.get(article_url(seed_article)))) != []
