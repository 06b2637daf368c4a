from django import forms
from django.db import models

from sources.keys import BAD_KEY_MESSAGE, DOTS_KEY_MESSAGE, key_problem  # noqa: F401  (messages the tests import)
from sources.models import Source

RENAME_HELP = "How the body cites this source. To change it in every section at once, use “Rename key”."
DUPLICATE_KEY_MESSAGE = "This article already has a source with the key [{key}]."


def https_url_formfield(db_field, **kwargs):
    """A URL typed without a scheme is read as https://, as Django 6 will do."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        formfield_callback = https_url_formfield
        fields = [
            "article",
            "key",
            "title",
            "publisher",
            "author",
            "work",
            "url",
            "published_on",
            "published_text",
            "accessed_on",
            "archive_url",
            "archived_on",
            "url_status",
            "pages",
            "isbn",
            "doi",
            "quote",
            "kind",
            "reliability",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Bodies cite sources by key, so a key changes only with the text that cites it.
            for name in ("article", "key"):
                if name in self.fields:  # absent from view-only forms, where every field is read-only
                    self.fields[name].disabled = True
            if "key" in self.fields:
                self.fields["key"].help_text = RENAME_HELP

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        problem = key_problem(key)
        if problem:
            raise forms.ValidationError(problem, code="bad_key")
        return key

    def clean(self):
        cleaned = super().clean()
        article, key = cleaned.get("article"), cleaned.get("key")
        if (
            not self.instance.pk
            and article
            and key
            and Source.objects.filter(article=article, key=key).exists()
        ):
            self.add_error("key", DUPLICATE_KEY_MESSAGE.format(key=key))
        return cleaned


class SnapshotUploadForm(forms.Form):
    file = forms.FileField(help_text="An HTML page, a PDF or a plain-text file, as saved from the source.")


class SnapshotPasteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        max_length=2_000_000,
        help_text="The source's text, for a paywalled or offline source. Stored as plain text.",
    )


class AcceptMetadataForm(forms.Form):
    snapshot = forms.IntegerField(widget=forms.HiddenInput)
    fields = forms.MultipleChoiceField(
        choices=[(name, name) for name in ("title", "author", "publisher", "published_on")],
        widget=forms.CheckboxSelectMultiple,
    )


class RenameKeyForm(forms.Form):
    new_key = forms.CharField(
        max_length=64, help_text="Letters, digits and - _ . : only. Every marker of the old key is rewritten."
    )
    edit_summary = forms.CharField(max_length=200, required=False, help_text="Optional: why you rename it.")
