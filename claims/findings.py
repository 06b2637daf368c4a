"""Writes to consistency findings: keep them in step with an article's sentences, and record resolutions.

``findings_refresh`` re-reads an article's current claims with ``claims.consistency`` (pure) and stores
the conflicts and agreements it finds, in a fixed number of queries whatever the article's size: it reads
the claims and the stored findings once each, and writes in bulk. A stored finding whose two sentences
read as they did when it was found keeps its status (so a dismissed one is not raised again); one whose
sentence changed opens again; one no longer found is deleted (its history keeps it). The ``conflicting``
flag of each claim follows its open and confirmed conflicts.
"""

from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims import errors
from claims.article_index import (
    RE_READ_SECTIONS,
    SectionMark,
    index_of,
    keep_on_commit,
    kept_index,
    section_marks,
    section_statements,
    written_at,
)
from claims.consistency import POSSIBLE, Finding, Statement, find_findings
from claims.consistency.incremental import Reading, rejudge_readings
from claims.flags import with_conflicting
from claims.models import Claim, ConsistencyFinding
from claims.unit import review_change
from editorial.bulk import update_rows
from editorial.work import article_locked, article_touched, current_unit, describe_write, editorial_change

REFRESHED_FIELDS = [
    "kind",
    "status",
    "first_value",
    "second_value",
    "quantity",
    "reason",
    "first_raw",
    "second_raw",
    "resolved_by",
    "resolved_at",
    "note",
]
RESOLUTIONS = (
    ConsistencyFinding.Status.CONFIRMED,
    ConsistencyFinding.Status.DISMISSED,
    ConsistencyFinding.Status.CONSISTENT,
)


class SectionBefore(NamedTuple):
    """One section's statements as they were before the edit being refreshed (the rest of the article
    is as stored): its id, heading and order, and each claim's (pk, raw, text, paragraph) in position
    order."""

    section_id: int
    heading: str
    order: int
    claims: tuple[tuple[int, str, str, int], ...]


def findings_refresh(*, article_id: int, user=None, before: SectionBefore | None = None) -> int:
    """Bring the article's findings in step with its current claims; return how many rows were written.

    Given how one section read ``before`` the edit (the stored findings being those of the article
    then), only the pairs of statements the edit can have changed are judged again and read and written
    (``claims.consistency.incremental``); otherwise, or when the edit changes what every pair depends on,
    the whole article is detected again. Both give the same findings. Inside a running unit of work (a
    save, an import) it joins it without a savepoint of its own."""
    if current_unit() is not None:
        return _refresh(article_id, user, before)
    with editorial_change(user=user, comment="Consistency findings refreshed"):
        return _refresh(article_id, user, before)


# A stored finding as ``_refresh`` reads it: plain values, its id first (the 25x bench article holds
# 18,436 findings; a model instance each cost 0.3 s on every save).
STORED_COLUMNS = (
    "pk",
    "first_claim_id",
    "second_claim_id",
    *(name if name != "resolved_by" else "resolved_by_id" for name in REFRESHED_FIELDS),
    "found_at",  # the rest of the row: a changed finding is written back whole, and its history too
)


class ClaimText(NamedTuple):
    pk: int
    raw: str
    text: str
    flags: str
    heading: str = ""  # its section's: the time and event a statement without its own are of
    section_id: int = 0
    paragraph: int = 0
    order: int = 0  # its section's place in the article
    section_version: int = 0  # with the section's time of last write: what its statements were read from
    section_written_at: str = ""


