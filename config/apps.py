from django.contrib.admin.apps import AdminConfig


class VerityAdminConfig(AdminConfig):
    """django.contrib.admin with Verity's site (config.admin.VeritySite) as ``admin.site``."""

    default_site = "config.admin.VeritySite"
