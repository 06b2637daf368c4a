"""The article's reading kept in this process between saves, so that a save that changes a figure reads
and re-reads only the sections that changed, not the article's every statement (issue 18).

The consistency refresh of a section save needs the article's statements before and after the edit as
the detector reads them (``claims.consistency.incremental.Reading``). Reading them from the database
and bucketing them again is linear in the article (in the 25x bench article, 5,754 statements: most of a
figure edit's time). So each refresh keeps the reading of the article it leaves behind, with a *mark* of
every section it was read from: the section's heading, its ``version`` and its ``updated_at``. A
section's statements are the sentences of its body, and every write of a body (a save, a revert, a
recovery, a key rename, an import) raises its version and sets its time, as a move raises its version;
the order of sections is the order of the marks. The next refresh reads the marks again (one query of
the sections, joined with the edited section's claims), re-reads the statements of only the sections
whose mark changed (another worker's save, a save that skipped the refresh, a section added: one query
more), takes the edited section's statements before the edit from
what the save passes (``SectionBefore``) and after it from the database, and derives both readings from
the kept one (``Reading.replaced``); anything else (a section gone, or too many changed) reads the whole
article again.

A kept reading becomes visible to the next save only when the transaction that wrote it commits
(``transaction.on_commit``): a save that fails and rolls back leaves the one before in place. Each
process keeps the readings of the ``ARTICLE_INDEXES`` articles saved last; a reading holds the article's
statements and their buckets: 3.6 MiB for the 25x bench article (1.8 MiB of statements, buckets and
counts measured with tracemalloc, 1.8 MiB of sentence text), so at most about 29 MiB for eight such.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import CharField, FilteredRelation, Q
from django.db.models.functions import Cast

from claims.consistency.detect import Statement
from claims.consistency.incremental import Reading
from claims.models import Claim

ARTICLE_INDEXES = 8
# More sections whose statements changed since the kept reading than this, and the whole article is read
# again (each is replaced in the reading on its own).
RE_READ_SECTIONS = 20


class SectionMark(tuple):
    """What a section's statements are read from: its heading, version and time of its last write (as
    the database writes it)."""

    def __new__(cls, heading: str, version: int, written_at: str):
        return super().__new__(cls, (heading, version, written_at))


@dataclass(frozen=True)
class ArticleIndex:
    """An article's reading and, in article order, the mark and statement count of every section it
    holds the statements of (a section without statements is held when it is known to have none)."""

    reading: Reading
    sections: dict[int, tuple[SectionMark, int]]

    def block(self, section_id: int) -> tuple[int, int]:
        """Return where the section's statements stand in the reading: (start, end)."""
        start = 0
        for pk, (_mark, count) in self.sections.items():
            if pk == section_id:
                return start, start + count
            start += count
        raise KeyError(section_id)

    def with_section(self, section_id: int, mark: SectionMark, block: list[Statement], after: int | None):
        """Return the index with the section's statements replaced by ``block`` (a section it did not
        hold goes after the section ``after``, or first when None)."""
        sections = dict(self.sections)
        if section_id in sections:
            start, end = self.block(section_id)
            sections[section_id] = (mark, len(block))
            if start == end and not block:  # no statements before or after: only its mark changed
                return ArticleIndex(self.reading, sections)
        else:
            start = end = self.block(after)[1] if after is not None else 0
            ordered = list(sections.items())
            at = 0 if after is None else [pk for pk, _ in ordered].index(after) + 1
            ordered.insert(at, (section_id, (mark, len(block))))
            sections = dict(ordered)
            if not block:
                return ArticleIndex(self.reading, sections)
        return ArticleIndex(self.reading.replaced(start, end, block), sections)


_kept: OrderedDict[int, ArticleIndex] = OrderedDict()
_lock = threading.Lock()


def kept_index(article_id: int) -> ArticleIndex | None:
    with _lock:
        index = _kept.get(article_id)
        if index is not None:
            _kept.move_to_end(article_id)
        return index


def keep_index(article_id: int, index: ArticleIndex) -> None:
    """Keep the article's index in this process, forgetting the least recently used beyond the limit."""
    with _lock:
        _kept[article_id] = index
        _kept.move_to_end(article_id)
        while len(_kept) > ARTICLE_INDEXES:
            _kept.popitem(last=False)


def keep_on_commit(article_id: int, index: ArticleIndex | None) -> None:
    """Keep the index once the running transaction commits (dropped with it when it rolls back); None
    (no index could be made) forgets the one kept, so the next save reads the article whole."""
    if index is None:
        transaction.on_commit(lambda: forget_index(article_id))
    else:
        transaction.on_commit(lambda: keep_index(article_id, index))


def forget_index(article_id: int) -> None:
    with _lock:
        _kept.pop(article_id, None)


def forget_indexes() -> None:
    with _lock:
        _kept.clear()


def index_of(reading: Reading, marks: dict[int, SectionMark]) -> ArticleIndex | None:
    """Return the index of a reading of the whole article, ``marks`` being those of the sections its
    statements were read from (a section without statements is learnt at the next save); None when a
    section's statements are not all together (two sections that shared an order interleave theirs), as
    the index replaces a section's statements as one block."""
    counts: dict[int, int] = {}
    previous = None
    for statement in reading.statements:
        section_id = statement.paragraph[0]
        if section_id != previous and section_id in counts:
            return None
        counts[section_id] = counts.get(section_id, 0) + 1
        previous = section_id
    return ArticleIndex(reading, {pk: (marks[pk], count) for pk, count in counts.items()})


def written_at(field: str) -> Cast:
    """The time of a section's last write as the database writes it: only compared, so not parsed into
    a datetime (876 of them in the 25x bench article)."""
    return Cast(field, CharField())


def section_marks(article_id: int, edited: int) -> tuple[dict[int, SectionMark] | None, list[tuple]]:
    """Return the mark of each of the article's sections, in article order, and the statements of the
    ``edited`` one as ``section_statements`` gives them, in one query (the sections, each joined with
    the edited section's claims: only that one's rows repeat). The marks are None when two sections
    share an order."""
    section = Claim._meta.get_field("section").related_model  # claims reads articles only by relation
    claims = FilteredRelation(
        "claims", condition=Q(claims__section_id=edited, claims__retired_at__isnull=True)
    )
    rows = list(
        section.objects.filter(article_id=article_id)
        .annotate(written_at=written_at("updated_at"), edited=claims)
        .order_by("order", "pk", "edited__position")
        .values_list(
            "pk",
            "order",
            "heading",
            "version",
            "written_at",
            "edited__pk",
            "edited__text",
            "edited__paragraph",
            "edited__raw",
            "edited__flags",
        )
    )
    marks = {pk: SectionMark(heading, version, at) for pk, _order, heading, version, at, *_ in rows}
    statements = [
        (Statement(claim, text, heading, (edited, paragraph)), raw, flags)
        for _pk, _order, heading, _version, _at, claim, text, paragraph, raw, flags in rows
        if claim is not None
    ]
    # Two sections of one order: the claims read in article order (section order, then position) would
    # interleave them, which a reading kept by section cannot follow.
    orders = {row[0]: row[1] for row in rows}
    return (marks if len(set(orders.values())) == len(marks) else None), statements


def section_statements(section_ids, marks: dict[int, SectionMark]) -> dict[int, list[tuple]]:
    """Return each section's active claims as (statement, raw, flags), in position order (one query)."""
    found: dict[int, list[tuple]] = {pk: [] for pk in section_ids}
    rows = (
        Claim.objects.active()
        .filter(section_id__in=section_ids)
        .order_by("section_id", "position")
        .values_list("pk", "text", "section_id", "paragraph", "raw", "flags")
    )
    for pk, text, section_id, paragraph, raw, flags in rows:
        statement = Statement(pk, text, marks[section_id][0], (section_id, paragraph))
        found[section_id].append((statement, raw, flags))
    return found
