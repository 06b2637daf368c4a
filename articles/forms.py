from django import forms

from articles.models import Section
from articles.selectors import renamed_keys

EDIT_CONFLICT_MESSAGE = (
    "{who} changed this section at {when}, after you opened it, and some of their changes touch the same "
    "sentences as yours. Nothing was saved. The text below now holds their version of those sentences and "
    "all your other changes; your version of each is shown beside theirs above the form. Copy over what you "
    "want to keep from yours, then save."
)
MERGED_MESSAGE = (
    "{who} changed this section at {when}, after you opened it. Your changes touched other sentences, so "
    "both were saved together in one revision (merged)."
)
SECTION_GONE_MESSAGE = (
    "This section was deleted after you opened it, so nothing was saved. Your text is kept below: recover "
    "the section with it, or copy it elsewhere."
)
NO_CHANGES_MESSAGE = "No changes: “{section}” already has this text, so nothing was saved (no new revision)."
ALREADY_IN_TRASH_MESSAGE = "No changes: “{article}” is already in the trash."
UNKNOWN_KEY_MESSAGE = (
    "Unknown citation key {keys}: no source of this article has that key. Add the source first, or "
    "correct the key. Your text has not been saved."
)

RENAMED_KEY_HINT = " [{old}] was renamed [{new}]: cite it as [{new}]."


def renamed_hint(article_id: int, keys) -> str:
    """Say which of ``keys`` were renamed since (a form opened before a rename still cites the old key)."""
    renamed = renamed_keys(article_id)
    return "".join(RENAMED_KEY_HINT.format(old=key, new=renamed[key]) for key in keys if key in renamed)


class SectionForm(forms.ModelForm):
    """The editor's form: the text plus the version it was opened at. The save service merges with, or
    refuses against, whatever was saved since; the admin shows its refusals on this form."""

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
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            self.fields["base_version"].required = True  # without it a save could not be merged
            for name in ("article", "order"):
                if name in self.fields:  # absent from view-only forms, where every field is read-only
                    self.fields[name].disabled = True


class RevertForm(forms.Form):
    edit_summary = forms.CharField(max_length=200, required=False, help_text="Optional: why you revert.")
