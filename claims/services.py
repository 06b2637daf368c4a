"""Writes to claims: keep them in step with section text, and record reviews.

``claims_sync`` runs inside the caller's unit of work (section saves and imports open it in
``articles.services``); ``claim_review`` opens its own (``editorial.work.editorial_change``).
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims import errors
from claims.citation_pages import pages_by_citation
from claims.consistency.incremental import could_change_findings
from claims.errors import TooManyTableCells, UnknownCitationKeys
from claims.figures import extract_figures
from claims.findings import SectionBefore, findings_refresh
from claims.flagging import flags_for
from claims.flags import is_hedged
from claims.matching import match_sentences
from claims.models import Citation, Claim, Figure
from claims.sentences import MARKER_PATTERN, Sentence, rename_marker, split_body, table_cell_count
from claims.unit import review_change
from claims.verification import citation_confirm_passage, claims_check_evidence
from editorial import bulk
from editorial.bulk import update_rows_with_history
from editorial.work import article_locked, article_touched, describe_write, editorial_change
from sources.models import Source

EDITED_FIELDS = [
    "raw",
    "text",
    "markers",
    "is_hedged",
    "position",
    "paragraph",
    "status",
    "review_note",
    "reviewed_by",
    "reviewed_at",
    "wording_by",
    "wording_changed_at",
    "flags",
]


@dataclass(frozen=True)
class SyncResult:
    unchanged: int = 0
    edited: int = 0
    created: int = 0
    retired: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.edited or self.created or self.retired)

    def __add__(self, other: "SyncResult") -> "SyncResult":
        return SyncResult(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass
class SyncPlan:
    """What one sync will write, gathered first so every kind of write is one bulk query."""

    created: list = field(default_factory=list)
    edited: list = field(default_factory=list)
    moved: list = field(default_factory=list)
    retired: list = field(default_factory=list)
    # id(claim) -> (claim, [(source, is_inferred)]): new claims have no pk yet, so they are not hashable.
    citations_for: dict = field(default_factory=dict)
    refigured: list = field(default_factory=list)


def cited_keys(sentences: tuple[Sentence, ...]) -> list[str]:
    """Return every key the sentences cite, explicitly or by inference, in order of first appearance."""
    return list(
        dict.fromkeys(key for sentence in sentences for key in (*sentence.keys, *sentence.inferred_keys))
    )


def claims_sync(
    *,
    section,
    user=None,
    reason: str = "",
    refresh_findings: bool = True,
    heading_before: str | None = None,
) -> SyncResult:
    """Re-read ``section.body`` into claims, keeping the identity of every sentence that is unchanged
    or clearly the same sentence edited. Edited or re-cited claims go back to unreviewed. When any claim
    or the heading (``heading_before``: what it was, when the caller changed it) changed, the article's
    consistency findings are brought in step, for the statements that changed (an import of many sections
    passes ``refresh_findings=False`` and refreshes once at its end)."""
    cells = table_cell_count(section.body)
    if cells > settings.VERITY_TABLE_MAX_CELLS:  # every write of a body comes here, as for the keys below
        raise TooManyTableCells(section.heading, cells, settings.VERITY_TABLE_MAX_CELLS)
    bracketed = {match["key"] for match in MARKER_PATTERN.finditer(section.body)}
    sources = {s.key: s for s in Source.objects.filter(article_id=section.article_id, key__in=bracketed)}
    sentences = split_body(section.body, keys=sources)  # "[sic]" is text unless a source has that key
    keys = cited_keys(sentences)
    # The one check of citation keys: every write of a body (save, create, recover, import) re-reads it here,
    # inside its unit of work, so an unknown key rolls the whole change back.
    missing = [key for key in keys if key not in sources]
    if missing:
        raise UnknownCitationKeys(missing)
    stored = StoredClaims.of(section)
    before = SectionBefore(
        section.pk,
        section.heading if heading_before is None else heading_before,
        section.order,
        tuple((row.pk, row.raw, row.text, row.paragraph) for row in stored.rows),
    )
    matches, retired_indexes = match_sentences([row.raw for row in stored.rows], [s.raw for s in sentences])
    plan = SyncPlan()
    now = timezone.now()
    old_texts, old_paragraphs = {}, {}  # id(claim) -> as it read before the plan rewrote it
    for match in matches:
        sentence = sentences[match.new_index]
        wanted = [(sources[key], False) for key in sentence.keys]
        wanted += [(sources[key], True) for key in sentence.inferred_keys]
        if match.old_index is None:
            claim = Claim(section=section, wording_by=user, wording_changed_at=now)
            apply_sentence(claim, sentence, match.new_index)
            plan.created.append(claim)
            plan.citations_for[id(claim)] = (claim, wanted)
            plan.refigured.append(claim)
            continue
        row = stored.rows[match.old_index]
        current = stored.citations.get(row.pk, ())
        if match.is_identical and set(current) == {(source.pk, inferred) for source, inferred in wanted}:
            # The common case, decided on plain values: an unchanged sentence, at most moved.
            if (row.position, row.paragraph) != (match.new_index, sentence.paragraph):
                moved = Claim(pk=row.pk, position=match.new_index, paragraph=sentence.paragraph)
                old_paragraphs[id(moved)] = row.paragraph
                plan.moved.append(moved)
            continue
        claim = stored.instance(match.old_index)
        old_texts[id(claim)], old_paragraphs[id(claim)] = claim.text, claim.paragraph
        plan_existing(plan, claim, current, sentence, match, wanted, user=user, now=now)
    for index in retired_indexes:
        claim = stored.instance(index)
        old_texts[id(claim)] = claim.text
        claim.retired_at = now
        plan.retired.append(claim)
    write_plan(plan, user=user, reason=reason, sources=sources)
    result = SyncResult(
        unchanged=len(matches) - len(plan.created) - len(plan.edited),
        edited=len(plan.edited),
        created=len(plan.created),
        retired=len(plan.retired),
    )
    in_new_order = sorted(matches, key=lambda match: match.new_index)
    kept = [match.old_index for match in in_new_order if match.old_index is not None]
    reordered = kept != sorted(kept)  # else the moved claims only shifted around an added or removed one
    heading_changed = before.heading != section.heading
    if (
        refresh_findings
        and (result.has_changes or plan.moved or heading_changed)
        and touches_findings(plan, old_texts, old_paragraphs, reordered=reordered or heading_changed)
    ):
        findings_refresh(article_id=section.article_id, user=user, before=before)
    return result


def touches_findings(
    plan: SyncPlan, old_texts: dict[int, str], old_paragraphs: dict[int, int], *, reordered: bool
) -> bool:
    """Return True when the sync may change the article's consistency findings. It may not when the
    statements it added, edited and retired, as they read before and now, state no figure, dated event
    or date, use the same names, and are as many before as after, and no other statement changed its
    order or its paragraph: every statement the detector compares then reads, is set in time and is
    bucketed as before (a shift of positions around an added or removed statement keeps the order), and
    the refresh, which reads the whole article's statements, would find exactly what is stored."""
    if reordered:
        return True
    if any(claim.paragraph != old_paragraphs[id(claim)] for claim in [*plan.moved, *plan.edited]):
        return True
    changes = [(None, claim.text) for claim in plan.created]
    changes += [(old_texts[id(claim)], claim.text) for claim in plan.edited]
    changes += [(old_texts[id(claim)], None) for claim in plan.retired]
    return could_change_findings(changes)


