"""Reads of whole articles, each a fixed number of queries whatever the article's size.

By subject: ``pages`` (the reader's page and the editor's preview), ``exports`` (the article as text,
wikitext and JSON), ``history`` (revisions and what changed between them), ``edits`` (what changed since
the last import), ``source_pages`` (a source's public page). The names callers use are listed here."""

from articles.selectors.edits import ArticleEdit, article_edits_since_import
from articles.selectors.exports import article_as_dict, article_as_text, article_as_wikitext
from articles.selectors.history import (
    ReaderSectionChange,
    RevisionPage,
    article_citation_legend,
    article_revisions,
    public_revision_changes,
    renamed_keys,
    revision_changes,
    revision_page,
    revision_sections,
)
from articles.selectors.pages import (
    ArticlePage,
    LastEdit,
    article_by_old_slug,
    article_page,
    article_pointer,
    article_public_json,
    section_preview,
    source_input,
)
from articles.selectors.source_pages import SourceCapture, source_capture, source_citations

__all__ = [
    "ArticleEdit",
    "ArticlePage",
    "LastEdit",
    "ReaderSectionChange",
    "RevisionPage",
    "SourceCapture",
    "article_as_dict",
    "article_as_text",
    "article_as_wikitext",
    "article_by_old_slug",
    "article_citation_legend",
    "article_edits_since_import",
    "article_page",
    "article_pointer",
    "article_public_json",
    "article_revisions",
    "public_revision_changes",
    "renamed_keys",
    "revision_changes",
    "revision_page",
    "revision_sections",
    "section_preview",
    "source_capture",
    "source_citations",
    "source_input",
]
