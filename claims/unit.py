"""The unit of work of a reviewer's decision."""

from claims import errors
from editorial.work import editorial_change


def review_change(*, reviewer, comment: str):
    """Return the unit of work of a reviewer's decision: refused, changing nothing, as ReviewRefused
    ("only Reviewers…") for a user without the review permission."""
    return editorial_change(
        user=reviewer,
        comment=comment,
        permission="claims.review_claim",
        refusal=errors.NOT_A_REVIEWER,
        error=errors.ReviewRefused,
    )
