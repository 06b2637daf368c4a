"""The two editorial roles. Groups are created by ``claims/migrations/0002_roles.py``."""

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def is_editor(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def is_reviewer(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=REVIEWERS).exists())
