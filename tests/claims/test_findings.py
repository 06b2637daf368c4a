"""Conflicting figures stored, kept in step with the text, resolved by reviewers and shown to readers."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Section
from articles.selectors import article_public_json
from articles.services import article_import, section_delete, section_save
from claims.findings import finding_resolve, findings_refresh
from claims.models import Claim, ConsistencyFinding

DISPLACEMENT = ("uprooted over 150,000 people", "uprooted over 180,000 people")
KNPP = ("emerged as the primary political organization", "(KNPP), founded in 1953")
AIRSTRIKES = ("conducting over 477 airstrikes", "documented at least 477 airstrikes")


def claim_with(article, words) -> Claim:
    return Claim.objects.for_article(article).get(text__contains=words)


def finding_of(article, words) -> ConsistencyFinding:
    first, second = (claim_with(article, w) for w in words)
    return ConsistencyFinding.objects.get(first_claim=first, second_claim=second)


def edit(section: Section, old: str, new: str, user):
    section.refresh_from_db()
    assert old in section.body
    section_save(
        section=section, body=section.body.replace(old, new), user=user, base_version=section.version
    )


def test_the_seed_import_stores_both_conflicts_and_the_agreement(seed_article):
    displacement, knpp, airstrikes = (finding_of(seed_article, w) for w in (DISPLACEMENT, KNPP, AIRSTRIKES))
    assert (displacement.kind, displacement.status) == ("conflict", "open")
    assert (displacement.first_value, displacement.second_value) == ("over 150,000", "over 180,000")
    assert "uprooted" in displacement.reason and displacement.quantity == "people"
    assert (knpp.kind, knpp.first_value, knpp.second_value) == ("conflict", "May 2, 1957", "1953")
    assert (airstrikes.kind, airstrikes.first_value, airstrikes.second_value) == (
        "agreement",
        "over 477",
        "at least 477",
    )
    assert displacement.first_raw == claim_with(seed_article, DISPLACEMENT[0]).raw
    conflicting = set(
        Claim.objects.for_article(seed_article).with_flag("conflicting").values_list("text", flat=True)
    )
    assert len(conflicting) == 4  # both sides of both conflicts; an agreement flags nothing
    assert all(any(w in text for text in conflicting) for w in (*DISPLACEMENT, *KNPP))


def test_reimporting_the_same_file_writes_no_finding(seed_article, seed_bytes):
    before = list(ConsistencyFinding.objects.values_list("pk", "status", "first_raw"))
    article_import(data=seed_bytes, slug="operation-1107")
    assert list(ConsistencyFinding.objects.values_list("pk", "status", "first_raw")) == before


def test_dismissed_stays_dismissed_while_both_sentences_are_unchanged(seed_article, editor, reviewer):
    finding = finding_of(seed_article, DISPLACEMENT)
    finding_resolve(finding=finding, user=reviewer, status="dismissed", note="Two different areas.")
    first = claim_with(seed_article, DISPLACEMENT[0])
    assert "conflicting" not in first.flag_names
    # The first sentence itself changes: the resolution was about other words, so the pair is raised again.
    edit(first.section, "The operation exacerbated", "The offensive exacerbated", editor)
    finding.refresh_from_db()
    assert (finding.status, finding.note, finding.resolved_by) == ("open", "", None)
    assert finding.first_raw.startswith("The offensive exacerbated")
    assert "conflicting" in claim_with(seed_article, DISPLACEMENT[0]).flag_names


def test_a_dismissal_survives_an_edit_elsewhere(seed_article, editor, reviewer):
    finding = finding_of(seed_article, DISPLACEMENT)
    finding_resolve(finding=finding, user=reviewer, status="dismissed", note="Two different areas.")
    section = Section.objects.get(body__contains="conducting over 477 airstrikes")
    edit(section, "conducting over 477 airstrikes", "conducting over 478 airstrikes", editor)
    finding.refresh_from_db()
    assert (finding.status, finding.note, finding.resolved_by) == (
        "dismissed",
        "Two different areas.",
        reviewer,
    )
    assert not {"conflicting"} & set(claim_with(seed_article, DISPLACEMENT[1]).flag_names)
    # ... and the edit broke the agreement, which is gone, while a conflict is not raised for 478 vs 477.
    assert not ConsistencyFinding.objects.filter(quantity="airstrike", kind="agreement").exists()


def test_a_finding_rewritten_by_a_refresh_keeps_its_resolution_and_its_history_says_so(
    seed_article, reviewer
):
    """A refresh that finds the same pair with other words (here the stored reason was changed under it)
    writes the finding back whole: its resolution kept, and a history row with every field."""
    finding = finding_of(seed_article, DISPLACEMENT)
    finding_resolve(finding=finding, user=reviewer, status="dismissed", note="Two different areas.")
    reason = ConsistencyFinding.objects.get(pk=finding.pk).reason
    ConsistencyFinding.objects.filter(pk=finding.pk).update(reason="An older wording of the reason.")
    assert findings_refresh(article_id=seed_article.pk) == 1
    finding.refresh_from_db()
    assert (finding.reason, finding.status, finding.note, finding.resolved_by) == (
        reason,
        "dismissed",
        "Two different areas.",
        reviewer,
    )
    latest = finding.history.first()
    assert (latest.reason, latest.status, latest.resolved_by, latest.found_at) == (
        reason,
        "dismissed",
        reviewer,
        finding.found_at,
    )
    assert findings_refresh(article_id=seed_article.pk) == 0  # nothing left to write


def test_fixing_the_figure_turns_the_conflict_into_an_agreement_and_clears_the_flags(seed_article, editor):
    section = Section.objects.get(body__contains=DISPLACEMENT[1])
    edit(section, DISPLACEMENT[1], "uprooted over 150,000 people", editor)
    finding = ConsistencyFinding.objects.get(quantity="people", first_value="over 150,000")
    assert (finding.kind, finding.second_value) == ("agreement", "over 150,000")
    flagged = Claim.objects.for_article(seed_article).with_flag("conflicting")
    assert not flagged.filter(text__contains="uprooted").exists()
    assert flagged.count() == 2  # the KNPP dates still conflict


def test_resolutions_need_a_reviewer_and_are_recorded(seed_article, editor, reviewer):
    finding = finding_of(seed_article, KNPP)
    with pytest.raises(PermissionDenied):
        finding_resolve(finding=finding, user=editor, status="dismissed")
    finding.refresh_from_db()
    assert finding.status == "open"
    with pytest.raises(PermissionDenied):
        finding_resolve(finding=finding, user=reviewer, status="open")
    version = seed_article.__class__.objects.get(pk=seed_article.pk).content_version
    finding_resolve(finding=finding, user=reviewer, status="confirmed", note="1957 is right.")
    finding.refresh_from_db()
    assert (finding.status, finding.resolved_by, finding.note) == ("confirmed", reviewer, "1957 is right.")
    assert finding.history.first().history_user == reviewer
    assert "conflicting" in claim_with(seed_article, KNPP[1]).flag_names  # a real conflict stays flagged
    assert seed_article.__class__.objects.get(pk=seed_article.pk).content_version == version + 1
    finding_resolve(finding=finding, user=reviewer, status="consistent")
    assert "conflicting" not in claim_with(seed_article, KNPP[1]).flag_names


def test_deleting_a_section_removes_its_findings_and_the_other_sides_flag(seed_article, editor):
    finding = finding_of(seed_article, KNPP)
    section_delete(section=finding.second_claim.section, user=editor)
    assert not ConsistencyFinding.objects.filter(pk=finding.pk).exists()
    assert "conflicting" not in claim_with(seed_article, KNPP[0]).flag_names


def test_public_json_lists_conflicts_in_one_query(seed_article, client):
    data = json.loads(client.get(reverse("articles:json", args=[seed_article.slug])).content)
    by_value = {tuple(s["value"] for s in c["statements"]): c for c in data["conflicts"]}
    displacement = by_value[("over 150,000", "over 180,000")]
    assert (displacement["kind"], displacement["status"]) == ("conflict", "open")
    first = claim_with(seed_article, DISPLACEMENT[0])
    assert displacement["statements"][0] == {"id": first.pk, "text": first.text, "value": "over 150,000"}
    assert by_value[("over 477", "at least 477")]["kind"] == "agreement"
    assert set(displacement) >= {"kind", "status", "statements"}


def queries_of(function, *args) -> int:
    with CaptureQueriesContext(connection) as queries:
        function(*args)
    return len(queries)


def test_public_json_query_count_does_not_grow_with_the_article(seed_article, large_article):
    assert ConsistencyFinding.objects.filter(article=large_article).count() > 3
    assert (
        queries_of(article_public_json, seed_article) == queries_of(article_public_json, large_article) == 6
    )


def test_readers_see_the_flag_on_both_figures_with_a_link_to_the_other(seed_article, client):
    page = client.get(seed_article.get_absolute_url()).content.decode()
    first, second = (claim_with(seed_article, w) for w in DISPLACEMENT)
    assert page.count("flag-conflicting") >= 4
    for this, other in ((first, second), (second, first)):
        element = page[page.index(f'id="claim-{this.pk}"') :]
        element = element[: element.index("</span></span>", element.index("conflict-link"))]
        assert "flag-conflicting" in element
        assert f'href="#claim-{other.pk}"' in element
    plain = client.get(seed_article.get_absolute_url() + "?highlight=off").content.decode()
    assert "conflict-link" not in plain
    report = client.get(reverse("articles:factcheck", args=[seed_article.slug])).content.decode()
    assert "Conflicting figures" in report and "“over 180,000”" in report


def test_hostile_text_in_a_conflict_is_escaped(db, client):
    text = (
        "Lead.\n\nFacts\n\n"
        "The <script>alert(1)</script> camp at Lusk held over 1,500 refugees in 2023.[1]\n\n"
        "More\n\nIn 2023 the <script>alert(1)</script> camp at Lusk held over 2,500 refugees.[1]\n"
    )
    article = article_import(data=text, slug="hostile", title="Hostile").article
    article.is_public = True
    article.save()
    assert ConsistencyFinding.objects.filter(article=article, kind="conflict").count() == 1
    page = client.get(reverse("articles:factcheck", args=[article.slug])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


def test_refresh_query_count_stays_the_same_in_a_larger_article(seed_article, seed_bytes):
    """The refresh reads the article's claims and findings in one query each and writes in bulk, whatever
    the article's size. (Deleting findings adds one history row each, by simple-history's signal.)"""
    filler = " ".join(
        f"Filler sentence {chr(97 + i % 26)}{chr(97 + i // 26)} stays the same.[4]" for i in range(600)
    )
    padded = seed_bytes.decode() + "\nFiller\n\n" + filler + "\n"
    large_article = article_import(data=padded, slug="padded", title="Padded").article
    assert Claim.objects.for_article(large_article).count() > 800

    def refresh_queries(article):
        claim = Claim.objects.for_article(article).filter(text__contains=DISPLACEMENT[0]).first()
        edited = claim.text.replace("The operation exacerbated", "The offensive exacerbated")
        Claim.objects.filter(pk=claim.pk).update(raw=edited, text=edited)
        with CaptureQueriesContext(connection) as queries:
            findings_refresh(article_id=article.pk)
        return len(queries)

    # Savepoint, lock, claims, findings, version raise, findings update and history, pointers, release.
    assert refresh_queries(seed_article) == refresh_queries(large_article) == 9


def test_a_section_save_costs_four_queries_more(seed_article, editor, monkeypatch):
    section = Section.objects.get(article=seed_article, body__contains=DISPLACEMENT[0])
    editor.has_perm("articles.change_section")

    def save_queries(old, new):
        section.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            body = section.body.replace(old, new)
            section_save(section=section, body=body, user=editor, base_version=section.version)
        return len(queries)

    with monkeypatch.context() as patched:
        patched.setattr("claims.services.findings_refresh", lambda **kwargs: 0)
        without = save_queries("The operation exacerbated", "The offensive exacerbated")
    with_refresh = save_queries("The offensive exacerbated", "The campaign exacerbated")
    # The article's claims and findings read, the reopened finding and its history written.
    assert with_refresh - without == 4
    assert finding_of(seed_article, DISPLACEMENT).first_raw.startswith("The campaign exacerbated")


def test_refresh_outside_a_save_changes_nothing_twice(seed_article):
    assert findings_refresh(article_id=seed_article.pk) == 0


def test_reviewers_resolve_from_the_admin_queue(seed_article, client, reviewer, editor):
    finding = finding_of(seed_article, DISPLACEMENT)
    url = reverse("admin:claims_consistencyfinding_changelist")
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    queue = client.get(url).content.decode()
    assert "over 150,000" in queue and "<mark>over 180,000</mark>" in queue
    response = client.post(url, {"action": "mark_dismissed", "_selected_action": [finding.pk]})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.resolved_by) == ("dismissed", reviewer)
    assert "over 150,000" not in client.get(url).content.decode()  # the queue shows open ones by default
    change = reverse("admin:claims_consistencyfinding_change", args=[finding.pk])
    response = client.post(change, {"status": "confirmed", "note": "Same area after all."})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.note) == ("confirmed", "Same area after all.")


def test_the_factcheck_command_lists_conflicts(seed_article):
    out = StringIO()
    call_command("factcheck", seed_article.slug, "--json", stdout=out)
    conflicts = json.loads(out.getvalue())["conflicts"]
    assert [c["kind"] for c in conflicts].count("conflict") == 2
    table = StringIO()
    call_command("factcheck", seed_article.slug, stdout=table)
    assert "conflict (open): 'over 150,000'" in table.getvalue()


PLAIN_SENTENCE = "Its structure emphasized ethnic inclusivity among Karenni subgroups"


def counted_refreshes(monkeypatch) -> list:
    calls = []

    def counting(**kwargs):
        calls.append(kwargs)
        return findings_refresh(**kwargs)

    monkeypatch.setattr("claims.services.findings_refresh", counting)
    return calls


def test_an_edit_that_touches_no_figure_or_date_skips_the_refresh_and_loses_nothing(
    seed_article, editor, monkeypatch
):
    from claims.consistency import is_compared

    calls = counted_refreshes(monkeypatch)
    before = list(ConsistencyFinding.objects.order_by("pk").values_list("pk", "status", "first_raw"))
    section = claim_with(seed_article, PLAIN_SENTENCE).section
    assert not is_compared(claim_with(seed_article, PLAIN_SENTENCE).text)
    stressed = "Its structure stressed ethnic inclusivity among Karenni subgroups"
    edit(section, PLAIN_SENTENCE, stressed, editor)
    assert calls == []  # the same names, no figure, no date: nothing the detector reads changed
    # A sentence fewer changes how many statements a name may be in and still tell quantities apart: the
    # refresh reads the article's statements, and re-judges nothing.
    edit(section, claim_with(seed_article, stressed).raw, "", editor)
    assert len(calls) == 1
    # Neither would a full refresh.
    assert findings_refresh(article_id=seed_article.pk) == 0
    assert list(ConsistencyFinding.objects.order_by("pk").values_list("pk", "status", "first_raw")) == before


DATED_PARAGRAPHS = (
    "Vell is a market town.[1]\n"
    "Crowds\n"
    "Some 400 people were in the square of Vell.[1]\n\n"
    "About 900 people were in the square of Vell.[2]\n"
)


def test_a_date_added_to_a_paragraph_without_a_figure_refreshes_the_findings(db, editor):
    """A dated sentence sets the time of its paragraph's figures: two crowds of different years are two
    quantities. (Before, a save whose sentences stated no figure skipped the refresh and kept the pair.)"""
    article = article_import(data=DATED_PARAGRAPHS, slug="dated", title="Dated").article
    assert finding_of(article, ("Some 400 people", "About 900 people")).kind == "possible"
    section = claim_with(article, "Some 400 people").section
    edit(section, "Some 400 people", "That was in March 1958. Some 400 people", editor)
    edit(section, "About 900 people", "That was in May 1960. About 900 people", editor)
    assert not ConsistencyFinding.objects.filter(article=article).exists()
    assert findings_refresh(article_id=article.pk) == 0


def test_an_edit_that_gives_a_plain_sentence_a_figure_refreshes_the_findings(
    seed_article, editor, monkeypatch
):
    calls = counted_refreshes(monkeypatch)
    section = claim_with(seed_article, PLAIN_SENTENCE).section
    counted = "Its structure emphasized ethnic inclusivity among 12 Karenni subgroups"
    edit(section, PLAIN_SENTENCE, counted, editor)
    assert len(calls) == 1


def test_sentences_put_in_another_order_refresh_the_findings(seed_article, editor, monkeypatch):
    """Pairs are read in article order (the earlier statement first): a reorder is not a mere shift."""
    calls = counted_refreshes(monkeypatch)
    first = claim_with(seed_article, DISPLACEMENT[0])
    section = first.section
    following = section.claims.active().get(position=first.position + 1)
    section.refresh_from_db()
    swapped = section.body.replace(f"{first.raw} {following.raw}", f"{following.raw} {first.raw}")
    assert swapped != section.body
    section_save(section=section, body=swapped, user=editor, base_version=section.version)
    assert len(calls) == 1


# Issue 18: two levels. A possible conflict waits for a reviewer; readers see it only once confirmed.
TWO_LEVELS = (
    "Vell is a market town.[1]\n"
    "Crowds\n"
    "Some 400 people were in the square of Vell.[1] About 900 people were in the square of Vell.[2]\n"
    "Airstrikes\n"
    "The junta conducted over 477 airstrikes in the Loikaw vicinity since November 11.[1] "
    "Monitors documented at least 477 airstrikes in the Loikaw vicinity from November 11 onward.[2]\n"
)


@pytest.fixture
def two_levels(db):
    return article_import(data=TWO_LEVELS, slug="two-levels", title="Two levels").article


def test_a_possible_conflict_is_kept_from_readers_until_a_reviewer_confirms_it(two_levels, client, reviewer):
    crowd = finding_of(two_levels, ("Some 400 people", "About 900 people"))
    assert (crowd.kind, crowd.status) == ("possible", "open")
    assert "One of them states no time" in crowd.reason
    assert not Claim.objects.for_article(two_levels).with_flag("conflicting").exists()
    data = json.loads(client.get(reverse("articles:json", args=[two_levels.slug])).content)
    assert [finding["kind"] for finding in data["conflicts"]] == ["agreement"]
    page = client.get(two_levels.get_absolute_url()).content.decode()
    assert "flag-conflicting" not in page

    finding_resolve(finding=crowd, user=reviewer, status="confirmed", note="One rally, one day.")
    flagged = set(
        Claim.objects.for_article(two_levels).with_flag("conflicting").values_list("text", flat=True)
    )
    assert flagged == {
        "Some 400 people were in the square of Vell.",
        "About 900 people were in the square of Vell.",
    }
    data = json.loads(client.get(reverse("articles:json", args=[two_levels.slug])).content)
    assert sorted(finding["kind"] for finding in data["conflicts"]) == ["agreement", "possible"]
    assert "flag-conflicting" in client.get(two_levels.get_absolute_url()).content.decode()


def test_the_queue_lists_open_disagreements_apart_from_agreements(two_levels, client, reviewer):
    url = reverse("admin:claims_consistencyfinding_changelist")
    client.force_login(reviewer)
    queue = client.get(url).content.decode()
    assert (
        "<mark>Some 400</mark>" in queue and "<mark>over 477</mark>" not in queue
    )  # no agreement among them
    assert "Possible conflict (readers do not see it unless you confirm it)" in queue
    assert "Two levels" in queue  # the article column
    assert "Both count people without saying what happened to them." in queue  # why, in words
    agreements = client.get(url, {"status": "agreements"}).content.decode()
    assert "<mark>over 477</mark>" in agreements and "<mark>Some 400</mark>" not in agreements
    every = client.get(url, {"status": "all"}).content.decode()
    assert "<mark>over 477</mark>" in every and "<mark>Some 400</mark>" in every
    crowd = finding_of(two_levels, ("Some 400 people", "About 900 people"))
    page = client.get(reverse("admin:claims_consistencyfinding_change", args=[crowd.pk])).content.decode()
    assert "Possible conflict (readers do not see it unless you confirm it)" in page
    assert "Both count people without saying what happened to them." in page


ESTIMATES = (
    "Tarn is a border town.[1]\n"
    "The attack\n"
    "According to the ministry, 16 soldiers were killed in the attack on Tarn on 21 May.[1] "
    "Rebels claimed to have killed more than 70 soldiers in the attack on Tarn on 21 May.[2]\n"
)


def test_two_sources_figures_are_shown_to_readers_as_estimates_differing(db, client):
    article = article_import(data=ESTIMATES, slug="estimates", title="Estimates").article
    finding = finding_of(article, ("16 soldiers", "more than 70 soldiers"))
    assert (finding.kind, finding.status) == ("estimates", "open")
    flagged = set(
        Claim.objects.for_article(article).with_flag("estimates_differ").values_list("pk", flat=True)
    )
    assert flagged == set(finding.claim_ids)
    assert not Claim.objects.for_article(article).with_flag("conflicting").exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "flag-estimates_differ" in page and "estimates differ" in page
    assert "flag-conflicting" not in page
    assert f'href="#claim-{finding.second_claim_id}"' in page  # each links to the other source's figure
    report = client.get(reverse("articles:factcheck", args=[article.slug])).content.decode()
    assert "Estimates differ" in report
