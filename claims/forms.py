from django import forms

from claims.models import Claim
from claims.services import DECISIONS, review_refusal


class ReviewForm(forms.ModelForm):
    """A reviewer's decision: ``status`` and ``note``. The rules live in ``claims.services``; the form
    shows their refusal as an error so nothing is saved and the reviewer can act on it."""

    status = forms.ChoiceField(choices=[(s.value, s.label) for s in DECISIONS])
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Required to dispute or reject: say what is wrong and what would settle it.",
    )
    note_is_public = forms.BooleanField(
        required=False,
        label="Show the note to readers",
        help_text="Readers see a disputed or rejected statement's note as its reason. Leave unticked to "
        "keep it for editors and reviewers only.",
    )

    class Meta:
        model = Claim
        fields = ["status"]

    def __init__(self, *args, reviewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewer = reviewer
        self.fields["note"].initial = self.instance.review_note
        self.fields["note_is_public"].initial = self.instance.note_is_public
        if self.instance.status not in DECISIONS:
            self.initial["status"] = Claim.Status.APPROVED

    def clean(self):
        cleaned = super().clean()
        if self.reviewer is not None and "status" in cleaned:
            refusal = review_refusal(
                claim=self.instance,
                reviewer=self.reviewer,
                status=cleaned["status"],
                note=cleaned.get("note", ""),
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned

    def _post_clean(self):
        # The service writes the claim; the form must not touch the instance (flags, history).
        pass
