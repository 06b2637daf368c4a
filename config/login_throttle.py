"""Refuse sign-in attempts after too many failures for one username or from one client address.

Failures are counted in the cache (Redis in production), so every worker and every app server sees the
same counts. A refused attempt is turned away before the password is checked, so it cannot be used to
keep guessing, and it is not counted, so it does not extend the wait. A window starts at the first
failure and lasts LOGIN_FAILURE_WINDOW seconds; a successful sign-in clears its username's count.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

TOO_MANY_ATTEMPTS = "Too many failed sign-in attempts; try again in {minutes} minutes."
THROTTLED = "throttled"


def now() -> float:
    return time.time()


def lockout_message(seconds: int) -> str:
    return TOO_MANY_ATTEMPTS.format(minutes=max(1, math.ceil(seconds / 60)))


def client_ip(request) -> str:
    """Return the client's address. Behind TRUSTED_PROXY_COUNT proxies it is the X-Forwarded-For entry
    the outermost proxy added; entries before it were sent by the client and could be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def counter_keys(*, username: str, ip: str) -> list[str]:
    """Return the cache keys counting failures for this username and this address."""
    keys = []
    if username:
        digest = hashlib.sha256(username.casefold().encode()).hexdigest()[:32]
        keys.append(f"login-failures:user:{digest}")
    if ip:
        keys.append(f"login-failures:ip:{ip}")
    return keys


def retry_after(*, username: str, ip: str) -> int:
    """Return the seconds until this username may try to sign in from this address again; 0 for now."""
    current = now()
    waits = [0.0]
    for key in counter_keys(username=username, ip=ip):
        entry = cache.get_many([f"{key}:count", f"{key}:until"])
        until = entry.get(f"{key}:until", 0)
        if until > current and entry.get(f"{key}:count", 0) >= settings.LOGIN_FAILURE_LIMIT:
            waits.append(until - current)
    return math.ceil(max(waits))


def record_failure(*, username: str, ip: str) -> None:
    """Count one failed attempt against the username and the address.

    Two workers opening the same window at the same instant may lose one count; incr is atomic after.
    """
    current = now()
    window = settings.LOGIN_FAILURE_WINDOW
    for key in counter_keys(username=username, ip=ip):
        until = cache.get(f"{key}:until", 0)
        if until <= current:
            cache.set_many({f"{key}:until": current + window, f"{key}:count": 1}, timeout=window)
            continue
        try:
            cache.incr(f"{key}:count")
        except ValueError:
            cache.set(f"{key}:count", 1, timeout=math.ceil(until - current))


def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        record_failure(username=credentials.get("username", ""), ip=client_ip(request))


def on_logged_in(sender, request, user, **kwargs):
    keys = counter_keys(username=user.get_username(), ip="")
    cache.delete_many([f"{key}:{part}" for key in keys for part in ("count", "until")])


def connect_signals() -> None:
    user_login_failed.connect(on_login_failed, dispatch_uid="verity-login-throttle-failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="verity-login-throttle-logged-in")


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, refusing a throttled attempt before the password is checked."""

    retry_after = 0

    def clean(self):
        self.retry_after = retry_after(
            username=self.cleaned_data.get("username") or "", ip=client_ip(self.request)
        )
        if self.retry_after:
            raise ValidationError(lockout_message(self.retry_after), code=THROTTLED)
        return super().clean()


def admin_login(request, extra_context=None):
    """The admin's login view, answering a refused attempt with 429 Too Many Requests and Retry-After."""
    response = admin.site.login(request, extra_context)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.is_bound and form.has_error(NON_FIELD_ERRORS, code=THROTTLED):
        response.status_code = 429
        response["Retry-After"] = str(form.retry_after)
    return response
