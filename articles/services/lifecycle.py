"""An article's own fields, the trash (delete and restore) and deleting for good, each one unit of work."""

from dataclasses import dataclass

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.errors import (
    ArticleNotInTrash,
)
from articles.models import Article, Section
from articles.services.unit import editorial_revision
from claims.models import Claim
from editorial.work import article_locked, article_touched
from sources.models import Source


def article_save(*, article: Article, user, comment: str = "") -> Article:
    """Save an article's own fields (title, slug, visibility) as one revision."""
    with editorial_revision(
        user=user, comment=comment or "Edited article details", permission="articles.change_article"
    ):
        former_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if article.pk:
            article_touched(article.pk, former_slug=former_slug)
            # The touch raised the row's content_version; saving this instance's older number would undo
            # it, and readers would keep the cached page (a changed title or reader view unseen).
            article.content_version = Article.objects.values_list("content_version", flat=True).get(
                pk=article.pk
            )
        article.save()
        if not former_slug:
            article_touched(article.pk)
    return article


def article_delete(*, article: Article, user, comment: str = "") -> Article:
    """Move an article to the trash, as one revision: readers no longer see it, and nothing of it is
    lost; ``article_restore`` brings it back as it was."""
    with editorial_revision(
        user=user,
        comment=comment or f"Moved “{article}” to the trash",
        permission="articles.delete_article",
        article=article.pk,
    ):
        if Article.objects.filter(pk=article.pk).in_trash().exists():
            article.refresh_from_db()
            return article  # already in the trash: nothing to write, no revision
        article.deleted_at, article.deleted_by = timezone.now(), user
        article.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return article


def article_restore(*, article: Article, user, comment: str = "") -> Article:
    """Bring an article back from the trash, as one revision."""
    with editorial_revision(
        user=user,
        comment=comment or f"Restored “{article}” from the trash",
        permission="articles.delete_article",
    ):
        article_touched(article.pk)
        article.deleted_at, article.deleted_by = None, None
        article.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return article


def articles_delete(*, articles, user, comment: str = "Moved articles to the trash") -> list[Article]:
    """Move several articles to the trash as one revision (those already there are left as they are)."""
    articles = list(articles)
    with editorial_revision(user=user, comment=comment, permission="articles.delete_article"):
        lock_in_one_order(articles)
        return [article_delete(article=article, user=user) for article in articles]


def articles_restore(*, articles, user, comment: str = "Restored articles from the trash") -> list[Article]:
    """Bring several articles back from the trash as one revision."""
    articles = list(articles)
    with editorial_revision(user=user, comment=comment, permission="articles.delete_article"):
        lock_in_one_order(articles)
        return [article_restore(article=article, user=user) for article in articles]


def lock_in_one_order(articles) -> None:
    """Every article first, in one order, so two changes to several articles never deadlock."""
    for article_id in sorted({article.pk for article in articles}):
        article_locked(article_id)


# How a purge's deletion log entry begins (the admin also logs a move to the trash as a deletion).
PURGED = "Deleted for good from the trash,"


NOT_IN_TRASH_MESSAGE = "“{article}” is not in the trash: move it there first, then delete it for good."


@dataclass(frozen=True)
class Purge:
    """What deleting an article for good removed (as its deletion log entry says)."""

    title: str
    slug: str
    sections: int
    claims: int
    sources: int


def article_purge(*, article: Article, user, reason: str = "") -> Purge:
    """Delete an article in the trash for good, with its sections, claims and sources, and record it in
    the deletion log (the admin's log, ``LogEntry`` with the DELETION flag: who, when, what and why). Its
    revisions stay in the history tables, so the log entry's account can be checked."""
    with editorial_revision(
        user=user,
        comment=reason or f"Deleted “{article}” for good",
        permission="articles.delete_article",
    ):
        article_locked(article.pk)
        article = Article.objects.get(pk=article.pk)
        if article.deleted_at is None:
            raise ArticleNotInTrash(NOT_IN_TRASH_MESSAGE.format(article=article))
        purge = Purge(
            article.title,
            article.slug,
            article.sections.count(),
            Claim.objects.filter(section__article=article).count(),
            Source.objects.filter(article=article).count(),
        )
        article_touched(article.pk, former_slug=article.slug)  # its cache pointer goes on commit
        LogEntry.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            object_repr=f"{article.title} ({article.slug})"[:200],
            action_flag=DELETION,
            change_message=deletion_message(purge, reason),
        )
        # Sections first: their claims' citations protect the sources the article's deletion removes.
        Section.objects.filter(article=article).delete()
        article.delete()
    return purge


def articles_purge(*, articles, user, reason: str = "") -> list[Purge]:
    """Delete several articles in the trash for good as one revision (``article_purge`` each)."""
    articles = list(articles)
    with editorial_revision(
        user=user, comment=reason or "Emptied the trash", permission="articles.delete_article"
    ):
        lock_in_one_order(articles)
        return [article_purge(article=article, user=user, reason=reason) for article in articles]


def deletion_message(purge: Purge, reason: str) -> str:
    """Return the deletion log's account of a purge: what went, and why."""
    counts = f"{purge.sections} sections, {purge.claims} statements and {purge.sources} sources"
    return f"{PURGED} with its {counts}." + (f" Reason: {reason}" if reason else "")
