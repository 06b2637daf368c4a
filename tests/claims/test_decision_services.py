"""The review rules hold when the services are called directly, not only through the admin: a bulk
approval (``claims_approve``) approves only the wording the reviewer saw, and a decision with passages
(``claim_decide``) records both or neither."""

import pytest

from articles.models import Article
from articles.services import article_import, section_save
from claims import errors
from claims.models import Citation, Claim
from claims.services import BulkApproval, claim_decide, claims_approve, wording_fingerprint
from tests.claims.test_workbench import TWO, claim  # noqa: F401  (the garrison claim with two sources)

SMALL = "Lead with 12 villages.[1]\nSection\nIt has 3 sources.[1][2] Over 20 troops were killed.[2]\n"


@pytest.fixture
def small(db):
    return article_import(data=SMALL, slug="small").article


def claims_of(article):
    claims = Claim.objects.filter(section__article=article, retired_at=None)
    return list(claims.order_by("section__order", "position"))


def seen(*claims):
    return {shown.pk: wording_fingerprint(shown.raw) for shown in claims}


def version(article) -> int:
    return Article.objects.get(pk=article.pk).content_version


def test_claims_approve_approves_what_was_seen_and_nothing_else(small, reviewer, editor):
    lead, sources, troops = claims_of(small)
    shown = seen(lead, sources)  # the reviewer's page showed these two, not ``troops``
    section = sources.section
    section_save(
        section=section,
        body=section.body.replace("3 sources", "4 sources"),
        user=editor,
        base_version=section.version,
    )
    before = version(small)

    result = claims_approve(claim_ids=[lead.pk, sources.pk, troops.pk], reviewer=reviewer, seen=shown)
    assert result.approved == (lead.pk,)
    assert result.refused == ((sources.pk, errors.CHANGED_AFTER_SHOWN),)
    assert result.unseen == (troops.pk,)
    statuses = dict(Claim.objects.filter(section__article=small).values_list("pk", "status"))
    assert statuses[lead.pk] == "approved"
    assert statuses[sources.pk] == statuses[troops.pk] == "unreviewed"
    assert version(small) == before + 1  # one unit of work: the page invalidated once

    nothing = claims_approve(claim_ids=[troops.pk], reviewer=reviewer, seen=seen(lead))
    assert nothing == BulkApproval(unseen=(troops.pk,))
    assert version(small) == before + 1  # approving nothing changes nothing readers see


def test_claims_approve_refuses_one_claim_and_keeps_the_others(small, editor_reviewer):
    section = Claim.objects.get(section__article=small, text__startswith="It has").section
    section_save(
        section=section,
        body=section.body.replace("Over 20", "Over 21"),
        user=editor_reviewer,
        base_version=section.version,
    )
    claims = claims_of(small)
    own = next(one for one in claims if "21" in one.text)
    result = claims_approve(claim_ids=[c.pk for c in claims], reviewer=editor_reviewer, seen=seen(*claims))
    assert result.refused == ((own.pk, errors.OWN_WORDING),)
    assert set(result.approved) == {one.pk for one in claims} - {own.pk}
    assert Claim.objects.get(pk=own.pk).status == "unreviewed"


def test_claims_approve_by_someone_who_may_not_review_changes_nothing(small, editor):
    claims = claims_of(small)
    before = version(small)
    with pytest.raises(errors.ReviewRefused, match=errors.NOT_A_REVIEWER):
        claims_approve(claim_ids=[c.pk for c in claims], reviewer=editor, seen=seen(*claims))
    assert not Claim.objects.filter(status="approved").exists() and version(small) == before


def test_claim_decide_confirms_the_passages_and_records_the_decision_together(claim, reviewer):  # noqa: F811
    two = Citation.objects.get(claim=claim, source__key="2")
    decided = claim_decide(
        claim=claim, reviewer=reviewer, passages={two.pk: TWO}, status="disputed", note="Half is not 45%."
    )
    assert decided.passages_confirmed == 1 and decided.claim.status == "disputed"
    two.refresh_from_db()
    assert (two.quote, two.quote_confirmed_by) == (TWO, reviewer)
    assert Claim.objects.get(pk=claim.pk).review_note == "Half is not 45%."


def test_a_refused_decision_takes_its_passages_back(claim, reviewer):  # noqa: F811
    two = Citation.objects.get(claim=claim, source__key="2")
    before = version(claim.section.article)
    with pytest.raises(errors.ReviewRefused, match=errors.NOTE_REQUIRED):
        claim_decide(claim=claim, reviewer=reviewer, passages={two.pk: TWO}, status="disputed", note="")
    two.refresh_from_db()
    assert two.quote == "" and Claim.objects.get(pk=claim.pk).status == "unreviewed"
    assert version(claim.section.article) == before

    # The step after the refusal: the same call with the note records both.
    claim_decide(claim=claim, reviewer=reviewer, passages={two.pk: TWO}, status="disputed", note="Why.")
    two.refresh_from_db()
    assert two.quote == TWO and Claim.objects.get(pk=claim.pk).status == "disputed"


def test_a_passage_not_in_the_source_refuses_the_decision(claim, reviewer):  # noqa: F811
    one, two = (Citation.objects.get(claim=claim, source__key=key) for key in ("1", "2"))
    with pytest.raises(errors.PassageNotInSource):
        claim_decide(
            claim=claim,
            reviewer=reviewer,
            passages={one.pk: "", two.pk: "Words no source wrote."},
            status="disputed",
            note="A note.",
        )
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"
    assert not Citation.objects.filter(claim=claim).exclude(quote="").exists()


def test_a_passage_of_another_claims_citation_is_refused(claim, reviewer):  # noqa: F811
    others = Citation.objects.filter(claim__section__article=claim.section.article).exclude(claim=claim)
    other = others.first()
    with pytest.raises(errors.PassageRefused, match=errors.NOT_THIS_CLAIMS_CITATION):
        claim_decide(claim=claim, reviewer=reviewer, passages={other.pk: TWO}, status="approved")
    other.refresh_from_db()
    assert other.quote == "" and Claim.objects.get(pk=claim.pk).status == "unreviewed"


def test_passages_alone_keep_the_claims_status_and_review(claim, reviewer):  # noqa: F811
    two = Citation.objects.get(claim=claim, source__key="2")
    decided = claim_decide(claim=claim, reviewer=reviewer, passages={two.pk: TWO})
    assert decided.passages_confirmed == 1
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == "unreviewed" and stored.reviewed_by is None
    assert Citation.objects.get(pk=two.pk).quote == TWO
