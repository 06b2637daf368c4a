import re

from django import forms
from django.db import models

from sources.models import Source

KEY_PATTERN = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")
BAD_KEY_MESSAGE = "A key is 1 to 64 letters, digits or - _ . : with no spaces, e.g. unhcr-2024."
RENAME_HELP = "How the body cites this source. To change it in every section at once, use “Rename key”."
DUPLICATE_KEY_MESSAGE = "This article already has a source with the key [{key}]."


def key_refusal(key: str) -> str | None:
    """Return why ``key`` cannot be a source key, or None. The form and key renaming share the rule."""
    return None if KEY_PATTERN.fullmatch(key) else BAD_KEY_MESSAGE


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
        refusal = key_refusal(key)
        if refusal:
            raise forms.ValidationError(refusal)
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
