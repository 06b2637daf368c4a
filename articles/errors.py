class ArticleFormatError(ValueError):
    """A file that cannot be read as an article. ``line`` is 1-based, or None for the whole file."""

    def __init__(self, message: str, *, line: int | None = None):
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class EditConflict(Exception):
    """The section changed since the editor opened it, and the changes overlap (or the text the editor
    opened is no longer known). ``proposed_body`` is the merge holding the other editor's version wherever
    the two overlap, so saving it can never undo their change; ``conflicts`` pairs both versions there."""

    def __init__(self, section, *, submitted_body: str, proposed_body: str | None = None, conflicts=()):
        self.section = section
        self.submitted_body = submitted_body
        self.proposed_body = section.body if proposed_body is None else proposed_body
        self.conflicts = tuple(conflicts)
        super().__init__(f"section {section.pk} changed since it was opened")


class TooManyChangedStatements(ValueError):
    """One save changes more statements than it can check again in time (``VERITY_SAVE_MAX_CHANGED``)."""

    def __init__(self, heading: str, changed: int, limit: int):
        self.changed, self.limit = changed, limit
        super().__init__(TOO_MANY_CHANGED.format(heading=heading or "(lead)", changed=changed, limit=limit))


TOO_MANY_CHANGED = (
    "This save changes {changed:,} statements of “{heading}”; one save may change at most {limit:,} (each "
    "changed statement is checked again, and a larger save would not finish in time). Nothing was saved: "
    "your text is below. Save it in parts, some paragraphs at a time."
)


class SectionGone(Exception):
    """The section was deleted after the editor opened it; ``submitted_body`` is the text they typed."""

    def __init__(self, section_id: int, *, submitted_body: str):
        self.section_id = section_id
        self.submitted_body = submitted_body
        super().__init__(f"section {section_id} was deleted")


class ArticleInTrash(ValueError):
    """An import names an article that is in the trash: importing would change an article nobody sees."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(
            f"the article “{slug}” is in the trash: restore it in the admin (Articles, In the trash) "
            "before importing over it, or import under another slug"
        )


class ImportWouldOverwrite(Exception):
    """The article was edited since its last import; importing would overwrite those edits.

    ``edits`` lists them (``ArticleEdit``: what, who, when), newest first."""

    def __init__(self, edits):
        self.edits = tuple(edits)
        super().__init__(f"{len(self.edits)} edit(s) since the last import would be overwritten")


class ArticleNotInTrash(ValueError):
    """Only an article in the trash can be deleted for good: the trash is the step that can be undone."""
