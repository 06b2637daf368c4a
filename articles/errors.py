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


class SourceKeyRefused(ValueError):
    """A source key cannot be renamed as asked; the message says why, for the editor."""


class ImportWouldOverwrite(Exception):
    """The article was edited since its last import; importing would overwrite those edits.

    ``edits`` lists them (``ArticleEdit``: what, who, when), newest first."""

    def __init__(self, edits):
        self.edits = tuple(edits)
        super().__init__(f"{len(self.edits)} edit(s) since the last import would be overwritten")
