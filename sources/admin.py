from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.forms import SourceForm
from sources.models import Source
from sources.services import source_save


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ("key", "title", "publisher", "kind", "reliability", "article")
    list_filter = ("article", "kind", "reliability")
    list_editable = ()
    search_fields = ("key", "title", "publisher", "author", "url")
    list_select_related = ("article",)
    readonly_fields = ("number",)

    def save_model(self, request, obj, form, change):
        source_save(source=obj, user=request.user, reason="Edited in admin" if change else "Added in admin")

    def has_delete_permission(self, request, obj=None):
        # Claims cite sources by key; a source leaves only when no text cites it (PROTECT), which the
        # admin's delete page would show as an error. Keeping delete off avoids that dead end.
        return False
