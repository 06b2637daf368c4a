"""The figure check against stored source text: passages suggested, verdicts stored, claims re-checked
when a source's text, a claim's wording or a confirmed passage changes."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from articles.services import article_import, section_save
from claims.errors import PassageNotInSource, QuoteTooLong, ReviewRefused
from claims.evidence.verdicts import CONTRADICTED, NO_EVIDENCE, NOT_FOUND, SUPPORTED
from claims.models import Citation, Claim
from claims.services import claim_review
from claims.verification import LOST_SUPPORT_REASON, citation_confirm_passage
from sources.models import Source
from sources.services import snapshot_store
from tests.factories import UserFactory

ARTICLE = (
    "The floods displaced 6,000 villagers in Kayah.[1] Over 20 soldiers were killed in the clashes.[2]\n"
    "Aftermath\n"
    "Aid agencies said 45% of the camps lacked clean water.[1][2]\n"
)
REPORT_ONE = (
    "Monsoon floods hit Kayah State in July.\n"
    "The UN said some six thousand villagers were displaced in Kayah by the floods.\n"
    "Aid agencies reported that 45 per cent of the camps lacked clean water."
)
REPORT_TWO = "Monitors said 23 soldiers were killed in the clashes near Loikaw. Residents fled."


@pytest.fixture
def article(db):
    return article_import(data=ARTICLE, slug="floods").article


def source(article, key):
    return Source.objects.get(article=article, key=key)


def claim_with(article, words) -> Claim:
    return Claim.objects.for_article(article).get(text__contains=words)


def verdicts(claim) -> list[tuple[str, str, list]]:
    return [(f.text, f.verdict, f.evidence.get("keys", [])) for f in claim.figures.all()]


def test_without_snapshots_every_figure_has_no_evidence(article):
    claim = claim_with(article, "displaced")
    assert verdicts(claim) == [("6,000", NO_EVIDENCE, [])]
    assert claim.citations.get().suggested_passage == ""
    assert "failed_verification" not in claim.flag_names


def test_a_new_snapshot_suggests_passages_and_supports_the_figures_it_states(article, editor):
    snapshot_store(source=source(article, "1"), text=REPORT_ONE, origin="paste", user=editor)
    displaced = claim_with(article, "displaced")
    citation = displaced.citations.get()
    assert (
        citation.suggested_passage
        == "The UN said some six thousand villagers were displaced in Kayah by the floods."
    )
    snapshot = citation.passage_snapshot
    assert snapshot.text[citation.suggested_start :].startswith(citation.suggested_passage)
    assert verdicts(displaced) == [("6,000", SUPPORTED, ["1"])]
    assert displaced.figures.get().evidence["stated"] == "some six thousand"
    # the other claim citing [1] and [2]: [1] states the figure, [2] has no text yet
    water = claim_with(article, "clean water")
    assert verdicts(water) == [("45%", SUPPORTED, ["1"])]
    # a claim citing only [2] is untouched
    assert verdicts(claim_with(article, "soldiers")) == [("Over 20", NO_EVIDENCE, [])]


def test_a_source_whose_text_does_not_state_the_value_fails_verification(article, editor):
    snapshot_store(
        source=source(article, "2"), text=REPORT_TWO.replace("23", "19"), origin="paste", user=editor
    )
    soldiers = claim_with(article, "soldiers")
    assert verdicts(soldiers) == [("Over 20", NOT_FOUND, [])]
    assert "failed_verification" in soldiers.flag_names
    # a second source that states it: verified, the flag goes
    snapshot_store(source=source(article, "2"), text=REPORT_TWO, origin="paste", user=editor)
    soldiers.refresh_from_db()
    assert verdicts(soldiers) == [("Over 20", SUPPORTED, ["2"])]
    assert "failed_verification" not in soldiers.flag_names


def test_an_approved_claim_whose_figure_lost_its_support_goes_back_to_review(article, editor, reviewer):
    snapshot_store(source=source(article, "2"), text=REPORT_TWO, origin="paste", user=editor)
    soldiers = claim_with(article, "soldiers")
    claim_review(claim=soldiers, reviewer=reviewer, status="approved")
    snapshot_store(
        source=source(article, "2"), text=REPORT_TWO.replace("23", "15"), origin="paste", user=editor
    )
    soldiers.refresh_from_db()
    assert soldiers.status == Claim.Status.UNREVIEWED and soldiers.reviewed_by is None
    latest = soldiers.history.first()
    assert latest.history_change_reason == LOST_SUPPORT_REASON.format(figures="“Over 20”")
    assert latest.history_user == editor
    # approving it as it is takes the reviewer's word that the check misreads the source
    with pytest.raises(ReviewRefused, match="fails the figure check"):
        claim_review(claim=soldiers, reviewer=reviewer, status="approved")
    claim_review(claim=soldiers, reviewer=reviewer, status="approved", approve_failing=True)
    # an unchanged snapshot stores nothing and sends nothing back a second time
    snapshot_store(
        source=source(article, "2"), text=REPORT_TWO.replace("23", "15"), origin="paste", user=editor
    )
    soldiers.refresh_from_db()
    assert soldiers.status == Claim.Status.APPROVED


def test_editing_a_figure_re_checks_it_against_the_stored_passages(article, editor):
    snapshot_store(source=source(article, "1"), text=REPORT_ONE, origin="paste", user=editor)
    section = article.sections.order_by("order").first()
    section_save(
        section=section,
        body=section.body.replace("6,000", "60,000"),
        user=editor,
        base_version=section.version,
    )
    displaced = claim_with(article, "displaced")
    # the source counts the same villagers with another value: contradicted, not merely not found
    assert verdicts(displaced) == [("60,000", CONTRADICTED, ["1"])]
    assert displaced.figures.get().evidence["says"] == "some six thousand"
    assert "contradicted_by_source" in displaced.flag_names
    assert "failed_verification" not in displaced.flag_names


def test_a_confirmed_or_typed_quote_is_checked_instead_of_the_suggestion(article, editor, reviewer):
    typed = "Later counts put the toll at 24 soldiers killed near Loikaw."
    # The quote comes from an earlier snapshot; the suggestion reads the latest, which does not state it.
    for text in (f"Residents fled. {typed}", REPORT_TWO.replace("23", "19")):
        snapshot_store(source=source(article, "2"), text=text, origin="paste", user=editor)
    citation = claim_with(article, "soldiers").citations.get()
    citation = citation_confirm_passage(citation=citation, text=f"  {typed}\n", user=reviewer)
    assert (citation.quote, citation.quote_confirmed_by) == (typed, reviewer)
    assert citation.history.first().history_change_reason == "Passage confirmed"
    soldiers = claim_with(article, "soldiers")
    assert verdicts(soldiers) == [("Over 20", SUPPORTED, ["2"])]
    assert soldiers.figures.get().evidence["passage"] == typed
    # blank goes back to the suggestion, which does not state it
    citation_confirm_passage(citation=citation, text=" ", user=editor)
    assert verdicts(claim_with(article, "soldiers")) == [("Over 20", NOT_FOUND, [])]


def test_a_confirmed_quote_survives_a_change_of_the_claims_other_citations(article, editor):
    snapshot_store(source=source(article, "2"), text=REPORT_TWO, origin="paste", user=editor)
    section = article.sections.order_by("order").first()
    citation = claim_with(article, "soldiers").citations.get()
    citation_confirm_passage(citation=citation, text="23 soldiers were killed in the clashes", user=editor)
    section.refresh_from_db()
    body = section.body.replace("clashes.[2]", "clashes.[2][1]")
    section_save(section=section, body=body, user=editor, base_version=section.version)
    kept = Citation.objects.get(claim=claim_with(article, "soldiers"), source__key="2")
    assert (kept.quote, kept.quote_confirmed_by) == ("23 soldiers were killed in the clashes", editor)


def test_only_editors_and_reviewers_confirm_passages_and_quotes_have_a_limit(article, editor):
    citation = claim_with(article, "soldiers").citations.get()
    with pytest.raises(PermissionDenied):
        citation_confirm_passage(citation=citation, text="23 soldiers.", user=UserFactory(username="reader"))
    with pytest.raises(QuoteTooLong):
        citation_confirm_passage(citation=citation, text="word " * 2000, user=editor)
    citation.refresh_from_db()
    assert citation.quote == ""


def test_attach_snapshot_re_checks_the_claims_citing_the_source(article, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>Clashes</title></head><body><article><p>Monitors said 23 soldiers were killed "
        "in the clashes near Loikaw, and residents fled the town that night.</p></article></body></html>"
    )
    call_command("attach_snapshot", article.slug, "2", str(page), stdout=io.StringIO())
    soldiers = claim_with(article, "soldiers")
    assert verdicts(soldiers) == [("Over 20", SUPPORTED, ["2"])]
    assert "23 soldiers" in soldiers.figures.get().evidence["passage"]


def test_a_source_with_text_sharing_no_word_with_the_claim_is_not_found_not_no_evidence(article, editor):
    # Honest no_evidence: the source has text, it just never states the quantity.
    text = "Loikaw: market prices rose."
    snapshot_store(source=source(article, "2"), text=text, origin="paste", user=editor)
    soldiers = claim_with(article, "soldiers")
    assert verdicts(soldiers) == [("Over 20", NOT_FOUND, [])]
    assert "failed_verification" in soldiers.flag_names


def test_each_figure_keeps_the_sentence_of_the_source_that_states_it(article, editor):
    # Two figures of one claim stated in different sentences far apart: each keeps its own sentence.
    text = (
        "Aid agencies reported on the camps.\n"
        + "Residents described the situation as tense.\n" * 40
        + "In total 45 per cent of the camps lacked clean water."
    )
    snapshot_store(source=source(article, "1"), text=text, origin="paste", user=editor)
    water = claim_with(article, "clean water")
    (figure,) = water.figures.all()
    assert (figure.verdict, figure.evidence["passage"]) == (
        SUPPORTED,
        "In total 45 per cent of the camps lacked clean water.",
    )


def test_an_invented_passage_is_refused_and_changes_nothing(article, editor, reviewer):
    """Issue 20: a passage in no snapshot of the source made the figure supported, and readers saw it as
    the source's words."""
    snapshot_store(
        source=source(article, "2"), text=REPORT_TWO.replace("23", "19"), origin="paste", user=editor
    )
    citation = claim_with(article, "soldiers").citations.get()
    invented = "Monitors said 23 soldiers were killed in the clashes near Loikaw."  # the source says 19
    with pytest.raises(PassageNotInSource, match=r"not in the text of \[2\], so it was not confirmed"):
        citation_confirm_passage(citation=citation, text=invented, user=reviewer)
    citation.refresh_from_db()
    assert (citation.quote, citation.quote_confirmed_by) == ("", None)
    assert verdicts(claim_with(article, "soldiers")) == [("Over 20", NOT_FOUND, [])]
    # the source's own words, spaced differently over two lines and with words left out, are confirmed
    quoted = "Monitors  said\n19 soldiers were killed … near Loikaw."
    assert (
        citation_confirm_passage(citation=citation, text=quoted, user=reviewer).quote_confirmed_by == reviewer
    )


def test_a_source_without_text_has_no_passage_to_confirm(article, reviewer):
    citation = claim_with(article, "soldiers").citations.get()
    with pytest.raises(PassageNotInSource, match=r"\[2\] has no text yet"):
        citation_confirm_passage(citation=citation, text="23 soldiers were killed.", user=reviewer)
    assert citation_confirm_passage(citation=citation, text="", user=reviewer).quote == ""  # clearing is fine
