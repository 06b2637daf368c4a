from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteConfig(AppConfig):
    """The project itself as an app, so its signal receivers are connected before any request."""

    name = "config"
    label = "site"
    verbose_name = "Site"

    def ready(self):
        from config import login_throttle

        login_throttle.connect_signals()


class VerityAdminConfig(AdminConfig):
    """django.contrib.admin with Verity's site (config.admin.VeritySite) as ``admin.site``."""

    default_site = "config.admin.VeritySite"
