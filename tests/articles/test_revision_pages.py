"""A permanent link to every revision (``/articles/<slug>/history/<id>/``): the article as that revision
stored it, cached by revision; and the public comparison, cached by revision pair."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

import articles.selectors.history
from articles.models import Section
from articles.rendering.history import SectionSnapshot
from articles.rendering.revision import cited_keys, missing_keys, revision_inputs
from articles.services import article_import, article_save, section_delete, section_save, source_key_rename
from claims.models import Citation
from sources.models import Source
from sources.services import source_save
from tests.articles.test_pages import (
    EDITED_FIGURE,
    citation_markers,
    hostile_article,  # noqa: F401 (a fixture)
    marker_number,
    parse,
)
from tests.pagecache.conftest import private_redis  # noqa: F401 (a fixture)

NEW_KEY = "unhcr-2024"
IMMUTABLE = re.compile(r"public, max-age=\d+, immutable")
REVALIDATE = "public, max-age=0, s-maxage=60, must-revalidate"


def revision_ids(article) -> list[int]:
    """The article's revisions, newest first (as the history lists them)."""
    return [version.pk for version in Version.objects.get_for_object(article)]


def headings(page) -> list[str]:
    body = page.find("div", cls="article-body")
    return [node.text() for node in body.iter() if node.tag in ("h2", "h3", "h4", "h5", "h6")]


def revision_url(article, revision_id) -> str:
    return reverse("articles:revision", args=[article.slug, revision_id])


def history_url(article) -> str:
    return reverse("articles:history", args=[article.slug])


def edit_figure(article, editor, comment="New UN count"):
    section = article.sections.get(body__contains=EDITED_FIGURE[0])
    section_save(
        section=section,
        body=section.body.replace(*EDITED_FIGURE),
        user=editor,
        base_version=section.version,
        comment=comment,
    )


def edit_lead(article, editor, comment="Third"):
    lead = article.sections.get(level=0)
    body = lead.body + " A later sentence."
    section_save(section=lead, body=body, user=editor, base_version=lead.version, comment=comment)


@pytest.fixture
def edited_article(seed_article, editor):
    """The seed, imported, then one figure changed: two revisions."""
    edit_figure(seed_article, editor)
    return seed_article


# ---- the pure part ----------------------------------------------------------------------------------


def test_revision_inputs_read_bodies_as_the_page_does_with_keys_of_now():
    sections = [
        SectionSnapshot("9", "Later", 1, 5, "Second heading text.[old]\n| a | b |"),
        SectionSnapshot("3", "", 0, 0, "Lead one. Lead two cites.[x][gone-1]\nNew paragraph.[old]"),
    ]
    inputs = revision_inputs(sections, {"old": "new", "x": "x"})
    assert [(s.heading, s.level, s.anchor) for s in inputs] == [("", 0, "s0"), ("Later", 1, "s1")]
    lead, later = inputs
    assert [claim.id for claim in (*lead.claims, *later.claims)] == [1, 2, 3, 4, 5]  # unique on the page
    assert [claim.text for claim in lead.claims] == ["Lead one.", "Lead two cites.", "New paragraph."]
    assert lead.claims[0].inferred_keys == ("x", "gone-1")  # inferred from the next group, as claims_sync
    assert lead.claims[1].markers == (("x", 15), ("gone-1", 15))
    assert [claim.paragraph for claim in lead.claims] == [0, 0, 1]
    assert lead.claims[2].markers == (("new", 14),)  # a key renamed since: the source's key of now
    assert later.body == "Second heading text.[old]\n| a | b |"  # kept for its table
    assert cited_keys(inputs) == {"x", "gone-1", "new"}
    assert missing_keys(inputs, ["x", "new", "unused"]) == {"gone-1"}


# ---- the page ---------------------------------------------------------------------------------------


def test_every_history_entry_links_to_its_revision(client, edited_article):
    page = parse(client.get(history_url(edited_article)))
    links = [a.attrs["href"] for a in page.find("table", cls="revisions").find_all("a", cls="revision-link")]
    assert links == [revision_url(edited_article, pk) for pk in revision_ids(edited_article)]
    assert len(links) == 2


