"""The two editorial roles, Editors and Reviewers, and what each may do.

They are Django groups: an administrator adds people to them and may adjust them in the admin. A fresh
database gets them from the data migration ``accounts/migrations/0002_roles.py`` (``roles_create``),
which leaves groups that already exist as they are. The permissions are named by app label and codename
(plain strings), so this app imports none of the apps it grants rights in.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
REVIEWERS = "Reviewers"

# (app label, model, actions): Editors change the text and its sources and confirm passages; Reviewers
# decide claims. Both read everything an editorial page shows.
ROLE_PERMISSIONS = {
    EDITORS: (
        ("articles", "article", ("add", "change", "delete", "view")),
        ("articles", "section", ("add", "change", "delete", "view")),
        ("sources", "source", ("add", "change", "view")),
        ("claims", "claim", ("view",)),
        ("claims", "citation", ("view", "change")),
        ("django_tasks_database", "dbtaskresult", ("view",)),  # the fetches they queue
    ),
    REVIEWERS: (
        ("articles", "article", ("view",)),
        ("articles", "section", ("view",)),
        ("sources", "source", ("view",)),
        ("claims", "claim", ("view", "review")),
        ("claims", "citation", ("view",)),
    ),
}


def role_codenames(role: str) -> set[tuple[str, str]]:
    """Return the (app label, codename) of every permission ``role`` holds."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, model, actions in ROLE_PERMISSIONS[role]
        for action in actions
    }


def roles_create(apps) -> list[str]:
    """Create each role that has no group yet, with its permissions; return the names created. A group
    that exists is left as it is (an administrator may have changed it). ``apps`` is a migration's
    historical registry or ``django.apps.apps``."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    missing = [role for role in ROLE_PERMISSIONS if not Group.objects.filter(name=role).exists()]
    if missing:
        create_all_permissions(apps)
    for role in missing:
        group = Group.objects.create(name=role)
        wanted = role_codenames(role)
        found = Permission.objects.filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
        group.permissions.add(*[p for p in found if (p.content_type.app_label, p.codename) in wanted])
    return missing


def create_all_permissions(apps) -> None:
    """Create every app's permissions now: Django creates them after all migrations have run, and a fresh
    database's migration needs them to grant them."""
    for app_config in apps.get_app_configs():
        before = getattr(app_config, "models_module", None)
        app_config.models_module = before or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = before
