"""Defect 8: the number an editor types is not the number a reader sees. The admin's citation legend,
renaming a source key (one revision, reviews kept) and public diffs that show readers' numbers."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from articles.errors import EditConflict
from articles.models import Section
from articles.services import (
    SAME_KEY_MESSAGE,
    article_import,
    section_delete,
    section_recover,
    section_revert,
    section_save,
    source_key_rename,
)
from claims.models import Claim
from claims.sentences import MARKER_PATTERN
from claims.services import claim_review
from editorial.errors import EditNotAllowed
from sources.errors import SourceKeyRefused
from sources.forms import BAD_KEY_MESSAGE, DUPLICATE_KEY_MESSAGE
from sources.models import Source
from tests.articles.test_pages import article_url, parse

NEW_KEY = "unhcr-2024"


def marker_keys(article) -> list[str]:
    """Every key cited by a real marker in the article's bodies, in article order."""
    return [
        match["key"]
        for body in article.sections.order_by("order").values_list("body", flat=True)
        for match in MARKER_PATTERN.finditer(body)
    ]


def readers_numbers(client, article) -> dict[str, int]:
    """The number readers see for each key, read from the public page's reference list."""
    page = parse(client.get(article_url(article)))
    numbers = {}
    for item in page.find("ol", cls="references").find_all("li"):
        href = item.find("a", cls="source-page").attrs["href"]
        numbers[href.rstrip("/").rsplit("/", 1)[1]] = int(item.attrs["id"].removeprefix("cite-note-"))
    return numbers


def database_state():
    return (
        list(Source.objects.order_by("pk").values_list("pk", "key")),
        list(Section.objects.order_by("pk").values_list("pk", "body", "version")),
        list(Claim.objects.order_by("pk").values_list("pk", "raw", "status", "markers")),
        Version.objects.count(),
    )


# ---- renaming a key -------------------------------------------------------------------------------


def test_rename_rewrites_every_marker_in_one_revision(seed_article, editor):
    source = Source.objects.get(article=seed_article, key="12")
    before = marker_keys(seed_article)
    citing = {s.pk: s.version for s in seed_article.sections.all() if "[12]" in s.body}
    others = {s.pk: s.version for s in seed_article.sections.all() if "[12]" not in s.body}
    renamed = source_key_rename(source=source, new_key=f"  {NEW_KEY} ", user=editor)
    assert marker_keys(seed_article) == [NEW_KEY if key == "12" else key for key in before]
    assert before.count("12") >= 2 and "12" not in marker_keys(seed_article)
    assert Source.objects.get(pk=source.pk).key == NEW_KEY and renamed.old_key == "12"
    assert {s.pk for s in renamed.sections} == set(citing)
    for section in seed_article.sections.all():
        expected = citing[section.pk] + 1 if section.pk in citing else others[section.pk]
        assert section.version == expected, section
    revisions = {Version.objects.get_for_object(section)[0].revision for section in renamed.sections}
    (revision,) = revisions
    assert revision.user == editor and revision.get_comment() == f"Renamed source key [12] to [{NEW_KEY}]"
    history = Source.history.filter(id=source.pk).order_by("-history_date").first()
    assert history.key == NEW_KEY and history.history_user == editor


