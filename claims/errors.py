from editorial.errors import EditNotAllowed


class ReviewRefused(EditNotAllowed):
    """A review decision the rules do not allow; the message says why, for the reviewer. A
    ``PermissionDenied``, so a view that lets it pass answers 403, never 500."""


class WordingChanged(ReviewRefused):
    """The claim's wording changed after the reviewer opened it: a decision names the wording it was
    made on, so it is refused and the reviewer is shown the difference."""

    def __init__(self, *, seen: str, current: str):
        self.seen, self.current = seen, current
        super().__init__(WORDING_CHANGED)


class UnknownCitationKeys(ValueError):
    """The body cites keys that are not sources of the article."""

    def __init__(self, keys):
        self.keys = tuple(keys)
        super().__init__(
            "Unknown citation key"
            + ("s " if len(self.keys) > 1 else " ")
            + ", ".join(f"[{key}]" for key in self.keys)
        )


class TooManyTableCells(ValueError):
    """A section's tables hold more cells than a page may show (``VERITY_TABLE_MAX_CELLS``)."""

    def __init__(self, heading: str, cells: int, limit: int):
        self.heading, self.cells, self.limit = heading, cells, limit
        super().__init__(TOO_MANY_TABLE_CELLS.format(heading=heading or "(lead)", cells=cells, limit=limit))


TOO_MANY_TABLE_CELLS = (
    "The tables of section “{heading}” have {cells:,} cells; a section may have at most {limit:,} (every "
    "cell is shown on the article page). Split the table over several sections or shorten it."
)
NOT_A_REVIEWER = "Only members of the Reviewers group can decide claims."
OWN_WORDING = "You wrote the current wording of this claim, so another reviewer must decide it."
NOTE_REQUIRED = "A note is required to dispute or reject a claim: say what is wrong with it."
NOT_A_DECISION = "A decision is approved, disputed or rejected."
APPROVED_BUT_FAILING = (
    "Not approved: a figure of this claim fails the figure check (no cited passage states it, or a source "
    "gives another value), and an approved claim whose figure is not found goes back to review. Confirm a "
    "passage that states it, or dispute the claim."
)
CHANGED_AFTER_SHOWN = "Its wording changed after the queue was shown (open it to see the difference)."
RETIRED_CLAIM = "This sentence is no longer in the article; there is nothing to decide."
WORDING_CHANGED = (
    "The wording of this claim changed after you opened it, so your decision was not recorded. Read the "
    "new wording (the difference is shown) and decide again."
)


class PassageRefused(ValueError):
    """A passage that cannot be confirmed; the message says why and what to do."""


class QuoteTooLong(PassageRefused):
    """A typed quote longer than a reference list can show."""


class PassageNotInSource(PassageRefused):
    """A confirmed passage is shown as the source's words, so it must be found in the source's text."""


NOT_THIS_CLAIMS_CITATION = "A passage was given for a citation that is not one of this claim's."
NOT_ALLOWED_TO_CONFIRM = "Only editors and reviewers can confirm the passage behind a citation."
QUOTE_TOO_LONG = "A quote is at most {limit} characters: quote the sentences that state the figure."
PASSAGE_NOT_IN_SOURCE = (
    "This passage is not in the text of [{key}], so it was not confirmed: readers would see it as the "
    "source's words. Pick one of the source's passages, or copy its words exactly (spaces and quotation "
    "marks may differ; put … where you leave words out)."
)
NO_SOURCE_TEXT = (
    "[{key}] has no text yet, so no passage of it can be confirmed: an editor can fetch, upload or paste "
    "the source's text first."
)

NO_REMOVAL_TO_APPROVE = (
    "Only a removed sentence that had an approved wording awaits a removal approval; this one does not."
)
