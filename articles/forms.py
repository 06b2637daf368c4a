from django import forms
from django.conf import settings

from articles.errors import TooManyChangedStatements
from articles.models import Section
from articles.selectors import renamed_keys
from claims.errors import TooManyTableCells
from claims.sentences import changed_statement_count, table_cell_count

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

ORDER_HELP = (
    "Leave empty to add the section at the end of the article, or give its position: 0 is the lead, and "
    "the sections from that position on move down one place."
)
PLACE_HELP = "Where the new section goes; the sections after it move down one place."
ALREADY_RECOVERED_MESSAGE = "“{section}” has already been recovered: this is the section as it is now."

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
        elif "order" in self.fields:  # a new section goes at the end unless the editor says where
            self.fields["order"].required = False
            self.fields["order"].help_text = ORDER_HELP
            places = self.places(self.data.get("article") or self.initial.get("article"))
            if places:
                self.fields["order"].widget = forms.Select(choices=places)
                self.fields["order"].label = "Place"
                self.fields["order"].help_text = PLACE_HELP

    @staticmethod
    def places(article) -> list[tuple[str, str]]:
        """Return where a new section of ``article`` may go: at the end (the default), or after any of its
        sections, in article order; [] when the article is not known yet (a number is typed then)."""
        article_id = getattr(article, "pk", article)
        if not str(article_id or "").isdigit():
            return []
        sections = Section.objects.filter(article_id=article_id).order_by("order").only("heading", "order")
        after = [(str(section.order + 1), f"After “{section.heading or 'Lead'}”") for section in sections]
        return [("", "At the end of the article"), *after] if after else []

    def clean_body(self):
        """Refuse tables larger than a page shows before any save (the save service refuses them too)."""
        body = self.cleaned_data["body"]
        cells = table_cell_count(body)
        if cells > settings.VERITY_TABLE_MAX_CELLS:
            limit = settings.VERITY_TABLE_MAX_CELLS
            heading = self.cleaned_data.get("heading") or self.instance.heading
            message = TooManyTableCells(heading, cells, limit).args[0]
            raise forms.ValidationError(message + " Your text has not been saved.")
        if self.instance.pk:
            changed = changed_statement_count(self.instance.body, body)
            if changed > settings.VERITY_SAVE_MAX_CHANGED:
                limit = settings.VERITY_SAVE_MAX_CHANGED
                raise forms.ValidationError(
                    str(TooManyChangedStatements(self.instance.heading, changed, limit))
                )
        return body


class RevertForm(forms.Form):
    edit_summary = forms.CharField(max_length=200, required=False, help_text="Optional: why you revert.")


IMPORT_FORMAT_CHOICES = (
    ("", "Tell from the file"),
    ("text", "Plain text"),
    ("wikitext", "Wikitext (MediaWiki)"),
)
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ArticleImportForm(forms.Form):
    """An article file to import: the plain-text format or wikitext, into the article at ``slug``."""

    file = forms.FileField(help_text="UTF-8 text: the plain-text format, or wikitext as a wiki stores it.")
    format = forms.ChoiceField(
        choices=IMPORT_FORMAT_CHOICES,
        required=False,
        help_text="Left as is, a .wiki file, or one holding wiki markup (<ref>, {{templates}}), is read as "
        "wikitext.",
    )
    slug = forms.SlugField(max_length=120, help_text="The article's address: /articles/<slug>/.")
    title = forms.CharField(max_length=300, required=False, help_text="Leave empty to keep or make one.")
    force = forms.BooleanField(
        required=False,
        label="Import over edits made since the last import",
        help_text="The edits stay in the history.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
        return upload
