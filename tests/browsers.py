"""Debian's Chromium for the browser tests, launched once per test module instead of once per test.

Starting Playwright's driver (a Node process) and Chromium costs about a second of processor time on an
idle machine, and five seconds of wall clock on this shared 2-core one under load: more than most browser
tests' own work. Each test still gets its own browser contexts (Chromium's incognito profiles: their own
cookies, storage and HTTP cache) and they are closed when it ends, so nothing a test did in the browser
reaches the next test. The browser itself is closed when its module ends (tests/conftest.py), so the tests
of other modules never run beside Playwright's event loop.

While Playwright runs, its event loop is the main thread's running loop: Django refuses database calls
there unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and it keeps their connections apart from the thread's own
(asgiref's Local follows the context in a thread with a running loop). The variable is set for the whole
module, since the fixtures of its later tests write to the database in the main thread while the browser
is open, and those connections are closed with the browser.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

_open: dict = {}  # "playwright", "browser", "environ" (the variable's value before the launch) once launched


def module_chromium():
    """Return the module's Chromium, launching it (and Playwright) on first use or after a crash."""
    browser = _open.get("browser")
    if browser is not None and browser.is_connected():
        return browser
    close_module_chromium()
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run bin/browser-deps.")
    _open["environ"] = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    _open["playwright"] = sync_playwright().start()
    _open["browser"] = _open["playwright"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return _open["browser"]


def close_module_chromium() -> None:
    """Close the browser and stop Playwright, if launched; a no-op otherwise."""
    if "playwright" not in _open:
        return
    browser, playwright = _open.pop("browser", None), _open.pop("playwright")
    try:
        # The connections Django opened beside the running loop: nothing else would close them, and
        # PostgreSQL refuses to drop the test database while one is open.
        connections.close_all()
        if browser is not None and browser.is_connected():
            browser.close()
    finally:
        playwright.stop()
        previous = _open.pop("environ", None)
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@contextmanager
def launched_chromium(monkeypatch):
    """Yield the module's Chromium for one test and close every context the test opened in it.
    The variable is set before ``monkeypatch`` sees it, so undoing the test's patches keeps it set for the
    module's next tests (close_module_chromium restores it)."""
    browser = module_chromium()
    monkeypatch.setenv(ASYNC_UNSAFE, "true")
    try:
        yield browser
    finally:
        for context in list(browser.contexts):
            context.close()
