"""The editorial roles are defined and created in ``accounts``: a migrated database has both groups with
exactly their permissions, and the data migration creates a missing role but leaves one that exists as
an administrator left it."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import EDITORS, REVIEWERS, ROLE_PERMISSIONS, role_codenames, roles_create

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("accounts.migrations.0002_roles")


def held(role: str) -> set[tuple[str, str]]:
    permissions = Group.objects.get(name=role).permissions.select_related("content_type")
    return {(permission.content_type.app_label, permission.codename) for permission in permissions}


def historical_apps():
    """The models as the roles migration sees them."""
    return MigrationExecutor(connection).loader.project_state(("accounts", "0002_roles")).apps


@pytest.mark.parametrize("role", sorted(ROLE_PERMISSIONS))
def test_a_migrated_database_has_each_role_with_exactly_its_permissions(role):
    assert held(role) == role_codenames(role)


def test_the_roles_name_only_permissions_that_exist():
    for role in ROLE_PERMISSIONS:
        for app_label, codename in role_codenames(role):
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_the_migration_leaves_existing_groups_as_they_are():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="delete_section"))
    before = {role: held(role) for role in ROLE_PERMISSIONS}
    MIGRATION.create_roles(historical_apps(), None)
    assert {role: held(role) for role in ROLE_PERMISSIONS} == before
    assert ("articles", "delete_section") not in held(EDITORS)


def test_the_migration_creates_a_missing_role_with_its_permissions():
    Group.objects.filter(name=REVIEWERS).delete()
    MIGRATION.create_roles(historical_apps(), None)
    assert held(REVIEWERS) == role_codenames(REVIEWERS)
    assert roles_create(django_apps) == []  # the step after: run again, nothing to create
