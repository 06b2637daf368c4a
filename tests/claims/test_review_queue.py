"""A review decision is an explicit choice on the wording the reviewer saw, through the real admin: the
claim page and the queue are read and posted as a browser would submit them."""

import html
import re
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.services import article_import, section_save
from claims import errors
from claims.admin import DECIDE_TITLE, NEXT_IN_QUEUE, NOT_SHOWN, NOTHING_LEFT
from claims.errors import CHANGED_AFTER_SHOWN
from claims.forms import CHOOSE_A_DECISION, NO_DECISION
from claims.models import Claim
from claims.services import claim_review
from tests.claims.pageforms import read_form

SOLDIERS = "at least 70 junta soldiers"
SMALL = "Lead with 12 villages.[1]\nSection\nIt has 3 sources.[1][2] Over 20 troops were killed.[2]\n"


def claim_url(claim, **query):
    return reverse("admin:claims_claim_change", args=[claim.pk]) + (f"?{urlencode(query)}" if query else "")


def queue_url(**query):
    return reverse("admin:claims_claim_changelist") + (f"?{urlencode(query)}" if query else "")


def claim_with(article, fragment):
    return Claim.objects.for_article(article).get(text__contains=fragment)


def open_claim(client, claim, **query):
    """GET the claim page; return it and its form as the browser would submit it untouched."""
    response = client.get(claim_url(claim, **query))
    assert response.status_code == 200
    page = response.content.decode()
    return page, read_form(page, "claim_form")


def edit_sentence(claim, old, new, *, user):
    section = claim.section
    section.refresh_from_db()
    section_save(
        section=section, body=section.body.replace(old, new), user=user, base_version=section.version
    )


def public_page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


# 1. A plain Save approves nothing.


def test_the_status_starts_on_no_decision_and_a_plain_save_records_nothing(seed_article, client, reviewer):
    claim = claim_with(seed_article, "over 477 airstrikes")
    client.force_login(reviewer)
    page, form = open_claim(client, claim)
    assert form.select_options["status"] == ["", "approved", "disputed", "rejected"]
    assert form.value("status") == "" and NO_DECISION in page
    response = client.post(claim_url(claim), form.as_post(_save="Save"))
    assert response.status_code == 200
    assert CHOOSE_A_DECISION in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.reviewed_by is None
    assert claim.history.count() == 1

    # The second Save, from the page the refusal rendered, is refused the same way.
    form = read_form(response.content.decode(), "claim_form")
    assert form.value("status") == ""
    again = client.post(claim_url(claim), form.as_post(_save="Save"))
    assert again.status_code == 200 and CHOOSE_A_DECISION in again.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.history.count() == 1

    # A choice made on that page is recorded.
    assert client.post(claim_url(claim), form.as_post(status="approved", _save="Save")).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.reviewed_by == reviewer
    assert LogEntry.objects.get(object_id=str(claim.pk)).change_message == "Decided: Approved"


def test_a_decided_claim_is_not_decided_again_by_a_plain_save(seed_article, client, reviewer):
    claim = claim_with(seed_article, "over 477 airstrikes")
    claim_review(claim=claim, reviewer=reviewer, status="disputed", note="ACLED counts 412.")
    client.force_login(reviewer)
    _, form = open_claim(client, claim)
    assert form.value("status") == "" and form.value("note") == "ACLED counts 412."
    response = client.post(claim_url(claim), form.as_post(_save="Save"))
    assert response.status_code == 200 and CHOOSE_A_DECISION in response.content.decode()
    assert claim.history.count() == 2


# 2. A decision names the wording it was made on.


def test_a_decision_on_wording_changed_since_is_refused_with_the_difference(
    seed_article, client, editor, reviewer
):
    claim = claim_with(seed_article, SOLDIERS)
    client.force_login(reviewer)
    _, form = open_claim(client, claim)
    assert form.value("seen_raw") == claim.raw
    edit_sentence(claim, SOLDIERS, "at least 70000 junta soldiers", user=editor)

    response = client.post(claim_url(claim), form.as_post(status="approved", _save="Save"))
    assert response.status_code == 200
    page = response.content.decode()
    assert errors.WORDING_CHANGED in page
    assert "<del>70</del>" in page and "<ins>70000</ins>" in page
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.reviewed_by is None and "70000" in claim.text
    assert not claim.history.filter(status="approved").exists()
    assert "ClaimReview" not in public_page(client, seed_article)

    # The refusal's page is ready to decide on the new wording: it carries it and no decision.
    form = read_form(page, "claim_form")
    assert form.value("seen_raw") == claim.raw and form.value("status") == ""
    assert client.post(claim_url(claim), form.as_post(status="approved", _save="Save")).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.decided_raw == claim.raw
    reviews = public_page(client, seed_article)
    assert "ClaimReview" in reviews and "at least 70000 junta soldiers" in reviews


