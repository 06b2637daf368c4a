"""An article's revisions: the sections at each, what changed between two, and a revision's own page."""

from collections.abc import Container
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Max, Min, Q
from reversion.models import Version

from accounts.names import public_name
from articles.models import Article, RevisionOutline, Section
from articles.outlines import key_aliases, sections_at
from articles.rendering.citations import (
    BodySection,
    CitationLegend,
    ReaderDiffPiece,
    citation_legend,
    citation_numbers,
    reader_diff,
)
from articles.rendering.history import (
    SectionChange,
    SectionSnapshot,
    change_summary,
    markers_as,
    section_changes,
)
from articles.rendering.page import (
    RenderedArticle,
    render_article,
)
from articles.rendering.revision import missing_keys, revision_inputs
from articles.selectors.pages import SOURCE_UNREAD, source_input
from sources.models import Source


def article_revisions(article: Article) -> list[Version]:
    """Return the article's revisions, newest first, with who made them and their public names; each
    has ``section_changes``, the line saying which sections it changed and how ("History: +12 −3
    words; Aftermath: added"), written with the revision. Two queries."""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user__profile"))
    summaries = {
        revision_id: change_summary(changes, count)
        for revision_id, changes, count in RevisionOutline.objects.filter(article=article).values_list(
            "revision_id", "changes", "changed_count"
        )
    }
    for version in versions:
        version.section_changes = summaries.get(version.revision_id, "")
    return versions


def revision_sections(article: Article, version: Version) -> list[SectionSnapshot]:
    """Return every section ``article`` had at the revision of ``version``, in order, with the heading,
    level and text it had then: the revision's outline, and each section's latest version at or before
    the revision (a revision stores only the sections it changed). Two queries, whatever the size."""
    return sections_at(article.pk, version.revision_id)


def revision_changes(article: Article, old: Version, new: Version) -> tuple[SectionChange, ...]:
    """Return the sections that differ between two revisions, their markers written with the keys of now:
    a key renamed between the two is no change (it showed as "+2 −2 words", every marker struck and
    added again)."""
    old_keys = key_aliases(article.pk, as_of=old.revision.date_created)
    new_keys = key_aliases(article.pk, as_of=new.revision.date_created)
    return section_changes(
        [replace(s, body=markers_as(s.body, old_keys)) for s in revision_sections(article, old)],
        [replace(s, body=markers_as(s.body, new_keys)) for s in revision_sections(article, new)],
    )


def article_citation_numbers(article_id: int, keys: Container[str]) -> dict[str, int]:
    """Return the number readers see for each key the article cites now, in one query (``keys``, the
    article's source keys, tell a citation from an editorial bracket such as "[sic]")."""
    rows = (
        Section.objects.filter(article_id=article_id)
        .order_by("order")
        .values_list("heading", "level", "body")
    )
    return citation_numbers((BodySection(*row) for row in rows), keys)


def article_citation_legend(article_id: int) -> CitationLegend:
    """Return the section form's legend: every source key of the article, its title and the number
    readers see for it, in two queries whatever the article's size."""
    titles = dict(Source.objects.filter(article_id=article_id).values_list("key", "title"))
    return citation_legend(article_citation_numbers(article_id, titles), titles)


def renamed_keys(article_id: int, *, as_of: datetime | None = None) -> dict[str, str]:
    """Return the keys of the article's sources that changed since (``key_aliases``), old → new: what a
    revert, a recovery or a stale form needs to cite the same sources under their keys of now."""
    return {old: new for old, new in key_aliases(article_id, as_of=as_of).items() if old != new}


@dataclass(frozen=True)
class ReaderSectionChange:
    """A section's change as the public history shows it: markers as the numbers readers see now."""

    change: SectionChange
    pieces: tuple[ReaderDiffPiece, ...]


def public_revision_changes(article: Article, old: Version, new: Version) -> tuple[ReaderSectionChange, ...]:
    """Return the sections changed between two revisions, each marker shown as ``[n]``: the number
    readers see for its source in the current article (its title on hover), never an editor's key."""
    changes = revision_changes(article, old, new)
    if not changes:
        return ()
    titles = dict(Source.objects.filter(article=article).values_list("key", "title"))
    numbers = article_citation_numbers(article.pk, titles)
    return tuple(ReaderSectionChange(change, reader_diff(change.diff, numbers, titles)) for change in changes)


# Version ids are a 32-bit AutoField: a larger number in a URL is no revision (and no database error).
MAX_REVISION_ID = 2**31 - 1


@dataclass(frozen=True)
class RevisionPage:
    """One revision of an article as readers see it (``/articles/<slug>/history/<id>/``)."""

    id: int  # the article's Version id: the one the history's comparison (?from=&to=) uses
    title: str  # the article's title at the revision
    at: datetime
    by: str  # the public name; "" for an import or a command
    comment: str
    rendered: RenderedArticle  # without flags: they are known for the current text only
    previous_id: int | None
    next_id: int | None  # None: this is the current revision
    gone_keys: frozenset[str] = frozenset()  # cited then, no source has them now

    @property
    def is_latest(self) -> bool:
        return self.next_id is None


def revision_page(article: Article, revision_id: int) -> RevisionPage | None:
    """Return the article as revision ``revision_id`` stored it, rendered for readers, or None when that
    is no revision of this article. A fixed number of queries whatever the article's size (the revision
    with its author, its sections, its neighbours, the key history, the sources)."""
    if not 0 < revision_id <= MAX_REVISION_ID:
        return None
    versions = Version.objects.get_for_object(article)
    version = versions.filter(pk=revision_id).select_related("revision__user__profile").first()
    if version is None:
        return None
    neighbours = versions.aggregate(
        previous=Max("pk", filter=Q(pk__lt=version.pk)), next=Min("pk", filter=Q(pk__gt=version.pk))
    )
    at = version.revision.date_created
    sections = revision_inputs(revision_sections(article, version), key_aliases(article.pk, as_of=at))
    rows = Source.objects.filter(article=article).defer(*SOURCE_UNREAD)
    sources = {source.key: source_input(source) for source in rows}
    return RevisionPage(
        id=version.pk,
        title=version.field_dict.get("title") or article.title,
        at=at,
        by=public_name(version.revision.user),
        comment=version.revision.get_comment(),
        rendered=render_article(sections, sources, highlight=False),
        previous_id=neighbours["previous"],
        next_id=neighbours["next"],
        gone_keys=missing_keys(sections, sources),
    )
