from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from claims.receivers import recheck_claims_citing_snapshot_source
        from sources.signals import snapshot_added

        snapshot_added.connect(recheck_claims_citing_snapshot_source, dispatch_uid="claims.recheck_snapshot")
