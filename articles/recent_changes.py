"""Recent changes across articles, as MediaWiki's Special:RecentChanges: edits (every revision of an
article's text or details), review decisions and source changes, newest first, filtered by article, person
and kind. A read for the admin's page; three queries whatever the number of articles."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F
from reversion.models import Version

from articles.models import Article, RevisionOutline
from articles.rendering.history import change_summary
from claims.models import Claim
from sources.models import Source

EDIT, REVIEW, SOURCE = "edit", "review", "source"
KINDS = {EDIT: "Edits of text and details", REVIEW: "Review decisions", SOURCE: "Source changes"}
# A decision is the claim's history row written by its reviewer as the decision was taken (claim_review
# sets reviewed_at, then saves: the row follows within moments).
DECISION_WINDOW = timedelta(seconds=5)
LIMIT = 200


@dataclass(frozen=True)
class RecentChange:
    at: datetime
    kind: str
    article_id: int
    who: str  # the login: the admin names people by it
    what: str  # the summary: an edit's comment and sections, a decision and its note, a source's reason
    revision_id: int | None = None  # an edit's article version: its public page and comparison
    claim_id: int | None = None
    source_id: int | None = None


def recent_changes(*, article_id: int | None = None, user_id: int | None = None, kind: str = "") -> list:
    """Return at most ``LIMIT`` changes, newest first, of the kinds asked (all when ``kind`` is "")."""
    changes: list[RecentChange] = []
    if kind in ("", EDIT):
        changes += recent_edits(article_id, user_id)
    if kind in ("", REVIEW):
        changes += recent_decisions(article_id, user_id)
    if kind in ("", SOURCE):
        changes += recent_source_changes(article_id, user_id)
    return sorted(changes, key=lambda change: change.at, reverse=True)[:LIMIT]


def recent_edits(article_id, user_id) -> list[RecentChange]:
    versions = Version.objects.get_for_model(Article).select_related("revision__user")
    if article_id:
        versions = versions.filter(object_id=str(article_id))
    if user_id:
        versions = versions.filter(revision__user_id=user_id)
    versions = list(versions.order_by("-revision__date_created", "-pk")[:LIMIT])
    outlines = {
        (revision_id, article): change_summary(changes, count)
        for revision_id, article, changes, count in RevisionOutline.objects.filter(
            revision_id__in=[version.revision_id for version in versions]
        ).values_list("revision_id", "article_id", "changes", "changed_count")
    }
    return [
        RecentChange(
            at=version.revision.date_created,
            kind=EDIT,
            article_id=int(version.object_id),
            who=version.revision.user.get_username() if version.revision.user else "",
            what="; ".join(
                part
                for part in (
                    version.revision.get_comment(),
                    outlines.get((version.revision_id, int(version.object_id)), ""),
                )
                if part
            ),
            revision_id=version.pk,
        )
        for version in versions
    ]


def recent_decisions(article_id, user_id) -> list[RecentChange]:
    rows = Claim.history.filter(
        history_type="~",
        reviewed_at__isnull=False,
        history_user_id=F("reviewed_by_id"),
        history_date__gte=F("reviewed_at"),
        history_date__lt=F("reviewed_at") + DECISION_WINDOW,
    )
    if article_id:
        rows = rows.filter(section__article_id=article_id)
    if user_id:
        rows = rows.filter(history_user_id=user_id)
    rows = rows.select_related("history_user", "section").order_by("-history_date")[:LIMIT]
    return [
        RecentChange(
            at=row.history_date,
            kind=REVIEW,
            article_id=row.section.article_id if row.section else 0,
            who=row.history_user.get_username() if row.history_user else "",
            what=f"{Claim.Status(row.status).label}: “{row.text}”"
            + (f" ({row.history_change_reason})" if row.history_change_reason else ""),
            claim_id=row.id,
        )
        for row in rows
    ]


def recent_source_changes(article_id, user_id) -> list[RecentChange]:
    rows = Source.history.filter(history_user__isnull=False)
    if article_id:
        rows = rows.filter(article_id=article_id)
    if user_id:
        rows = rows.filter(history_user_id=user_id)
    rows = rows.select_related("history_user").order_by("-history_date")[:LIMIT]
    verbs = {"+": "added", "~": "changed", "-": "deleted"}
    return [
        RecentChange(
            at=row.history_date,
            kind=SOURCE,
            article_id=row.article_id,
            who=row.history_user.get_username(),
            what=f"[{row.key}] {row.title or ''} {verbs.get(row.history_type, 'changed')}".replace("  ", " ")
            + (f": {row.history_change_reason}" if row.history_change_reason else ""),
            source_id=row.id,
        )
        for row in rows
    ]
