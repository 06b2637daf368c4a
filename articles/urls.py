from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("search/", views.search, name="search"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>.json", views.article_json, name="json"),
    path("articles/<slug:slug>/history/", views.article_history, name="history"),
    path("articles/<slug:slug>/history/<int:revision_id>/", views.article_revision, name="revision"),
    path("articles/<slug:slug>/factcheck/", views.article_factcheck, name="factcheck"),
    path("articles/<slug:slug>/sources/<str:key>/", views.source_detail, name="source"),
]

# The pages pagecache.wsgi answers before Django when they are cached (the same bytes for every reader).
CACHED_PAGES = ("detail", "json", "factcheck")


def cached_page_paths() -> list:
    """The regexes of the cached pages' paths, each with its ``slug`` group (mounted at the site's root)."""
    return [pattern.pattern.regex for pattern in urlpatterns if pattern.name in CACHED_PAGES]
