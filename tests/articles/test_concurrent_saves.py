"""Writes at the same moment: two editors saving one section (exactly one wins, the other is refused), a
review and a save of one section (both go through, in one lock order)."""

import threading

import pytest
from django.db import connection

from articles.errors import EditConflict
from articles.models import Section
from articles.services import article_import, section_save
from claims.models import Claim
from claims.services import claim_review
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_section():
    article = article_import(data="Lead text here.[1]\nHeading\nBody one.[1]\n", slug="race").article
    section = Section.objects.get(article=article, heading="Heading")
    opened_at = section.version
    editors = [UserFactory(username=f"racer{n}", is_superuser=True) for n in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        try:
            barrier.wait()
            section_save(
                section=Section.objects.get(pk=section.pk), body=text, user=user, base_version=opened_at
            )
            outcomes.append(("saved", text))
        except EditConflict:
            outcomes.append(("refused", text))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, f"Body from editor {n}.[1]"))
        for n, user in enumerate(editors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"]
    (winner,) = [text for kind, text in outcomes if kind == "saved"]
    section.refresh_from_db()
    assert section.body == winner and section.version == opened_at + 1


@pytest.mark.django_db(transaction=True)
def test_reviews_and_saves_of_one_section_at_once_never_deadlock():
    """A review locks the claim, a save rewrites the claims of its section: both take the article's lock
    first, so they queue. Eight rounds of both at the same moment all succeed (on PostgreSQL a deadlock
    used to fail about one round in eight)."""
    article = article_import(
        data="Lead text.[1]\nHeading\nFirst sentence.[1] Second sentence has 70 soldiers.[2]\n", slug="locks"
    ).article
    section = Section.objects.get(article=article, heading="Heading")
    editor = UserFactory(username="lock-editor", is_superuser=True)
    # Superusers: a transactional test empties the tables, groups from the data migration included.
    reviewer = UserFactory(username="lock-reviewer", is_superuser=True)
    claim = Claim.objects.get(section=section, text__contains="70 soldiers")
    failures = []

    def review(barrier, round_number):
        try:
            barrier.wait()
            claim_review(claim=claim, reviewer=reviewer, status=Claim.Status.APPROVED)
        except Exception as error:  # every failure is the finding
            failures.append(("review", round_number, repr(error)))
        finally:
            connection.close()

    def save(barrier, round_number):
        try:
            current = Section.objects.get(pk=section.pk)
            barrier.wait()
            # A new first sentence moves the reviewed claim: the save writes the claim's row too.
            body = f"Round {round_number} opens.[1] " + current.body
            section_save(section=current, body=body, user=editor, base_version=current.version)
        except Exception as error:
            failures.append(("save", round_number, repr(error)))
        finally:
            connection.close()

    for round_number in range(8):
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=work, args=(barrier, round_number)) for work in (review, save)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED and not claim.is_retired
    assert Section.objects.get(pk=section.pk).body.startswith("Round 7 opens.[1] Round 6 opens.[1]")