def test_a_forged_decision_without_the_wording_is_refused(seed_article, client, reviewer):
    claim = claim_with(seed_article, SOLDIERS)
    client.force_login(reviewer)
    response = client.post(claim_url(claim), {"status": "approved", "note": "", "_save": "Save"})
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.history.count() == 1


# Bulk approval: only the wording the queue page showed, in one unit of work.


def queue_form(client, **query):
    return read_form(client.get(queue_url(**query)).content.decode(), "changelist-form")


def post_bulk(client, form, claims, **query):
    data = form.as_post(action="approve_selected")
    data["_selected_action"] = [str(claim.pk) for claim in claims]
    return client.post(queue_url(**query), data)


def test_bulk_approval_skips_a_claim_edited_after_the_queue_was_shown(seed_article, client, editor, reviewer):
    changed = claim_with(seed_article, SOLDIERS)
    others = list(Claim.objects.for_article(seed_article).filter(text__contains="over 477 airstrikes"))
    others += list(Claim.objects.for_article(seed_article).filter(text__contains="uprooted over 150,000"))
    client.force_login(reviewer)
    query = {"section__id__exact": changed.section_id}
    form_a = queue_form(client, **query)
    form_b = queue_form(client, section__article__id__exact=seed_article.pk)
    edit_sentence(changed, SOLDIERS, "at least 70000 junta soldiers", user=editor)
    version = Article.objects.get(pk=seed_article.pk).content_version

    response = post_bulk(client, form_a, [changed], **query)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "0 claim(s) approved." in page and CHANGED_AFTER_SHOWN in page
    changed.refresh_from_db()
    assert changed.status == "unreviewed"

    response = post_bulk(client, form_b, [*others], section__article__id__exact=seed_article.pk)
    assert f"{len(others)} claim(s) approved." in client.get(response["Location"]).content.decode()
    assert all(Claim.objects.get(pk=c.pk).status == "approved" for c in others)
    # One unit of work for the whole action: the article's pages were invalidated once, not per claim,
    # and not at all by the action that approved nothing.
    assert Article.objects.get(pk=seed_article.pk).content_version == version + 1


def test_a_refused_claim_in_a_bulk_approval_leaves_the_others_approved(
    seed_article, client, editor_reviewer, reviewer
):
    own = claim_with(seed_article, SOLDIERS)
    edit_sentence(own, SOLDIERS, "at least 71 junta soldiers", user=editor_reviewer)
    section_claims = list(Claim.objects.filter(section=own.section_id, retired_at=None).order_by("position"))
    client.force_login(editor_reviewer)
    query = {"section__id__exact": own.section_id}
    response = post_bulk(client, queue_form(client, **query), section_claims, **query)
    page = client.get(response["Location"]).content.decode()
    assert f"{len(section_claims) - 1} claim(s) approved." in page and errors.OWN_WORDING in page
    statuses = {c.pk: c.status for c in Claim.objects.filter(pk__in=[c.pk for c in section_claims])}
    assert statuses.pop(own.pk) == "unreviewed"
    assert set(statuses.values()) == {"approved"}


def test_claims_selected_across_pages_but_never_shown_are_not_approved(seed_article, client, reviewer):
    client.force_login(reviewer)
    form = queue_form(client)
    shown = [value.split(":")[0] for name, value in form.fields if name == "seen"]
    data = form.as_post(action="approve_selected", select_across="1")
    data["_selected_action"] = shown[:1]
    response = client.post(queue_url(), data)
    approved = set(Claim.objects.filter(status="approved").values_list("pk", flat=True))
    # The rows the page showed (list_per_page), not every unreviewed claim of the queue.
    assert len(shown) == 50 and {str(pk) for pk in approved} == set(shown)
    unseen = Claim.objects.filter(status="unreviewed").count()
    assert unseen > 100
    page = client.get(response["Location"]).content.decode()
    assert "50 claim(s) approved." in page and NOT_SHOWN.format(count=unseen) in page


# The queue.


