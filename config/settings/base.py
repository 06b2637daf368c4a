"""Settings shared by every environment.

The embedded SQLite database is the default so a new user needs nothing else;
``DATABASE_URL`` switches to PostgreSQL (psycopg 3) and ``REDIS_URL`` to a shared cache.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "verity-development-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "config.apps.VerityAdminConfig",  # django.contrib.admin with the Verity site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "reversion",
    "simple_history",
    "axes",
    "accounts",
    "articles",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "verity",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # Deployments (or test runs) sharing one Redis need distinct prefixes.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "verity"),
        # The cache is an accelerator (pagecache.guard): an unreachable Redis must cost a request little.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# The page cache's lifetimes (pagecache/). Pages are keyed by content version, so they never go stale and
# only expire to free memory. The pointer is replaced on every commit; with per-process memory (no Redis)
# other processes read it again from the database within this many seconds.
# "shared" is the s-maxage of the public pages: how long a CDN or proxy may serve one without asking again
# (browsers always revalidate; README, "Caching and CDNs"); "revision" is the max-age of an old revision.
PAGE_CACHE_SECONDS = {
    "page": 24 * 60 * 60,
    "pointer": 24 * 60 * 60 if os.environ.get("REDIS_URL") else 5,
    "shared": int(os.environ.get("SHARED_CACHE_SECONDS", "60")),
    # An old revision's page (/articles/<slug>/history/<id>/): browsers and CDNs keep it this long without
    # asking ("immutable"). Its text never changes; its reference list shows the sources' details of now,
    # and an article taken offline answers 404, so both reach such caches within this time.
    "revision": int(os.environ.get("REVISION_CACHE_SECONDS", str(24 * 60 * 60))),
}
# The origin absolute URLs in pages name (JSON-LD), e.g. https://verity.example; when empty, the request's
# scheme and host, lower case, without port or trailing dot.
SITE_URL = os.environ.get("SITE_URL", "")
# Rendered pages are keyed by article version, so a key's bytes never change: each process keeps the
# pages it serves in its own memory too, and a hit needs only the small version pointer from "default".
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "verity-pages",
    "OPTIONS": {"MAX_ENTRIES": 100},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# Sign-in throttling by django-axes (config/login_throttle.py). Attempts are recorded in the database, so
# throttling needs no cache. A username is refused from one address after AXES_FAILURE_LIMIT failures
# from that address; an address is refused for every username after LOGIN_FAILURES_PER_ADDRESS failures.
# Both are forgotten AXES_COOLOFF_TIME after the last failure; refused attempts do not extend the wait.
# Behind proxies, TRUSTED_PROXY_COUNT says how many X-Forwarded-For entries were added by them, so the
# client's address is read from the right one.
AUTHENTICATION_BACKENDS = [
    # First, as axes asks: it refuses a locked-out attempt before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "config.login_throttle.UsernameAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURES_PER_ADDRESS = 50
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "config.login_throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "config.login_throttle.lockout_response"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Sent on every response (config/security.py) in every environment, so pages and tests see what
# production sends. JSON-LD in <script type="application/ld+json"> is data, not script: CSP allows it.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "microphone", "payment", "usb")
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Claims, sources and citations change only through services (which keep flags and reviews right);
# simple-history's "revert to this record" admin view would write around them.
SIMPLE_HISTORY_REVERT_DISABLED = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time: IMMEDIATE transactions take the write lock up front, so a second
    # writer waits (up to the timeout) instead of failing halfway through its transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})

# Background work (fetching sources) runs through Django's tasks API on the database: no extra service.
# Run `manage.py db_worker` (several of them against PostgreSQL) to process the queue.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Fetching a source's URL (sources/fetching.py). Loopback is refused unless this is set, for tests and
# local demos only: a fetch that may reach 127.0.0.1 can read services that trust the machine itself.
_ALLOW_LOOPBACK = os.environ.get("VERITY_FETCH_ALLOW_LOOPBACK", "")
VERITY_FETCH_ALLOW_LOOPBACK = _ALLOW_LOOPBACK.lower() in {"1", "true", "yes"}

# Bounds on everything a hostile source or editor can send (README, "Bounds"). Past one, the work stops
# with a recorded refusal that names the bound, and nothing is stored.
VERITY_FETCH_TIMEOUT = 15  # seconds for the whole fetch, every hop, header and byte included (a deadline)
VERITY_FETCH_MAX_BYTES = 10 * 1024 * 1024  # bytes received, and bytes after undoing one Content-Encoding
VERITY_FETCH_MAX_REDIRECTS = 5
VERITY_EXTRACT_SECONDS = 20  # reading one file's text (a child process, killed then)
VERITY_EXTRACT_MEMORY_BYTES = 768 * 1024 * 1024  # that process's address space
VERITY_SNAPSHOT_MAX_CHARS = VERITY_FETCH_MAX_BYTES  # characters of one snapshot (fetched, uploaded, pasted)
# A running fetch attempt older than this lost its worker: the fetch's and extraction's bounds, and room.
VERITY_FETCH_LOST_AFTER = VERITY_FETCH_TIMEOUT + VERITY_EXTRACT_SECONDS + 60
# Readers' searches, site-wide (shared cache); past either bound a 429 before Django (config.search_budget).
VERITY_SEARCHES_PER_SECOND = int(os.environ.get("VERITY_SEARCHES_PER_SECOND", "5"))  # a search: ~30 ms of DB
VERITY_SEARCHES_AT_ONCE = 1  # searches running at one time: the other workers stay free for readers
# The same words searched again are answered from the shared cache until an article changes; at most
# VERITY_SEARCHES_PER_SECOND new entries a second (each under 60 KB: 50 statements), so 0.3 k entries.
VERITY_SEARCH_RESULTS_SECONDS = 60
VERITY_SEARCH_TIMEOUT_MS = 500  # a reader's search on PostgreSQL is cancelled after this (and finds nothing)
VERITY_SAVE_MAX_CHANGED = 2_000  # statements one section save may change (each is checked again; 2,000: ~4 s)
VERITY_TABLE_MAX_CELLS = 10_000  # table cells in one section (every cell is rendered on the article page)
# A link is marked dead after this many failed fetches in a row (DNS, connection, timeout, HTTP error).
VERITY_FETCH_DEAD_AFTER = 3
