"""The public pages as a reader (and a newsroom's tool) gets them, parsed from the real responses."""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.rendering.page import INFERRED_TITLE
from articles.selectors import article_pointer as cached_version
from articles.services import article_import, article_save, section_save
from articles.views import COMPARE_ERROR
from claims.flags import FLAG_INFO
from claims.models import Claim
from claims.report import summarize
from claims.selectors import factcheck_rows
from claims.services import claim_review
from pagecache.keys import pointer_key
from sources.models import Source
from tests.factories import mark_changed

EDITED_FIGURE = ("over 477 airstrikes", "over 480 airstrikes")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def visible_text(self) -> str:
        """Return the text a sighted reader sees: without the parts only screen readers read."""
        return "".join(
            child if isinstance(child, str) else child.visible_text()
            for child in self.children
            if isinstance(child, str) or "visually-hidden" not in child.classes
        )

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, *, cls=None, **attrs) -> list["Node"]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, **kwargs) -> "Node":
        (node,) = self.find_all(tag, **kwargs)
        return node


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(response) -> Node:
    assert response.status_code == 200, response.content[:500]
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    builder.close()
    return builder.root


def article_url(article, **query) -> str:
    url = reverse("articles:detail", args=[article.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def citation_markers(page: Node) -> list[Node]:
    return [sup for sup in page.find_all("sup") if "citation" in sup.classes]


def marker_number(marker: Node) -> int:
    return int(re.search(r"\[(\d+)\]", marker.text()).group(1))


@pytest.fixture
def seed_page(client, seed_article) -> Node:
    return parse(client.get(article_url(seed_article)))


def test_reference_list_has_one_entry_per_cited_source(seed_page):
    references = seed_page.find("ol", cls="references")
    assert len([node for node in references.children if isinstance(node, Node) and node.tag == "li"]) == 80


def test_explicit_and_inferred_markers(seed_page):
    markers = citation_markers(seed_page)
    explicit = [marker for marker in markers if "inferred" not in " ".join(marker.classes)]
    inferred = [marker for marker in markers if "inferred" in marker.classes]
    assert len(explicit) == 221
    assert len(inferred) == 80
    assert all(marker.find("a").attrs["title"] == INFERRED_TITLE for marker in inferred)
    assert all(marker.find("a").attrs["href"].startswith("#cite-note-") for marker in markers)


def test_markers_are_numbered_by_first_use(seed_page):
    numbers = [marker_number(marker) for marker in citation_markers(seed_page)]
    assert numbers[0] == 1
    first_uses = list(dict.fromkeys(numbers))
    assert first_uses == list(range(1, 81))
    for marker in citation_markers(seed_page):
        assert marker.find("a").attrs["href"] == f"#cite-note-{marker_number(marker)}"


def test_every_backlink_lands_on_a_marker_and_every_marker_on_a_reference(seed_page):
    markers = citation_markers(seed_page)
    marker_ids = [marker.attrs["id"] for marker in markers]
    assert len(set(marker_ids)) == len(marker_ids)
    references = seed_page.find("ol", cls="references").find_all("li")
    backlinks = [
        a.attrs["href"][1:] for li in references for a in li.find("span", cls="backlinks").find_all("a")
    ]
    assert sorted(backlinks) == sorted(marker_ids)
    reference_ids = {li.attrs["id"] for li in references}
    assert {marker.find("a").attrs["href"][1:] for marker in markers} == reference_ids
    # A source cited several times gets the backlinks a, b, c …
    many = next(li for li in references if len(li.find("span", cls="backlinks").find_all("a")) > 2)
    assert [a.visible_text() for a in many.find("span", cls="backlinks").find_all("a")][:3] == ["a", "b", "c"]


def test_references_give_the_source_details_or_say_they_are_missing(client, seed_article):
    Source.objects.filter(article=seed_article, key="1").update(
        title="Offensive launched", publisher="Myanmar Now", url="https://example.org/1"
    )
    mark_changed(seed_article.pk)
    page = parse(client.get(article_url(seed_article)))
    references = page.find("ol", cls="references").find_all("li")
    first = references[0]
    assert "Offensive launched" in first.text() and "Myanmar Now" in first.text()
    assert any(a.attrs["href"] == "https://example.org/1" for a in first.find_all("a"))
    assert any(
        a.attrs["href"] == reverse("articles:source", args=[seed_article.slug, "1"])
        for a in first.find_all("a")
    )
    assert "Source 2 — details not yet entered" in references[1].text()


@pytest.mark.parametrize("flag", ["unsourced", "inferred_source", "single_source", "hedged"])
def test_flag_markers_are_explained(seed_page, flag):
    marks = [node for node in seed_page.find_all(cls=f"flag-{flag}") if "flag" in node.classes]
    assert marks
    for mark in marks:
        assert mark.attrs["tabindex"] == "0"
        tip = seed_page.find(id=mark.attrs["aria-describedby"])
        assert tip.attrs["role"] == "tooltip"
        assert FLAG_INFO[flag].reason in tip.text()


@pytest.mark.parametrize("flag", ["unsourced", "hedged"])
def test_strong_flags_show_their_label(seed_page, flag):
    marks = [node for node in seed_page.find_all(cls=f"flag-{flag}") if "flag" in node.classes]
    assert marks
    for mark in marks:
        assert FLAG_INFO[flag].label in mark.find("sup", cls="flag-label").text()
        assert "flag-quiet" not in mark.classes


@pytest.mark.parametrize("flag", ["inferred_source", "single_source"])
def test_weak_flags_alone_are_quiet_without_a_label(seed_page, flag):
    marks = [node for node in seed_page.find_all(cls=f"flag-{flag}") if "flag" in node.classes]
    quiet = [mark for mark in marks if "flag-quiet" in mark.classes]
    assert quiet
    for mark in marks:
        labels = mark.find_all("sup", cls="flag-label")
        assert all(FLAG_INFO[flag].label not in label.text() for label in labels)
    for mark in quiet:
        assert mark.find_all("sup", cls="flag-label") == []
        assert not any(f"flag-{name}" in mark.classes for name in FLAG_INFO if FLAG_INFO[name].is_strong)


def test_flagged_figures_and_flagged_sentences_without_figures(seed_page, seed_article):
    figures = [node for node in seed_page.find_all(cls="flag-figure")]
    rows = factcheck_rows(seed_article)
    assert len(figures) == summarize(rows).flagged_figures
    assert "over 6,000" in [figure.find("mark").text() for figure in figures]
    unsourced = next(row for row in rows if "unsourced" in row.flags and not row.figures)
    sentence = seed_page.find(id=f"claim-{unsourced.id}")
    assert "[citation needed]" in sentence.find("span", cls="flag-claim").text()


def test_every_claim_is_wrapped_with_its_flags(seed_page, seed_article):
    for claim in Claim.objects.for_article(seed_article):
        node = seed_page.find(id=f"claim-{claim.pk}")
        assert node.classes == ["claim", *(f"flag-{flag}" for flag in claim.flag_names)]


def test_headings_contents_and_summary(seed_page, seed_article):
    assert len(seed_page.find_all("h1")) == 1
    body = seed_page.find("div", cls="article-body")
    headings = [node for node in body.iter() if node.tag in ("h2", "h3")]
    sections = list(seed_article.sections.exclude(level=0).order_by("order"))
    assert len(headings) == 35
    assert [(h.tag, h.text(), h.attrs["id"]) for h in headings] == [
        (f"h{s.level + 1}", s.heading, s.anchor) for s in sections
    ]
    contents = seed_page.find("nav", **{"aria-label": "Contents"})
    assert [a.attrs["href"] for a in contents.find_all("a")] == [f"#{s.anchor}" for s in sections]
    summary = " ".join(seed_page.find("section", cls="factbox").text().split())
    flagged = summarize(factcheck_rows(seed_article)).flagged_figures
    assert "0 of 234 statements approved" in summary
    assert f"{flagged} of 63 figures flagged" in summary
    assert seed_page.find("dl", cls="legend")


def test_highlighting_can_be_turned_off_and_each_variant_is_cached(client, seed_article):
    highlighted = parse(client.get(article_url(seed_article)))
    switch = highlighted.find("a", cls="highlight-switch")
    assert switch.attrs["href"] == "?highlight=off"
    plain = parse(client.get(article_url(seed_article, highlight="off")))
    assert not [node for node in plain.iter() if any(c.startswith("flag") for c in node.classes)]
    assert not plain.find_all("dl", cls="legend")
    assert plain.find("a", cls="highlight-switch").attrs["href"] == article_url(seed_article)
    assert len(citation_markers(plain)) == len(citation_markers(highlighted))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(article_url(seed_article, highlight="off"))
    assert len(queries) <= 2
    assert again.content == client.get(article_url(seed_article, highlight="off")).content
    assert b"flag-tip" in client.get(article_url(seed_article)).content


def test_page_changes_after_a_section_edit(client, seed_article, editor):
    client.get(article_url(seed_article))
    section = seed_article.sections.get(body__contains=EDITED_FIGURE[0])
    section_save(
        section=section,
        body=section.body.replace(*EDITED_FIGURE),
        user=editor,
        base_version=section.version,
        comment="New count",
    )
    edited = Claim.objects.for_article(seed_article).get(text__contains=EDITED_FIGURE[1])
    page = parse(client.get(article_url(seed_article)))
    sentence = page.find(id=f"claim-{edited.pk}")
    assert sentence.find("mark").text() == "over 480"
    assert EDITED_FIGURE[0] not in page.find("main").text()


def test_page_changes_after_a_review_and_publishes_claim_reviews(client, seed_article, reviewer):
    client.get(article_url(seed_article))
    claims = list(Claim.objects.for_article(seed_article).in_article_order()[:2])
    claim_review(claim=claims[0], reviewer=reviewer, status="approved")
    claim_review(claim=claims[1], reviewer=reviewer, status="disputed", note="Other sources say 6 November.")
    page = parse(client.get(article_url(seed_article)))
    assert "1 of 234 statements approved" in " ".join(page.find("section", cls="factbox").text().split())
    assert "flag-disputed" in page.find(id=f"claim-{claims[1].pk}").classes
    (script,) = page.find_all("script", type="application/ld+json")
    reviews = json.loads(script.text())
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Approved", "Disputed"]
    approved = Claim.objects.get(pk=claims[0].pk)
    assert reviews[0]["claimReviewed"] == approved.text
    assert reviews[0]["datePublished"] == approved.reviewed_at.isoformat()
    assert reviews[0]["author"] == {"@type": "Organization", "name": "Verity"}
    assert reviews[0]["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "url": "http://testserver/articles/operation-1107/"},
    }


def cold_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article_url(article))
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_article(client, seed_article, large_article):
    assert Claim.objects.for_article(large_article).count() > 5 * 200
    seed_cold, large_cold = cold_queries(client, seed_article), cold_queries(client, large_article)
    assert seed_cold == large_cold
    # the version pointer, the article, sections, claims with their reviewers, citations, sources, figures,
    # conflicts, the last edit: as many for 5x the claims.
    assert seed_cold <= 9
    for article in (seed_article, large_article):
        with CaptureQueriesContext(connection) as queries:
            client.get(article_url(article))
        assert len(queries) == 0  # a cache hit does not touch the database
    large = parse(client.get(article_url(large_article)))
    in_lead = len(citation_markers(large.find("div", cls="lead")))
    assert len(citation_markers(large)) - in_lead == 5 * (221 + 80 - in_lead)  # the lead is not repeated
    assert len(large.find("ol", cls="references").find_all("li")) == 80


def test_json(client, seed_article):
    response = client.get(reverse("articles:json", args=[seed_article.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["article"]["slug"] == "operation-1107"
    assert data["article"]["url"] == "/articles/operation-1107/"
    assert len(data["sections"]) == 36 and data["sections"][1]["heading"] == "Background"
    assert len(data["claims"]) == 234 and len(data["sources"]) == 80
    claim = next(claim for claim in data["claims"] if claim["figures"])
    assert set(claim) == {
        "id",
        "section",
        "text",
        "status",
        "flags",
        "sources",
        "inferred_sources",
        "figures",
        "public_reason",  # a disputed or rejected claim's public note, "" otherwise
    }
    assert set(claim["figures"][0]) >= {"text", "value", "unit", "flagged", "flags"}
    assert data["summary"]["claims"] == 234 and data["summary"]["by_flag"]["unsourced"] > 0
    assert data["sources"][0]["page"] == reverse("articles:source", args=[seed_article.slug, "1"])
    inferred = [claim for claim in data["claims"] if claim["inferred_sources"]]
    assert inferred and all("inferred_source" in claim["flags"] for claim in inferred)


def test_history_lists_revisions_and_compares_two(client, seed_article, editor):
    section = seed_article.sections.get(body__contains=EDITED_FIGURE[0])
    section_save(
        section=section,
        body=section.body.replace(*EDITED_FIGURE),
        user=editor,
        base_version=section.version,
        comment="New UN count",
    )
    url = reverse("articles:history", args=[seed_article.slug])
    page = parse(client.get(url))
    rows = page.find("table", cls="revisions").find("tbody").find_all("tr")
    assert len(rows) == 2
    # Readers see a public name (here the neutral label of a user without one), never the login.
    assert f"Editor #{editor.pk}" in rows[0].text() and "New UN count" in rows[0].text()
    assert "edna" not in page.text()
    assert "Imported" in rows[1].text()
    new_id = rows[0].find("input", name="to").attrs["value"]
    old_id = rows[1].find("input", name="from").attrs["value"]
    assert "checked" in rows[0].find("input", name="to").attrs
    compared = parse(client.get(url, {"from": old_id, "to": new_id}))
    comparison = compared.find("section", cls="comparison")
    assert [h.text() for h in comparison.find_all("h3")] == [section.heading]
    assert [node.text() for node in comparison.find_all("ins")][-1] == "480"
    assert [node.text() for node in comparison.find_all("del")][-1] == "477"
    swapped = parse(client.get(url, {"from": new_id, "to": old_id}))
    assert swapped.find("section", cls="comparison").find_all("ins")[-1].text() == "480"


@pytest.mark.parametrize("query", [{"from": "1"}, {"from": "999999", "to": "1"}, {"from": "x", "to": "y"}])
def test_history_refuses_a_bad_comparison(client, seed_article, query):
    response = client.get(reverse("articles:history", args=[seed_article.slug]), query)
    assert response.status_code == 400
    assert COMPARE_ERROR in response.content.decode()


def test_factcheck_page(client, seed_article):
    page = parse(client.get(reverse("articles:factcheck", args=[seed_article.slug])))
    rows = page.find("table", cls="claims").find("tbody").find_all("tr")
    assert len(rows) == 234
    first_link = rows[0].find_all("a")[0].attrs["href"]
    assert first_link.startswith(article_url(seed_article) + "#claim-")
    worst = Claim.objects.get(pk=first_link.rsplit("-", 1)[1])
    assert "unsourced" in worst.flag_names
    by_flag = page.find("table", cls="by-flag")
    assert FLAG_INFO["single_source"].label in by_flag.text()
    ids = {node.attrs.get("id") for node in parse(client.get(article_url(seed_article))).iter()}
    assert {row.find_all("a")[0].attrs["href"].split("#")[1] for row in rows} <= ids


def test_source_page_lists_the_claims_citing_it(client, seed_article):
    source = Source.objects.get(article=seed_article, key="12")
    page = parse(client.get(source.get_absolute_url()))
    assert page.find("h1").text() == "Source 12 — details not yet entered"
    items = page.find("ol", cls="citing-claims").find_all("li")
    citations = source.citations.filter(claim__retired_at__isnull=True)
    assert len(items) == citations.count() > 0
    for item, citation in zip(
        items, citations.order_by("claim__section__order", "claim__position"), strict=True
    ):
        assert item.find("a").attrs["href"] == article_url(seed_article) + f"#claim-{citation.claim_id}"
        assert ("inferred" in item.text()) == citation.is_inferred
    assert client.get(reverse("articles:source", args=[seed_article.slug, "no-such-key"])).status_code == 404


def test_article_list(client, seed_article):
    Article.objects.create(title="Draft", slug="draft", is_public=False)
    page = parse(client.get(reverse("articles:list")))
    links = [a for a in page.find("main").find_all("a")]
    assert [a.text() for a in links] == ["Operation 1107"]
    assert links[0].attrs["href"] == article_url(seed_article)


def public_urls(article) -> list[str]:
    return [
        article_url(article),
        article_url(article, highlight="off"),
        reverse("articles:json", args=[article.slug]),
        reverse("articles:history", args=[article.slug]),
        reverse("articles:factcheck", args=[article.slug]),
        reverse("articles:source", args=[article.slug, "1"]),
    ]


def test_private_articles_are_not_found(client, seed_article):
    for url in public_urls(seed_article):
        assert client.get(url).status_code == 200, url
    seed_article.is_public = False
    article_save(article=seed_article, user=None)  # the admin's path; it drops cached pages
    for url in public_urls(seed_article):
        assert client.get(url).status_code == 404, url


def test_pages_are_read_only(client, seed_article):
    for url in public_urls(seed_article):
        assert client.post(url).status_code == 405, url


HOSTILE_TITLE = '<script>alert("title")</script> & "Co"'
HOSTILE_HEADING = "<script>alert(1)</script>"
HOSTILE_SOURCE = '</script><script>alert("source")</script> "Quoted" & \'single\''
HOSTILE_TEXT = (
    "A lead sentence about 300 people with <img src=x onerror=alert(1)> in it.[1] "
    "A second one says </script><script>alert(2)</script> and 40 more.[2]\n"
    f"{HOSTILE_HEADING}\n"
    "A body sentence <img src=x onerror=alert(3)> reports 7 bases.[1]\n"
)


@pytest.fixture
def hostile_article(db, reviewer, editor):
    article = article_import(data=HOSTILE_TEXT, slug="hostile", title=HOSTILE_TITLE).article
    Source.objects.filter(article=article, key="1").update(
        title=HOSTILE_SOURCE, publisher="<b>Press</b>", url="javascript:alert(1)"
    )
    mark_changed(article.pk)
    for claim in Claim.objects.for_article(article):
        claim_review(claim=claim, reviewer=reviewer, status="approved")
    section = article.sections.get(level=1)
    section_save(
        section=section,
        body=section.body + " <svg onload=alert(4)> was added.",
        user=editor,
        base_version=section.version,
        comment='<script>alert("summary")</script>',
    )
    return article


def test_hostile_text_is_escaped_on_every_page(client, hostile_article):
    history = reverse("articles:history", args=[hostile_article.slug])
    versions = parse(client.get(history)).find("table", cls="revisions").find_all("input", name="to")
    compare = f"{history}?from={versions[-1].attrs['value']}&to={versions[0].attrs['value']}"
    pages = [url for url in public_urls(hostile_article) if not url.endswith(".json")]
    for url in [*pages, compare, reverse("articles:list")]:
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        for raw in ("<script>alert", "<img src=x", "<svg", "<b>Press", "javascript:"):
            assert raw not in content, (url, raw)
        page = parse(response)
        scripts = page.find_all("script")
        # Only data (JSON-LD) or the site's own tooltip script, loaded from a file: no inline code.
        for script in scripts:
            is_data = script.attrs.get("type") == "application/ld+json"
            is_own_file = script.attrs.get("src", "").endswith("tooltips.js") and not script.text().strip()
            assert is_data or is_own_file, (url, script.attrs)
    article = parse(client.get(article_url(hostile_article)))
    assert HOSTILE_HEADING in [h.text() for h in article.find("div", cls="article-body").find_all("h2")]
    assert article.find("h1").text() == HOSTILE_TITLE
    assert HOSTILE_SOURCE in article.find("ol", cls="references").text()
    (script,) = article.find_all("script", type="application/ld+json")
    texts = [review["claimReviewed"] for review in json.loads(script.text())]
    assert "A second one says </script><script>alert(2)</script> and 40 more." in texts
    assert "</script><script>" not in script.text()
    data = json.loads(client.get(reverse("articles:json", args=[hostile_article.slug])).content)
    assert data["article"]["title"] == HOSTILE_TITLE


def pointer_of(article):
    return (article.pk, article.content_version, int(article.updated_at.timestamp()))


def test_a_commit_publishes_the_new_version_to_the_cache(
    client, seed_article, editor, django_capture_on_commit_callbacks
):
    seed_article.refresh_from_db()
    client.get(article_url(seed_article))
    assert cache.get(pointer_key(seed_article.slug)) == pointer_of(seed_article)
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    with django_capture_on_commit_callbacks(execute=True):
        body = section.body.replace("477", "478")
        section_save(section=section, body=body, user=editor, base_version=section.version)
    seed_article.refresh_from_db()
    assert cache.get(pointer_key(seed_article.slug)) == pointer_of(seed_article)
    assert cached_version(seed_article.slug)[:2] == (seed_article.pk, seed_article.content_version)
    assert "over 478" in client.get(article_url(seed_article)).content.decode()


def test_a_change_committed_during_a_render_is_not_hidden_by_it(
    client, seed_article, editor, monkeypatch, django_capture_on_commit_callbacks
):
    """The render read the old version; the pointer the commit wrote must survive the render's end."""
    import articles.views

    real_page = articles.views.article_page
    section = seed_article.sections.get(body__contains="over 477 airstrikes")

    def page_while_an_editor_commits(*args, **kwargs):
        page = real_page(*args, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            body = section.body.replace("477", "476")
            section_save(section=section, body=body, user=editor, base_version=section.version)
        return page

    monkeypatch.setattr(articles.views, "article_page", page_while_an_editor_commits)
    client.get(article_url(seed_article))
    monkeypatch.setattr(articles.views, "article_page", real_page)
    seed_article.refresh_from_db()
    assert cache.get(pointer_key(seed_article.slug)) == pointer_of(seed_article)
    assert "over 476" in client.get(article_url(seed_article)).content.decode()


def reader_text(node) -> str:
    """Return a sentence as a reader reads it: without citation and flag labels, tooltips or the link to a
    conflicting statement (which follows the sentence after a space)."""
    text = "".join(
        child if isinstance(child, str) else reader_text(child)
        for child in node.children
        if isinstance(child, str)
        or not ({"flag-tip", "conflict-link"} & set(child.classes) or child.tag == "sup")
    )
    has_link = any("conflict-link" in child.classes for child in node.children if not isinstance(child, str))
    return text[:-1] if has_link and text.endswith(" ") else text


def test_flag_labels_add_no_space_to_the_sentence(client, seed_article):
    """A stray space used to follow every flag label: "546[citation needed] , although"."""
    page = parse(client.get(article_url(seed_article)))
    sentences = {
        node.attrs["id"]: node for node in page.iter() if node.attrs.get("id", "").startswith("claim-")
    }
    claims = {f"claim-{claim.pk}": claim for claim in Claim.objects.for_article(seed_article)}
    flagged = [anchor for anchor, node in sentences.items() if any("flag" in n.classes for n in node.iter())]
    assert len(flagged) > 40
    for anchor in flagged:
        assert reader_text(sentences[anchor]) == claims[anchor].text


def test_the_article_says_when_it_was_last_edited_and_by_whom_and_how_to_cite_it(
    client, seed_article, editor
):
    from accounts.services import profile_save

    profile_save(user=editor, display_name="Edna Public")
    section = seed_article.sections.get(body__contains="over 477 airstrikes")
    section_save(
        section=section, body=section.body.replace("477", "478"), user=editor, base_version=section.version
    )
    seed_article.refresh_from_db()
    page = parse(client.get(article_url(seed_article)))
    last = page.find("p", cls="last-edited").visible_text()
    assert last.startswith("Last edited on ") and " by Edna Public" in last
    assert "edna" not in client.get(article_url(seed_article)).content.decode().replace("Edna Public", "")
    cite = page.find("section", cls="cite-this-page").visible_text()
    assert "“Operation 1107.” Verity, last edited " in cite
    assert f"version {seed_article.content_version}. http://testserver/articles/operation-1107/" in cite


def test_the_legend_tells_labelled_strong_flags_from_quiet_weak_ones(seed_page):
    legend = seed_page.find("dl", cls="legend")
    labels = [node.text() for node in legend.find_all(cls="legend-label")]
    assert "[citation needed]" in labels and "[unverified]" in labels
    assert "[single source]" not in labels and "[source inferred]" not in labels
    quiet = legend.find(cls="legend-quiet")
    assert quiet.text() == "1,200"
    text = legend.text()
    assert FLAG_INFO["single_source"].reason in text and FLAG_INFO["inferred_source"].reason in text
    assert "Underlined with dots" in text
