"""The review workflow through the real admin, as users with the Editors and Reviewers roles."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.services import article_import, section_save
from claims import errors
from claims.errors import ReviewRefused
from claims.models import Claim
from claims.selectors import factcheck_rows
from claims.services import claim_review
from editorial.errors import EditNotAllowed
from tests.claims.pageforms import read_form
from tests.factories import UserFactory

FIGURE_SENTENCE = "over 477 airstrikes"


def claim_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def queue_url():
    return reverse("admin:claims_claim_changelist")


def decide(client, claim, status, note=""):
    """Post a decision on the wording the claim has now (as a page rendered now would)."""
    claim.refresh_from_db()
    return client.post(claim_url(claim), {"status": status, "note": note, "seen_raw": claim.raw})


def bulk_approve(client, claims, query=None):
    """Open the queue page and run "Approve the selected claims" on ``claims`` with the form it renders."""
    form = read_form(client.get(queue_url(), query or {}).content.decode(), "changelist-form")
    data = form.as_post(action="approve_selected")
    data["_selected_action"] = [str(claim.pk) for claim in claims]
    return client.post(queue_url() + (f"?{urlencode(query)}" if query else ""), data)


def figure_claim(article):
    return Claim.objects.for_article(article).get(text__contains=FIGURE_SENTENCE)


def edit_as(client, user, section, body):
    client.force_login(user)
    section.refresh_from_db()
    return client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"heading": section.heading, "level": section.level, "body": body, "base_version": section.version},
    )


def row_for(article, claim):
    return next(row for row in factcheck_rows(article) if row.id == claim.pk)


def test_reviewer_approves_and_the_report_shows_it(seed_article, client, reviewer):
    claim = figure_claim(seed_article)
    client.force_login(reviewer)
    assert client.get(claim_url(claim)).status_code == 200
    response = decide(client, claim, "approved")
    assert response.status_code == 302
    row = row_for(seed_article, claim)
    assert row.status == "approved"
    assert "unreviewed" not in row.flags and "single_source" in row.flags
    record = claim.history.first()
    assert record.history_user == reviewer and record.status == "approved"


def test_dispute_needs_a_note_and_lands_in_history_with_it(seed_article, client, reviewer):
    claim = figure_claim(seed_article)
    client.force_login(reviewer)
    response = decide(client, claim, "disputed")
    assert response.status_code == 200 and errors.NOTE_REQUIRED in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unreviewed"
    assert decide(client, claim, "disputed", "ACLED counts 412, not 477.").status_code == 302
    claim.refresh_from_db()
    assert claim.status == "disputed" and "disputed" in claim.flag_names
    record = claim.history.first()
    assert record.history_user == reviewer
    assert record.history_change_reason == "ACLED counts 412, not 477."


def test_editor_cannot_approve_through_the_admin_or_the_service(seed_article, client, editor):
    claim = figure_claim(seed_article)
    client.force_login(editor)
    assert client.get(claim_url(claim)).status_code == 200  # editors may read the claim
    assert decide(client, claim, "approved").status_code == 403
    response = client.post(queue_url(), {"action": "approve_selected", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    assert claim.status == "unreviewed"
    assert response.status_code == 403
    with pytest.raises(ReviewRefused, match=errors.NOT_A_REVIEWER):
        claim_review(claim=claim, reviewer=editor, status="approved")


def test_editing_the_figure_of_an_approved_sentence_sends_it_back(seed_article, client, editor, reviewer):
    claim = figure_claim(seed_article)
    claim_review(claim=claim, reviewer=reviewer, status="approved")
    section = claim.section
    assert edit_as(client, editor, section, section.body.replace("over 477", "over 490")).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and "over 490" in claim.text
    assert claim.history.filter(status="approved", history_user=reviewer).exists()
    client.force_login(reviewer)
    page = client.get(claim_url(claim)).content.decode()
    assert "<del>477</del>" in page and "<ins>490</ins>" in page  # what changed since the decision


def test_nobody_reviews_their_own_wording(seed_article, client, editor_reviewer, reviewer):
    claim = figure_claim(seed_article)
    section = claim.section
    edit_as(client, editor_reviewer, section, section.body.replace("over 477", "over 490"))
    claim.refresh_from_db()
    assert claim.wording_by == editor_reviewer
    response = decide(client, claim, "approved")
    assert response.status_code == 200 and errors.OWN_WORDING in response.content.decode()
    response = bulk_approve(client, [claim])
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "unreviewed"
    with pytest.raises(ReviewRefused, match=errors.OWN_WORDING):
        claim_review(claim=claim, reviewer=editor_reviewer, status="approved")
    claim_review(claim=claim, reviewer=reviewer, status="approved")  # another reviewer may
    claim.refresh_from_db()
    assert claim.status == "approved"


def test_bulk_approval_from_the_queue(seed_article, client, reviewer):
    claims = list(Claim.objects.for_article(seed_article).queue_order()[:5])
    client.force_login(reviewer)
    response = bulk_approve(client, claims)
    assert response.status_code == 302
    assert "5 claim(s) approved." in client.get(response["Location"]).content.decode()
    assert Claim.objects.filter(pk__in=[c.pk for c in claims], status="approved").count() == 5
    assert all(c.history.first().history_user == reviewer for c in claims)


def test_reviewer_cannot_change_text_even_with_a_forged_post(seed_article, client, reviewer):
    section = figure_claim(seed_article).section
    body = section.body
    assert edit_as(client, reviewer, section, body + " Forged.").status_code == 403
    section.refresh_from_db()
    assert section.body == body
    with pytest.raises(EditNotAllowed):
        section_save(section=section, body=body + " Forged.", user=reviewer, base_version=section.version)


@pytest.mark.parametrize(
    "data",
    [
        {"status": "unreviewed", "note": ""},
        {"status": "approved-ish", "note": ""},
        {"status": "rejected", "note": "   "},
        {"note": "no status"},
    ],
)
def test_forged_decisions_are_refused_and_change_nothing(seed_article, client, reviewer, data):
    claim = figure_claim(seed_article)
    client.force_login(reviewer)
    response = client.post(claim_url(claim), data)
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.history.count() == 1


def test_anonymous_users_are_sent_to_the_login_page(seed_article, client):
    claim = figure_claim(seed_article)
    response = decide(client, claim, "approved")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_queue_puts_unreviewed_claims_with_figures_and_worst_flags_first(seed_article, client, reviewer):
    client.force_login(reviewer)
    response = client.get(queue_url())
    rows = list(response.context["cl"].result_list)
    assert rows[0].status == "unreviewed" and rows[0].figures.all()
    assert "unsourced" in rows[0].flag_names
    with_figures = [bool(row.figures.all()) for row in rows]
    assert with_figures == sorted(with_figures, reverse=True)
    page = response.content.decode()
    assert "flag-unsourced" in page and "over 150,000" in page


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ({"status": "unreviewed"}, lambda claim: claim.status == "unreviewed"),
        ({"flag": "hedged"}, lambda claim: "hedged" in claim.flag_names),
        ({"flag": "unsourced"}, lambda claim: not claim.citations.all()),
    ],
)
def test_queue_filters(seed_article, client, reviewer, query, check):
    client.force_login(reviewer)
    rows = list(client.get(queue_url(), query).context["cl"].result_list)
    assert rows and all(check(row) for row in rows)


def test_queue_filters_by_source(seed_article, client, reviewer):
    client.force_login(reviewer)
    source = seed_article.sources.get(key="36")
    query = {"section__article__id__exact": seed_article.pk, "source": source.pk}
    rows = list(client.get(queue_url(), query).context["cl"].result_list)
    assert rows and all(any(c.source_id == source.pk for c in row.citations.all()) for row in rows)


def test_queue_query_count_does_not_grow_with_claims(seed_article, client, reviewer):
    small = article_import(data="Lead with 12 villages.[1]\nSection\nIt has 3 sources.[1][2]\n", slug="small")
    client.force_login(reviewer)
    client.get(queue_url())  # warm the session and content types

    def queue_queries(article):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(queue_url(), {"section__article__id__exact": article.pk})
        return len(queries), len(response.context["cl"].result_list)

    small_queries, small_rows = queue_queries(small.article)
    seed_queries, seed_rows = queue_queries(seed_article)
    assert small_rows == 2 and seed_rows == 50
    assert seed_queries == small_queries


def test_claim_page_shows_sources_and_paragraph(seed_article, client, reviewer):
    source = seed_article.sources.get(key="36")
    source.title, source.publisher = "Airstrike tracker", "Myanmar Witness"
    source.save()
    client.force_login(reviewer)
    page = client.get(claim_url(figure_claim(seed_article))).content.decode()
    assert "Airstrike tracker" in page and "Myanmar Witness" in page
    assert "<mark>" in page


def test_superuser_may_review(seed_article):
    admin = UserFactory(username="root", is_superuser=True)
    claim = claim_review(claim=figure_claim(seed_article), reviewer=admin, status="approved")
    assert claim.status == "approved"
