"""Editors' admin for articles and sections. Every save, delete, revert and recovery goes through a
service in ``articles.services``, which opens the revision; reversion's views supply the history list."""

from contextlib import contextmanager

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.admin_import import ArticleImportViews
from articles.errors import EditConflict, SectionGone, TooManyChangedStatements
from articles.forms import (
    ALREADY_IN_TRASH_MESSAGE,
    ALREADY_RECOVERED_MESSAGE,
    EDIT_CONFLICT_MESSAGE,
    MERGED_MESSAGE,
    NO_CHANGES_MESSAGE,
    SECTION_GONE_MESSAGE,
    UNKNOWN_KEY_MESSAGE,
    RevertForm,
    SectionForm,
    renamed_hint,
)
from articles.models import Article, Section
from articles.recent_changes import KINDS, recent_changes
from articles.recent_changes import LIMIT as RECENT_LIMIT
from articles.selectors import article_citation_legend, section_preview
from articles.services import (
    PURGED,
    article_delete,
    article_save,
    articles_delete,
    articles_purge,
    articles_restore,
    section_create,
    section_delete,
    section_recover,
    section_revert,
    section_save,
    sections_delete,
    sections_move,
)
from claims.errors import TooManyTableCells, UnknownCitationKeys
from claims.models import Citation, Claim, ConsistencyFinding, Figure
from textdiff.diffing import word_diff

# The section form's buttons that show the text, unsaved, as readers would see it or as a diff.
PREVIEW, SHOW_CHANGES = "_preview", "_showchanges"
# The query parameter of the public [edit] links: after saving, go back to the article, not the admin's list.
RETURN_TO = "return_to"


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "level", "heading")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class TrashFilter(admin.SimpleListFilter):
    """Articles in use by default; the trash one click away."""

    title = "where"
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", "In the trash")]

    def queryset(self, request, queryset):
        return queryset.in_trash() if self.value() == "yes" else queryset.live()

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "In use",
        }
        yield from list(super().choices(changelist))[1:]