def claims_rename_key(*, article_id: int, old_key: str, new_key: str, user=None, reason: str = "") -> int:
    """Write ``[new_key]`` for ``[old_key]`` in the current claims of an article (wording, markers and
    the wording last decided on), in one bulk update with history; return how many changed.

    A renamed key is not a change of wording: the claims keep their identity, status and review. Run
    it inside the unit of work that renames the source and rewrites the bodies, before ``claims_sync``,
    which then finds every sentence unchanged (otherwise it would send them back to unreviewed).
    """
    renamed = []
    claims = Claim.objects.active().filter(section__article_id=article_id, raw__contains=f"[{old_key}]")
    for claim in claims:
        raw = rename_marker(claim.raw, old_key, new_key)
        if raw == claim.raw:
            continue
        claim.raw = raw
        claim.decided_raw = rename_marker(claim.decided_raw, old_key, new_key)
        claim.markers = [[new_key if key == old_key else key, offset] for key, offset in claim.markers]
        renamed.append(claim)
    if renamed:
        update_rows_with_history(Claim, renamed, ["raw", "decided_raw", "markers"], user=user, reason=reason)
    return len(renamed)


def apply_sentence(claim: Claim, sentence: Sentence, position: int) -> None:
    claim.raw, claim.text, claim.position, claim.paragraph = (
        sentence.raw,
        sentence.text,
        position,
        sentence.paragraph,
    )
    claim.markers = [[marker.key, marker.offset] for marker in sentence.markers]
    claim.is_hedged = is_hedged(sentence.text)


