"""Sign-in throttling, by django-axes: two limits, so that nobody can lock an editor out from elsewhere.

Failures are counted per username *and* address together (``AXES_FAILURE_LIMIT``): guessing at an
editor's password from one address locks that address out of that account only, and the editor still
signs in from anywhere else. A second, more generous limit per address (``LOGIN_FAILURES_PER_ADDRESS``)
stops one address from trying a few passwords on each of thousands of usernames. Axes compares one
number with one limit, so the handler below reports an address over its own limit as a pair at its limit.

Attempts are recorded in the database (axes' database handler), so the throttle works, and is shared by
every app server, whether or not the cache (Redis) answers.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, QuerySet, Sum
from django.shortcuts import render
from django.utils import timezone

LOCKED_OUT_TEMPLATE = "admin/locked_out.html"
ACCOUNT_LOCKED = "Too many failed sign-in attempts for this username from your address."
ADDRESS_LOCKED = "Too many failed sign-in attempts from your address."


def client_ip(request) -> str:
    """Return the client's address. Behind TRUSTED_PROXY_COUNT proxies it is the X-Forwarded-For entry
    the outermost proxy added; entries before it were sent by the client and could be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


@dataclass(frozen=True)
class Lockout:
    reason: str
    retry_at: datetime
    retry_after: int  # seconds


class UsernameAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per username and address, and another per address.

    It reads ``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]``, in that order.
    """

    def recent_attempts(self, request, credentials=None) -> tuple[QuerySet, QuerySet]:
        """Return this username's attempts from this address and all of this address's, in the cool-off."""
        pair, address = self.get_user_attempts(request, credentials)
        return pair, address

    def get_failures(self, request, credentials=None) -> int:
        pair, address = self.recent_attempts(request, credentials)
        if failures(address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return max(failures(pair), get_failure_limit(request, credentials))
        return failures(pair)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Forget this username's failures from this address only: signing in to one's own account must not
        clear the address's failures at other accounts."""
        pair, _address = self.filter_user_attempts(request, credentials)
        count, _ = pair.delete()
        return count

    def lockout(self, request, credentials=None) -> Lockout:
        """Return why this attempt is refused and when the limit it reached lets go."""
        pair, address = self.recent_attempts(request, credentials)
        if failures(pair) >= get_failure_limit(request, credentials):
            reason, attempts = ACCOUNT_LOCKED, pair
        else:
            reason, attempts = ADDRESS_LOCKED, address
        last = attempts.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
        # Axes forgets a record once its latest failure is older than the cool-off.
        retry_at = last + get_cool_off(request)
        seconds = math.ceil((retry_at - timezone.now()).total_seconds())
        return Lockout(reason=reason, retry_at=retry_at, retry_after=max(1, seconds))


def lockout_response(request, original_response=None, credentials=None):
    """Answer a refused sign-in with 429, the reason and the time to try again (AXES_LOCKOUT_CALLABLE)."""
    lockout = UsernameAndAddressHandler().lockout(request, credentials)
    context = {
        **admin.site.each_context(request),  # the site's name in the heading, not Django's default
        "title": "Sign-in paused",
        "lockout": lockout,
        "minutes": max(1, math.ceil(lockout.retry_after / 60)),
    }
    response = render(request, LOCKED_OUT_TEMPLATE, context, status=429)
    response["Retry-After"] = str(lockout.retry_after)
    return response