@admin.register(Article)
class ArticleAdmin(ArticleImportViews, admin.ModelAdmin):
    list_display = ("title", "slug", "is_public", "updated_at", "deleted_at")
    list_filter = (TrashFilter, "is_public")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SectionInline]
    actions = ["restore_selected", "purge_selected"]

    def save_model(self, request, obj, form, change):
        article_save(article=obj, user=request.user)

    def delete_model(self, request, obj):
        article_delete(article=obj, user=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        """An article already in the trash has nothing to delete: say so, change nothing."""
        article = self.get_object(request, unquote(object_id))
        if article is not None and article.is_in_trash and self.has_delete_permission(request, article):
            self.message_user(request, ALREADY_IN_TRASH_MESSAGE.format(article=article), messages.INFO)
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        articles_delete(articles=queryset, user=request.user)

    def get_deleted_objects(self, objs, request):
        """Deleting moves to the trash: only the articles themselves are affected, and can come back."""
        return [f"{article} (to the trash: it can be restored)" for article in objs], {}, set(), []

    def get_urls(self):
        recent = path(
            "recent-changes/",
            self.admin_site.admin_view(self.recent_changes_view),
            name="articles_recent_changes",
        )
        log = path(
            "deletion-log/", self.admin_site.admin_view(self.deletion_log_view), name="articles_deletion_log"
        )
        return [recent, log, *super().get_urls()]

    @admin.action(description="Delete the selected articles in the trash for good", permissions=["delete"])
    def purge_selected(self, request, queryset):
        """Empty the trash (or part of it): a confirmation page first, then each article deleted for good
        and recorded in the deletion log. Articles not in the trash are left alone and named."""
        in_trash = list(queryset.in_trash())
        skipped = [article for article in queryset if article.deleted_at is None]
        if request.POST.get("post") == "yes" and in_trash:
            reason = request.POST.get("reason", "").strip()[:200]
            purged = articles_purge(articles=in_trash, user=request.user, reason=reason)
            messages.success(request, f"{len(purged)} article(s) deleted for good; see the deletion log.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Delete articles for good?",
            "articles": in_trash,
            "skipped": skipped,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/purge_confirmation.html", context)

    def deletion_log_view(self, request):
        """Every article deleted for good: who, when, what it held and why."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        entries = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                action_flag=DELETION,
                change_message__startswith=PURGED,
            )
            .select_related("user")
            .order_by("-action_time")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Deletion log",
            "entries": entries,
        }
        return TemplateResponse(request, "admin/articles/article/deletion_log.html", context)

    def recent_changes_view(self, request):
        """Recent changes across articles (edits, review decisions, source changes), for editors and
        reviewers, filtered by article, person and kind."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        chosen = {name: request.GET.get(name, "") for name in ("article", "user", "kind")}
        article_id = int(chosen["article"]) if chosen["article"].isdigit() else None
        user_id = int(chosen["user"]) if chosen["user"].isdigit() else None
        kind = chosen["kind"] if chosen["kind"] in KINDS else ""
        articles = {article.pk: article for article in Article.objects.all()}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Recent changes",
            "rows": [
                (change, articles.get(change.article_id))
                for change in recent_changes(article_id=article_id, user_id=user_id, kind=kind)
            ],
            "articles": articles,
            "people": get_user_model().objects.filter(is_staff=True).order_by("username"),
            "kinds": KINDS,
            "chosen": {"article": article_id, "user": user_id, "kind": kind},
            "limit": RECENT_LIMIT,
        }
        return TemplateResponse(request, "admin/articles/recent_changes.html", context)

    @admin.action(description="Restore the selected articles from the trash", permissions=["delete"])
    def restore_selected(self, request, queryset):
        restored = articles_restore(articles=queryset.in_trash(), user=request.user)
        messages.success(request, f"{len(restored)} article(s) restored.")


@admin.register(Section)
class SectionAdmin(VersionAdmin):
    form = SectionForm
    list_display = ("in_outline", "article", "order", "level", "updated_at", "updated_by")
    list_filter = ("article", "level")
    ordering = ("article", "order")
    actions = ["move_up", "move_down", "delete_selected"]
    search_fields = ("heading", "body")
    list_select_related = ("article", "updated_by")
    readonly_fields = ("version", "updated_at", "updated_by")
    # base_version is a hidden input the template writes itself: in a fieldset it got a label for no control.
    fields = ("article", "order", "heading", "level", "body", "edit_summary")
    change_form_template = "admin/articles/section/change_form.html"
    object_history_template = "admin/articles/section/object_history.html"
    history_latest_first = True

    @contextmanager
    def create_revision(self, request):
        """reversion's hook for the revision its admin views open: none here. The services open the
        revisions (with the editor's summary); one of the admin's own would replace the summary."""
        yield

    def save_model(self, request, obj, form, change):
        summary = form.cleaned_data.get("edit_summary", "")
        if change:
            saved = section_save(
                section=obj,
                body=obj.body,
                heading=obj.heading,
                level=obj.level,
                user=request.user,
                base_version=form.cleaned_data["base_version"],
                comment=summary,
            )
            if saved.merged_with is not None:
                messages.info(request, MERGED_MESSAGE.format(**who_and_when(saved.merged_with)))
            request.unchanged_section = saved.section if saved.is_unchanged else None
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

    def get_changeform_initial_data(self, request):
        """A section added from the sections list filtered by article belongs to that article (the form
        then offers its places: at the end, or after any of its sections)."""
        initial = super().get_changeform_initial_data(request)
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        if "article" not in initial and filters.get("article__id__exact", "").isdigit():
            initial["article"] = filters["article__id__exact"]
        return initial

    def response_change(self, request, obj):
        """After a save from the article's [edit] link (``?return_to=article``), back to the article at the
        section, as on a wiki; from the admin, the admin's usual next page."""
        if request.GET.get(RETURN_TO) == "article" and "_continue" not in request.POST:
            # No "saved" message: the article page (cached, public) shows none, and it would surface later
            # on some admin page.
            return redirect(obj.article.get_absolute_url() + (f"#{obj.anchor}" if obj.level > 0 else ""))
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """A Save that changed nothing says so, not "changed successfully"."""
        unchanged = getattr(request, "unchanged_section", None)
        if unchanged is not None and level == messages.SUCCESS:
            request.unchanged_section = None
            message, level = NO_CHANGES_MESSAGE.format(section=unchanged), messages.INFO
        return super().message_user(request, message, level, *args, **kwargs)

    def delete_model(self, request, obj):
        section_delete(section=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        sections_delete(sections=queryset.select_related("article"), user=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__deleted_at__isnull=True)

    @admin.display(description="section", ordering="order")
    def in_outline(self, section):
        """The heading indented by its level, so the list reads as the article's outline."""
        return format_html("{}{}", "\u2003" * max(section.level - 1, 0), str(section))

    @admin.action(description="Move the selected sections up one place", permissions=["change"])
    def move_up(self, request, queryset):
        self.move(request, queryset.order_by("order"), -1)

    @admin.action(description="Move the selected sections down one place", permissions=["change"])
    def move_down(self, request, queryset):
        self.move(request, queryset.order_by("-order"), 1)

    def move(self, request, sections, by: int):
        moved = sections_move(sections=sections, by=by, user=request.user)
        messages.success(request, f"{moved} section(s) moved, in one revision.")

    def get_deleted_objects(self, objs, request):
        """Claims, citations, figures and consistency findings are derived from the text and go with it:
        deleting a section needs no permission on them (their history is kept, and recovery re-reads them)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        derived = {str(model._meta.verbose_name) for model in (Claim, Citation, Figure, ConsistencyFinding)}
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show the save service's refusals on the form, with the editor's text kept: overlapping edits
        (with a text that keeps the other change), unknown citation keys, a section deleted meanwhile."""
        gone = request.method == "POST" and object_id and not Section.objects.filter(pk=unquote(object_id))
        try:
            if request.method == "POST" and not gone and {PREVIEW, SHOW_CHANGES} & set(request.POST):
                return self.previewed_form(request, object_id, form_url)
            if gone:
                raise SectionGone(int(unquote(object_id)), submitted_body=request.POST.get("body", ""))
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SectionGone as refusal:
            return self.section_gone_view(request, refusal)
        except EditConflict as conflict:
            changes = {"body": conflict.proposed_body, "base_version": conflict.section.version}
            message = EDIT_CONFLICT_MESSAGE.format(**who_and_when(conflict.section))
            return self.refused_form(request, object_id, form_url, None, message, changes, conflict)
        except UnknownCitationKeys as unknown:
            message = UNKNOWN_KEY_MESSAGE.format(keys=", ".join(f"[{key}]" for key in unknown.keys))
            section = Section.objects.filter(pk=unquote(object_id)).values_list("article_id", flat=True)
            hint = renamed_hint(section.first(), unknown.keys) if object_id else ""
            return self.refused_form(request, object_id, form_url, "body", message + hint)
        except (TooManyTableCells, TooManyChangedStatements) as refusal:  # a merge can pass the form's bounds
            return self.refused_form(request, object_id, form_url, "body", str(refusal))

    def previewed_form(self, request, object_id, form_url):
        """Render the submitted form again, saving nothing, with the text as readers would see it
        (*Show preview*) or its word diff against the saved text (*Show changes*), as on a wiki."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        body = request.POST.get("body", "")
        if SHOW_CHANGES in request.POST:
            # A browser sends a textarea's lines ended by CR LF: compared as sent, every line end of a
            # text saved with LF showed as changed.
            body, saved = (text.replace("\r\n", "\n") for text in (body, obj.body if obj else ""))
            return self.refused_form(
                request,
                object_id,
                form_url,
                None,
                None,
                extra={"changes": word_diff(saved, body)},
            )
        chosen = request.POST.get("article", "")  # a new section's article, as the form's select sent it
        article = (
            obj.article
            if obj
            else Article.objects.filter(pk=int(chosen) if chosen.isdigit() else None).first()
        )
        try:
            level = int(request.POST.get("level", obj.level if obj else 1))
        except ValueError:
            level = 1
        preview = article and section_preview(
            article, heading=request.POST.get("heading", ""), level=level, body=body
        )
        return self.refused_form(request, object_id, form_url, None, None, extra={"preview": preview or None})

    def refused_form(
        self, request, object_id, form_url, field, message, changes=None, conflict=None, extra=None
    ):
        """Render the submitted form again with the refusal, the way the admin renders an invalid one."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        data = request.POST.copy()
        for name, value in (changes or {}).items():
            data[name] = value
        form = self.get_form(request, obj, change=obj is not None)(data, request.FILES, instance=obj)
        form.is_valid()
        if message:
            form.add_error(field, message)
        form.conflict = conflict and {
            "section": conflict.section,
            "conflicts": conflict.conflicts,
            # Each passage's two versions word by word: theirs with the words only they have marked,
            # yours with the words only you have, so the difference is seen, not searched for.
            "marked": [(hunk, word_diff(hunk.current, hunk.submitted)) for hunk in conflict.conflicts],
            "submitted_body": conflict.submitted_body,
        }
        admin_form = helpers.AdminForm(
            form,
            list(self.get_fieldsets(request, obj)),
            {} if obj else self.get_prepopulated_fields(request, obj),
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change {self.opts.verbose_name}" if obj else f"Add {self.opts.verbose_name}",
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra or {}),
        }
        return self.render_change_form(
            request, context, add=obj is None, change=obj is not None, obj=obj, form_url=form_url
        )

    def section_gone_view(self, request, refusal: SectionGone):
        """The section was deleted while the editor typed: keep their text and offer to recover with it."""
        deleted = Version.objects.get_deleted(Section).filter(object_id=str(refusal.section_id)).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "This section was deleted",
            "message": SECTION_GONE_MESSAGE,
            "version": deleted,
            "old": deleted.field_dict if deleted else None,
            "submitted_body": refusal.submitted_body,
        }
        return TemplateResponse(request, "admin/articles/section/gone.html", context, status=409)

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
            saved = section_revert(
                section=section, version=version, user=request.user, comment=form.cleaned_data["edit_summary"]
            )
            if saved.is_unchanged:
                messages.info(request, NO_CHANGES_MESSAGE.format(section=saved.section))
            else:
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
        recovered = self.recovered_section(version_id)
        if recovered is not None:  # Back after Recover: the section is there again
            messages.info(request, ALREADY_RECOVERED_MESSAGE.format(section=recovered))
            return redirect(reverse("admin:articles_section_change", args=[recovered.pk]))
        version = get_object_or_404(Version.objects.get_deleted(Section), pk=version_id)
        if request.method == "POST":
            body = request.POST.get("body")  # the text of an editor whose save found the section deleted
            try:
                section = section_recover(version=version, user=request.user, body=body)
            except UnknownCitationKeys as unknown:
                messages.error(
                    request, UNKNOWN_KEY_MESSAGE.format(keys=", ".join(f"[{k}]" for k in unknown.keys))
                )
                return self.section_gone_view(
                    request, SectionGone(int(version.object_id), submitted_body=body)
                )
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

    def recovered_section(self, version_id) -> Section | None:
        """Return the section a deleted version belongs to when it exists again (recovered), else None."""
        version = Version.objects.get_for_model(Section).filter(pk=version_id).first()
        return Section.objects.filter(pk=version.object_id).first() if version else None

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


def who_and_when(section: Section) -> dict:
    """Return who last saved ``section`` and when, for the messages an editor reads in the admin."""
    return {
        "who": section.updated_by.get_username() if section.updated_by else "Someone",
        "when": date_format(timezone.localtime(section.updated_at), "DATETIME_FORMAT"),
    }