class StoredRow(NamedTuple):
    pk: int
    raw: str
    text: str
    paragraph: int
    position: int


class StoredClaims:
    """A section's current claims as read by one sync, in two queries whatever the section's length:
    every claim's row and every citation as plain values, and a model instance built only for the few
    claims the sync rewrites or retires (a one-sentence edit of a 5,000-sentence section built 5,000
    instances and prefetched 6,500 citations: 1.3 s of its 2.2 s)."""

    def __init__(self, section, columns: list[str], values: list[tuple], citations: dict[int, list]):
        self.section, self.columns, self.values, self.citations = section, columns, values, citations
        where = [
            columns.index(Claim._meta.pk.attname if name == "pk" else name) for name in StoredRow._fields
        ]
        self.rows = [StoredRow(*(value[index] for index in where)) for value in values]

    @classmethod
    def of(cls, section) -> "StoredClaims":
        columns = [field.attname for field in Claim._meta.concrete_fields]
        values = list(section.claims.active().order_by("position").values_list(*columns))
        citations: dict[int, list[tuple[int, bool]]] = {}
        cited = (
            Citation.objects.filter(claim__section=section, claim__retired_at__isnull=True)
            .order_by("claim_id", "is_inferred", "position")  # Citation's own order, as claim.citations
            .values_list("claim_id", "source_id", "is_inferred")
        )
        for claim_id, source_id, is_inferred in cited:
            citations.setdefault(claim_id, []).append((source_id, is_inferred))
        return cls(section, columns, values, citations)

    def instance(self, index: int) -> Claim:
        """The claim at ``index`` as a model instance, as the database returned it (all its fields)."""
        claim = Claim.from_db(Claim.objects.db, self.columns, self.values[index])
        claim.section = self.section  # known, as the section's related manager would have set it
        return claim


def plan_existing(
    plan: SyncPlan, claim: Claim, current, sentence: Sentence, match, wanted, *, user, now
) -> None:
    """Plan the writes for a claim that survives: nothing, a move, or an edit that resets its review.
    ``current``: its stored citations, as (source id, is inferred) in their order."""
    claim.stored_citations = list(current)
    citations_changed = set(current) != {(source.pk, inferred) for source, inferred in wanted}
    if match.is_identical and not citations_changed:
        if (claim.position, claim.paragraph) != (match.new_index, sentence.paragraph):
            claim.position, claim.paragraph = match.new_index, sentence.paragraph
            plan.moved.append(claim)
        return
    if not match.is_identical:
        claim.wording_by, claim.wording_changed_at = user, now
        plan.refigured.append(claim)
    apply_sentence(claim, sentence, match.new_index)
    claim.status, claim.review_note = Claim.Status.UNREVIEWED, ""
    claim.reviewed_by, claim.reviewed_at = None, None
    plan.edited.append(claim)
    if citations_changed:
        plan.citations_for[id(claim)] = (claim, wanted)


def write_plan(plan: SyncPlan, *, user, reason: str, sources: dict) -> None:
    """Write a sync plan with a fixed number of bulk queries, each with its history rows."""
    by_id = {source.pk: source for source in sources.values()}
    for claim in plan.created + plan.edited:
        _, wanted = plan.citations_for.get(id(claim), (claim, None))
        if wanted is None:
            wanted = [(by_id[source_id], inferred) for source_id, inferred in claim.stored_citations]
        claim.flags = flags_for(claim, wanted)
    if plan.created:
        bulk_create_with_history(plan.created, Claim, default_user=user, default_change_reason=reason)
    for changed, names in ((plan.edited, EDITED_FIELDS), (plan.retired, ["retired_at"])):
        if changed:
            update_rows(changed, names)
            Claim.history.bulk_history_create(
                changed, update=True, default_user=user, default_change_reason=reason
            )
    update_rows(plan.moved, ["position", "paragraph"])
    replace_citations(plan.citations_for, user=user, reason=reason)
    replace_figures(plan.refigured)
    rechecked = {id(claim): claim for claim in plan.refigured}
    rechecked |= {id(claim): claim for claim, _ in plan.citations_for.values()}
    claims_check_evidence(claims=list(rechecked.values()), user=user)


