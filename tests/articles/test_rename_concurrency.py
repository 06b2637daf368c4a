"""A key rename and an editor's save of a section citing the key, at the same moment: both go through,
one after the other (one lock order: the article, then its sections), and neither loses the other."""

import threading
import time

import pytest
from django.db import connection, transaction

from articles.forms import SectionForm
from articles.models import Section
from articles.services import article_import, section_save, source_key_rename
from sources.models import Source
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_rename_and_a_section_save_at_once_both_go_through():
    article = article_import(data="Lead text here.[1]\nHeading\nBody one.[1] Two.[2]\n", slug="race").article
    section = Section.objects.get(article=article, heading="Heading")
    editor, renamer = (UserFactory(username=name, is_superuser=True) for name in ("saver", "renamer"))
    form_checked = threading.Event()
    errors = []

    def save_in_the_admin():
        """As the admin's change view does: one transaction around the form's checks and the save."""
        try:
            with transaction.atomic():
                current = Section.objects.get(pk=section.pk)
                data = {
                    "heading": current.heading,
                    "level": current.level,
                    "body": current.body + " Added.",
                    "base_version": current.version,
                }
                form = SectionForm(data, instance=current)
                assert form.is_valid(), form.errors
                form_checked.set()
                time.sleep(0.5)  # the rename starts meanwhile
                section_save(
                    section=current,
                    body=form.cleaned_data["body"],
                    user=editor,
                    base_version=form.cleaned_data["base_version"],
                )
        except Exception as error:  # noqa: BLE001 (reported below with its type)
            errors.append(("save", repr(error)))
        finally:
            form_checked.set()
            connection.close()

    def rename():
        try:
            form_checked.wait(5)
            source_key_rename(
                source=Source.objects.get(article=article, key="1"), new_key="un.1", user=renamer
            )
        except Exception as error:  # noqa: BLE001
            errors.append(("rename", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=save_in_the_admin), threading.Thread(target=rename)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    section.refresh_from_db()
    assert section.body == "Body one.[un.1] Two.[2] Added."
