"""The reviewer's workbench on a claim's admin page: passages with the stating value marked, verdicts,
and passages confirmed in the same form as the decision."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from articles.services import article_import
from claims.models import Citation, Claim
from sources.models import Source
from sources.services import snapshot_store

ARTICLE = "Over 20 soldiers and 45% of the garrison died in the clashes.[1][2]\nSection\nMore text here.[1]\n"
HOSTILE = "<img src=x onerror=alert(1)>"
ONE = f"Monitors said 23 soldiers died in the clashes {HOSTILE} near the base."
TWO = "A local group said the clashes killed many of the garrison, perhaps half."


@pytest.fixture
def claim(db, editor):
    article = article_import(data=ARTICLE, slug="garrison").article
    for key, text in (("1", ONE), ("2", TWO)):
        snapshot_store(
            source=Source.objects.get(article=article, key=key), text=text, origin="paste", user=editor
        )
    return Claim.objects.get(section__article=article, text__startswith="Over 20")


def page(client, user, claim) -> str:
    client.force_login(user)
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def test_the_workbench_marks_the_figures_and_the_values_that_state_them(client, reviewer, claim):
    html = page(client, reviewer, claim)
    assert '<p class="workbench-sentence"><mark>Over 20</mark> soldiers and <mark>45%</mark>' in html
    assert "Monitors said <mark>23</mark> soldiers died in the clashes &lt;img src=x" in html
    assert HOSTILE not in html
    assert '<mark>Over 20</mark>: <span class="verdict verdict-supported">verified</span> in [1]' in html
    assert 'verdict-not_found">failed verification' in html
    assert "States: Over 20." in html and "States: none of the figures." in html


def test_a_reviewer_types_a_quote_confirms_it_and_approves_in_one_form(client, reviewer, claim, editor):
    # The typed quote is in an earlier snapshot of [2]; the latest (which the suggestion reads) has TWO.
    two_source = Source.objects.get(article=claim.section.article, key="2")
    for text in ("The garrison lost 45% of its men. The clinic said so.", TWO):
        snapshot_store(source=two_source, text=text, origin="paste", user=editor)
    page(client, reviewer, claim)
    two = Citation.objects.get(claim=claim, source__key="2")
    one = Citation.objects.get(claim=claim, source__key="1")
    data = {
        "status": "approved",
        "note": "",
        "seen_raw": claim.raw,  # the wording the page showed: a decision names it
        f"passage-{two.pk}": "The garrison lost 45% of its men.",
        f"confirm-passage-{two.pk}": "1",
        f"passage-{one.pk}": "not ticked, so not stored",
    }
    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    two.refresh_from_db()
    one.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert (two.quote, two.quote_confirmed_by) == ("The garrison lost 45% of its men.", reviewer)
    assert one.quote == ""
    assert [(f.text, f.verdict) for f in claim.figures.all()] == [
        ("Over 20", "supported"),
        ("45%", "supported"),
    ]
    assert "failed_verification" not in claim.flag_names


def test_a_reviewer_picks_another_passage_of_the_snapshot(client, reviewer, claim, editor):
    text = (
        "The garrison was attacked at dawn by soldiers of the alliance. "
        "By noon 45% of the garrison had died, the clinic said. Soldiers fled the clashes."
    )
    snapshot_store(
        source=Source.objects.get(pk=claim.citations.get(source__key="2").source_id),
        text=text,
        origin="paste",
        user=editor,
    )
    html = page(client, reviewer, claim)
    two = Citation.objects.get(claim=claim, source__key="2")
    assert f'name="pick-passage-{two.pk}" value="typed" checked' in html
    choices = re.findall(rf'name="pick-passage-{two.pk}" value="([^"]+)"', html)
    assert len(choices) == 3 and choices[-1] == "typed" and two.suggested_passage not in choices
    picked = choices[0]
    data = {
        "status": "approved",
        "seen_raw": claim.raw,
        f"passage-{two.pk}": two.suggested_passage,
        f"pick-passage-{two.pk}": picked,
        f"confirm-passage-{two.pk}": "1",
    }
    client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    two.refresh_from_db()
    assert two.quote == picked and two.quote != two.suggested_passage


def test_each_figure_shows_its_own_sentence_what_a_source_says_and_why_a_decoy_does_not_count(
    client, reviewer, editor
):
    article = article_import(
        data="The unit made 11 tackles and fielded 40 soldiers.[1] Aid reached 45% of camps.[2]\n",
        slug="unit",
    )
    article = article.article
    texts = {
        "1": "The unit had 11 total pressures in the match.\nIt fielded 40 soldiers that spring.",
        "2": "Aid agencies said aid reached 54% of camps by May.",
    }
    for key, text in texts.items():
        snapshot_store(
            source=Source.objects.get(article=article, key=key), text=text, origin="paste", user=editor
        )
    unit = Claim.objects.get(section__article=article, text__contains="tackles")
    html = page(client, reviewer, unit)
    assert "(the source gives 11 for pressures, not tackles)" in html.replace("[1]: ", "")
    assert (
        '<blockquote class="workbench-figure-passage">It fielded 40 soldiers that spring.</blockquote>'
        in html
    )
    camps = Claim.objects.get(section__article=article, text__contains="camps")
    html = page(client, reviewer, camps)
    assert 'verdict-contradicted">contradicted by source' in html
    assert "the source says <strong>54%</strong>" in html
    assert "Aid agencies said aid reached 54% of camps by May.</blockquote>" in html


def test_an_invented_passage_typed_on_the_workbench_is_refused_with_the_reason(client, reviewer, claim):
    page(client, reviewer, claim)
    two = Citation.objects.get(claim=claim, source__key="2")
    data = {
        "status": "disputed",
        "note": "The source gives no percentage.",
        "seen_raw": claim.raw,
        f"passage-{two.pk}": "The garrison lost 45% of its men.",  # in no snapshot of [2]
        f"confirm-passage-{two.pk}": "1",
    }
    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data, follow=True)
    assert response.status_code == 200
    assert "This passage is not in the text of [2], so it was not confirmed" in response.content.decode()
    # Refused by the form: the typed passage comes back to correct, and the decision waits for it.
    assert "The garrison lost 45% of its men.</textarea>" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.UNREVIEWED
    two.refresh_from_db()
    assert (two.quote, two.quote_confirmed_by) == ("", None)
    claim.refresh_from_db()
    assert dict((f.text, f.verdict) for f in claim.figures.all())["45%"] != "supported"


def test_an_editor_cannot_post_the_workbench_as_the_readme_says(client, editor, claim):
    """The README once said editors could confirm passages, and they got a 403: the workbench is part of
    the reviewer's decision form. The README now says reviewers confirm; this keeps the two in step."""
    two = Citation.objects.get(claim=claim, source__key="2")
    client.force_login(editor)
    data = {"status": "approved", "note": "", "seen_raw": claim.raw, f"passage-{two.pk}": TWO}
    data[f"confirm-passage-{two.pk}"] = "1"
    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    assert response.status_code == 403
    two.refresh_from_db()
    assert two.quote == ""
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text().split())
    assert "A reviewer can tick" in readme and "Editors cannot confirm passages" in readme
    assert "typed by an editor" not in readme and "editors may confirm" not in readme.lower()
