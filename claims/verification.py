"""Writes of the figure check: suggest each citation's passage from its source's latest snapshot, give
each figure a verdict, and let an editor or reviewer confirm or type the passage.

Every function reads and writes in a fixed number of queries whatever the number of claims (see
``update_rows``), so a snapshot of a source cited 300 times costs what one cited once does.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from claims import errors
from claims.evidence.lookup import SourceFigures, index_source
from claims.evidence.passages import best_passage, build_index
from claims.evidence.verdicts import CONTRADICTED, FAILED, NOT_FOUND, Evidence, FigureVerdict, check_figures
from claims.figures import Figure as StatedFigure
from claims.flagging import flags_for
from claims.models import Citation, Claim, Figure
from claims.quotes import is_quoted_from
from editorial.bulk import update_rows, update_rows_with_history
from editorial.work import article_locked, article_touched, describe_write, editorial_change
from sources.models import Snapshot
from sources.selectors import latest_snapshots

SUGGESTION_FIELDS = ["passage_snapshot", "suggested_passage", "suggested_start", "suggested_score"]
ROWS_PER_UPDATE = 1000  # one UPDATE per this many changed rows; the seed's article has 301 citations
LOST_SUPPORT_REASON = "The figure check found {figures} in none of the cited sources; back to review."
CONTRADICTED_REASON = "A cited source gives another value for {figures}; back to review."
MAX_QUOTE = 5000


@dataclass(frozen=True)
class CheckResult:
    claims: int = 0
    suggestions_changed: int = 0
    verdicts_changed: int = 0
    sent_back: int = 0
    article_ids: frozenset = frozenset()


# Indexing a 20 KB text takes milliseconds, but one snapshot is read for every claim citing its source
# on every check; the text itself is the key, so a new snapshot can never meet a stale index.
index_for_text = lru_cache(maxsize=256)(build_index)


@lru_cache(maxsize=256)
def figures_for_text(text: str) -> SourceFigures:
    """Return every figure of a snapshot's text read once, on the BM25 index the suggestions use."""
    return index_source(text, index_for_text(text))


def claims_check_evidence(*, claims, user=None) -> CheckResult:
    """Suggest a passage for every citation of ``claims`` (fresh instances, or ids) from its source's latest
    snapshot, check every figure against the confirmed or suggested passages, store the verdicts and
    flags, and send approved claims whose figure is no longer found back to review."""
    claims = list(claims)
    if not claims:
        return CheckResult()
    # Its own unit of work when called alone (a command, a benchmark); inside a save or a new snapshot it
    # joins theirs, which locked the article first.
    with editorial_change(user=user, comment="Figures checked against their sources"):
        loaded = _loaded(claims)
        article_ids = sorted({claim.section.article_id for claim in loaded})
        for article_id in article_ids:
            article_locked(article_id)  # the article first: one lock order for every write
        citations = list(Citation.objects.filter(claim__in=loaded).select_related("source"))
        figures = list(Figure.objects.filter(claim__in=loaded).order_by("claim", "position"))
        snapshots = latest_snapshots({citation.source_id for citation in citations})
        by_claim, figures_of = defaultdict(list), defaultdict(list)
        claims_by_id = {claim.pk: claim for claim in loaded}
        for citation in citations:
            citation.claim = claims_by_id[citation.claim_id]  # the loaded claim, not one query each
            by_claim[citation.claim_id].append(citation)
        for figure in figures:
            figures_of[figure.claim_id].append(figure)
        # Each snapshot indexed once per check, whatever the cache keeps: an article with more sources
        # than the cache holds would otherwise rebuild indexes as citations alternate between sources.
        indexes = {
            source_id: (snapshot, index_for_text(snapshot.text)) for source_id, snapshot in snapshots.items()
        }
        suggested = [c for c in citations if _suggest(c, indexes.get(c.source_id), figures_of[c.claim_id])]
        update_rows(Citation, suggested, SUGGESTION_FIELDS)
        read = {source_id: figures_for_text(snapshot.text) for source_id, (snapshot, _) in indexes.items()}
        changed_figures, lost = _store_verdicts(loaded, by_claim, figures_of, read)
        sent_back = _update_claims(loaded, by_claim, lost, user=user)
        if suggested or changed_figures or sent_back:
            for article_id in article_ids:
                article_touched(article_id)  # verdicts, passages and flags are on the reader's page
    return CheckResult(len(loaded), len(suggested), changed_figures, sent_back, frozenset(article_ids))


def _loaded(claims: list) -> list[Claim]:
    """Return the claims to check: instances as given (claims_sync has them fresh), ids loaded."""
    if all(isinstance(claim, Claim) for claim in claims):
        return [claim for claim in claims if not claim.is_retired]
    return list(Claim.objects.active().filter(pk__in=claims).select_related("section"))


def _suggest(citation: Citation, indexed: tuple | None, figures: list[Figure]) -> bool:
    """Set the citation's suggested passage from its source's (snapshot, index); return True when it
    changed."""
    match, snapshot = None, None
    if indexed is not None:
        snapshot, index = indexed
        match = best_passage(index, citation.claim.text, tuple(pure_figure(figure) for figure in figures))
    wanted = (
        (snapshot.pk if snapshot else None, match.passage.text, match.passage.start, match.score)
        if match
        else (snapshot.pk if snapshot else None, "", None, None)
    )
    current = (
        citation.passage_snapshot_id,
        citation.suggested_passage,
        citation.suggested_start,
        citation.suggested_score,
    )
    if wanted == current:
        return False
    (
        citation.passage_snapshot_id,
        citation.suggested_passage,
        citation.suggested_start,
        citation.suggested_score,
    ) = wanted
    return True