def test_claims_keep_their_identity_and_reviews_through_a_rename(seed_article, editor, reviewer):
    source = Source.objects.get(article=seed_article, key="12")
    explicit = list(Claim.objects.active().filter(citations__source=source, citations__is_inferred=False))
    for claim in explicit:
        claim_review(claim=claim, reviewer=reviewer, status="approved", seen_raw=claim.raw)
    every_claim = {c.pk: (c.status, c.text, c.flags) for c in Claim.objects.for_article(seed_article)}
    source_key_rename(source=source, new_key=NEW_KEY, user=editor)
    after = {c.pk: (c.status, c.text, c.flags) for c in Claim.objects.for_article(seed_article)}
    assert after == every_claim  # no claim created, retired, re-worded or sent back to review
    assert len(explicit) >= 2
    for claim in Claim.objects.filter(pk__in=[c.pk for c in explicit]):
        assert claim.status == "approved" and claim.reviewed_by == reviewer
        assert f"[{NEW_KEY}]" in claim.raw and "[12]" not in claim.raw
        assert claim.decided_raw == claim.raw
        assert NEW_KEY in [key for key, _ in claim.markers] and "12" not in [key for key, _ in claim.markers]
    # The reviewer's next decision on the renamed wording goes through: it is the wording they see.
    claim = Claim.objects.get(pk=explicit[0].pk)
    claim_review(claim=claim, reviewer=reviewer, status="disputed", note="Checked again", seen_raw=claim.raw)


def test_a_rename_changes_no_number_readers_see(seed_article, client, editor):
    before = readers_numbers(client, seed_article)
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    after = readers_numbers(client, seed_article)
    assert after[NEW_KEY] == before["12"] and "12" not in after
    assert {k: v for k, v in after.items() if k != NEW_KEY} == {k: v for k, v in before.items() if k != "12"}


def test_an_editor_who_had_a_renamed_section_open_meets_a_conflict(seed_article, editor, other_editor):
    section = seed_article.sections.get(body__contains="[12]")
    opened_at = section.version
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    # Their text drops the old marker (text still citing [12] is refused earlier, as an unknown key).
    stale_text = section.body.replace("[12]", "") + " More."
    with pytest.raises(EditConflict):
        section_save(section=section, body=stale_text, user=other_editor, base_version=opened_at)


@pytest.fixture
def small_article(db):
    text = "Lead sentence.[1] See [1](/page/1) and the report.[2]\nEvents\nThey fought.[1][2] Then peace.\n"
    article = article_import(data=text, slug="small", title="Small").article
    Source.objects.create(article=article, key="1-2", title="Another")
    section = article.sections.get(heading="Events")
    section_save(
        section=section, body=section.body + " Also [1-2] here.", user=None, base_version=section.version
    )
    return article


def test_only_real_markers_of_the_key_are_rewritten(small_article, editor):
    source_key_rename(source=Source.objects.get(article=small_article, key="1"), new_key="un.1", user=editor)
    bodies = list(small_article.sections.order_by("order").values_list("body", flat=True))
    assert bodies == [
        "Lead sentence.[un.1] See [1](/page/1) and the report.[2]",
        "They fought.[un.1][2] Then peace. Also [1-2] here.",
    ]


@pytest.mark.parametrize(
    ("new_key", "message"),
    [
        ("has space", BAD_KEY_MESSAGE),
        ("", BAD_KEY_MESSAGE),
        ("x" * 65, BAD_KEY_MESSAGE),
        ("[2]", BAD_KEY_MESSAGE),
        ("2", DUPLICATE_KEY_MESSAGE.format(key="2")),
        ("1-2", DUPLICATE_KEY_MESSAGE.format(key="1-2")),
        ("1", SAME_KEY_MESSAGE.format(key="1")),
    ],
)
def test_a_bad_new_key_is_refused_and_nothing_changes(small_article, editor, new_key, message):
    before = database_state()
    with pytest.raises(SourceKeyRefused) as refused:
        source_key_rename(
            source=Source.objects.get(article=small_article, key="1"), new_key=new_key, user=editor
        )
    assert str(refused.value) == message
    assert database_state() == before


def test_a_key_of_another_article_is_free(small_article, seed_article, editor):
    source_key_rename(source=Source.objects.get(article=small_article, key="1"), new_key="80", user=editor)
    assert Source.objects.filter(key="80").count() == 2


def test_only_editors_rename_keys(small_article, reviewer):
    before = database_state()
    with pytest.raises(EditNotAllowed):
        source_key_rename(
            source=Source.objects.get(article=small_article, key="1"), new_key="x", user=reviewer
        )
    assert database_state() == before


