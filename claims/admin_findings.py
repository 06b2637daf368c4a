"""The reviewers' conflicts queue: statements of one article that give different values for the same
quantity — conflicts, estimates that differ and possible conflicts (which readers see only once a reviewer
confirms them) — and, listed apart, those that agree. Resolutions go through
``claims.findings.finding_resolve``; this module only declares, prefetches and renders."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from claims.errors import ReviewRefused
from claims.findings import RESOLUTIONS, finding_resolve
from claims.models import ConsistencyFinding

Status = ConsistencyFinding.Status


class ResolutionForm(forms.ModelForm):
    """A reviewer's resolution: real conflict, different quantities or consistent, with a note."""

    status = forms.ChoiceField(choices=[(s.value, s.label) for s in RESOLUTIONS], widget=forms.RadioSelect)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))

    class Meta:
        model = ConsistencyFinding
        fields = ["status", "note"]

    def _post_clean(self):
        # The service writes the finding (history, flags); the form must not touch the instance.
        pass


Kind = ConsistencyFinding.Kind
AGREEMENTS = "agreements"


class OpenFirst(admin.SimpleListFilter):
    """Open disagreements by default: the queue is what is left to resolve. Agreements need no
    resolution: they are listed apart ("Agreements"), never among the open conflicts."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (Status.OPEN, "Open conflicts"),
            *((value, label) for value, label in Status.choices if value != Status.OPEN),
            (AGREEMENTS, "Agreements"),
            ("all", "All"),
        ]

    def choices(self, changelist):
        value = self.value() or Status.OPEN
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or Status.OPEN
        if value == "all":
            return queryset
        if value == AGREEMENTS:
            return queryset.filter(kind=Kind.AGREEMENT)
        return queryset.filter(status=value).exclude(kind=Kind.AGREEMENT)


@admin.register(ConsistencyFinding)
class ConsistencyFindingAdmin(admin.ModelAdmin):
    form = ResolutionForm
    list_display = ("kind_label", "article", "first_statement", "values", "second_statement", "why", "status")
    list_filter = (OpenFirst, "kind", "article")
    list_select_related = ("first_claim", "second_claim", "article")
    list_per_page = 50
    actions = ["mark_confirmed", "mark_dismissed", "mark_consistent"]
    fieldsets = (
        (
            "The two statements",
            {"fields": ("article", "kind_label", "first_statement", "second_statement", "why")},
        ),
        ("Resolution", {"fields": ("status", "note", "resolution")}),
    )
    readonly_fields = ("article", "kind_label", "first_statement", "second_statement", "why", "resolution")

    # Conflicts before agreements, then article order.
    ordering = ("-kind", "article", "first_claim__section__order", "first_claim__position")

    def has_review_permission(self, request):
        return request.user.has_perm("claims.review_claim")

    def has_view_permission(self, request, obj=None):
        return self.has_review_permission(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_review_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        finding_resolve(
            finding=obj, user=request.user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )

    def resolve_selected(self, request, queryset, status: str) -> None:
        done, refused = 0, []
        for finding in queryset:
            try:
                finding_resolve(finding=finding, user=request.user, status=status)
                done += 1
            except ReviewRefused as refusal:
                refused.append(f"#{finding.pk}: {refusal}")
        messages.success(request, f"{done} finding(s) marked “{Status(status).label}”.")
        if refused:
            messages.warning(request, " ".join(refused))

    @admin.action(description="Real conflict (then dispute or edit a statement)", permissions=["review"])
    def mark_confirmed(self, request, queryset):
        self.resolve_selected(request, queryset, Status.CONFIRMED)

    @admin.action(
        description="Different quantities (not raised again while both are unchanged)", permissions=["review"]
    )
    def mark_dismissed(self, request, queryset):
        self.resolve_selected(request, queryset, Status.DISMISSED)

    @admin.action(description="Consistent", permissions=["review"])
    def mark_consistent(self, request, queryset):
        self.resolve_selected(request, queryset, Status.CONSISTENT)

    @admin.display(description="first statement")
    def first_statement(self, finding):
        return self.statement(finding.first_claim, finding.first_value)

    @admin.display(description="second statement")
    def second_statement(self, finding):
        return self.statement(finding.second_claim, finding.second_value)

    @staticmethod
    def statement(claim, value: str):
        """The sentence with its value marked, linked to the claim's review page."""
        text = claim.text
        at = text.find(value)
        if at < 0:
            body = format_html("{} (<mark>{}</mark>)", text, value)
        else:
            body = format_html("{}<mark>{}</mark>{}", text[:at], value, text[at + len(value) :])
        link = reverse("admin:claims_claim_change", args=[claim.pk])
        return format_html('<a href="{}">#{}</a> {}', link, claim.pk, body)

    @admin.display(description="kind", ordering="kind")
    def kind_label(self, finding):
        """What the pair is, in the words readers would see once it is shown."""
        if finding.kind == Kind.POSSIBLE:
            return "Possible conflict (readers do not see it unless you confirm it)"
        if finding.kind == Kind.ESTIMATES:
            return "Estimates differ (two sources' figures; readers see both)"
        return finding.get_kind_display()

    @admin.display(description="why they were paired")
    def why(self, finding):
        return finding.reason

    @admin.display(description="values")
    def values(self, finding):
        return f"{finding.first_value} / {finding.second_value}"

    @admin.display(description="resolved")
    def resolution(self, finding):
        if not finding.resolved_by:
            return "not yet"
        return (
            f"{finding.get_status_display()} by {finding.resolved_by} at {finding.resolved_at:%Y-%m-%d %H:%M}"
        )
