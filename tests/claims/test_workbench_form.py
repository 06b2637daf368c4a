"""The workbench's form never loses what a reviewer entered: a refused form comes back with the typed
passage, the ticks and the picks; a passage can be confirmed without a decision; and an approval that
would leave a figure failing the check is refused unless the reviewer says the check misreads the source."""

import html

from django.urls import reverse

from articles.services import article_import
from claims import admin as claims_admin
from claims.admin import PASSAGES_ONLY
from claims.errors import NOTE_REQUIRED
from claims.forms import APPROVE_ANYWAY, CHOOSE_A_DECISION
from claims.models import Citation, Claim
from sources.models import Snapshot, Source
from sources.services import snapshot_store
from tests.claims.test_review_queue import post_bulk, queue_form
from tests.claims.test_workbench import TWO, claim, page  # noqa: F401  (the fixture and the page reader)

TYPED = "The garrison, a clerk wrote, lost nearly half of its men <b>that night</b>."
NOT_STATING = "The garrison lost many of its men in the clashes."


def source_says(claim, key, *sentences, user):  # noqa: F811
    """Give source ``key`` a snapshot with these sentences too: a confirmed passage must be its words."""
    source = Source.objects.get(pk=citation(claim, key).source_id)
    snapshot_store(source=source, text=" ".join((TWO, *sentences)), origin="paste", user=user)


def post(client, claim, **data):  # noqa: F811
    return client.post(reverse("admin:claims_claim_change", args=[claim.pk]), {"seen_raw": claim.raw, **data})


def citation(claim, key):  # noqa: F811
    return Citation.objects.get(claim=claim, source__key=key)


def textarea(html_text: str, citation_id: int) -> str:
    start = html_text.index(f'<textarea id="passage-{citation_id}"')
    start = html_text.index(">", start) + 1
    return html.unescape(html_text[start : html_text.index("</textarea>", start)])


def test_a_typed_passage_is_kept_when_the_form_asks_for_a_decision(client, reviewer, claim):  # noqa: F811
    page(client, reviewer, claim)
    two = citation(claim, "2")
    response = post(client, claim, status="", note="", **{f"passage-{two.pk}": TYPED})
    text = response.content.decode()
    assert response.status_code == 200 and html.escape(CHOOSE_A_DECISION, quote=False) in text
    assert textarea(text, two.pk) == TYPED
    two.refresh_from_db()
    assert two.quote == ""


def test_a_refused_decision_keeps_the_typed_passage_and_the_tick(client, reviewer, claim):  # noqa: F811
    page(client, reviewer, claim)
    two = citation(claim, "2")
    data = {f"passage-{two.pk}": TYPED, f"confirm-passage-{two.pk}": "1"}
    response = post(client, claim, status="disputed", note="", **data)  # a dispute needs a note
    text = response.content.decode()
    assert response.status_code == 200 and NOTE_REQUIRED in html.unescape(text)
    assert textarea(text, two.pk) == TYPED
    assert f'name="confirm-passage-{two.pk}" value="1" checked' in text
    one = citation(claim, "1")
    assert f'name="confirm-passage-{one.pk}" value="1">' in text  # the box left unticked stays so
    two.refresh_from_db()
    assert two.quote == "" and Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED


