"""What a reader meets on a short, checked article: counts that agree with the marks, a legend for every
mark, a citation that names a permanent link, the source's capture date, and the site's own error pages."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from reversion.models import Version

from articles.rendering.markup import source_citation_html
from articles.rendering.page import SourceInput
from articles.services import article_import
from claims.report import figure_is_flagged, summarize
from sources.models import Source
from sources.services import snapshot_store

# Six figures, every one on a single source; the source states five of them (not the 90 boats).
ARTICLE = (
    "Riverton lies on the Mill river.\n"
    "Flood\n"
    "The flood displaced 6,000 villagers in Riverton.[1] Over 20 soldiers were killed in the clashes.[1]"
    " Rescuers saved 14 children from the school.[1]\n"
    "Aftermath\n"
    "The storm destroyed 310 homes in the valley.[1] Aid convoys reached 45 villages by May.[1]"
    " Officials counted 90 boats on the river.[1]\n"
)
REPORT = (
    "Some 6,000 villagers in Riverton were displaced by the flood. Monitors said 23 soldiers were killed"
    " in the clashes. Rescuers saved 14 children from the school. The storm destroyed 310 homes in the"
    " valley. Aid convoys reached 45 villages by May."
)


@pytest.fixture
def checked(db, editor):
    article = article_import(data=ARTICLE, slug="riverton", title="Riverton flood").article
    snapshot_store(
        source=Source.objects.get(article=article, key="1"), text=REPORT, origin="paste", user=editor
    )
    return article


def text_of(html: bytes) -> str:
    words = " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


@pytest.mark.parametrize(
    "flags, verdict, flagged",
    [
        (("single_source", "unreviewed"), "supported", False),  # verified: thin support is not doubt
        (("inferred_source", "single_source", "unreviewed"), "supported", False),
        (("single_source", "unreviewed"), "no_evidence", True),
        (("unreviewed",), "no_evidence", False),
        (("unreviewed",), "not_found", True),
        (("single_source", "unreviewed"), "contradicted", True),
        (("disputed", "single_source"), "supported", True),  # a strong flag stays, verified or not
        (("hedged",), "supported", True),
        (("failed_verification", "single_source"), "supported", False),  # another figure failed
        (("failed_verification", "unreviewed"), "no_evidence", False),
        ((), "supported", False),
    ],
)
def test_a_figure_is_flagged_for_doubt_not_for_thin_support_of_a_verified_value(flags, verdict, flagged):
    assert figure_is_flagged(flags, verdict) is flagged


def test_the_fact_box_counts_verified_figures_and_does_not_call_them_flagged(client, checked):
    page = text_of(client.get(checked.get_absolute_url()).content)
    assert "5 of 6 figures verified in a cited source" in page
    assert "1 of 6 figures flagged" in page


def test_the_json_and_the_report_count_flagged_figures_as_the_page_does(client, checked):
    data = client.get(reverse("articles:json", args=[checked.slug])).json()
    assert data["summary"]["flagged_figures"] == 1
    figures = [figure for claim in data["claims"] for figure in claim["figures"]]
    assert [figure["text"] for figure in figures if figure["flagged"]] == ["90"]


def test_summarize_counts_each_figure_by_its_own_verdict():
    class Figure:
        def __init__(self, verdict):
            self.verdict = verdict

    class Row:
        status, flags = "unreviewed", ("single_source", "unreviewed")
        figures = (Figure("supported"), Figure("not_found"), Figure("no_evidence"))

    summary = summarize([Row()])
    assert (summary.figures, summary.verified_figures, summary.flagged_figures) == (3, 1, 2)


def test_the_legend_explains_the_verified_mark(client, checked):
    html = client.get(checked.get_absolute_url()).content.decode()
    legend = html[html.index('<dl class="legend">') : html.index("</dl>")]
    assert "verified in [1]" in legend and "The figure check found this value" in legend
    assert "verified in [1]" in html[html.index('class="article-body"') :]  # the mark it explains


def test_cite_this_page_links_the_permanent_link_of_the_revision_read(client, checked, editor):
    from articles.services import section_save

    section = checked.sections.get(heading="Aftermath")
    section_save(
        section=section, body=section.body + " Roads reopened.", user=editor, base_version=section.version
    )
    newest = Version.objects.get_for_object(checked).first()
    html = client.get(checked.get_absolute_url()).content.decode()
    cite = html[html.index('class="cite-this-page"') :]
    permalink = reverse("articles:revision", args=[checked.slug, newest.pk])
    assert f'href="{permalink}"' in cite
    assert f"http://testserver{permalink}" in cite
    assert client.get(permalink).status_code == 200


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"title": "Fire on Mill Lane."}, "“Fire on Mill Lane.” "),
        ({"title": "Who pays?"}, "“Who pays?” "),
        ({"title": "Fire on Mill Lane"}, "“Fire on Mill Lane”. "),
        ({"title": "T", "publisher": "Acme Inc."}, "Acme Inc. "),
        ({"title": "T", "work": "Mill St."}, "Mill St.</i> "),
    ],
)
def test_a_citation_adds_no_second_full_stop(fields, expected):
    html = source_citation_html(SourceInput("k", **fields))
    assert expected in html
    assert ".”." not in html and ".." not in html.replace("</i>", "")


def test_a_source_page_says_when_its_text_was_captured(client, checked, editor):
    source = Source.objects.get(article=checked, key="1")
    url = reverse("articles:source", args=[checked.slug, "1"])
    snapshot = source.snapshots.get()
    page = text_of(client.get(url).content)
    assert f"Captured {snapshot.created_at:%-d %B %Y, %H:%M} UTC, pasted by an editor" in page
    snapshot_store(source=source, text=REPORT + " Later text.", origin="paste", user=editor)
    assert "(the latest of 2 captures)" in text_of(client.get(url).content)
    other = Source.objects.create(article=checked, key="uncaptured")
    page = text_of(client.get(reverse("articles:source", args=[checked.slug, other.key])).content)
    assert "Not captured yet" in page


def test_a_missing_page_answers_404_in_the_sites_style(client, checked):
    for url in ("/no-such-page/", "/articles/no-such-article/", f"/articles/{checked.slug}/sources/nope/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "<h1>Page not found</h1>" in html and "articles/verity.css" in html, url
        assert 'href="/search/"' in html and "Not Found" not in html


def test_a_bad_request_answers_400_in_the_sites_style(client, db):
    response = client.get("/", HTTP_HOST="bad host name")  # DisallowedHost: a 400
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html and "articles/verity.css" in html


def test_every_page_names_the_favicon_and_the_browser_default_address_finds_it(client, checked):
    html = client.get(checked.get_absolute_url()).content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert icon.endswith("articles/favicon.svg") and finders.find("articles/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon


def test_the_lock_out_page_is_headed_with_the_sites_name(editor, client):
    from tests.production.test_login_throttle import fail, sign_in

    fail(client, "edna", 5)
    html = sign_in(client, "edna", "wrong").content.decode()
    assert "Django administration" not in html
    assert re.search(r'<div id="site-name"><a href="/admin/">Verity</a></div>', html)


def test_a_source_key_rename_is_no_change_in_the_public_history(client, checked, editor):
    from articles.services import section_save, source_key_rename

    source = Source.objects.get(article=checked, key="1")
    source_key_rename(source=source, new_key="riverton-report", user=editor)
    section = checked.sections.get(heading="Aftermath")
    body = section.body.replace("310 homes", "320 homes")
    section_save(section=section, body=body, user=editor, base_version=section.version)
    history = reverse("articles:history", args=[checked.slug])
    rows = text_of(client.get(history).content)
    assert "Flood: source keys renamed, no change for readers" in rows
    assert "Flood: +" not in rows and "Aftermath: source keys renamed, no change for readers" in rows
    assert "Aftermath: +1 \u22121 words" in rows  # the edit after it counts as before
    imported, renamed, edited = Version.objects.get_for_object(checked).order_by("pk")
    html = client.get(history, {"from": imported.pk, "to": renamed.pk}).content.decode()
    comparison = html[html.index("citation markers count as words") : html.index('id="revisions-title"')]
    assert "<del>" not in comparison and "<ins>" not in comparison
    assert "No section changed between these two revisions." in comparison
    html = client.get(history, {"from": imported.pk, "to": edited.pk}).content.decode()
    comparison = html[html.index("citation markers count as words") : html.index('id="revisions-title"')]
    assert "<h3>Flood</h3>" not in comparison  # only the number, in Aftermath
    assert re.findall(r"<(ins|del)>([^<]*)</", comparison) == [("del", "310"), ("ins", "320")]