def _refresh(article_id: int, user, before: SectionBefore | None) -> int:
    """Read the claims and the stored findings once each, as plain values, then write what changed in
    bulk; model instances are built only for the rows written. A section's save first tries the reading
    of the article this process kept (``claims.article_index``): then only the changed sections' claims
    are read."""
    article_locked(article_id)  # the article first: one lock order for every write
    if before is not None:
        written = _refresh_from_kept_index(article_id, user, before)
        if written is not None:
            return written
    claims = {
        row[0]: ClaimText(*row)
        for row in Claim.objects.for_article(article_id)
        .in_article_order()
        .annotate(section_written_at=written_at("section__updated_at"))
        .values_list(
            "pk",
            "raw",
            "text",
            "flags",
            "section__heading",
            "section_id",
            "paragraph",
            "section__order",
            "section__version",
            "section_written_at",
        )
    }
    statements = [
        Statement(pk, claim.text, claim.heading, (claim.section_id, claim.paragraph))
        for pk, claim in claims.items()
    ]
    rejudged = None
    if before is not None:
        reading = Reading(statements)
        marks = {
            c.section_id: SectionMark(c.heading, c.section_version, c.section_written_at)
            for c in claims.values()
        }
        keep_on_commit(article_id, index_of(reading, marks))
        earlier = statements_before(claims, statements, before)
        if earlier is not None:
            raws = {pk: claim.raw for pk, claim in claims.items()}
            rejudged = rejudge_readings(Reading(earlier), reading, rewritten_claims(before, raws))
    if rejudged is not None:
        return _write_rejudged(article_id, user, claims, rejudged)
    found = find_findings(statements)
    stored = {
        (row[1], row[2]): row
        for row in ConsistencyFinding.objects.filter(article_id=article_id).values_list(*STORED_COLUMNS)
    }
    created, changed = plan_findings(article_id, claims, found, stored)
    pairs = {(finding.first, finding.second) for finding in found}
    stale = {row[0] for key, row in stored.items() if key not in pairs}
    written_count = _write(article_id, user, created, changed, stale)
    written = {(f.first_claim_id, f.second_claim_id): f for f in [*created, *changed]}
    raised, estimated = _raised(stored, stale, written)
    flagged = refresh_conflicting_flags(claims.values(), raised, estimated)
    return written_count + flagged


def _refresh_from_kept_index(article_id: int, user, before: SectionBefore) -> int | None:
    """Refresh the findings of a section's edit from the article's reading kept by this process, reading
    only the edited section's claims and those of sections changed since (their marks differ); return
    the rows written, or None when it cannot (nothing kept, a section gone or reordered, too many changed,
    or an edit that changes what every pair is judged against): the caller reads the whole article."""
    index = kept_index(article_id)
    if index is None:
        return None
    marks, edited = section_marks(article_id, before.section_id)
    if marks is None or before.section_id not in marks:
        return None
    if [pk for pk in marks if pk in index.sections] != list(index.sections):
        return None  # a section deleted, or the sections in another order
    changed = [
        pk
        for pk in marks
        if pk != before.section_id and (pk not in index.sections or index.sections[pk][0] != marks[pk])
    ]
    read = section_statements(changed, marks) if changed else {}
    read[before.section_id] = edited
    if sum(bool(read[pk]) or index.sections.get(pk, (0, 0))[1] > 0 for pk in changed) > RE_READ_SECTIONS:
        return None
    # The article before the edit: the kept reading, with the sections changed since as they are now and
    # the edited one as it read before (``before``); after the edit: the edited one as it reads now.
    earlier, previous = index, None
    was = [
        Statement(pk, text, before.heading, (before.section_id, paragraph))
        for pk, _, text, paragraph in before.claims
    ]
    for pk in marks:
        if pk in changed:
            earlier = earlier.with_section(pk, marks[pk], [s for s, *_ in read[pk]], previous)
        elif pk == before.section_id and (
            pk not in earlier.sections or earlier.reading.statements[slice(*earlier.block(pk))] != was
        ):
            earlier = earlier.with_section(pk, marks[pk], was, previous)
        previous = pk
    now = [statement for statement, *_ in read[before.section_id]]
    later = earlier.with_section(before.section_id, marks[before.section_id], now, None)
    raws = {statement.id: raw for statement, raw, _ in read[before.section_id]}
    rejudged = rejudge_readings(earlier.reading, later.reading, rewritten_claims(before, raws))
    if rejudged is None:
        return None
    keep_on_commit(article_id, later)
    involved = set().union(*rejudged.pairs)
    claims = {s.id: ClaimText(s.id, raw, s.text, flags) for rows in read.values() for s, raw, flags in rows}
    missing = involved - claims.keys()
    if missing:
        claims.update(
            (pk, ClaimText(pk, raw, "", flags))
            for pk, raw, flags in Claim.objects.active()
            .filter(pk__in=missing)
            .values_list("pk", "raw", "flags")
        )
    return _write_rejudged(article_id, user, claims, rejudged)


def rewritten_claims(before: SectionBefore, raws: dict[int, str]) -> frozenset[int]:
    """Return the edited section's claims whose written sentence (``raws``: claim id to raw text now)
    changed while their reading did not. A finding stores both sentences as written, markers included: one
    whose markers changed is written again (and opens again) as the full refresh does."""
    return frozenset(pk for pk, raw, *_ in before.claims if pk in raws and raws[pk] != raw)