def claims_set_citation_pages(*, pages_by_section: dict, user, reason: str) -> int:
    """Set the page each explicit citation of the given sections cites, from an import's
    ``{section id: ((key, n, page), …)}`` (``claims.citation_pages``); a citation the import gives no page
    loses the one it had. Returns how many citations changed; each change is one history row."""
    if not pages_by_section:
        return 0
    claims = (
        Claim.objects.active()
        .filter(section_id__in=list(pages_by_section))
        .order_by("section_id", "position")
        .values_list("pk", "section_id", "markers")
    )
    by_section: dict[int, list] = {}
    for pk, section_id, markers in claims:
        by_section.setdefault(section_id, []).append((pk, markers or []))
    wanted = {}
    for section_id, section_claims in by_section.items():
        wanted.update(pages_by_citation(section_claims, pages_by_section[section_id]))
    citations = Citation.objects.filter(
        claim_id__in=[pk for section_claims in by_section.values() for pk, _ in section_claims]
    ).select_related("source")
    changed = []
    for citation in citations:
        pages = "" if citation.is_inferred else wanted.get((citation.claim_id, citation.source.key), "")
        if citation.pages != pages[:200]:
            citation.pages = pages[:200]
            changed.append(citation)
    update_rows_with_history(Citation, changed, ["pages"], user=user, reason=reason)
    return len(changed)


def replace_citations(citations_for: dict, *, user, reason: str) -> None:
    """Replace the citations of the given claims; deletions are recorded one by one in history,
    which costs queries only for the citations that actually went away."""
    if not citations_for:
        return
    stale = Citation.objects.filter(claim__in=[claim.pk for claim, _ in citations_for.values()])
    quotes = {}  # a confirmed passage stays with the claim and source it was confirmed for
    for citation in stale:
        quotes[citation.claim_id, citation.source_id] = {
            "quote": citation.quote,
            "quote_confirmed_by_id": citation.quote_confirmed_by_id,
            "quote_confirmed_at": citation.quote_confirmed_at,
            "pages": citation.pages,
        }
        describe_write(citation, reason)
        citation.delete()
    new = [
        Citation(
            claim=claim,
            source=source,
            is_inferred=inferred,
            position=position,
            **quotes.get((claim.pk, source.pk), {}),
        )
        for claim, wanted in citations_for.values()
        for position, (source, inferred) in enumerate(wanted)
    ]
    bulk_create_with_history(new, Citation, default_user=user, default_change_reason=reason)


# Figure.value holds 20 digits before the point; a longer number is no figure an article states.
LARGEST_FIGURE = Decimal(10) ** 20


def storable(figure) -> bool:
    return all(abs(value) < LARGEST_FIGURE for value in (figure.value, figure.value_max) if value is not None)


def replace_figures(claims: list[Claim]) -> None:
    """Refresh the stored figures of claims whose wording is new or changed."""
    if not claims:
        return
    Figure.objects.filter(claim__in=[claim.pk for claim in claims]).delete()
    Figure.objects.bulk_create(
        Figure(
            claim=claim,
            position=position,
            text=figure.text[:200],
            start=figure.start,
            end=figure.end,
            value=figure.value,
            value_max=figure.value_max,
            unit=figure.unit[:100],
            qualifier=figure.qualifier,
            kind=figure.kind,
        )
        for claim in claims
        for position, figure in enumerate(f for f in extract_figures(claim.text) if storable(f))
    )


