"""The reviewer's queue: the claims changelist, worst first, and a decision page per claim. Decisions go
through ``claims.services.claim_review``; this module only declares and prefetches."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims.errors import ReviewRefused
from claims.flags import FLAG_INFO, FLAG_NAMES
from claims.forms import ReviewForm
from claims.models import QUEUE_ORDERING, Citation, Claim
from claims.services import claim_approve_removal, claim_review
from editorial.diffing import word_diff
from sources.models import Source


class FlagFilter(admin.SimpleListFilter):
    title = "flag"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [(name, f"{name} ({FLAG_INFO[name].label})") for name in FLAG_NAMES]

    def queryset(self, request, queryset):
        return queryset.with_flag(self.value()) if self.value() in FLAG_NAMES else queryset


class SourceFilter(admin.SimpleListFilter):
    """Claims citing a source; listed for the article chosen in the article filter, to stay short."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        article = request.GET.get("section__article__id__exact")
        if not article:
            return []
        return [
            (s.pk, str(s)[:60]) for s in Source.objects.filter(article_id=article).order_by("number", "key")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(citations__source_id=self.value()).distinct()
        return queryset


class RemovalFilter(admin.SimpleListFilter):
    """Removed sentences the reviewed view still shows: their removal awaits a reviewer's approval."""

    title = "removal"
    parameter_name = "removal"
    AWAITING = "awaiting"

    def lookups(self, request, model_admin):
        return [(self.AWAITING, "Removed, awaiting approval")]

    def queryset(self, request, queryset):
        return queryset  # ClaimAdmin.get_queryset reads the parameter: the queue holds current claims only


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ReviewForm
    list_display = ("sentence", "figures_list", "sources_list", "flags_list", "status")
    list_filter = ("status", RemovalFilter, FlagFilter, "section__article", SourceFilter, "section")
    search_fields = ("text",)
    list_per_page = 50
    actions = ["approve_selected", "approve_removal"]
    fieldsets = (
        ("Decision", {"fields": ("status", "note", "note_is_public")}),
        (
            "The claim",
            {
                "fields": (
                    "sentence_with_markers",
                    "approved_wording",
                    "changes_since_decision",
                    "flags_list",
                    "figures_list",
                )
            },
        ),
        ("Its sources", {"fields": ("sources_detail",)}),
        ("In context", {"fields": ("paragraph_context", "section", "wording_by", "decision")}),
    )
    readonly_fields = (
        "sentence_with_markers",
        "approved_wording",
        "changes_since_decision",
        "flags_list",
        "figures_list",
        "sources_detail",
        "paragraph_context",
        "section",
        "wording_by",
        "decision",
    )

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the queue's annotations exist.
        citations = Citation.objects.select_related("source").order_by("is_inferred", "position")
        removals = request.GET.get(RemovalFilter.parameter_name) == RemovalFilter.AWAITING
        claims = Claim.objects.removals_to_approve() if removals else Claim.objects.active()
        return (
            claims.queue_order()
            .select_related("section__article", "wording_by", "reviewed_by")
            .prefetch_related(Prefetch("citations", queryset=citations), "figures")
        )

    def get_object(self, request, object_id, from_field=None):
        # A removed sentence has its page too (its approved wording, its history); the queue lists current
        # claims only, and a decision on a removed one is refused by the service.
        return (
            Claim.objects.select_related("section__article").filter(pk=object_id).first()
            if str(object_id).isdigit()
            else None
        )

    def get_ordering(self, request):
        # The changelist replaces a queryset's ordering with the admin's; the queue's order uses the
        # annotations of ``queue_order``, which the ``ordering`` attribute's checks would not accept.
        return QUEUE_ORDERING

    # Who may do what: reviewers decide (change), nobody adds or deletes derived claims here.
    def has_review_permission(self, request):
        return request.user.has_perm("claims.review_claim")

    def has_change_permission(self, request, obj=None):
        return self.has_review_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class ReviewerForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, reviewer=request.user, **inner)

        return ReviewerForm

    def save_model(self, request, obj, form, change):
        claim_review(
            claim=obj,
            reviewer=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            note_is_public=form.cleaned_data.get("note_is_public", False),
        )

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, f"Decided: {obj.get_status_display()}")

    @admin.action(description="Approve the selected claims", permissions=["review"])
    def approve_selected(self, request, queryset):
        approved, refused = 0, []
        for claim in queryset:
            try:
                claim_review(claim=claim, reviewer=request.user, status=Claim.Status.APPROVED)
                approved += 1
            except ReviewRefused as refusal:
                refused.append(f"#{claim.pk}: {refusal}")
        messages.success(request, f"{approved} claim(s) approved.")
        if refused:
            messages.warning(request, f"{len(refused)} not approved — " + " ".join(refused))

    @admin.action(description="Approve the removal of the selected removed sentences", permissions=["review"])
    def approve_removal(self, request, queryset):
        approved, refused = 0, []
        for claim in queryset:
            try:
                claim_approve_removal(claim=claim, reviewer=request.user)
                approved += 1
            except ReviewRefused as refusal:
                refused.append(f"#{claim.pk}: {refusal}")
        messages.success(request, f"{approved} removal(s) approved.")
        if refused:
            messages.warning(request, f"{len(refused)} not approved — " + " ".join(refused))

    @admin.display(description="approved wording (what the reviewed view shows)")
    def approved_wording(self, claim):
        if not claim.approved_raw:
            return "none: no wording of this sentence is approved, so the reviewed view leaves it out"
        state = (
            "the same as the current wording"
            if not claim.changed_since_approval
            else "differs from the current"
        )
        when = f"{claim.approved_at:%Y-%m-%d %H:%M}" if claim.approved_at else "?"
        return format_html(
            "<q>{}</q><br>approved by {} at {} — {}",
            claim.approved_raw,
            claim.approved_by or "?",
            when,
            state,
        )

    @admin.display(description="sentence")
    def sentence(self, claim):
        return claim.text

    @admin.display(description="sentence as written")
    def sentence_with_markers(self, claim):
        return claim.raw

    @admin.display(description="figures")
    def figures_list(self, claim):
        return ", ".join(figure.text for figure in claim.figures.all()) or "—"

    @admin.display(description="sources")
    def sources_list(self, claim):
        citations = claim.citations.all()
        return " ".join(f"[{c.source.key}]" + ("?" if c.is_inferred else "") for c in citations) or "—"

    @admin.display(description="flags")
    def flags_list(self, claim):
        return (
            format_html_join(
                " ",
                '<span class="flag flag-{}" title="{}">{}</span>',
                ((name, FLAG_INFO[name].reason, name) for name in claim.flag_names),
            )
            or "—"
        )

    @admin.display(description="sources cited")
    def sources_detail(self, claim):
        rows = [
            (
                source.key,
                " (inferred from the next citation in the paragraph)" if citation.is_inferred else "",
                source.title or source.PLACEHOLDER_TITLE,
                ", ".join(filter(None, [source.publisher, source.author])) or "publisher unknown",
                source.get_kind_display(),
                source.get_reliability_display(),
                source.url or "no URL",
            )
            for citation in claim.citations.all()
            for source in [citation.source]
        ]
        if not rows:
            return "No source: this claim is unsourced."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>[{}]{} <strong>{}</strong> — {}; {}; rated {}; {}</li>", rows),
        )

    @admin.display(description="paragraph")
    def paragraph_context(self, claim):
        siblings = claim.section.claims.active().filter(paragraph=claim.paragraph).order_by("position")
        return format_html_join(
            " ",
            "{}",
            (((format_html("<mark>{}</mark>", c.raw) if c.pk == claim.pk else c.raw),) for c in siblings),
        )

    @admin.display(description="changed since the last decision")
    def changes_since_decision(self, claim):
        if not claim.decided_raw or claim.decided_raw == claim.raw:
            return "—"
        return render_to_string("includes/diff.html", {"diff": word_diff(claim.decided_raw, claim.raw)})

    @admin.display(description="last decision")
    def decision(self, claim):
        if not claim.reviewed_by:
            return "none on this wording"
        return f"{claim.get_status_display()} by {claim.reviewed_by} at {claim.reviewed_at:%Y-%m-%d %H:%M}"