def test_the_queue_is_titled_and_opens_on_unreviewed_claims(seed_article, client, reviewer):
    decided = claim_with(seed_article, "over 477 airstrikes")
    claim_review(claim=decided, reviewer=reviewer, status="approved")
    client.force_login(reviewer)
    index = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{queue_url()}">Review queue</a>' in index
    response = client.get(queue_url())
    page = response.content.decode()
    assert "<h1>Review queue</h1>" in page and "<title>Review queue | Verity</title>" in page
    rows = list(response.context["cl"].result_list)
    assert rows and {row.status for row in rows} == {"unreviewed"}
    assert response.context["cl"].result_count == Claim.objects.filter(status="unreviewed").count()
    assert 'href="?status=all"' in page  # "All" is still a choice
    everything = client.get(queue_url(status="all")).context["cl"]
    assert everything.result_count == Claim.objects.active().count()
    approved = client.get(queue_url(status="approved")).context["cl"]
    assert [row.pk for row in approved.result_list] == [decided.pk]


def test_queue_rows_show_the_section_and_the_flags_as_readers_read_them(seed_article, client, reviewer):
    client.force_login(reviewer)
    page = client.get(queue_url(flag="unsourced")).content.decode()
    assert "Operation 1107 › Allegations of Atrocities and Civilian Impact" in page
    label = '<span class="flag flag-unsourced" title="No source is cited for this statement.">citation needed'
    assert label in page
    assert ">unsourced</span>" not in page
    assert '<a href="?flag=unsourced">citation needed</a>' in page  # the flag filter speaks the same words


def test_the_site_is_called_verity(db, client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("admin:index")).content.decode()
    assert '<div id="site-name"><a href="/admin/">Verity</a></div>' in page
    assert "Django administration" not in page and "Django site admin" not in page


# After a decision: what was recorded, and the next claim.


def decide_on_page(client, claim, status="approved", **query):
    _, form = open_claim(client, claim, **query)
    return client.post(claim_url(claim, **query), form.as_post(status=status, _save="Save"))


def test_a_decision_leads_to_the_next_claim_the_reviewer_may_decide(seed_article, client, editor_reviewer):
    def unreviewed_queue():
        claims = Claim.objects.active().filter(status="unreviewed").queue_order()
        return list(claims.values_list("pk", flat=True))

    first, mine, after = (Claim.objects.get(pk=pk) for pk in unreviewed_queue()[:3])
    # editor_reviewer rewords the second claim of the queue: it is theirs now, and stays second.
    section = mine.section
    section.refresh_from_db()
    body = section.body.replace(mine.raw, mine.raw.replace(" ", " indeed ", 1))
    section_save(section=section, body=body, user=editor_reviewer, base_version=section.version)
    mine.refresh_from_db()
    assert mine.wording_by == editor_reviewer and mine.retired_at is None
    assert unreviewed_queue()[:3] == [first.pk, mine.pk, after.pk]

    client.force_login(editor_reviewer)
    response = decide_on_page(client, first)
    assert response.status_code == 302 and response["Location"] == claim_url(after)
    page = client.get(response["Location"]).content.decode()
    assert f"Recorded: Approved — “{first}”." in page and NEXT_IN_QUEUE in page
    assert f"<h1>{DECIDE_TITLE}</h1>" in page


def test_the_next_claim_stays_in_the_article_the_queue_was_filtered_to(seed_article, client, reviewer):
    small = article_import(data=SMALL, slug="small").article
    claims = list(Claim.objects.for_article(small).queue_order())
    assert len(claims) == 3
    client.force_login(reviewer)
    filters = {"_changelist_filters": urlencode({"section__article__id__exact": small.pk})}
    for index, claim in enumerate(claims):
        response = decide_on_page(client, claim, **filters)
        assert response.status_code == 302
        if index + 1 < len(claims):
            assert response["Location"] == claim_url(claims[index + 1], **filters)
    assert response["Location"] == queue_url(section__article__id__exact=small.pk)
    page = client.get(response["Location"]).content.decode()
    assert NOTHING_LEFT in page and f"Recorded: Approved — “{claims[-1]}”." in page
    assert NEXT_IN_QUEUE not in page


def test_a_decision_takes_as_many_queries_in_a_small_article_as_in_the_seed(seed_article, client, reviewer):
    small = article_import(data=SMALL, slug="small").article
    client.force_login(reviewer)

    def decision_queries(claim):
        _, form = open_claim(client, claim)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(claim_url(claim), form.as_post(status="approved", _save="Save"))
        assert response.status_code == 302
        return len(queries)

    small_claim = Claim.objects.for_article(small).get(text__contains="Over 20 troops")
    seed_claim = claim_with(seed_article, "over 477 airstrikes")
    # 22 before the decision page led to the next claim (one query); a decision now reads the claim alone.
    assert decision_queries(seed_claim) == decision_queries(small_claim) <= 22


