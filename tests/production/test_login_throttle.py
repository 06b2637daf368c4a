"""After 5 failed sign-ins for one username or from one address within 15 minutes, the admin refuses
further attempts with 429 and a clear message, without checking the password."""

from unittest import mock

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from config import login_throttle
from config.login_throttle import TOO_MANY_ATTEMPTS, client_ip

PASSWORD = "correct horse battery"  # tests/factories.py
LOCKED_FOR_15_MINUTES = TOO_MANY_ATTEMPTS.format(minutes=15)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved forward by assigning to ``clock.now``."""

    class Clock:
        now = 1_800_000_000.0

    monkeypatch.setattr(login_throttle, "now", lambda: Clock.now)
    return Clock


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def fail(client, username, times, ip="203.0.113.7"):
    for _ in range(times):
        response = sign_in(client, username, "wrong", ip=ip)
        assert response.status_code == 200 and TOO_MANY_ATTEMPTS[:20] not in response.content.decode()


def assert_refused(response, message=LOCKED_FOR_15_MINUTES):
    assert response.status_code == 429
    assert message in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in response.wsgi_request.session


def test_five_failures_for_a_username_refuse_the_next_attempt_without_checking_the_password(
    editor, client, clock
):
    fail(client, "edna", 5)
    with mock.patch.object(ModelBackend, "authenticate", autospec=True) as check:
        response = sign_in(client, "edna", PASSWORD)
    assert_refused(response)
    check.assert_not_called()


def test_four_failures_still_let_the_right_password_in_and_it_clears_the_usernames_count(
    editor, client, clock
):
    fail(client, "edna", 4)
    assert sign_in(client, "edna", PASSWORD).status_code == 302
    client.logout()
    # The address keeps its count (signing in to one's own account must not reset it for guesses at others).
    fail(client, "edna", 4, ip="192.0.2.99")
    assert sign_in(client, "edna", PASSWORD, ip="192.0.2.99").status_code == 302


def test_the_username_is_locked_from_every_address(editor, client, clock):
    for number in range(5):
        fail(client, "edna", 1, ip=f"198.51.100.{number}")
    assert_refused(sign_in(client, "EDNA", PASSWORD, ip="192.0.2.99"))


def test_one_address_is_locked_for_every_username(editor, client, clock):
    for number in range(5):
        fail(client, f"guess{number}", 1)
    assert_refused(sign_in(client, "edna", PASSWORD))
    assert sign_in(client, "edna", PASSWORD, ip="192.0.2.99").status_code == 302


def test_the_lock_counts_down_and_ends_after_15_minutes(editor, client, clock):
    fail(client, "edna", 5)
    clock.now += 10 * 60
    assert_refused(sign_in(client, "edna", PASSWORD), TOO_MANY_ATTEMPTS.format(minutes=5))
    clock.now += 5 * 60 + 1
    assert sign_in(client, "edna", PASSWORD).status_code == 302


def test_refused_attempts_do_not_extend_the_lock(editor, client, clock):
    fail(client, "edna", 5)
    for _ in range(3):
        clock.now += 4 * 60
        assert sign_in(client, "edna", "wrong").status_code == 429
    clock.now += 3 * 60 + 1
    assert sign_in(client, "edna", PASSWORD).status_code == 302


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