def statements_before(claims: dict, statements: list[Statement], before: SectionBefore) -> list | None:
    """Return the article's statements as they were before the edit of one section: the current ones with
    that section's block replaced by how it read. None when its block is not one run of statements."""
    at = [i for i, claim in enumerate(claims.values()) if claim.section_id == before.section_id]
    if at and at != list(range(at[0], at[-1] + 1)):
        return None
    if at:
        start, end = at[0], at[-1] + 1
    else:  # the section had no statement left: its old ones stood before the next section's
        orders = [claim.order for claim in claims.values()]
        start = end = next((i for i, order in enumerate(orders) if order > before.order), len(orders))
    old = [
        Statement(pk, text, before.heading, (before.section_id, paragraph))
        for pk, _raw, text, paragraph in before.claims
    ]
    return [*statements[:start], *old, *statements[end:]]


def _write_rejudged(article_id: int, user, claims: dict, rejudged) -> int:
    """Write the findings of the re-judged pairs: read the stored findings of their statements (one
    query), create, rewrite or delete those on the pairs, and set the flags of those statements."""
    if not rejudged.pairs:
        return 0
    involved = set().union(*rejudged.pairs)
    # Found by their statements alone (a finding is of its statements' article), in no order: with the
    # article's condition or its default order SQLite walked all the article's findings (18,436 in the
    # 25x bench article, 24 ms) instead of the indexes of the two statements (5 ms). Only the findings
    # that may be on the pairs (both statements involved) and the raised ones (a statement's flag
    # follows all its raised findings) are read: the rest change nothing here.
    touching = Q(first_claim_id__in=involved) | Q(second_claim_id__in=involved)
    within = Q(first_claim_id__in=involved, second_claim_id__in=involved)
    stored = {
        (row[1], row[2]): row
        for row in ConsistencyFinding.objects.filter(touching)
        .filter(within | ConsistencyFinding.raised_q())
        .order_by()
        .values_list(*STORED_COLUMNS)
    }
    on_pairs = {key: row for key, row in stored.items() if frozenset(key) in rejudged.pairs}
    created, changed = plan_findings(article_id, claims, rejudged.findings, on_pairs)
    found = {(finding.first, finding.second) for finding in rejudged.findings}
    stale = {row[0] for key, row in on_pairs.items() if key not in found}
    written_count = _write(article_id, user, created, changed, stale)
    written = {(f.first_claim_id, f.second_claim_id): f for f in [*created, *changed]}
    raised, estimated = _raised(stored, stale, written)
    flagged = refresh_conflicting_flags([claims[pk] for pk in involved if pk in claims], raised, estimated)
    return written_count + flagged


def _write(article_id: int, user, created: list, changed: list, stale: set) -> int:
    if created or changed or stale:
        article_touched(article_id)
    if stale:
        ConsistencyFinding.objects.filter(pk__in=stale).delete()
    bulk_create_with_history(created, ConsistencyFinding, default_user=user)
    if changed:
        # Not bulk_update: its CASE per row grows with the square of the rows (minutes for thousands).
        update_rows(ConsistencyFinding, changed, REFRESHED_FIELDS)
        ConsistencyFinding.history.bulk_history_create(changed, update=True, default_user=user)
    return len(created) + len(changed) + len(stale)


def _raised(stored: dict, stale: set, written: dict) -> tuple[set[int], set[int]]:
    """Return the claims in raised conflicts and in raised differing estimates: the stored findings kept
    as they were, and those written."""
    raised, estimated = set(), set()
    for key, row in stored.items():
        kept = row[0] not in stale and key not in written
        if kept and ConsistencyFinding.raises(kind=row[3], status=row[4]):
            (estimated if row[3] == ConsistencyFinding.Kind.ESTIMATES else raised).update(key)
    for finding in written.values():
        if finding.is_raised:
            (estimated if finding.kind == ConsistencyFinding.Kind.ESTIMATES else raised).update(
                finding.claim_ids
            )
    return raised, estimated


def stored_kind(finding: Finding) -> str:
    """Return the kind a finding is stored as: a disagreement the detector is not sure of is a possible
    conflict, which readers do not see until a reviewer confirms it."""
    if finding.is_raised and finding.level == POSSIBLE:
        return ConsistencyFinding.Kind.POSSIBLE
    return finding.kind


