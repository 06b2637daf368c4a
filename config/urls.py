from django.contrib import admin
from django.urls import include, path

from config import health, login_throttle

admin.site.login_form = login_throttle.ThrottledAdminAuthenticationForm

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Ahead of admin.site.urls, so the admin's own login URL answers a refused attempt with 429.
    path("admin/login/", login_throttle.admin_login),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
