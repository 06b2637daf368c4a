from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from config import health


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): the site's own icon. Its
    address is read per request: with hashed static names it exists only once collectstatic has run."""
    return HttpResponsePermanentRedirect(static("articles/favicon.svg"))


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
