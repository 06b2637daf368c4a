"""The admin site as Verity's: its name, in one place, and index entries a ModelAdmin may rename."""

from django.contrib import admin

SITE_NAME = "Verity"


class VeritySite(admin.AdminSite):
    site_header = SITE_NAME
    site_title = SITE_NAME
    index_title = "Editing and review"

    def get_app_list(self, request, app_label=None):
        # A ModelAdmin's ``index_name`` names its index entry as its users know it ("Review queue"),
        # leaving the model's own names (messages, history) as they are.
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for entry in app["models"]:
                model_admin = self._registry.get(entry["model"])
                entry["name"] = getattr(model_admin, "index_name", None) or entry["name"]
        return app_list
