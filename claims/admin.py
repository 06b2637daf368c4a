"""The reviewer's queue: the claims changelist, worst first, and a decision page per claim. Decisions go
through ``claims.services`` (``claim_decide`` with the passages confirmed beside it, ``claims_approve`` for
the bulk action, ``claim_approve_removal``); this module only declares, prefetches, parses and routes."""

import copy
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims.errors import PassageRefused, ReviewRefused
from claims.flags import FLAG_INFO, FLAG_NAMES
from claims.forms import ReviewForm
from claims.models import QUEUE_ORDERING, Citation, Claim
from claims.services import claim_approve_removal, claim_decide, claims_approve, wording_fingerprint
from claims.workbench import claim_workbench, posted_passages, with_posted
from sources.models import Source
from textdiff.diffing import word_diff

QUEUE_TITLE = "Review queue"
NOT_SHOWN = (
    "{count} selected claim(s) were not on the page you saw and were not approved: approve only what you "
    "have read."
)
NEXT_IN_QUEUE = "Here is the next claim in the queue that you may decide."
DECIDE_TITLE = "Decide this claim"
NOTHING_LEFT = "Nothing else in the queue is waiting for your decision."
REMOVALS_WAITING = (
    "{count} removed sentence(s) still show in the reviewed view until a reviewer approves their removal."
)
PASSAGES_ONLY = (
    "Confirmed {count} passage(s) and checked the figures again; no decision was recorded: decide the "
    "claim when you are ready."
)


def citations_of(claim):
    """The claim's citations with their sources: prefetched on the pages, read in one query on the page
    of a refused decision (whose claim is read alone, see ClaimAdmin.get_object)."""
    if "citations" in getattr(claim, "_prefetched_objects_cache", {}):
        return claim.citations.all()
    return claim.citations.select_related("source").order_by("is_inferred", "position")


