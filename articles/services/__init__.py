"""Writes to articles and sections. Each service is one unit of work (``editorial.work``): one import,
one section save or one revert is one transaction and one revision with its user and comment, and the
article's pages are invalidated when it commits.

By subject: ``importing`` (a file into an article), ``sections`` (an editor's changes to sections),
``lifecycle`` (an article's own fields and the trash), ``source_keys`` (renaming a source's key). The
names callers use are listed here, so ``from articles.services import section_save`` keeps working."""

from articles.services.importing import ImportResult, Tally, article_import, occurrence_keys
from articles.services.lifecycle import (
    PURGED,
    Purge,
    article_delete,
    article_purge,
    article_restore,
    article_save,
    articles_delete,
    articles_purge,
    articles_restore,
)
from articles.services.sections import (
    SectionSaved,
    section_create,
    section_delete,
    section_move,
    section_recover,
    section_revert,
    section_save,
    sections_delete,
    sections_move,
)
from articles.services.source_keys import SAME_KEY_MESSAGE, KeyRename, source_key_rename

__all__ = [
    "PURGED",
    "SAME_KEY_MESSAGE",
    "ImportResult",
    "KeyRename",
    "Purge",
    "SectionSaved",
    "Tally",
    "article_delete",
    "article_import",
    "article_purge",
    "article_restore",
    "article_save",
    "articles_delete",
    "articles_purge",
    "articles_restore",
    "occurrence_keys",
    "section_create",
    "section_delete",
    "section_move",
    "section_recover",
    "section_revert",
    "section_save",
    "sections_delete",
    "sections_move",
    "source_key_rename",
]
