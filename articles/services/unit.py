"""The unit of work of an editors' change to an article."""

from editorial.errors import NOT_AN_EDITOR
from editorial.work import editorial_change


def editorial_revision(*, user, comment: str, permission: str | None = None, article=None, touch=False):
    """Return the unit of work of an editors' change (refusals say only Editors may make it), taking
    ``article`` first when given (``editorial_change``)."""
    return editorial_change(
        user=user, comment=comment, permission=permission, refusal=NOT_AN_EDITOR, article=article, touch=touch
    )