def plan_findings(article_id: int, claims: dict, found: tuple[Finding, ...], stored: dict):
    """Return (new findings, stored findings that changed, as instances to write); a stored one keeps its
    resolution while both sentences read as they did."""
    created, changed = [], []
    for finding in found:
        first, second = claims[finding.first], claims[finding.second]
        values = {
            "kind": stored_kind(finding),
            "first_value": finding.first_value[:200],
            "second_value": finding.second_value[:200],
            "quantity": finding.quantity[:100],
            "reason": finding.reason,
        }
        row = stored.get((finding.first, finding.second))
        if row is None:
            created.append(
                ConsistencyFinding(
                    article_id=article_id,
                    first_claim_id=first.pk,
                    second_claim_id=second.pk,
                    first_raw=first.raw,
                    second_raw=second.raw,
                    **values,
                )
            )
            continue
        # The common case, compared as tuples (thousands of findings on every save): kind, both values,
        # quantity, reason and both sentences as stored (a row's status, at 4, is the refresh's to keep).
        if (row[3], *row[5:11]) == (*values.values(), first.raw, second.raw):
            continue
        current = dict(zip(STORED_COLUMNS, row, strict=True))
        unchanged = (current["first_raw"], current["second_raw"]) == (first.raw, second.raw)
        current.update(values)
        if not unchanged:  # a sentence changed: the old resolution was about other words
            current.update(status="open", resolved_by_id=None, resolved_at=None, note="")
            current.update(first_raw=first.raw, second_raw=second.raw)
        changed.append(stored_instance(article_id, current))
    return created, changed


def stored_instance(article_id: int, fields: dict) -> ConsistencyFinding:
    """Return the stored finding read as ``STORED_COLUMNS``, with ``fields`` applied, to write back."""
    finding = ConsistencyFinding(
        article_id=article_id, **{name: value for name, value in fields.items() if name != "pk"}
    )
    finding.pk = fields["pk"]
    return finding


def refresh_conflicting_flags(
    claims, raised: set[int], estimated: frozenset[int] | set[int] = frozenset()
) -> int:
    """Set the ``conflicting`` flag on exactly the claims in ``raised`` and ``estimates_differ`` on those in
    ``estimated`` (differing estimates of two sources); return how many changed. ``claims`` are anything
    with ``pk`` and ``flags``; only the changed ones are written."""
    changed = []
    for claim in claims:
        flags = with_conflicting(claim.flags, claim.pk in raised, claim.pk in estimated)
        if flags != claim.flags:
            changed.append(Claim(pk=claim.pk, flags=flags))
    update_rows(Claim, changed, ["flags"])
    return len(changed)


def raised_by_kind(article_id: int) -> tuple[set[int], set[int]]:
    """Return the claims in raised conflicts and those in raised differing estimates, in one query."""
    raised, estimated = set(), set()
    rows = ConsistencyFinding.objects.filter(
        ConsistencyFinding.raised_q(), article_id=article_id
    ).values_list("first_claim_id", "second_claim_id", "kind")
    for first, second, kind in rows:
        (estimated if kind == ConsistencyFinding.Kind.ESTIMATES else raised).update((first, second))
    return raised, estimated


def finding_resolve(*, finding: ConsistencyFinding, user, status: str, note: str = "") -> ConsistencyFinding:
    """Record a reviewer's resolution: a real conflict (confirmed), different quantities (dismissed) or
    consistent. Raises ReviewRefused for anything else, changing nothing."""
    with review_change(reviewer=user, comment=f"Consistency: {status}"):
        article_touched(finding.article_id)  # the article first: one lock order for every write
        finding = ConsistencyFinding.objects.select_for_update().get(pk=finding.pk)
        if status not in RESOLUTIONS:
            raise errors.ReviewRefused(errors.NOT_A_DECISION)
        finding.status, finding.note = status, note.strip()
        finding.resolved_by, finding.resolved_at = user, timezone.now()
        describe_write(finding, note.strip() or ConsistencyFinding.Status(status).label)
        finding.save()
        claim_ids = finding.claim_ids
        still_raised, estimated = raised_by_kind(finding.article_id)  # every claim in a raised finding
        refresh_conflicting_flags(
            Claim.objects.filter(pk__in=claim_ids).only("pk", "flags"), still_raised, estimated
        )
    return finding
