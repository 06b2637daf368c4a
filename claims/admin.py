from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Citation, Claim


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ("source", "is_inferred")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ("text", "section", "status", "flags")
    list_filter = ("status", "section__article")
    search_fields = ("text",)
    list_select_related = ("section",)
    readonly_fields = ("section", "position", "raw", "text", "markers", "flags", "wording_by", "retired_at")
    inlines = [CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).active()