@editorial_change(comment="Flags recomputed")
def claims_refresh_flags(*, claims) -> int:
    """Recompute and store the flags of ``claims`` (a queryset), in a unit of work (joined when one runs);
    return how many changed."""
    changed = []
    for claim in claims.select_related("section").prefetch_related("citations__source"):
        flags = flags_for(claim, [(c.source, c.is_inferred) for c in claim.citations.all()])
        if flags != claim.flags:
            claim.flags = flags
            changed.append(claim)
    update_rows(changed, ["flags"])
    for article_id in sorted({claim.section.article_id for claim in changed}):
        article_touched(article_id)  # a bulk write sends no signal
    return len(changed)


def update_rows(claims: list[Claim], names: list[str]) -> None:
    """Write the fields ``names`` of each claim in linear time (``editorial.bulk.update_rows``)."""
    bulk.update_rows(Claim, claims, names)


DECISIONS = (Claim.Status.APPROVED, Claim.Status.DISPUTED, Claim.Status.REJECTED)


# The flags of a claim with a figure the check fails (``contradicted_by_source``: a source states the
# same quantity with another value).
FAILING_FLAGS = frozenset({"failed_verification", "contradicted_by_source"})


def review_refusal(
    *, claim: Claim, reviewer, status: str, note: str, approve_failing: bool = False
) -> str | None:
    """Return why ``reviewer`` may not record this decision, or None when they may. Approving a claim
    whose figure fails the check is refused unless ``approve_failing`` (the reviewer read the source and
    the check misreads it)."""
    if not (reviewer.is_active and reviewer.has_perm("claims.review_claim")):
        return errors.NOT_A_REVIEWER
    if status not in DECISIONS:
        return errors.NOT_A_DECISION
    if claim.is_retired:
        return errors.RETIRED_CLAIM
    if claim.wording_by_id is not None and claim.wording_by_id == reviewer.pk:
        return errors.OWN_WORDING
    if status != Claim.Status.APPROVED and not note.strip():
        return errors.NOTE_REQUIRED
    is_failing = not FAILING_FLAGS.isdisjoint(claim.flag_names)
    if status == Claim.Status.APPROVED and is_failing and not approve_failing:
        return errors.APPROVED_BUT_FAILING
    return None


def claim_review(
    *,
    claim: Claim,
    reviewer,
    status: str,
    note: str = "",
    seen_raw: str | None = None,
    note_is_public: bool = False,
    approve_failing: bool = False,
) -> Claim:
    """Record a reviewer's decision on a claim's current wording, in the claim's history with the
    reviewer as its user and the note as its reason. ``seen_raw`` is the wording the reviewer decided on:
    when the claim changed since, the decision is refused (WordingChanged). ``note_is_public`` lets readers
    see the note. An approval makes the current wording the one the reviewed view shows; a claim whose
    figure fails the check is approved only with ``approve_failing``. Raises ReviewRefused, changing
    nothing."""
    section = claim.section
    with review_change(reviewer=reviewer, comment=f"Review: {status}"):
        article_touched(section.article_id)  # the article first: one lock order for every write
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        claim.section = section  # its article, known: the unit marks it without asking the database
        if seen_raw is not None and seen_raw != claim.raw:
            raise errors.WordingChanged(seen=seen_raw, current=claim.raw)
        refusal = review_refusal(
            claim=claim, reviewer=reviewer, status=status, note=note, approve_failing=approve_failing
        )
        if refusal:
            raise errors.ReviewRefused(refusal)
        claim.status, claim.review_note = status, note.strip()
        claim.note_is_public = bool(note_is_public and claim.review_note)
        claim.reviewed_by, claim.reviewed_at, claim.decided_raw = reviewer, timezone.now(), claim.raw
        if status == Claim.Status.APPROVED:
            claim.approved_raw, claim.approved_text = claim.raw, claim.text
            claim.approved_markers, claim.approved_at = claim.markers, claim.reviewed_at
            claim.approved_by = reviewer
        citations = [(c.source, c.is_inferred) for c in claim.citations.select_related("source")]
        claim.flags = flags_for(claim, citations)
        describe_write(claim, note.strip() or Claim.Status(status).label)
        claim.save()
    return claim


