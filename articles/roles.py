"""The two editorial roles. Groups are created by ``claims/migrations/0002_roles.py``."""

EDITORS = "Editors"
REVIEWERS = "Reviewers"
