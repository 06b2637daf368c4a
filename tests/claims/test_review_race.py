"""An edit that commits while a reviewer's decision is being recorded: after the form checked the wording
and before the service locked the claim. Only PostgreSQL lets it commit there; SQLite's IMMEDIATE
transactions make the editor wait until the review's transaction ends, so there is no such moment."""

import threading

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from accounts.roles import roles_create
from articles.services import article_import, section_save
from claims import admin as claims_admin
from claims import errors
from claims.models import Claim
from tests.claims.pageforms import read_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers: no edit can commit inside a review's transaction",
    ),
]

ARTICLE = "A lead.[1]\nFighting\nThey claimed at least 70 junta soldiers killed.[1] The front held.[2]\n"


def claim_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def commit_edit_elsewhere(claim, figure, *, user):
    """Change the claim's figure in another connection, committed before this returns."""

    def edit():
        try:
            current = Claim.objects.get(pk=claim.pk)
            section = current.section
            body = section.body.replace(
                current.raw, f"They claimed at least {figure} junta soldiers killed.[1]"
            )
            section_save(section=section, body=body, user=user, base_version=section.version)
        finally:
            connection.close()

    thread = threading.Thread(target=edit)
    thread.start()
    thread.join()


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """A transactional test starts from emptied tables: the Editors and Reviewers groups come back from the
    data migration's own function (accounts.roles.roles_create). (serialized_rollback would reload content
    types a flush re-creates, and fail on them when another transactional test ran before.)"""
    roles_create(django_apps)


@pytest.fixture
def soldiers(db):
    article = article_import(data=ARTICLE, slug="race").article
    return Claim.objects.for_article(article).get(text__contains="junta soldiers")


def edits_during_review(monkeypatch, claim, figures, *, user):
    """Each call of the admin's claim_decide first lets the next edit commit elsewhere."""
    real_review, figures = claims_admin.claim_decide, iter(figures)

    def edited_meanwhile(**kwargs):
        commit_edit_elsewhere(claim, next(figures), user=user)
        return real_review(**kwargs)

    monkeypatch.setattr(claims_admin, "claim_decide", edited_meanwhile)


def test_an_edit_committed_during_the_decision_is_shown_and_nothing_recorded(
    soldiers, client, editor, reviewer, monkeypatch
):
    client.force_login(reviewer)
    form = read_form(client.get(claim_url(soldiers)).content.decode(), "claim_form")
    edits_during_review(monkeypatch, soldiers, ["70000"], user=editor)
    response = client.post(claim_url(soldiers), form.as_post(status="approved", note="Seen.", _save="Save"))
    assert response.status_code == 200
    page = response.content.decode()
    assert errors.WORDING_CHANGED in page and "<del>70</del>" in page and "<ins>70000</ins>" in page
    refused = read_form(page, "claim_form")
    soldiers.refresh_from_db()
    assert refused.value("note") == "Seen." and refused.value("seen_raw") == soldiers.raw
    assert soldiers.status == "unreviewed" and "70000" in soldiers.text
    assert not soldiers.history.filter(status="approved").exists()


def test_edits_committed_during_both_attempts_send_the_reviewer_back_to_the_claim(
    soldiers, client, editor, reviewer, monkeypatch
):
    """The admin records a refused decision's form again once, so that the form shows what changed;
    when the wording is back to what the reviewer saw for that second attempt and changes again during
    it, the reviewer is sent back to the claim with the refusal."""
    client.force_login(reviewer)
    form = read_form(client.get(claim_url(soldiers)).content.decode(), "claim_form")
    real_review, attempts = claims_admin.claim_decide, iter([1, 2])

    def edited_meanwhile(**kwargs):
        if next(attempts) == 1:
            commit_edit_elsewhere(soldiers, "72", user=editor)
            try:
                return real_review(**kwargs)
            finally:
                commit_edit_elsewhere(soldiers, "70", user=editor)  # back to the wording seen
        commit_edit_elsewhere(soldiers, "73", user=editor)
        return real_review(**kwargs)

    monkeypatch.setattr(claims_admin, "claim_decide", edited_meanwhile)
    response = client.post(claim_url(soldiers), form.as_post(status="approved", _save="Save"))
    assert response.status_code == 302 and response["Location"] == claim_url(soldiers)
    assert errors.WORDING_CHANGED in client.get(response["Location"]).content.decode()
    soldiers.refresh_from_db()
    assert soldiers.status == "unreviewed" and "at least 73 junta" in soldiers.text
