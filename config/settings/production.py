"""Production: every secret and address comes from the environment, or the process refuses to start."""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED_ENVIRONMENT = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
missing = [name for name in REQUIRED_ENVIRONMENT if not os.environ.get(name)]
if missing:
    raise ImproperlyConfigured(
        "config.settings.production needs these environment variables: " + ", ".join(missing)
    )

from .base import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = [host.strip() for host in os.environ["ALLOWED_HOSTS"].split(",") if host.strip()]