def claim_approve_removal(*, claim: Claim, reviewer, note: str = "") -> Claim:
    """Approve that a retired sentence with an approved wording leaves the text: the reviewed view stops
    showing it. The approved wording is cleared on the claim and kept in its history."""
    with review_change(reviewer=reviewer, comment="Review: removal approved"):
        article_touched(claim.section.article_id)  # the article first: one lock order for every write
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if not claim.is_retired or not claim.approved_raw:
            raise errors.ReviewRefused(errors.NO_REMOVAL_TO_APPROVE)
        claim.approved_raw, claim.approved_text, claim.approved_markers = "", "", []
        claim.approved_at, claim.approved_by = None, None
        claim.reviewed_by, claim.reviewed_at = reviewer, timezone.now()
        describe_write(claim, note.strip() or "Removal approved")
        claim.save()
    return claim


def wording_fingerprint(raw: str) -> str:
    """A short fingerprint of a claim's wording: what a page of claims carries for each row it shows, so a
    decision on many claims at once names the wording the reviewer read (``claims_approve``)."""
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class BulkApproval:
    approved: tuple[int, ...] = ()
    refused: tuple[tuple[int, str], ...] = ()  # (claim id, why), in the order given
    unseen: tuple[int, ...] = ()  # claims the reviewer's page did not show: never approved


def claims_approve(*, claim_ids: Iterable[int], reviewer, seen: Mapping[int, str]) -> BulkApproval:
    """Approve, in one unit of work, the claims whose wording is the one the reviewer saw: ``seen`` maps a
    claim's id to the ``wording_fingerprint`` of the wording shown, so a claim edited since is refused and
    one not shown at all (selected across pages) is left alone. Every article is locked first, in one
    order (two bulk approvals never deadlock); each approval is a savepoint, so a refused claim leaves the
    others approved. Raises ReviewRefused, changing nothing, when ``reviewer`` may not review."""
    claim_ids = list(dict.fromkeys(claim_ids))
    found = Claim.objects.select_related("section").in_bulk(claim_ids)
    claims = [found[pk] for pk in claim_ids if pk in found]
    approved, refused, unseen = [], [], []
    with review_change(reviewer=reviewer, comment="Review: approve selected claims"):
        for article_id in sorted({claim.section.article_id for claim in claims}):
            article_locked(article_id)
        for claim in claims:
            if claim.pk not in seen:
                unseen.append(claim.pk)
            elif seen[claim.pk] != wording_fingerprint(claim.raw):
                refused.append((claim.pk, errors.CHANGED_AFTER_SHOWN))
            else:
                try:
                    # The wording read above; one changed since is refused as WordingChanged.
                    claim_review(
                        claim=claim, reviewer=reviewer, status=Claim.Status.APPROVED, seen_raw=claim.raw
                    )
                except errors.ReviewRefused as refusal:
                    refused.append((claim.pk, str(refusal)))
                else:
                    approved.append(claim.pk)
    return BulkApproval(tuple(approved), tuple(refused), tuple(unseen))


@dataclass(frozen=True)
class Decision:
    claim: Claim  # as recorded: decided, or as it was when only passages were confirmed
    passages_confirmed: int


def claim_decide(
    *,
    claim: Claim,
    reviewer,
    passages: Mapping[int, str] | None = None,
    status: str = "",
    note: str = "",
    seen_raw: str | None = None,
    note_is_public: bool = False,
    approve_failing: bool = False,
) -> Decision:
    """Confirm the passages a reviewer gave (citation id -> text) and then, when ``status`` is given, record
    the decision (``claim_review``), in one unit of work: the passages come first because a confirmed
    passage re-checks the figures the decision is about, and a refused decision takes the confirmations
    back with it. Without ``status`` the claim keeps its status and review. Raises PassageRefused or
    ReviewRefused, changing nothing."""
    passages = passages or {}
    citations = {citation.pk: citation for citation in claim.citations.filter(pk__in=list(passages))}
    if set(passages) - set(citations):
        raise errors.PassageRefused(errors.NOT_THIS_CLAIMS_CITATION)
    with editorial_change(user=reviewer, comment=f"Review: {status}" if status else "Passages confirmed"):
        for citation_id, text in passages.items():
            citation_confirm_passage(citation=citations[citation_id], text=text, user=reviewer)
        if status:
            claim = claim_review(
                claim=claim,
                reviewer=reviewer,
                status=status,
                note=note,
                seen_raw=seen_raw,
                note_is_public=note_is_public,
                approve_failing=approve_failing,
            )
    return Decision(claim, len(passages))