def test_an_old_revision_shows_the_text_as_it_was(client, edited_article, editor):
    new_id, old_id = revision_ids(edited_article)
    response = client.get(revision_url(edited_article, old_id))
    page = parse(response)
    main = page.find("main")
    assert EDITED_FIGURE[0] in main.text() and EDITED_FIGURE[1] not in main.text()
    assert page.find("h1").text() == "Operation 1107"
    notice = " ".join(page.find("div", cls="revision-notice").text().split())
    assert "This is an old revision of “Operation 1107” as of" in notice and "(summary: Imported)" in notice
    assert "Flags are not shown here" in notice
    assert page.find("meta", name="robots").attrs["content"] == "noindex"
    # Rendered as the article is: its headings, its markers numbered by first use, its references.
    headings = [h.text() for h in page.find("div", cls="article-body").find_all("h2")]
    assert headings == list(
        edited_article.sections.filter(level=1).order_by("order").values_list("heading", flat=True)
    )
    numbers = [marker_number(marker) for marker in citation_markers(page)]
    assert numbers[0] == 1 and list(dict.fromkeys(numbers)) == list(range(1, 81))
    current = parse(client.get(edited_article.get_absolute_url() + "?highlight=off"))
    assert numbers == [marker_number(marker) for marker in citation_markers(current)]
    assert len(page.find("ol", cls="references").find_all("li")) == 80
    assert not [node for node in page.iter() if any(c.startswith("flag") for c in node.classes)]
    ids = [node.attrs["id"] for node in page.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))

    newest = parse(client.get(revision_url(edited_article, new_id)))
    assert (
        EDITED_FIGURE[1] in newest.find("main").text() and EDITED_FIGURE[0] not in newest.find("main").text()
    )
    notice = " ".join(newest.find("div", cls="revision-notice").text().split())
    assert "This is the current revision" in notice and f"by Editor #{editor.pk}" in notice
    assert "(summary: New UN count)" in notice and "edna" not in newest.text()


def test_the_links_between_revisions(client, edited_article, editor):
    edit_lead(edited_article, editor)
    newest, middle, oldest = revision_ids(edited_article)
    history = history_url(edited_article)

    def links(revision_id) -> dict[str, str]:
        notice = parse(client.get(revision_url(edited_article, revision_id))).find(
            "div", cls="revision-notice"
        )
        return {a.attrs.get("class", a.text()): a.attrs["href"] for a in notice.find_all("a")}

    assert links(middle) == {
        "Current version": edited_article.get_absolute_url(),
        "History": history,
        "compare-current": f"{history}?from={middle}&to=current",
        "previous-revision": revision_url(edited_article, oldest),
        "compare-previous": f"{history}?from={oldest}&to={middle}",
        "next-revision": revision_url(edited_article, newest),
        "compare-next": f"{history}?from={middle}&to={newest}",
    }
    assert set(links(oldest)) == {
        "Current version",
        "History",
        "compare-current",
        "next-revision",
        "compare-next",
    }
    assert set(links(newest)) == {"Current version", "History", "previous-revision", "compare-previous"}
    # "Compare with the current revision" follows later edits: it compares with the newest.
    compared = parse(client.get(history, {"from": oldest, "to": "current"}))
    assert [node.text() for node in compared.find("section", cls="comparison").find_all("ins")][-1] == "480"


def test_the_old_text_stays_after_a_section_is_deleted_and_a_key_renamed(client, seed_article, editor):
    section = seed_article.sections.get(body__contains="[12]")
    heading, old_id = section.heading, revision_ids(seed_article)[0]
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    section.refresh_from_db()
    section_delete(section=section, user=editor)
    old = parse(client.get(revision_url(seed_article, old_id)))
    assert heading in headings(old)
    # The old text cites [12]; its reference is the same source under its key of now.
    pages = {a.attrs["href"] for a in old.find("ol", cls="references").find_all("a", cls="source-page")}
    assert reverse("articles:source", args=[seed_article.slug, NEW_KEY]) in pages
    assert reverse("articles:source", args=[seed_article.slug, "12"]) not in pages
    newest = parse(client.get(revision_url(seed_article, revision_ids(seed_article)[0])))
    assert heading not in headings(newest) and heading in headings(old)


def test_revision_inputs_keep_an_editorial_bracket_as_text_unless_a_source_had_its_key():
    sections = [SectionSnapshot("3", "", 0, 0, "He wrote [sic] it for [a] man.[x]")]
    (lead,) = revision_inputs(sections, {"x": "x"})
    assert [(c.text, c.markers) for c in lead.claims] == [("He wrote [sic] it for [a] man.", (("x", 30),))]
    (lead,) = revision_inputs(sections, {"x": "x", "a": "a-renamed"})
    assert [(c.text, c.markers) for c in lead.claims] == [
        ("He wrote [sic] it for man.", (("a-renamed", 21), ("x", 26)))
    ]


