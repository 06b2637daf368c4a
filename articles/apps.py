from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        from accounts.models import Profile
        from articles import ownership, people
        from articles.models import Section
        from articles.outlines import keep_last_state, mark_reshaped, record_outlines
        from articles.services import source_key_rename
        from articles.urls import cached_page_paths
        from editorial.work import after_revision_saved, register_articles
        from pagecache.wsgi import answer_paths
        from sources.renaming import register_key_rename

        register_articles(
            lock=ownership.lock, raise_version=ownership.raise_version, pointers=ownership.pointers
        )
        after_revision_saved(record_outlines)
        answer_paths(cached_page_paths())
        register_key_rename(source_key_rename)  # the source admin's Rename key: markers are articles' text
        pre_delete.connect(keep_last_state, sender=Section, dispatch_uid="articles.section.keep_last_state")
        post_save.connect(mark_reshaped, sender=Section, dispatch_uid="articles.section.created")
        post_delete.connect(mark_reshaped, sender=Section, dispatch_uid="articles.section.deleted")
        for person in (get_user_model(), Profile):
            uid = f"articles.public_name.{person._meta.label}"
            pre_save.connect(people.remember_public_name, sender=person, dispatch_uid=f"{uid}.before")
            post_save.connect(
                people.mark_articles_showing_new_name, sender=person, dispatch_uid=f"{uid}.after"
            )
