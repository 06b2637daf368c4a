from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from sources.errors import EmptySnapshot, NoURL, SnapshotTooLong, SourceKeyRefused, UnsupportedFile
from sources.forms import AcceptMetadataForm, RenameKeyForm, SnapshotPasteForm, SnapshotUploadForm, SourceForm
from sources.models import Snapshot, Source
from sources.renaming import source_key_rename
from sources.selectors import fetch_attempt_rows, metadata_suggestions
from sources.services import (
    fetch_enqueue,
    snapshot_store,
    snapshot_upload,
    source_accept_metadata,
    source_save,
)

FETCH_QUEUED = "Fetch of [{key}] queued; a worker (manage.py db_worker) will run it."
SNAPSHOT_STORED = "Snapshot of [{key}] stored."
SNAPSHOT_UNCHANGED = "[{key}] already has this text: no new snapshot."
METADATA_ACCEPTED = "Accepted from the snapshot: {fields}."
PREVIEW_CHARACTERS = 400


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ("key", "title", "work", "publisher", "kind", "reliability", "is_dead_link", "article")
    list_filter = ("article", "kind", "reliability", "is_dead_link")
    list_editable = ()
    search_fields = ("key", "title", "work", "publisher", "author", "url")
    list_select_related = ("article",)
    readonly_fields = ("number", "citation_text", "is_dead_link")
    change_form_template = "admin/sources/source/change_form.html"

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

    def get_urls(self):
        def route(suffix, view, name):
            return path(f"<int:object_id>/{suffix}", self.admin_site.admin_view(view), name=name)

        return [
            route("fetch/", self.fetch_view, "sources_source_fetch"),
            route("upload/", self.upload_view, "sources_source_upload"),
            route("paste/", self.paste_view, "sources_source_paste"),
            route("accept-metadata/", self.accept_metadata_view, "sources_source_accept_metadata"),
            route("snapshots/<int:snapshot_id>/", self.snapshot_view, "sources_source_snapshot"),
            route("rename-key/", self.rename_key_view, "sources_source_rename_key"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if source is not None and self.has_view_or_change_permission(request, source):
            extra_context = {**evidence_context(source), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def source_to_change(self, request, object_id) -> Source:
        source = get_object_or_404(Source, pk=object_id)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        return source

    def back_to(self, source):
        return redirect(reverse("admin:sources_source_change", args=[source.pk]) + "#snapshots")

    @staticmethod
    def report(request, source, snapshot, previous_pk):
        text = SNAPSHOT_UNCHANGED if snapshot.pk == previous_pk else SNAPSHOT_STORED
        messages.success(request, text.format(key=source.key))

    @method_decorator(require_POST)
    def fetch_view(self, request, object_id):
        source = self.source_to_change(request, object_id)
        try:
            fetch_enqueue(source=source, user=request.user)
        except NoURL as error:
            messages.error(request, str(error))
        else:
            messages.success(request, FETCH_QUEUED.format(key=source.key))
        return self.back_to(source)

    @method_decorator(require_POST)
    def upload_view(self, request, object_id):
        source = self.source_to_change(request, object_id)
        form = SnapshotUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", ["Choose a file."])))
            return self.back_to(source)
        upload = form.cleaned_data["file"]
        previous = source.snapshots.values_list("pk", flat=True).first()
        try:
            snapshot = snapshot_upload(
                source=source, data=read_upload(upload), name=upload.name, user=request.user
            )
        except (UnsupportedFile, EmptySnapshot, SnapshotTooLong) as error:
            messages.error(request, str(error))
        else:
            self.report(request, source, snapshot, previous)
        return self.back_to(source)

    @method_decorator(require_POST)
    def paste_view(self, request, object_id):
        source = self.source_to_change(request, object_id)
        form = SnapshotPasteForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("text", ["Paste some text."])))
            return self.back_to(source)
        previous = source.snapshots.values_list("pk", flat=True).first()
        try:
            snapshot = snapshot_store(
                source=source, text=form.cleaned_data["text"], origin=Snapshot.Origin.PASTE, user=request.user
            )
        except (EmptySnapshot, SnapshotTooLong) as error:
            messages.error(request, str(error))
        else:
            self.report(request, source, snapshot, previous)
        return self.back_to(source)

    @method_decorator(require_POST)
    def accept_metadata_view(self, request, object_id):
        source = self.source_to_change(request, object_id)
        form = AcceptMetadataForm(request.POST)
        if form.is_valid():
            snapshot = get_object_or_404(source.snapshots, pk=form.cleaned_data["snapshot"])
            accepted = source_accept_metadata(
                source=source, snapshot=snapshot, fields=form.cleaned_data["fields"], user=request.user
            )
            if accepted:
                messages.success(request, METADATA_ACCEPTED.format(fields=", ".join(accepted)))
        else:
            messages.error(request, "Choose the suggestions to accept.")
        return self.back_to(source)

    def snapshot_view(self, request, object_id, snapshot_id):
        source = get_object_or_404(Source, pk=object_id)
        if not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        snapshot = get_object_or_404(source.snapshots.select_related("created_by"), pk=snapshot_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": source,
            "snapshot": snapshot,
            "title": f"Snapshot {snapshot.pk} of [{source.key}]",
        }
        return TemplateResponse(request, "admin/sources/source/snapshot.html", context)


    def rename_key_view(self, request, object_id):
        """Ask for the new key; POST renames it and rewrites every section citing it, as one revision
        (the rename the app owning the text registered: ``sources.renaming``)."""
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


def read_upload(upload) -> bytes:
    # One byte past the limit is enough to refuse it; a bigger upload is never read whole.
    return upload.read(settings.VERITY_FETCH_MAX_BYTES + 1)


def evidence_context(source: Source) -> dict:
    snapshot, suggested = metadata_suggestions(source)
    return {
        "snapshots": source.snapshots.select_related("created_by")[:20],
        "snapshot_count": source.snapshots.count(),
        "preview_characters": PREVIEW_CHARACTERS,
        "attempt_rows": fetch_attempt_rows(source),
        "suggestion_snapshot": snapshot,
        "suggestions": suggested,
        "upload_form": SnapshotUploadForm(),
        "paste_form": SnapshotPasteForm(),
    }