def test_a_source_deleted_since_is_said_to_be_gone(client, editor):
    article = article_import(data="Lead text.[1] More.[2]\n", slug="small", title="Small").article
    old_id = revision_ids(article)[0]
    lead = article.sections.get()
    section_save(section=lead, body="Lead text.[1] More.", user=editor, base_version=lead.version)
    # Citations (of retired claims too) protect a source: only a repair of the data could remove it.
    Citation.objects.filter(source__article=article, source__key="2").delete()
    Source.objects.filter(article=article, key="2").delete()
    old = parse(client.get(revision_url(article, old_id)))
    entries = old.find("ol", cls="references").find_all("li")
    assert len(entries) == 2 and "gone-source" in entries[1].classes
    assert "A source no longer in the article." in entries[1].text()
    assert entries[1].find("a").attrs["href"] == "#cite-ref-2-1"


def test_hostile_text_in_an_old_revision_is_escaped(client, hostile_article):  # noqa: F811
    for revision_id in revision_ids(hostile_article):
        response = client.get(revision_url(hostile_article, revision_id))
        content = response.content.decode()
        assert response.status_code == 200
        for raw in ("<script>alert", "<img src=x", "<svg", "<b>Press", "javascript:"):
            assert raw not in content, (revision_id, raw)
        page = parse(response)
        assert all(script.attrs.get("src", "").endswith("tooltips.js") for script in page.find_all("script"))
        assert "<img src=x onerror=alert(1)>" in page.find("div", cls="lead").text()
    newest = parse(client.get(revision_url(hostile_article, revision_ids(hostile_article)[0])))
    assert '<script>alert("summary")</script>' in newest.find("div", cls="revision-notice").text()
    assert "<svg onload=alert(4)>" in newest.find("div", cls="article-body").text()


@pytest.mark.parametrize("revision", ["999999", "0", "99999999999999999999", "-1", "x", "1.0"])
def test_no_such_revision_is_not_found(client, edited_article, revision):
    response = client.get(f"{history_url(edited_article)}{revision}/")
    assert response.status_code == 404


def test_another_articles_revision_or_a_sections_version_is_not_found(client, edited_article):
    other = article_import(data="Other lead.\n", slug="other", title="Other").article
    assert client.get(revision_url(other, revision_ids(other)[0])).status_code == 200
    assert client.get(revision_url(edited_article, revision_ids(other)[0])).status_code == 404
    assert client.get(revision_url(other, revision_ids(edited_article)[0])).status_code == 404
    section_version = Version.objects.get_for_model(Section).first()
    assert client.get(revision_url(edited_article, section_version.pk)).status_code == 404


def test_a_private_article_has_no_revision_pages(client, edited_article):
    url = revision_url(edited_article, revision_ids(edited_article)[0])
    assert client.get(url).status_code == 200  # and cached
    edited_article.is_public = False
    article_save(article=edited_article, user=None)
    assert client.get(url).status_code == 404


def test_revision_pages_are_read_only(client, edited_article):
    assert client.post(revision_url(edited_article, revision_ids(edited_article)[0])).status_code == 405


# ---- queries and the cache -------------------------------------------------------------------------


def cold_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_article(
    client, seed_article, large_article, django_assert_max_num_queries
):
    assert large_article.sections.count() > 4 * seed_article.sections.count()
    urls = [revision_url(article, revision_ids(article)[0]) for article in (seed_article, large_article)]
    # the pointer, the article, the revision with its author, its sections (the outline, then the latest
    # version of each: a revision stores only the sections it changed), its neighbours, the key history
    # (two), the sources
    for url in urls:
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200
    caches["default"].clear()
    assert cold_queries(client, urls[0]) == cold_queries(client, urls[1])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 0  # a cached revision needs no query
    large = parse(client.get(urls[1]))
    assert (
        len(large.find("div", cls="article-body").find_all("h2"))
        == large_article.sections.filter(level=1).count()
    )


