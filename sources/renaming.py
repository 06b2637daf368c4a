"""Renaming a source's key. The key and the view that renames it are this app's, but a rename also
rewrites every marker citing the key in the article's text, which belongs to the app above; and this app
imports neither ``claims`` nor ``articles``. So the app owning the text registers the rename when it is
ready (``register_key_rename``), and the source admin's *Rename key* calls it here."""

from collections.abc import Callable
from typing import Protocol

from sources.models import Source


class RenamedKey(Protocol):
    """What a rename reports: the source under its new key, the sections rewritten, the claims kept."""

    source: Source
    sections: tuple
    claims: int


_rename: list[Callable[..., RenamedKey]] = []


def register_key_rename(rename: Callable[..., RenamedKey]) -> None:
    """Make ``rename(source=, new_key=, user=, comment=)`` the rename of a source's key: it raises
    ``sources.errors.SourceKeyRefused`` when the key may not be used, changing nothing."""
    _rename[:] = [rename]


def source_key_rename(*, source: Source, new_key: str, user, comment: str = "") -> RenamedKey:
    if not _rename:
        raise RuntimeError("No app registered a key rename with sources.renaming.register_key_rename().")
    return _rename[0](source=source, new_key=new_key, user=user, comment=comment)
