class ArticleFormatError(ValueError):
    """A file that cannot be read as an article. ``line`` is 1-based, or None for the whole file."""

    def __init__(self, message: str, *, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class EditConflict(Exception):
    """The section changed since the editor opened it."""

    def __init__(self, section, *, submitted_body: str):
        self.section = section
        self.submitted_body = submitted_body
        super().__init__(f"section {section.pk} changed since it was opened")


class UnknownCitationKeys(ValueError):
    """The body cites keys that are not sources of the article."""

    def __init__(self, keys):
        self.keys = tuple(keys)
        super().__init__(
            "Unknown citation key"
            + ("s " if len(self.keys) > 1 else " ")
            + ", ".join(f"[{key}]" for key in self.keys)
        )


class EditNotAllowed(PermissionError):
    """The user may not change editorial content (only Editors may)."""


NOT_AN_EDITOR = "Only members of the Editors group can change articles, sections and sources."


def require_permission(user, permission: str) -> None:
    """Raise EditNotAllowed unless ``user`` holds ``permission``; None is the system (imports, CLI)."""
    if user is not None and not (user.is_active and user.has_perm(permission)):
        raise EditNotAllowed(NOT_AN_EDITOR)