class StatusFilter(admin.SimpleListFilter):
    """Status, unreviewed unless another is chosen: the queue opens on what is waiting. "All" is a
    choice of its own, since the admin's usual "All" (no parameter) now means the default."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        # Removed sentences keep the status of their last decision: listing them, the default is "All".
        self.default = self.ALL if "removal" in request.GET else Claim.Status.UNREVIEWED

    def lookups(self, request, model_admin):
        return [*Claim.Status.choices, (self.ALL, "All")]

    def value(self):
        value = super().value()
        return value if value in {*Claim.Status.values, self.ALL} else self.default

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class FlagFilter(admin.SimpleListFilter):
    title = "flag"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [(name, FLAG_INFO[name].label) for name in FLAG_NAMES]

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


class SectionFilter(admin.SimpleListFilter):
    """Claims of one section, listed for the article chosen in the article filter (every article's
    sections together would repeat headings and leads), in article order, each with its heading."""

    title = "section"
    parameter_name = "section__id__exact"  # the name the admin's own filter used: old links still work
    LEAD = "Lead (before the first heading)"

    def lookups(self, request, model_admin):
        section_model = Claim._meta.get_field("section").related_model
        article = request.GET.get("section__article__id__exact", "")
        chosen = request.GET.get(self.parameter_name, "")
        if not article.isdigit() and chosen.isdigit():  # a link to one section: its article's sections
            found = section_model.objects.filter(pk=chosen).values_list("article_id", flat=True).first()
            article = str(found)
        if not article.isdigit():
            return []
        sections = section_model.objects.filter(article_id=article)
        return [
            (pk, ("\u2003" * max(level - 1, 0)) + (heading or self.LEAD))
            for pk, heading, level in sections.order_by("order").values_list("pk", "heading", "level")
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        return queryset.filter(section_id=value) if value.isdigit() else queryset


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
    list_display = ("sentence", "section_heading", "figures_list", "sources_list", "flags_list", "status")
    list_filter = (StatusFilter, RemovalFilter, FlagFilter, "section__article", SourceFilter, SectionFilter)
    search_fields = ("text",)
    list_per_page = 50
    actions = ["approve_selected", "approve_removal"]
    index_name = QUEUE_TITLE  # the admin index's entry (config.admin.VeritySite)
    change_form_template = "admin/claims/claim/change_form.html"
    change_list_template = "admin/claims/claim/change_list.html"
    fieldsets = (
        # The form's hidden ``seen_raw`` is written by the template (a fieldset row would label it).
        ("Decision", {"fields": ("status", "note", "note_is_public", "approve_anyway")}),
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
        ("The evidence: what each cited source says", {"fields": ("evidence_workbench",)}),
        ("In context", {"fields": ("paragraph_context", "section", "wording_by", "decision")}),
    )
    readonly_fields = (
        "sentence_with_markers",
        "approved_wording",
        "changes_since_decision",
        "flags_list",
        "figures_list",
        "sources_detail",
        "evidence_workbench",
        "paragraph_context",
        "section",
        "wording_by",
        "decision",
    )

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the queue's annotations exist.
        citations = Citation.objects.select_related("source").order_by("is_inferred", "position")
        removals = request.GET.get(RemovalFilter.parameter_name) == RemovalFilter.AWAITING
        claims = Claim.objects.removals_to_approve() if removals else Claim.objects.in_review()
        return (
            claims.queue_order()
            .select_related("section__article", "wording_by", "reviewed_by")
            .prefetch_related(Prefetch("citations", queryset=citations), "figures")
        )

    def get_object(self, request, object_id, from_field=None):
        if request.method != "POST" or from_field is not None:
            found = super().get_object(request, object_id, from_field)
            if found is None and from_field is None and str(object_id).isdigit():
                # A removed sentence has its page too (its approved wording, its history); the queue lists
                # current claims only, and a decision on a removed one is refused by the service.
                removed = Claim.objects.filter(pk=object_id, retired_at__isnull=False)
                found = removed.select_related("section__article").first()
            return found
        # A decision reads the claim alone: the queue's annotations and prefetches serve the pages (a
        # refused form's page reads citations and figures as it shows them).
        claims = Claim.objects.in_review().select_related("section__article", "wording_by", "reviewed_by")
        return claims.filter(pk=object_id).first() if str(object_id).isdigit() else None

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

    def changelist_view(self, request, extra_context=None):
        # An action the user may not run is refused as such (403), not dropped with "No action selected".
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action not in self.get_actions(request):
            raise PermissionDenied
        context = {"title": QUEUE_TITLE, **self.removals_notice(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def removals_notice(self, request) -> dict:
        """The count of removed sentences awaiting a removal approval (in the chosen article) and the
        link listing them: shown above the queue, which lists current sentences only, so they are never
        out of sight behind a filter."""
        if RemovalFilter.parameter_name in request.GET:
            return {}
        removals = Claim.objects.removals_to_approve()
        query = {RemovalFilter.parameter_name: RemovalFilter.AWAITING}
        article = request.GET.get("section__article__id__exact", "")
        if article.isdigit():
            removals = removals.filter(section__article_id=article)
            query["section__article__id__exact"] = article
        count = removals.count()
        if not count:
            return {}
        return {"removals_waiting": REMOVALS_WAITING.format(count=count), "removals_query": urlencode(query)}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None and self.has_review_permission(request):
            extra_context = {"title": DECIDE_TITLE, **(extra_context or {})}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ReviewRefused:
            # The form checked the rules and the wording, then a change committed before the service
            # locked the claim; nothing was recorded (the view's transaction rolled back). Running the
            # view again lets the form see that change and show it, keeping what the reviewer typed.
            if request.method != "POST" or object_id is None:
                raise
        except PassageRefused as refusal:
            # The form checked the passages, then the source's text changed before the service confirmed
            # them: nothing was recorded.
            return self.refused(request, refusal)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ReviewRefused, PassageRefused) as refusal:
            return self.refused(request, refusal)

    def refused(self, request, refusal):
        self.message_user(request, str(refusal), messages.ERROR)
        return redirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        # The passages ticked and the decision, if any, are recorded together by the service.
        decided = claim_decide(
            claim=obj,
            reviewer=request.user,
            passages=posted_passages(obj, request.POST),
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            seen_raw=form.cleaned_data["seen_raw"],
            note_is_public=form.cleaned_data.get("note_is_public", False),
            approve_failing=form.cleaned_data.get("approve_anyway", False),
        )
        obj.passages_confirmed = decided.passages_confirmed
        # The admin goes on with ``obj`` (change log, messages): it must say what was recorded.
        for name in ("status", "review_note", "reviewed_by", "reviewed_at", "decided_raw", "flags"):
            setattr(obj, name, getattr(decided.claim, name))

    def log_change(self, request, obj, message):
        if not request.POST.get("status"):
            return super().log_change(request, obj, PASSAGES_ONLY.format(count=obj.passages_confirmed))
        return super().log_change(request, obj, f"Decided: {obj.get_status_display()}")

    def response_change(self, request, obj):
        """After a decision: say what was recorded and open the next claim the reviewer may decide. After
        passages alone: say so and stay on the claim, its figures checked again, to decide it."""
        if not request.POST.get("status"):
            self.message_user(request, PASSAGES_ONLY.format(count=obj.passages_confirmed), messages.SUCCESS)
            return redirect(request.get_full_path())
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, f"Recorded: {obj.get_status_display()} — “{obj}”.", messages.SUCCESS)
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        following = self.next_in_queue(request, obj)
        if following is None:
            self.message_user(request, NOTHING_LEFT, messages.INFO)
            return redirect(add_preserved_filters(preserved, reverse("admin:claims_claim_changelist")))
        self.message_user(request, NEXT_IN_QUEUE, messages.INFO)
        url = reverse("admin:claims_claim_change", args=[following])
        return redirect(add_preserved_filters(preserved, url))

    def next_in_queue(self, request, decided):
        """The id of the first claim in queue order that ``request.user`` may decide (not their own
        wording) among those the queue's filters and search listed: unreviewed ones of the unfiltered
        queue, or those of the flag, article, section, source or status the reviewer filtered to."""
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        claims = self.queue_as_filtered(request, filters) if filters else None
        if claims is None:
            claims = Claim.objects.in_review().filter(status=Claim.Status.UNREVIEWED).queue_order()
        claims = claims.filter(retired_at__isnull=True).exclude(pk=decided.pk)
        claims = claims.exclude(wording_by=request.user)
        return claims.values_list("pk", flat=True).first()

    def queue_as_filtered(self, request, filters):
        """The queue's claims as its changelist lists them with ``filters`` (the same filter classes and
        search), in queue order; None when the filters are not ones the queue accepts."""
        listing = copy.copy(request)
        listing.method, listing.GET = "GET", filters
        try:
            changelist = self.get_changelist_instance(listing)
        except (IncorrectLookupParameters, DisallowedModelAdminLookup):
            return None
        return changelist.get_queryset(listing)

    @admin.action(description="Approve the selected claims", permissions=["review"])
    def approve_selected(self, request, queryset):
        """Approve the selected claims whose wording is the one the queue page showed (the rules are
        ``claims_approve``'s): each row carries the fingerprint of its wording (``seen``)."""
        shown = {}
        for value in request.POST.getlist("seen"):
            pk, _, fingerprint = value.partition(":")
            if pk.isdigit():
                shown[int(pk)] = fingerprint
        result = claims_approve(
            claim_ids=queryset.values_list("pk", flat=True), reviewer=request.user, seen=shown
        )
        messages.success(request, f"{len(result.approved)} claim(s) approved.")
        if result.refused:
            refused = " ".join(f"#{pk}: {why}" for pk, why in result.refused)
            messages.warning(request, f"{len(result.refused)} not approved — " + refused)
        if result.unseen:
            messages.warning(request, NOT_SHOWN.format(count=len(result.unseen)))

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
        # The row carries the fingerprint of the wording it shows, for approve_selected.
        return format_html(
            '{}<input type="hidden" name="seen" value="{}:{}">',
            claim.text,
            claim.pk,
            wording_fingerprint(claim.raw),
        )

    @admin.display(description="section", ordering="section__order")
    def section_heading(self, claim):
        return f"{claim.section.article} › {claim.section}"

    @admin.display(description="sentence as written")
    def sentence_with_markers(self, claim):
        return claim.raw

    @admin.display(description="figures")
    def figures_list(self, claim):
        return ", ".join(figure.text for figure in claim.figures.all()) or "—"

    @admin.display(description="sources")
    def sources_list(self, claim):
        citations = citations_of(claim)
        return " ".join(f"[{c.source.key}]" + ("?" if c.is_inferred else "") for c in citations) or "—"

    @admin.display(description="flags")
    def flags_list(self, claim):
        return (
            format_html_join(
                " ",
                '<span class="flag flag-{}" title="{}">{}</span>',
                ((name, FLAG_INFO[name].reason, FLAG_INFO[name].label) for name in claim.flag_names),
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
            for citation in citations_of(claim)
            for source in [citation.source]
        ]
        if not rows:
            return "No source: this claim is unsourced."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>[{}]{} <strong>{}</strong> — {}; {}; rated {}; {}</li>", rows),
        )

    @admin.display(description="passages and verdicts")
    def evidence_workbench(self, claim):
        workbench = with_posted(claim_workbench(claim), getattr(claim, "workbench_input", None))
        return render_to_string("admin/claims/workbench.html", {"workbench": workbench})

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


from claims import admin_findings  # noqa: E402, F401  (the conflicts queue registers itself)
