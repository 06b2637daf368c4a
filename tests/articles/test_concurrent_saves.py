"""Two editors saving the same section at the same moment: exactly one save wins, the other is refused."""

import threading

import pytest
from django.db import connection

from articles.errors import EditConflict
from articles.models import Section
from articles.services import article_import, section_save
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
