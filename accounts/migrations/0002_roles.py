"""Create the Editors and Reviewers groups where they do not exist (``accounts.roles``). A database made
before the roles moved here already has them (from ``claims/migrations/0002_roles.py``, kept as a no-op):
this leaves them as they are."""

from django.db import migrations

from accounts.roles import ROLE_PERMISSIONS, roles_create


def create_roles(apps, schema_editor):
    roles_create(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    # The permissions it grants belong to these apps' models.
    dependencies = [
        ("accounts", "0001_profile_display_name"),
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
