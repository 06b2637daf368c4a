"""The public pages of an article are cached under a key that includes ``Article.content_version``.

Every service that changes what a reader sees calls ``article_changed`` inside its own transaction, so
the new version commits with the change and no cache entry, in any process, can serve the old page:
there is nothing to delete, and nothing to forget to delete.
"""

from django.db.models import F

from articles.models import Article


def article_changed(article_id: int) -> None:
    """Mark the article's published content as changed (one UPDATE, in the caller's transaction)."""
    Article.objects.filter(pk=article_id).update(content_version=F("content_version") + 1)


def page_cache_key(article: Article, page: str) -> str:
    return f"article:{article.pk}:v{article.content_version}:{page}"
