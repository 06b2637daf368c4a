"""Renaming a source's key in the source admin. It lives in ``articles`` because a rename rewrites the
section bodies citing the key (``articles.services.source_key_rename``), and ``sources`` imports neither
``claims`` nor ``articles``: this module extends the sources app's admin with the one view that needs them."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.errors import SourceKeyRefused
from articles.services import source_key_rename
from sources.admin import SourceAdmin
from sources.models import Source


class RenameKeyForm(forms.Form):
    new_key = forms.CharField(
        max_length=64, help_text="Letters, digits and - _ . : only. Every marker of the old key is rewritten."
    )
    edit_summary = forms.CharField(max_length=200, required=False, help_text="Optional: why you rename it.")


class SourceAdminWithKeyRename(SourceAdmin):
    def get_urls(self):
        rename = path(
            "<int:object_id>/rename-key/",
            self.admin_site.admin_view(self.rename_key_view),
            name="sources_source_rename_key",
        )
        return [rename, *super().get_urls()]

    def rename_key_view(self, request, object_id):
        """Ask for the new key; POST renames it and rewrites every section citing it, as one revision."""
        source = get_object_or_404(Source.objects.select_related("article"), pk=object_id)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        form = RenameKeyForm(request.POST or None, initial={"new_key": source.key})
        if request.method == "POST" and form.is_valid():
            old_key = source.key
            try:
                renamed = source_key_rename(
                    source=source,
                    new_key=form.cleaned_data["new_key"],
                    user=request.user,
                    comment=form.cleaned_data["edit_summary"],
                )
            except SourceKeyRefused as refusal:
                form.add_error("new_key", str(refusal))
            else:
                messages.success(request, rename_message(old_key, renamed))
                return redirect(reverse("admin:sources_source_change", args=[source.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Rename the key [{source.key}]",
            "source": source,
            "form": form,
        }
        return TemplateResponse(request, "admin/sources/source/rename_key.html", context)


def rename_message(old_key: str, renamed) -> str:
    sections = len(renamed.sections)
    return (
        f"The key [{old_key}] is now [{renamed.source.key}]: {sections} section{'s' * (sections != 1)} "
        f"rewritten in one revision; {renamed.claims} claim{'s' * (renamed.claims != 1)} citing it kept "
        "their review status."
    )


admin.site.unregister(Source)
admin.site.register(Source, SourceAdminWithKeyRename)