def test_a_refused_decision_page_reads_each_claims_sources_in_one_query(seed_article, client, reviewer):
    client.force_login(reviewer)

    def refusal_queries(claim):
        _, form = open_claim(client, claim)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(claim_url(claim), form.as_post(_save="Save"))
        assert response.status_code == 200 and CHOOSE_A_DECISION in response.content.decode()
        return len(queries)

    one_source = claim_with(seed_article, "over 477 airstrikes")
    several = next(c for c in Claim.objects.for_article(seed_article) if c.citations.count() >= 3)
    assert refusal_queries(one_source) == refusal_queries(several)


@pytest.mark.parametrize("status", ["disputed", "rejected"])
def test_a_dispute_from_the_page_needs_its_note_and_then_moves_on(seed_article, client, reviewer, status):
    claim = claim_with(seed_article, "over 477 airstrikes")
    client.force_login(reviewer)
    response = decide_on_page(client, claim, status=status)
    assert response.status_code == 200 and errors.NOTE_REQUIRED in response.content.decode()
    form = read_form(response.content.decode(), "claim_form")
    response = client.post(claim_url(claim), form.as_post(status=status, note="ACLED: 412.", _save="Save"))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == status and claim.review_note == "ACLED: 412."


def test_the_next_claim_keeps_the_queues_flag_filter(seed_article, client, reviewer):
    """Filtered to one flag, a reviewer goes from one claim with it to the next, not to the queue's head."""
    flagged = list(Claim.objects.active().filter(status="unreviewed").with_flag("hedged").queue_order())
    head = Claim.objects.active().filter(status="unreviewed").queue_order().first()
    assert len(flagged) >= 3 and "hedged" not in head.flag_names
    client.force_login(reviewer)
    filters = {"_changelist_filters": urlencode({"flag": "hedged"})}
    response = decide_on_page(client, flagged[0], **filters)
    assert response.status_code == 302 and response["Location"] == claim_url(flagged[1], **filters)
    # The step after: from there, the next one still has the flag.
    response = decide_on_page(client, flagged[1], **filters)
    assert response["Location"] == claim_url(flagged[2], **filters)


def test_the_next_claim_keeps_the_queues_search(seed_article, client, reviewer):
    found = list(Claim.objects.active().filter(status="unreviewed", text__icontains="refugee").queue_order())
    assert len(found) >= 2
    client.force_login(reviewer)
    filters = {"_changelist_filters": urlencode({"q": "refugee"})}
    response = decide_on_page(client, found[0], **filters)
    assert response["Location"] == claim_url(found[1], **filters)


def section_filter_choices(page: str) -> list[str]:
    """The section filter's choices as the sidebar shows them (after its "All")."""
    start = page.index("By section")
    sidebar = page[start : page.index("</ul>", start)]
    items = re.findall(r'<li[^>]*>\s*<a href="[^"]*"[^>]*>([^<]*)</a></li>', sidebar)
    return [html.unescape(item).strip() for item in items]


def test_the_section_filter_lists_the_chosen_articles_sections_each_labelled(seed_article, client, reviewer):
    small = article_import(data=SMALL, slug="small").article
    client.force_login(reviewer)
    unfiltered = client.get(queue_url()).content.decode()
    assert "By section" not in unfiltered  # two articles' sections together would repeat "(lead)"
    page = client.get(queue_url(section__article__id__exact=small.pk)).content.decode()
    assert section_filter_choices(page) == ["All", "Lead (before the first heading)", "Section"]
    seed = client.get(queue_url(section__article__id__exact=seed_article.pk)).content.decode()
    choices = section_filter_choices(seed)[1:]
    assert len(choices) == seed_article.sections.count()
    assert choices.count("Lead (before the first heading)") == 1
    assert all(choice for choice in choices)
    # A link to one section (no article chosen) lists that section's article, and filters by it.
    lead = small.sections.get(order=0)
    page = client.get(queue_url(section__id__exact=lead.pk)).content.decode()
    assert section_filter_choices(page)[1:] == ["Lead (before the first heading)", "Section"]
    assert "Lead with 12 villages." in page and "Over 20 troops" not in page