def test_a_passage_is_confirmed_without_a_decision(client, reviewer, editor, claim):  # noqa: F811
    quote = "The garrison lost 45% of its men."
    source_says(claim, "2", quote, user=editor)
    page(client, reviewer, claim)
    two = citation(claim, "2")
    data = {f"passage-{two.pk}": quote, f"confirm-passage-{two.pk}": "1"}
    response = post(client, claim, status="", **data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:claims_claim_change", args=[claim.pk]))
    two.refresh_from_db()
    assert (two.quote, two.quote_confirmed_by) == (quote, reviewer)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNREVIEWED and claim.reviewed_by is None
    assert dict(claim.figures.values_list("text", "verdict"))["45%"] == "supported"
    shown = client.get(response.url).content.decode()
    assert PASSAGES_ONLY.format(count=1) in html.unescape(shown)
    # The step after: deciding on the page it returns to records the decision.
    assert post(client, claim, status="approved").status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.APPROVED


def test_approving_with_a_confirmed_passage_that_does_not_state_the_figure_is_refused(
    client,
    reviewer,
    editor,
    claim,  # noqa: F811
):
    source_says(claim, "2", NOT_STATING, user=editor)
    page(client, reviewer, claim)
    two = citation(claim, "2")
    data = {f"passage-{two.pk}": NOT_STATING, f"confirm-passage-{two.pk}": "1"}
    response = post(client, claim, status="approved", **data)
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "figure check finds “45%” in none of them" in text and APPROVE_ANYWAY in text
    assert textarea(response.content.decode(), two.pk) == NOT_STATING  # kept to correct
    two.refresh_from_db()
    claim.refresh_from_db()
    assert (two.quote, claim.status) == ("", Claim.Status.UNREVIEWED)
    # The reviewer who knows better says so, and the approval is recorded with the passage.
    assert post(client, claim, status="approved", approve_anyway="on", **data).status_code == 302
    two.refresh_from_db()
    claim.refresh_from_db()
    assert (two.quote, claim.status) == (NOT_STATING, Claim.Status.APPROVED)


def test_approving_a_claim_already_failing_the_check_is_refused_too(
    client,
    reviewer,
    editor,
    claim,  # noqa: F811
):
    page(client, reviewer, claim)
    assert "failed_verification" in claim.flag_names
    response = post(client, claim, status="approved")
    assert response.status_code == 200 and "“45%”" in html.unescape(response.content.decode())
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED
    # Once the source's text states it (a new snapshot; a confirmed passage must be the source's words),
    # the approval goes through, with that passage confirmed in the same submit.
    stating = "The garrison lost 45% of its men."
    source_says(claim, "2", stating, user=editor)
    two = citation(claim, "2")
    data = {f"passage-{two.pk}": stating, f"confirm-passage-{two.pk}": "1"}
    assert post(client, Claim.objects.get(pk=claim.pk), status="approved", **data).status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.APPROVED


def test_the_workbench_marks_the_sources_near_miss_and_says_what_it_misses(client, reviewer, editor):
    article = article_import(data="The water reached 950 homes in the lower town.[1]\n", slug="flood").article
    source = Source.objects.get(article=article, key="1")
    text = "The water reached 310 homes in the lower town, the council said."
    snapshot_store(source=source, text=text, origin="paste", user=editor)
    shown = page(client, reviewer, Claim.objects.get(section__article=article))
    assert (
        'reached <mark class="workbench-near-miss">310</mark> '
        '<span class="workbench-near-miss-note">(not 950)</span> homes'
    ) in shown


def test_bulk_approval_leaves_a_claim_failing_the_check_unapproved(client, reviewer, claim):  # noqa: F811
    """The rule is the service's: *Approve the selected claims* meets it too, and approves the others."""
    other = Claim.objects.get(section__article=claim.section.article, text__startswith="More text")
    client.force_login(reviewer)
    query = {"section__article__id__exact": claim.section.article_id}
    response = post_bulk(client, queue_form(client, **query), [claim, other], **query)
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "1 claim(s) approved." in page and f"#{claim.pk}: Not approved: a figure" in page
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED
    assert Claim.objects.get(pk=other.pk).status == Claim.Status.APPROVED


def test_a_quote_too_long_comes_back_with_its_text_and_nothing_decided(client, reviewer, claim):  # noqa: F811
    page(client, reviewer, claim)
    two = citation(claim, "2")
    long = "The garrison lost 45% of its men. " * 200  # 6,800 characters
    data = {f"passage-{two.pk}": long, f"confirm-passage-{two.pk}": "1"}
    response = post(client, claim, status="approved", **data)
    text = response.content.decode()
    assert response.status_code == 200 and "A quote is at most 5000 characters" in text
    assert textarea(text, two.pk) == long
    two.refresh_from_db()
    assert two.quote == "" and Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED


def test_a_passage_whose_source_text_changed_after_the_form_checked_it_records_nothing(
    client,
    reviewer,
    editor,
    claim,  # noqa: F811
    monkeypatch,
):
    """The form checks a passage against the source's text; when that text is gone by the time the
    service confirms it, the reviewer is told why and neither the passage nor the decision is recorded."""
    quote = "The garrison lost 45% of its men."
    source_says(claim, "2", quote, user=editor)
    page(client, reviewer, claim)
    two = citation(claim, "2")
    real_decide = claims_admin.claim_decide

    def text_removed_meanwhile(**kwargs):
        Snapshot.objects.filter(source_id=two.source_id).delete()
        return real_decide(**kwargs)

    monkeypatch.setattr(claims_admin, "claim_decide", text_removed_meanwhile)
    data = {f"passage-{two.pk}": quote, f"confirm-passage-{two.pk}": "1"}
    response = post(client, claim, status="disputed", note="Half is not 45%.", **data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "[2] has no text yet" in html.unescape(client.get(response.url).content.decode())
    two.refresh_from_db()
    assert two.quote == "" and Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED
    assert Snapshot.objects.filter(source_id=two.source_id).exists()  # the view's transaction rolled back
