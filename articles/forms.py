from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Section
from articles.selectors import renamed_keys
from claims.services import unknown_keys
from editorial.diffing import word_diff

EDIT_CONFLICT_MESSAGE = (
    "{who} changed this section at {when}, after you opened it. Your text is kept below and nothing "
    "was saved. The difference from the current text to yours is shown above the form: carry your "
    "changes over if you want them, then save again."
)
UNKNOWN_KEY_MESSAGE = (
    "Unknown citation key {keys}: no source of this article has that key. Add the source first, or "
    "correct the key. Your text has not been saved."
)

RENAMED_KEY_HINT = " [{old}] was renamed [{new}]: cite it as [{new}]."


def renamed_hint(article, keys) -> str:
    """Say which of ``keys`` were renamed since (a form opened before a rename still cites the old key)."""
    renamed = renamed_keys(article.pk)
    return "".join(RENAMED_KEY_HINT.format(old=key, new=renamed[key]) for key in keys if key in renamed)


class SectionForm(forms.ModelForm):
    """The editor's form: the text plus the version it was opened at, so a stale save is refused."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    edit_summary = forms.CharField(
        max_length=200,
        required=False,
        help_text="Optional: say briefly what you changed and why, as on a wiki.",
    )

    class Meta:
        model = Section
        fields = ["article", "order", "heading", "level", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "cols": 110})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            for name in ("article", "order"):
                if name in self.fields:  # absent from view-only forms, where every field is read-only
                    self.fields[name].disabled = True

    def clean_body(self):
        body = self.cleaned_data["body"]
        article = self.cleaned_data.get("article") or getattr(self.instance, "article", None)
        missing = unknown_keys(article=article, body=body) if article else ()
        if missing:
            message = UNKNOWN_KEY_MESSAGE.format(keys=", ".join(f"[{key}]" for key in missing))
            raise forms.ValidationError(message + renamed_hint(article, missing), code="unknown_key")
        return body

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Lock the row until the admin's transaction ends (PostgreSQL), so a concurrent save waits
            # here and then sees the new version, instead of failing later in the service. The article
            # first: every write locks it before its sections (editorial.work), so a save and a change
            # to the whole article (a key rename, an import) queue instead of deadlocking.
            Article.objects.select_for_update().filter(pk=self.instance.article_id).values_list("pk").first()
            current = (
                Section.objects.select_for_update(of=("self",))
                .select_related("updated_by")
                .get(pk=self.instance.pk)
            )
            if cleaned.get("base_version") != current.version:
                self.report_conflict(current, cleaned.get("body", self.data.get("body", "")))
        return cleaned

    def report_conflict(self, current: Section, submitted_body: str) -> None:
        """Refuse the save, keep the editor's text, and say who changed the section and when."""
        who = current.updated_by.get_username() if current.updated_by else "Someone"
        when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        self.conflict = {"current": current, "diff": word_diff(current.body, submitted_body)}
        # A second save after reading the difference is a deliberate choice, so it may go through.
        data = self.data.copy()
        data["base_version"] = current.version
        self.data = data
        self.add_error(
            None,
            forms.ValidationError(EDIT_CONFLICT_MESSAGE.format(who=who, when=when), code="edit_conflict"),
        )


class RevertForm(forms.Form):
    edit_summary = forms.CharField(max_length=200, required=False, help_text="Optional: why you revert.")