# ---- the source admin -----------------------------------------------------------------------------


def rename_url(source):
    return reverse("admin:sources_source_rename_key", args=[source.pk])


def test_admin_renames_a_key_with_a_message(small_article, client, editor):
    source = Source.objects.get(article=small_article, key="1")
    client.force_login(editor)
    change = client.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert f'href="{rename_url(source)}"' in change
    response = client.post(rename_url(source), {"new_key": "un.1", "edit_summary": "Clearer key"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_source_change", args=[source.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The key [1] is now [un.1]: 2 sections rewritten in one revision; "
        "2 claims citing it kept their review status."
    ]
    assert Source.objects.get(pk=source.pk).key == "un.1"
    section = small_article.sections.get(heading="Events")
    assert Version.objects.get_for_object(section)[0].revision.get_comment() == "Clearer key"


def test_admin_shows_a_refusal_in_the_form(small_article, client, editor):
    source = Source.objects.get(article=small_article, key="1")
    client.force_login(editor)
    before = database_state()
    response = client.post(rename_url(source), {"new_key": "2"})
    assert response.status_code == 200
    assert "This article already has a source with the key [2]." in response.content.decode()
    assert database_state() == before


def test_reviewers_cannot_open_the_rename_page(small_article, client, reviewer):
    source = Source.objects.get(article=small_article, key="1")
    client.force_login(reviewer)
    assert client.get(rename_url(source)).status_code == 403
    assert client.post(rename_url(source), {"new_key": "x"}).status_code == 403
    assert Source.objects.get(pk=source.pk).key == "1"


# ---- the citation legend in the section form ------------------------------------------------------


def legend_rows(client, section) -> list[list[str]]:
    page = parse(client.get(reverse("admin:articles_section_change", args=[section.pk])))
    legend = page.find("div", id="citation-legend")
    return [
        [cell.text() for cell in row.find_all("td")] for row in legend.find_all("tr") if row.find_all("td")
    ]


def test_legend_lists_keys_with_titles_and_readers_numbers(seed_article, client, editor):
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    Source.objects.filter(article=seed_article, key=NEW_KEY).update(title="UNHCR <b>update</b>")
    Source.objects.create(article=seed_article, key="spare", title="Not cited yet")
    lead = seed_article.sections.get(level=0)
    section_save(section=lead, body=lead.body + " Cited early.[40]", user=editor, base_version=lead.version)
    client.force_login(editor)
    numbers = readers_numbers(client, seed_article)
    rows = legend_rows(client, seed_article.sections.get(body__contains=f"[{NEW_KEY}]"))
    cited = [row for row in rows if len(row) == 3]
    assert [(key, number) for key, number, _ in cited] == sorted(
        ((f"[{key}]", f"[{number}]") for key, number in numbers.items()), key=lambda row: int(row[1][1:-1])
    )
    assert [f"[{NEW_KEY}]", f"[{numbers[NEW_KEY]}]", "UNHCR <b>update</b>"] in cited
    assert ["[20]", f"[{numbers['20']}]", "(details not yet entered)"] in cited
    assert numbers["20"] == 21 and numbers["40"] < 20  # the very confusion the legend is for
    assert [row for row in rows if len(row) == 2] == [["[spare]", "Not cited yet"]]


def form_queries(client, section) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:articles_section_change", args=[section.pk])).status_code == 200
    return len(queries)


def test_legend_query_count_does_not_grow_with_the_article(seed_article, large_article, client, editor):
    client.force_login(editor)
    small = seed_article.sections.get(body__contains="over 477 airstrikes")
    large = large_article.sections.filter(body__contains="over 477 airstrikes").order_by("-order").first()
    form_queries(client, small)  # warm the session and permission caches alike
    assert form_queries(client, small) == form_queries(client, large)


# ---- public diffs show what readers see -----------------------------------------------------------


def test_public_diff_shows_readers_numbers_never_keys(seed_article, client, editor):
    source_key_rename(source=Source.objects.get(article=seed_article, key="1"), new_key=NEW_KEY, user=editor)
    Source.objects.filter(article=seed_article, key=NEW_KEY).update(title="UNHCR flash update")
    lead = seed_article.sections.get(level=0)
    section_save(
        section=lead, body=lead.body + f" A new sentence.[{NEW_KEY}]", user=editor, base_version=lead.version
    )
    assert readers_numbers(client, seed_article)[NEW_KEY] == 1
    history = reverse("articles:history", args=[seed_article.slug])
    versions = [v.pk for v in Version.objects.get_for_object(seed_article)]
    comparisons = []
    for old, new in ((versions[1], versions[0]), (versions[-1], versions[0]), (versions[-1], versions[1])):
        response = client.get(history, {"from": old, "to": new})
        comparison = parse(response).find("section", cls="comparison")
        assert NEW_KEY not in comparison.text()  # (the revision list shows the editor's summary, with keys)
        comparisons.append(comparison)
    for comparison in comparisons[:2]:
        marks = [sup for sup in comparison.find_all("sup") if "citation" in sup.classes]
        first = [sup for sup in marks if sup.text() == "[1]"]
        assert first and all(sup.attrs["title"] == "UNHCR flash update" for sup in first)
    # The edit: the new sentence and its marker, as readers see it; only it, also from before the rename.
    for comparison in comparisons[:2]:
        diffs = comparison.find_all("div", cls="diff")
        assert [node.text() for diff in diffs for node in diff.find_all("ins")] == [" A new sentence.[1]"]
        assert [node for diff in diffs for node in diff.find_all("del")] == []
    # The rename itself: [1] became [unhcr-2024] for editors; readers' [1] stays [1], so nothing changed
    # for them (it used to show every marker struck and added again).
    assert comparisons[2].find_all("div", cls="diff") == []
    assert "No section changed between these two revisions." in comparisons[2].text()


def test_admin_compare_keeps_editors_keys(seed_article, client, editor):
    lead = seed_article.sections.get(level=0)
    source_key_rename(source=Source.objects.get(article=seed_article, key="1"), new_key=NEW_KEY, user=editor)
    client.force_login(editor)
    new, old = Version.objects.get_for_object(lead)[:2]
    page = client.get(
        reverse("admin:articles_section_compare", args=[lead.pk]), {"from": old.pk, "to": new.pk}
    )
    diff = re.search(r'<div class="diff">(.*?)</div>', page.content.decode(), re.S).group(1)
    assert f"<ins>[{NEW_KEY}]</ins>" in diff and "<del>[1]</del>" in diff


# ---- history written before a rename --------------------------------------------------------------


def test_revert_to_a_revision_before_a_rename_cites_the_new_key(seed_article, editor):
    section = seed_article.sections.get(body__contains="[12]")
    before_rename = Version.objects.get_for_object(section)[0]
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    section.refresh_from_db()
    section_save(
        section=section, body=section.body + " Added later.", user=editor, base_version=section.version
    )
    section.refresh_from_db()
    section_revert(section=section, version=before_rename, user=editor)
    section.refresh_from_db()
    assert section.body == before_rename.field_dict["body"].replace("[12]", f"[{NEW_KEY}]")
    assert "Added later." not in section.body


def test_recovering_a_section_deleted_before_a_rename_cites_the_new_key(seed_article, editor):
    section = seed_article.sections.get(body__contains="[12]")
    pk, body = section.pk, section.body
    section_delete(section=section, user=editor)
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    version = Version.objects.get_deleted(Section).get(object_id=str(pk))
    recovered = section_recover(version=version, user=editor)
    assert recovered.body == body.replace("[12]", f"[{NEW_KEY}]")
    assert recovered.claims.active().filter(citations__source__key=NEW_KEY).exists()


def test_a_form_opened_before_a_rename_says_what_the_key_became(seed_article, client, editor, other_editor):
    """The rename is merged into the editor's text; a sentence they added citing the old key is refused
    with the key's new name."""
    section = seed_article.sections.get(body__contains="[12]")
    opened = section.version
    source_key_rename(
        source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=other_editor
    )
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {
            "heading": section.heading,
            "level": section.level,
            "body": section.body + "\nA new paragraph cites the old key.[12]",
            "base_version": opened,
        },
    )
    assert response.status_code == 200
    assert f"[12] was renamed [{NEW_KEY}]: cite it as [{NEW_KEY}]." in response.content.decode()
    assert "[12]" not in Section.objects.get(pk=section.pk).body