def test_the_page_is_cached_with_validators_and_an_edit_renders_it_again(client, edited_article, editor):
    new_id, old_id = revision_ids(edited_article)
    old_url, new_url = revision_url(edited_article, old_id), revision_url(edited_article, new_id)
    old, new = client.get(old_url), client.get(new_url)
    assert IMMUTABLE.fullmatch(old["Cache-Control"])  # an old revision never changes
    assert new["Cache-Control"] == REVALIDATE  # the newest gets a "next revision" link at the next edit
    assert old["ETag"] != new["ETag"] and old["Vary"] == "Accept-Encoding"
    for response, url in ((old, old_url), (new, new_url)):
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304 and again.content == b""
        assert again["Cache-Control"] == response["Cache-Control"]
    gzipped = client.get(old_url, headers={"Accept-Encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip" and gzipped["ETag"] == old["ETag"][:-1] + '-gz"'

    edit_lead(edited_article, editor)
    fresh = client.get(new_url, headers={"If-None-Match": new["ETag"]})
    assert fresh.status_code == 200 and fresh["ETag"] != new["ETag"]
    assert IMMUTABLE.fullmatch(fresh["Cache-Control"])  # no longer the newest
    notice = parse(fresh).find("div", cls="revision-notice")
    assert notice.find("a", cls="next-revision").attrs["href"] == revision_url(
        edited_article, revision_ids(edited_article)[0]
    )
    assert "This is an old revision" in " ".join(notice.text().split())


def test_a_source_edit_reaches_the_cached_revision_page(client, edited_article, editor):
    url = revision_url(edited_article, revision_ids(edited_article)[-1])
    assert "A renamed report" not in client.get(url).content.decode()
    source = Source.objects.get(article=edited_article, key="1")
    source.title = "A renamed report"
    source_save(source=source, user=editor)
    references = parse(client.get(url)).find("ol", cls="references")
    assert "A renamed report" in references.find("li", id="cite-note-1").text()


def test_the_revision_page_works_with_the_cache_down(client, edited_article, private_redis):  # noqa: F811
    url = revision_url(edited_article, revision_ids(edited_article)[-1])
    assert client.get(url).status_code == 200
    private_redis.stop()
    response = client.get(url)
    assert response.status_code == 200 and EDITED_FIGURE[0] in response.content.decode()
    compare = client.get(
        history_url(edited_article), {"from": revision_ids(edited_article)[-1], "to": "current"}
    )
    assert compare.status_code == 200 and "480" in compare.content.decode()


# ---- the cached comparison -------------------------------------------------------------------------


@pytest.fixture
def diff_calls(monkeypatch) -> list:
    """Count the section diffs the public comparison runs (instrumentation: the real function runs)."""
    calls = []
    real = articles.selectors.history.revision_changes

    def counting(article, old, new):
        calls.append((old.pk, new.pk))
        return real(article, old, new)

    monkeypatch.setattr(articles.selectors.history, "revision_changes", counting)
    return calls


def comparison_text(client, article, old, new) -> str:
    response = client.get(history_url(article), {"from": old, "to": new})
    return parse(response).find("section", cls="comparison").text()


def test_a_repeated_comparison_runs_no_diff_until_the_article_changes(
    client, edited_article, editor, diff_calls
):
    new_id, old_id = revision_ids(edited_article)
    with CaptureQueriesContext(connection) as cold_queries:
        first = comparison_text(client, edited_article, old_id, new_id)
    assert "480" in first and diff_calls == [(old_id, new_id)]
    with CaptureQueriesContext(connection) as repeat_queries:
        again = comparison_text(client, edited_article, old_id, new_id)
    assert again == first and len(diff_calls) == 1
    # The diff's queries (both revisions' sections, the key history, the numbers, the titles) are skipped.
    assert len(repeat_queries) <= len(cold_queries) - 5
    assert comparison_text(client, edited_article, new_id, old_id) == first  # the same pair
    assert comparison_text(client, edited_article, old_id, "current") == first
    assert len(diff_calls) == 1

    # A change to the article (here the title of a source the edited section cites, which the markers'
    # hover shows) is a fresh diff.
    body = edited_article.sections.get(body__contains=EDITED_FIGURE[1]).body
    source = Source.objects.get(article=edited_article, key=re.search(r"\[([^\]]+)\]", body).group(1))
    source.title = "A new title"
    source_save(source=source, user=editor)
    response = client.get(history_url(edited_article), {"from": old_id, "to": new_id})
    assert len(diff_calls) == 2
    comparison = parse(response).find("section", cls="comparison")
    assert "A new title" in {sup.attrs.get("title") for sup in comparison.find_all("sup")}
    edit_lead(edited_article, editor)
    comparison_text(client, edited_article, old_id, new_id)
    assert len(diff_calls) == 3


def test_each_pair_is_its_own_comparison(client, edited_article, editor, diff_calls):
    edit_lead(edited_article, editor)
    newest, middle, oldest = revision_ids(edited_article)
    comparison_text(client, edited_article, oldest, middle)
    comparison_text(client, edited_article, middle, newest)
    comparison_text(client, edited_article, oldest, newest)
    comparison_text(client, edited_article, oldest, middle)
    assert diff_calls == [(oldest, middle), (middle, newest), (oldest, newest)]


@pytest.mark.parametrize("query", [{"from": "current", "to": "current"}, {"from": "x", "to": "current"}])
def test_current_still_needs_another_revision(client, edited_article, query):
    response = client.get(history_url(edited_article), query)
    assert response.status_code == 400
