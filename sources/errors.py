class EmptySnapshot(ValueError):
    """A snapshot needs some text: an empty page, file or paste is refused."""


EMPTY_SNAPSHOT = "The snapshot has no text."


class SnapshotTooLong(ValueError):
    """A snapshot's text is bounded: the page and every check over it read all of it."""


SNAPSHOT_TOO_LONG = "The text has {length:,} characters; a snapshot keeps at most {limit:,}."
CHANGE_SOURCE = "sources.change_source"
NOT_ALLOWED = "Only members of the Editors group can change sources and their snapshots."


class NoURL(ValueError):
    """Only a source with a URL can be fetched."""


NO_URL = "Source [{key}] has no URL to fetch."


class UnsupportedFile(ValueError):
    """An uploaded file that is not HTML, PDF or plain text, or cannot be read as one."""


# Each starts with words, not the file's name: the admin's message list capitalises the first letter
# ("Photo.png is not …" for photo.png).
UNSUPPORTED_FILE = "The file {name} is not an HTML page, a PDF or a plain-text file."
FILE_TOO_LARGE = "The file {name} is larger than {limit} bytes."
UNREADABLE_FILE = "The file {name} could not be read: {error}"


class SourceKeyRefused(ValueError):
    """A source key cannot be renamed as asked; the message says why, for the editor."""
