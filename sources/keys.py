"""What a source key may be. Bodies cite a source as ``[key]`` and its page lives at
``/articles/<slug>/sources/<key>/``, so a key must read as one citation and survive as one URL path
segment. Pure Python."""

import re

KEY_PATTERN = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")
BAD_KEY_MESSAGE = "A key is 1 to 64 letters, digits or - _ . : with no spaces, e.g. unhcr-2024."
DOTS_KEY_MESSAGE = (
    "A key cannot be made only of dots: in a link “.” means “this folder” and “..” “the folder above”, "
    "so the source's page could not be reached. Use letters or digits, e.g. unhcr-2024."
)


class BadSourceKey(ValueError):
    """A key that cannot be cited or linked; the message says why, for the editor."""


def key_problem(key: str) -> str:
    """Return why ``key`` cannot be a source key, or "" when it can."""
    if not KEY_PATTERN.fullmatch(key):
        return BAD_KEY_MESSAGE
    # Browsers and servers resolve dot segments before a request reaches Django ("sources/../" is the
    # article's folder), and a run of dots is too close to them to be a useful key.
    if not key.strip("."):
        return DOTS_KEY_MESSAGE
    return ""


def check_key(key: str) -> None:
    """Raise BadSourceKey unless ``key`` can be a source key."""
    problem = key_problem(key)
    if problem:
        raise BadSourceKey(problem)
