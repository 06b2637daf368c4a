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
