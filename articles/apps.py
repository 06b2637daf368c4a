from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import reversion
        from django.db.models.signals import pre_delete

        from articles.models import Section
        from articles.outlines import record_outlines
        from editorial.work import before_unit_ends

        before_unit_ends(record_outlines)

        def keep_last_state(sender, instance, **kwargs):
            """A section deleted inside a revision is stored in it as it was (``record_outlines``)."""
            if reversion.is_active():
                reversion.add_to_revision(instance)

        pre_delete.connect(keep_last_state, sender=Section, dispatch_uid="articles.section.keep_last_state")
