from django import forms

from claims import errors
from claims.models import Claim
from claims.services import DECISIONS, review_refusal
from editorial.diffing import word_diff

NO_DECISION = "— choose a decision —"
CHOOSE_A_DECISION = (
    "Choose a decision (approved, disputed or rejected) and save again: nothing was recorded, because a "
    "claim is decided only by an explicit choice."
)


class ReviewForm(forms.ModelForm):
    """A reviewer's decision: ``status`` and ``note``, and the wording the page showed (``seen_raw``).

    The status starts on an empty choice whatever the claim's state, so a plain Save records nothing.
    The rules live in ``claims.services``; the form shows their refusal as an error so nothing is saved
    and the reviewer can act on it.
    """

    status = forms.ChoiceField(
        choices=[("", NO_DECISION), *((s.value, s.label) for s in DECISIONS)],
        error_messages={"required": CHOOSE_A_DECISION},
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Required to dispute or reject: say what is wrong and what would settle it.",
    )
    # The wording the reviewer read; a decision names it (claim_review refuses it if the claim changed).
    # Not stripped: it is compared character for character with the claim's wording.
    seen_raw = forms.CharField(widget=forms.HiddenInput, strip=False)
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
        self.wording_diff = None
        self.fields["note"].initial = self.instance.review_note
        self.initial["status"] = ""
        self.fields["seen_raw"].initial = self.instance.raw
        self.fields["note_is_public"].initial = self.instance.note_is_public

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_raw")
        if seen is not None and seen != self.instance.raw:
            self.wording_changed(seen)
            return cleaned
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

    def wording_changed(self, seen: str) -> None:
        """Refuse the decision and make the form ready for one on the current wording: it now carries
        that wording and no decision (the note typed is kept)."""
        self.wording_diff = word_diff(seen, self.instance.raw)
        self.data = self.data.copy()
        self.data["seen_raw"], self.data["status"] = self.instance.raw, ""
        self.add_error(None, errors.WORDING_CHANGED)

    def _post_clean(self):
        # The service writes the claim; the form must not touch the instance (flags, history).
        pass
