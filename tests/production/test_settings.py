"""The production settings, read in a fresh process as gunicorn would read them."""

import json
import secrets
import subprocess

import pytest

from bench import stack

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://verity@db.example.org:5432/verity",
}
SETTINGS_AS_JSON = """
import json, django
from django.conf import settings
django.setup()
database = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "ENGINE": database["ENGINE"],
    "CONN_MAX_AGE": database["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": database["CONN_HEALTH_CHECKS"],
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
    "LOG_HANDLERS": settings.LOGGING["root"]["handlers"],
    "LAST_MIDDLEWARE": settings.MIDDLEWARE[-1],
    "FIRST_BACKEND": settings.AUTHENTICATION_BACKENDS[0],
}))
"""


def run(code_or_command: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = stack.production_env(database_url="", static_root=stack.ROOT / "staticfiles")
    environment.update(PRODUCTION)
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [stack.PYTHON, *code_or_command], cwd=stack.ROOT, env=environment, capture_output=True, text=True
    )


def production_settings(**env) -> dict:
    result = run(["-c", SETTINGS_AS_JSON], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(name):
    result = run(["manage.py", "check"], **{name: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and name in result.stderr.splitlines()[-1]


def test_production_runs_behind_a_tls_proxy_on_postgresql():
    settings = production_settings(CSRF_TRUSTED_ORIGINS="https://verity.example.org, https://www.example.org")
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["example.org"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://verity.example.org", "https://www.example.org"]
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert (
        settings["SECURE_SSL_REDIRECT"]
        and settings["SESSION_COOKIE_SECURE"]
        and settings["CSRF_COOKIE_SECURE"]
    )
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert settings["CONN_MAX_AGE"] == 60 and settings["CONN_HEALTH_CHECKS"] is True
    assert settings["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["LOG_HANDLERS"] == ["stderr"]
    # As django-axes asks: its backend refuses a locked-out sign-in before any password is checked, and its
    # middleware, last, turns the refusal into the lockout page.
    assert settings["FIRST_BACKEND"] == "axes.backends.AxesStandaloneBackend"
    assert settings["LAST_MIDDLEWARE"] == "axes.middleware.AxesMiddleware"


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_redis_when_redis_url_is_set(redis_url, backend):
    assert production_settings(REDIS_URL=redis_url)["CACHE"] == backend
