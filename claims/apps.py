from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from claims import receivers
        from sources.signals import reliability_changed

        reliability_changed.connect(receivers.reflag_citing_claims, dispatch_uid="claims-reflag-on-rating")