def test_a_form_opened_before_a_rename_is_merged_with_it(seed_article, client, editor, other_editor):
    section = seed_article.sections.get(body__contains="[12]")
    opened = section.version
    source_key_rename(
        source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=other_editor
    )
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {
            "heading": section.heading,
            "level": section.level,
            "body": section.body + "\nA new paragraph of 12 words.[3]",
            "base_version": opened,
        },
    )
    assert response.status_code == 302
    body = Section.objects.get(pk=section.pk).body
    assert f"[{NEW_KEY}]" in body and "[12]" not in body and body.endswith("A new paragraph of 12 words.[3]")


def test_a_key_given_to_another_source_after_a_rename_keeps_old_revisions_right(seed_article, client, editor):
    """[12] is renamed, then a new source takes the key 12: older revisions' [12] still mean the first."""
    section = seed_article.sections.get(body__contains="[12]")
    first = Version.objects.get_for_object(section)[0]
    renamed = Source.objects.get(article=seed_article, key="12")
    source_key_rename(source=renamed, new_key=NEW_KEY, user=editor)
    Source.objects.filter(pk=renamed.pk).update(title="The first source")
    Source.objects.create(article=seed_article, key="12", title="A newcomer")
    section.refresh_from_db()
    section_save(
        section=section, body=section.body + " Newcomer cited.[12]", user=editor, base_version=section.version
    )
    numbers = readers_numbers(client, seed_article)
    history = reverse("articles:history", args=[seed_article.slug])
    versions = [v.pk for v in Version.objects.get_for_object(seed_article)]
    comparison = parse(client.get(history, {"from": versions[-1], "to": versions[0]})).find(
        "section", cls="comparison"
    )
    titles = {
        sup.text(): sup.attrs["title"] for sup in comparison.find_all("sup") if "citation" in sup.classes
    }
    assert titles[f"[{numbers[NEW_KEY]}]"] == "The first source"
    assert titles[f"[{numbers['12']}]"] == "A newcomer"
    # The import's [12] became [unhcr-2024]: both are the first source, never the newcomer.
    removed = {sup.text() for node in comparison.find_all("del") for sup in node.find_all("sup")}
    added = {sup.text() for node in comparison.find_all("ins") for sup in node.find_all("sup")}
    assert removed == set() and added == {f"[{numbers['12']}]"}  # the rename is no change; the newcomer is
    section.refresh_from_db()
    section_revert(section=section, version=first, user=editor)
    section.refresh_from_db()
    assert section.body == first.field_dict["body"].replace("[12]", f"[{NEW_KEY}]")


def test_a_link_to_a_source_page_under_its_old_key_is_redirected(seed_article, client, editor):
    source_key_rename(source=Source.objects.get(article=seed_article, key="12"), new_key=NEW_KEY, user=editor)
    old = reverse("articles:source", args=[seed_article.slug, "12"])
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == reverse("articles:source", args=[seed_article.slug, NEW_KEY])
    assert client.get(reverse("articles:source", args=[seed_article.slug, "13x"])).status_code == 404
