from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from claims import receivers
        from sources.signals import reliability_changed, snapshot_added

        reliability_changed.connect(receivers.reflag_citing_claims, dispatch_uid="claims-reflag-on-rating")
        snapshot_added.connect(
            receivers.recheck_claims_citing_snapshot_source, dispatch_uid="claims-recheck-snapshot"
        )
