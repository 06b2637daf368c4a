"""The source admin renames keys itself, through the rename the app owning the text registered: it is
not replaced by an admin of an app above, and without a registered rename it says so."""

import pytest
from django.contrib import admin

from articles.services import source_key_rename as articles_rename
from sources import renaming
from sources.admin import SourceAdmin
from sources.models import Source


def test_the_source_admin_is_the_sources_apps_own():
    registered = admin.site._registry[Source]
    assert type(registered) is SourceAdmin
    assert "sources_source_rename_key" in {pattern.name for pattern in registered.get_urls()}


def test_articles_registered_the_rename_of_the_text_it_owns():
    assert renaming._rename == [articles_rename]


def test_a_rename_with_no_app_registered_fails_loudly(monkeypatch):
    monkeypatch.setattr(renaming, "_rename", [])
    with pytest.raises(RuntimeError, match="No app registered a key rename"):
        renaming.source_key_rename(source=Source(key="1"), new_key="2", user=None)
