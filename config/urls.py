from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from config import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's): the site's own icon.
    path("favicon.ico", RedirectView.as_view(url=static("articles/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
