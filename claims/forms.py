from django import forms

from claims import errors
from claims.evidence.verdicts import NO_EVIDENCE, SUPPORTED
from claims.models import Claim
from claims.services import DECISIONS, FAILING_FLAGS, review_refusal
from claims.verification import MAX_QUOTE, require_quoted_from_source
from claims.workbench import CONFIRM_PREFIX, figures_failing_after, posted_passage, ticked_citations
from textdiff.diffing import word_diff

NO_DECISION = "— choose a decision —"
CHOOSE_A_DECISION = (
    "Choose a decision (approved, disputed or rejected), or tick Confirm this passage to confirm a passage "
    "alone, and save again: nothing was recorded, because a claim is decided only by an explicit choice."
)
APPROVED_BUT_FAILING = (
    "Not approved: with the passages as they would stand, the figure check finds {figures} in none of "
    "them, and an approved claim whose figure is not found goes back to review. Nothing was recorded. "
    "Confirm a passage that states it, dispute the claim, or tick “{override}” if the check misreads "
    "the source."
)
APPROVE_ANYWAY = "Approve although the figure check fails"


class ReviewForm(forms.ModelForm):
    """A reviewer's decision: ``status`` and ``note``, and the wording the page showed (``seen_raw``).

    The status starts on an empty choice whatever the claim's state, so a plain Save records nothing.
    The rules live in ``claims.services``; the form shows their refusal as an error so nothing is saved
    and the reviewer can act on it.
    """

    # Not required: a reviewer may confirm passages alone (clean() asks for one or the other).
    status = forms.ChoiceField(
        choices=[("", NO_DECISION), *((s.value, s.label) for s in DECISIONS)], required=False
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Required to dispute or reject: say what is wrong and what would settle it.",
    )
    # The wording the reviewer read; a decision names it (claim_review refuses it if the claim changed).
    # Not stripped: it is compared character for character with the claim's wording.
    seen_raw = forms.CharField(widget=forms.HiddenInput, strip=False)
    approve_anyway = forms.BooleanField(
        required=False,
        label=APPROVE_ANYWAY,
        help_text="Only when a figure the check cannot find is stated in the source all the same.",
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
        # The workbench (a read-only field of this instance) shows what a refused form posted.
        self.instance.workbench_input = self.data if self.is_bound else None
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
        ticked = ticked_citations(self.instance, self.data)
        if any(len(" ".join(posted_passage(c, self.data).split())) > MAX_QUOTE for c in ticked):
            # Refused here, so the page comes back with the text to shorten (not after a decision).
            self.add_error(None, errors.QUOTE_TOO_LONG.format(limit=MAX_QUOTE))
            return cleaned
        for citation in ticked:
            # The service's own check, here too: a passage not in the source comes back with its text.
            text = " ".join(posted_passage(citation, self.data).split())
            try:
                if text:
                    require_quoted_from_source(citation, text)
            except errors.PassageNotInSource as refusal:
                self.add_error(None, str(refusal))  # the decision's own errors are shown beside it
        if not cleaned.get("status"):
            if "status" in cleaned and not ticked:
                self.add_error("status", CHOOSE_A_DECISION)
            return cleaned
        if self.reviewer is not None:
            refusal = review_refusal(
                claim=self.instance,
                reviewer=self.reviewer,
                status=cleaned["status"],
                note=cleaned.get("note", ""),
                approve_failing=True,  # checked below with the passages this form confirms
            )
            if refusal:
                raise forms.ValidationError(refusal)
        if cleaned["status"] == Claim.Status.APPROVED and not cleaned.get("approve_anyway"):
            failing = self.figures_left_failing()
            if failing:
                figures = ", ".join(f"“{text}”" for text in failing)
                refusal = APPROVED_BUT_FAILING.format(figures=figures, override=APPROVE_ANYWAY)
                raise forms.ValidationError(refusal)
        return cleaned

    def figures_left_failing(self) -> list[str]:
        """Return the figures an approval would leave failing: checked again with the passages this form
        confirms, or, when it confirms none, as the stored flags say (no query)."""
        if any(name.startswith(CONFIRM_PREFIX) for name in self.data):
            return figures_failing_after(self.instance, self.data)
        if FAILING_FLAGS.isdisjoint(self.instance.flag_names):
            return []
        return [f.text for f in self.instance.figures.all() if f.verdict not in (SUPPORTED, NO_EVIDENCE)]

    @property
    def is_decision(self) -> bool:
        return bool(self.cleaned_data.get("status"))

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
