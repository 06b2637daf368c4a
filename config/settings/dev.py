"""The demo: embedded SQLite unless DATABASE_URL says otherwise, debug on."""

from .base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
