from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("key", "title", "publisher", "kind", "reliability", "article")
    list_filter = ("article", "kind", "reliability")
    search_fields = ("key", "title", "publisher", "author", "url")
    list_select_related = ("article",)
    readonly_fields = ("number",)
