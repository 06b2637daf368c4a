"""Create the two roles so a fresh database has them: Editors change text and sources, Reviewers decide."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("articles", "article", ("add", "change", "delete", "view")),
    ("articles", "section", ("add", "change", "delete", "view")),
    ("sources", "source", ("add", "change", "view")),
    ("claims", "claim", ("view",)),
    ("claims", "citation", ("view",)),
]
REVIEWER_PERMISSIONS = [
    ("articles", "article", ("view",)),
    ("articles", "section", ("view",)),
    ("sources", "source", ("view",)),
    ("claims", "claim", ("view", "review")),
    ("claims", "citation", ("view",)),
]


def grant(apps, group_name, table):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, model, actions in table:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now so the
    # groups can be granted them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(apps, "Editors", EDITOR_PERMISSIONS)
    grant(apps, "Reviewers", REVIEWER_PERMISSIONS)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
