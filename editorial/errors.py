from django.core.exceptions import PermissionDenied

NOT_ALLOWED = "You do not have permission to make this change."
NOT_AN_EDITOR = "Only members of the Editors group can change articles, sections and sources."


class EditNotAllowed(PermissionDenied):
    """The user may not make this change. A ``PermissionDenied``, so a view that lets it pass answers 403."""
