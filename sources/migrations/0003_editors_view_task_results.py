"""Editors queue fetches, so they may read the task results django-tasks-db keeps (its admin is
read-only)."""

from django.db import migrations

from accounts.roles import create_all_permissions


def grant(apps, schema_editor):
    # A database whose Editors group was made before this grant; a fresh one gets the group with all its
    # permissions from accounts/migrations/0002_roles.py (accounts.roles).
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="django_tasks_database", codename="view_dbtaskresult")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0002_source_snapshots_and_fetch_attempts"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
