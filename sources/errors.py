class EmptySnapshot(ValueError):
    """A snapshot needs some text: an empty page, file or paste is refused."""


EMPTY_SNAPSHOT = "The snapshot has no text."
CHANGE_SOURCE = "sources.change_source"
NOT_ALLOWED = "Only members of the Editors group can change sources and their snapshots."
