"""Editors may confirm or type the passage behind a citation (reviewers may through review_claim)."""

from django.db import migrations

from accounts.roles import create_all_permissions


def grant(apps, schema_editor):
    # A database whose Editors group was made before this grant; a fresh one gets the group with all its
    # permissions from accounts/migrations/0002_roles.py (accounts.roles).
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename="change_citation")
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="claims", codename="change_citation")
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_citation_passages_and_figure_verdicts")]
    operations = [migrations.RunPython(grant, revoke)]
