"""Write the outline of every existing revision of an article from the full copy of its sections it holds
(every revision held one before revisions stored only what changed)."""

from django.db import migrations


def backfill(apps, schema_editor):
    from articles.outlines import backfill_outlines

    ContentType = apps.get_model("contenttypes", "ContentType")
    types = dict(
        ContentType.objects.filter(app_label="articles", model__in=["article", "section"]).values_list(
            "model", "pk"
        )
    )
    if len(types) < 2:
        return  # a new database: no revision yet
    backfill_outlines(
        apps.get_model("reversion", "Version"),
        apps.get_model("articles", "RevisionOutline"),
        types["article"],
        types["section"],
    )


def forget(apps, schema_editor):
    apps.get_model("articles", "RevisionOutline").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_revision_outline"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, forget)]
