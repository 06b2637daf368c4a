"""Tests run on SQLite by default and on PostgreSQL when DATABASE_URL is set."""

import os
import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Static files come from the apps through the finders; no collectstatic before tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: memory databases lock whole tables without waiting, which would
    # make the concurrent-save tests measure SQLite's test mode rather than the product.
    # One file per test process, so two test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"verity-test-{os.getpid()}.sqlite3")
    }

if os.environ.get("REDIS_URL") and not os.environ.get("CACHE_KEY_PREFIX"):
    # Test processes sharing one Redis (pytest-xdist's workers, two runs on one machine) keep apart: each
    # has keys of its own and its own pointer channel (pagecache.tracking names it by the prefix), and
    # clear() deletes this prefix's keys only (tests/conftest.py), not the others' database. A process
    # given CACHE_KEY_PREFIX plays one of the same deployment (tests/pagecache/test_tracking.py).
    CACHES["default"]["KEY_PREFIX"] = f"{CACHES['default']['KEY_PREFIX']}-test-{os.getpid()}"  # noqa: F405

# Tests search many times a second (pages, validity, browsers); tests/claims/test_search.py sets the budget
# low to see the 429.
VERITY_SEARCHES_PER_SECOND = 10_000
# Tests roll their transactions back, which starts no new generation of search results: each search runs
# (tests/claims/test_search.py turns the results cache on where it tests it).
VERITY_SEARCH_RESULTS_SECONDS = 0
EDITORIAL_CHECK_WRITES = True  # a write of an editorial model outside a unit of work fails (editorial.work)
