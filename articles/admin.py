"""Editors' admin for articles and sections. Every save, delete, revert and recovery goes through a
service in ``articles.services``, which opens the revision; reversion's views supply the history list."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import admin_sources  # noqa: F401  (the source admin, with key renaming)
from articles.forms import RevertForm, SectionForm
from articles.models import Article, Section
from articles.selectors import article_citation_legend
from articles.services import (
    article_save,
    section_create,
    section_delete,
    section_recover,
    section_revert,
    section_save,
)
from claims.models import Citation, Claim, Figure
from editorial.diffing import word_diff


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "level", "heading")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "is_public", "updated_at")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SectionInline]

    def save_model(self, request, obj, form, change):
        article_save(article=obj, user=request.user)


class WithoutAdminRevision:
    """The services open the revisions (with the editor's summary); reversion's admin must not wrap
    saves in one of its own, whose comment would replace the summary."""

    def add_view(self, request, form_url="", extra_context=None):
        return admin.ModelAdmin.add_view(self, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin.ModelAdmin.change_view(self, request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        return admin.ModelAdmin.changelist_view(self, request, extra_context)


@admin.register(Section)
class SectionAdmin(WithoutAdminRevision, VersionAdmin):
    form = SectionForm
    list_display = ("__str__", "article", "order", "level", "updated_at", "updated_by")
    list_filter = ("article", "level")
    search_fields = ("heading", "body")
    list_select_related = ("article", "updated_by")
    readonly_fields = ("version", "updated_at", "updated_by")
    fields = ("article", "order", "heading", "level", "body", "edit_summary", "base_version")
    change_form_template = "admin/articles/section/change_form.html"
    object_history_template = "admin/articles/section/object_history.html"
    history_latest_first = True

    def save_model(self, request, obj, form, change):
        summary = form.cleaned_data.get("edit_summary", "")
        if change:
            section_save(
                section=obj,
                body=obj.body,
                heading=obj.heading,
                level=obj.level,
                user=request.user,
                base_version=form.cleaned_data["base_version"],
                comment=summary,
            )
        else:
            created = section_create(
                article=obj.article,
                heading=obj.heading,
                level=obj.level,
                order=obj.order,
                body=obj.body,
                user=request.user,
                comment=summary,
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        section_delete(section=obj, user=request.user)

    def get_deleted_objects(self, objs, request):
        """Claims, citations and figures are derived from the text and go with it: deleting a section
        needs no permission on them (their history is kept, and recovery re-reads them)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        derived = {str(model._meta.verbose_name) for model in (Claim, Citation, Figure)}
        return deleted, counts, perms_needed - derived, protected

    def get_urls(self):
        compare = path(
            "<int:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_section_compare",
        )
        return [compare, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["conflict"] = getattr(context["adminform"].form, "conflict", None)
        context["citation_legend"] = self.citation_legend(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def citation_legend(self, section):
        """The legend beside the body: each key an editor types and the number readers see for it."""
        return article_citation_legend(section.article_id) if section else None

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(Section, object_id).select_related(
            "revision__user"
        )
        context = {"versions": versions.order_by("-pk"), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def section_version(self, object_id, version_id) -> Version:
        return get_object_or_404(
            Version.objects.get_for_model(Section).select_related("revision__user"),
            pk=version_id,
            object_id=str(object_id),
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show a past version beside the current text; POST reverts to it as a new revision."""
        section = get_object_or_404(Section, pk=object_id)
        if not self.has_change_permission(request, section):
            raise PermissionDenied
        version = self.section_version(object_id, version_id)
        form = RevertForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            section_revert(
                section=section, version=version, user=request.user, comment=form.cleaned_data["edit_summary"]
            )
            messages.success(request, f"“{section}” was reverted; its claims were re-read from the text.")
            return redirect(reverse("admin:articles_section_change", args=[section.pk]))
        old = version.field_dict
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Revert “{section}”",
            "section": section,
            "version": version,
            "diff": word_diff(section.body, old["body"]),
            "heading_changed": old["heading"] != section.heading,
            "old": old,
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/section/revert.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Show a deleted section's last text; POST brings it back as a new revision."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Section), pk=version_id)
        if request.method == "POST":
            section = section_recover(version=version, user=request.user)
            messages.success(request, f"“{section}” was recovered with its claims.")
            return redirect(reverse("admin:articles_section_change", args=[section.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Recover “{version.object_repr}”",
            "version": version,
            "old": version.field_dict,
        }
        return TemplateResponse(request, "admin/articles/section/recover.html", context)

    def compare_view(self, request, object_id):
        """The word-level difference between any two versions of a section (?from=ID&to=ID)."""
        section = get_object_or_404(Section, pk=object_id)
        if not self.has_view_or_change_permission(request, section):
            raise PermissionDenied
        versions = Version.objects.get_for_object(section).select_related("revision__user")
        try:
            old = versions.get(pk=int(request.GET.get("from", "")))
            new = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two versions of this section to compare.")
            return redirect(reverse("admin:articles_section_history", args=[section.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Changes to “{section}”",
            "section": section,
            "old": old,
            "new": new,
            "diff": word_diff(old.field_dict["body"], new.field_dict["body"]),
        }
        return TemplateResponse(request, "admin/articles/section/compare.html", context)