def pure_figure(figure: Figure) -> StatedFigure:
    """Return a stored figure as the pure dataclass the evidence modules compare."""
    return StatedFigure(
        figure.text,
        figure.start,
        figure.end,
        figure.value.normalize(),
        None if figure.value_max is None else figure.value_max.normalize(),
        figure.unit,
        figure.qualifier,
        figure.kind,
    )


def _store_verdicts(
    claims: list[Claim], by_claim, figures_of, read: dict[int, SourceFigures]
) -> tuple[int, dict[int, list[Figure]]]:
    """Store each figure's verdict, looked up in the whole latest snapshot of each cited source (and in
    a confirmed passage first); return how many changed and, per claim, the figures newly not found or
    contradicted."""
    changed, lost = [], defaultdict(list)
    for claim in claims:
        evidence = [Evidence(c.source.key, c.quote, read.get(c.source_id)) for c in by_claim[claim.pk]]
        figures = figures_of[claim.pk]
        verdicts = check_figures([pure_figure(figure) for figure in figures], evidence, claim.text)
        for figure, verdict in zip(figures, verdicts, strict=True):
            stored = _evidence_json(verdict)
            if (figure.verdict, figure.evidence) == (verdict.verdict, stored):
                continue
            if verdict.verdict in FAILED and figure.verdict not in FAILED:
                lost[claim.pk].append(figure)
            figure.verdict, figure.evidence = verdict.verdict, stored
            changed.append(figure)
        claim.has_failed_verification = any(f.verdict == NOT_FOUND for f in figures)
        claim.has_contradiction = any(f.verdict == CONTRADICTED for f in figures)
    update_rows(Figure, changed, ["verdict", "evidence"])
    return len(changed), lost


def _evidence_json(verdict: FigureVerdict) -> dict:
    """Return what a figure stores of its verdict: the sources, the sentence that states (or
    contradicts) it and the value as that sentence words it; a contradiction also says ``says``."""
    if not verdict.support:
        return {"why": verdict.why} if verdict.why else {}
    stored = {"keys": list(verdict.keys), "passage": verdict.passage, "stated": verdict.support[0].stated}
    return stored | ({"says": verdict.says} if verdict.verdict == CONTRADICTED else {})


def _update_claims(claims: list[Claim], by_claim, lost: dict, *, user) -> int:
    """Store changed flags; send approved claims with a figure newly not found back to review."""
    flagged, sent_back = [], []
    for claim in claims:
        if claim.status == Claim.Status.APPROVED and claim.pk in lost:
            claim.status, claim.reviewed_by, claim.reviewed_at = Claim.Status.UNREVIEWED, None, None
            reason = CONTRADICTED_REASON if lost[claim.pk][0].verdict == CONTRADICTED else LOST_SUPPORT_REASON
            describe_write(claim, reason.format(figures=", ".join(f"“{f.text}”" for f in lost[claim.pk])))
            sent_back.append(claim)
        flags = flags_for(claim, [(c.source, c.is_inferred) for c in by_claim[claim.pk]])
        if flags != claim.flags or claim in sent_back:
            claim.flags = flags
            flagged.append(claim)
    update_rows(Claim, flagged, ["flags", "has_failed_verification", "has_contradiction"])
    if sent_back:
        # Each claim keeps its own reason (which figures), so its history says why it came back.
        update_rows_with_history(Claim, sent_back, ["status", "reviewed_by", "reviewed_at"], user=user)
    return len(sent_back)


QUOTED_SNAPSHOTS = 10  # the newest snapshots a confirmed passage may come from (each is read whole)


def require_quoted_from_source(citation: Citation, text: str) -> None:
    """Raise PassageNotInSource unless ``text`` is in one of the cited source's newest snapshots."""
    source_id, key = Citation.objects.filter(pk=citation.pk).values_list("source_id", "source__key").get()
    texts = Snapshot.objects.filter(source_id=source_id).order_by("-created_at", "-id")
    texts = list(texts.values_list("text", flat=True)[:QUOTED_SNAPSHOTS])
    if not texts:
        raise errors.PassageNotInSource(errors.NO_SOURCE_TEXT.format(key=key))
    if not any(is_quoted_from(text, snapshot_text) for snapshot_text in texts):
        raise errors.PassageNotInSource(errors.PASSAGE_NOT_IN_SOURCE.format(key=key))


def citation_confirm_passage(*, citation: Citation, text: str, user) -> Citation:
    """Store the passage an editor or reviewer confirmed, picked or typed for a citation (blank text
    goes back to the suggestion), then re-check the claim's figures against it."""
    if not (
        user.is_active and (user.has_perm("claims.change_citation") or user.has_perm("claims.review_claim"))
    ):
        raise PermissionDenied(errors.NOT_ALLOWED_TO_CONFIRM)
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        raise errors.QuoteTooLong(errors.QUOTE_TOO_LONG.format(limit=MAX_QUOTE))
    if text:
        require_quoted_from_source(citation, text)
    article_id = (
        Citation.objects.filter(pk=citation.pk).values_list("claim__section__article_id", flat=True).get()
    )
    with editorial_change(user=user, comment="Passage confirmed" if text else "Confirmed passage cleared"):
        article_touched(article_id)  # the article first: one lock order for every write
        citation = Citation.objects.select_for_update().get(pk=citation.pk)
        citation.quote = text
        citation.quote_confirmed_by, citation.quote_confirmed_at = (
            (user, timezone.now()) if text else (None, None)
        )
        describe_write(citation, "Passage confirmed" if text else "Confirmed passage cleared")
        citation.save()
        claims_check_evidence(claims=[citation.claim_id], user=user)
    return citation
