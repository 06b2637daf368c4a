"""What the unit of work (``editorial.work``) does to an article, registered by this app, which owns
articles: lock its row, raise its content version, read its cache pointers."""

from django.db.models import F
from django.utils import timezone

from articles.models import Article
from pagecache.pointers import Pointer


def lock(article_id: int) -> None:
    list(Article.objects.select_for_update().filter(pk=article_id).values_list("pk"))


def raise_version(article_id: int) -> None:
    # updated_at is the time of the new version: the pages' Last-Modified.
    Article.objects.filter(pk=article_id).update(
        content_version=F("content_version") + 1, updated_at=timezone.now()
    )


def pointers(article_ids: list[int]) -> list[Pointer]:
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk", "slug", "content_version", "is_public", "updated_at"
    )
    return [
        Pointer(pk, slug, version, is_public, int(modified.timestamp()))
        for pk, slug, version, is_public, modified in rows
    ]
