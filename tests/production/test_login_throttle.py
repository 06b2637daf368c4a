"""Sign-in throttling (django-axes): failures lock out one username from one address, an address trying
many usernames is locked out of all of them, locks end after the cool-off, and none of it needs Redis."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.db.models import F
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config.login_throttle import ACCOUNT_LOCKED, ADDRESS_LOCKED, client_ip

PASSWORD = "correct horse battery"  # tests/factories.py
ADDRESS_A = "203.0.113.7"
ADDRESS_B = "192.0.2.99"
INVALID_LOGIN = "Please enter the correct username and password"


def sign_in(client, username, password, ip=ADDRESS_A, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **headers,
    )


def fail(client, username, times, ip=ADDRESS_A):
    """Sign in as ``username`` with a wrong password ``times`` times: each attempt answers "wrong
    password" until the AXES_FAILURE_LIMIT-th, which locks the pair out (429), as do the ones after it."""
    for attempt in range(1, times + 1):
        expected = 429 if attempt >= django_settings.AXES_FAILURE_LIMIT else 200
        assert sign_in(client, username, "wrong", ip=ip).status_code == expected


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def assert_refused(response, reason):
    body = response.content.decode()
    assert response.status_code == 429
    assert reason in body and "try again then" in body
    assert "Traceback" not in body and "<title>Sign-in paused" in body
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "_auth_user_id" not in response.wsgi_request.session


def move_attempts_back(minutes: float) -> None:
    """Age every recorded failure, as time passing would."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_four_failures_answer_wrong_password_and_the_fifth_locks(editor, client):
    for _ in range(4):
        response = sign_in(client, "edna", "wrong")
        assert response.status_code == 200 and INVALID_LOGIN in response.content.decode()
    assert_refused(sign_in(client, "edna", "wrong"), ACCOUNT_LOCKED)


def test_seven_failures_lock_that_address_out_of_that_account_only(editor, client):
    fail(client, "edna", 7)
    with mock.patch.object(ModelBackend, "authenticate", autospec=True) as check:
        response = sign_in(client, "edna", PASSWORD)
    assert_refused(response, ACCOUNT_LOCKED)
    check.assert_not_called()  # refused before the password is checked
    assert "15 minutes" in response.content.decode()
    assert signed_in(sign_in(client, "edna", PASSWORD, ip=ADDRESS_B))


def test_the_locked_address_still_signs_in_as_another_user(editor, reviewer, client):
    fail(client, "edna", 7)
    assert signed_in(sign_in(client, "rita", PASSWORD))


def test_an_address_trying_many_usernames_is_locked_out_of_every_account(editor, client):
    limit = django_settings.LOGIN_FAILURES_PER_ADDRESS
    for number in range(limit - 1):
        assert sign_in(client, f"guess{number}", "wrong").status_code == 200
    # Under the limit the address still signs in; its own success must not clear the other failures.
    assert signed_in(sign_in(client, "edna", PASSWORD))
    client.logout()
    assert_refused(sign_in(client, "another-guess", "wrong"), ADDRESS_LOCKED)
    assert_refused(sign_in(client, "edna", PASSWORD), ADDRESS_LOCKED)
    assert signed_in(sign_in(client, "edna", PASSWORD, ip=ADDRESS_B))


def test_the_lockout_ends_after_the_cool_off(editor, client):
    fail(client, "edna", 5)
    move_attempts_back(14)
    response = sign_in(client, "edna", PASSWORD)
    assert_refused(response, ACCOUNT_LOCKED)
    assert "(in 1 minute)" in response.content.decode() and int(response["Retry-After"]) <= 60
    move_attempts_back(1.05)
    assert signed_in(sign_in(client, "edna", PASSWORD))


def test_refused_attempts_do_not_extend_the_lockout(editor, client):
    fail(client, "edna", 5)
    for _ in range(3):
        move_attempts_back(4)
        assert sign_in(client, "edna", "wrong").status_code == 429
    move_attempts_back(3.05)
    assert signed_in(sign_in(client, "edna", PASSWORD))


def test_a_correct_password_below_the_limit_resets_the_count(editor, client):
    fail(client, "edna", 4)
    assert signed_in(sign_in(client, "edna", PASSWORD))
    client.logout()
    assert not AccessAttempt.objects.filter(username="edna").exists()
    for _ in range(4):
        assert sign_in(client, "edna", "wrong").status_code == 200
    assert signed_in(sign_in(client, "edna", PASSWORD))


def test_behind_a_proxy_the_forwarded_address_is_throttled_not_the_proxys(editor, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"ip": "10.0.0.2"}
    for _ in range(5):
        sign_in(client, "edna", "wrong", **proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"
    # A forged first entry does not make the client someone else.
    forged = sign_in(client, "edna", PASSWORD, **proxy, HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.1")
    assert_refused(forged, ACCOUNT_LOCKED)
    assert signed_in(sign_in(client, "edna", PASSWORD, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"))


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "redis-down-pages"},
}


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_sign_in_and_its_throttle_work_while_redis_is_down(editor, client):
    with pytest.raises(Exception, match="[Cc]onnect"):
        caches["default"].get("anything")
    assert signed_in(sign_in(client, "edna", PASSWORD))
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    fail(client, "edna", 5)
    assert_refused(sign_in(client, "edna", PASSWORD), ACCOUNT_LOCKED)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", "", "203.0.113.7"),
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # no proxy: the header is the client's word
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "192.0.2.66, 198.51.100.1", "198.51.100.1"),  # a forged first entry is ignored
        (2, "10.0.0.3", "192.0.2.66, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, "10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_entries_its_proxies_added(
    settings, proxies, remote_addr, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected
