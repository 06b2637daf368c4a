class ReviewRefused(PermissionError):
    """A review decision the rules do not allow; the message says why, for the reviewer."""


NOT_A_REVIEWER = "Only members of the Reviewers group can decide claims."
OWN_WORDING = "You wrote the current wording of this claim, so another reviewer must decide it."
NOTE_REQUIRED = "A note is required to dispute or reject a claim: say what is wrong with it."
NOT_A_DECISION = "A decision is approved, disputed or rejected."
RETIRED_CLAIM = "This sentence is no longer in the article; there is nothing to decide."


class QuoteTooLong(ValueError):
    """A typed quote longer than a reference list can show."""


NOT_ALLOWED_TO_CONFIRM = "Only editors and reviewers can confirm the passage behind a citation."
QUOTE_TOO_LONG = "A quote is at most {limit} characters: quote the sentences that state the figure."
