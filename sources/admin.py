from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from sources.forms import SourceForm
from sources.models import Source
from sources.services import source_save


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ("key", "title", "work", "publisher", "kind", "reliability", "article")
    list_filter = ("article", "kind", "reliability")
    list_editable = ()
    search_fields = ("key", "title", "work", "publisher", "author", "url")
    list_select_related = ("article",)
    readonly_fields = ("number", "citation_text")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # as SourceForm does; the admin's callback replaces the form's
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        source_save(source=obj, user=request.user, reason="Edited in admin" if change else "Added in admin")

    def has_delete_permission(self, request, obj=None):
        # Claims cite sources by key; a source leaves only when no text cites it (PROTECT), which the
        # admin's delete page would show as an error. Keeping delete off avoids that dead end.
        return False
