from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from articles.models import Section
        from articles.outlines import keep_last_state, mark_reshaped, record_outlines
        from editorial.work import before_unit_ends

        before_unit_ends(record_outlines)
        pre_delete.connect(keep_last_state, sender=Section, dispatch_uid="articles.section.keep_last_state")
        post_save.connect(mark_reshaped, sender=Section, dispatch_uid="articles.section.created")
        post_delete.connect(mark_reshaped, sender=Section, dispatch_uid="articles.section.deleted")
