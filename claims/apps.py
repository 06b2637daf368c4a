from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from claims import receivers
        from claims.search import forget_results_of_changed_articles
        from editorial.work import before_unit_ends
        from sources.signals import reliability_changed, snapshot_added

        before_unit_ends(forget_results_of_changed_articles)

        reliability_changed.connect(receivers.reflag_citing_claims, dispatch_uid="claims-reflag-on-rating")
        snapshot_added.connect(
            receivers.recheck_claims_citing_snapshot_source, dispatch_uid="claims-recheck-snapshot"
        )
