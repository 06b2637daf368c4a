"""tests/browsers.py: one Chromium per module, and nothing a test did in it reaches the next test."""

import pytest

from tests.browsers import launched_chromium

pytestmark = pytest.mark.browser


def test_the_next_test_gets_the_same_chromium_with_none_of_the_last_tests_contexts(monkeypatch):
    with launched_chromium(monkeypatch) as browser:
        context = browser.new_context()
        context.add_cookies([{"name": "left", "value": "behind", "url": "http://127.0.0.1/"}])
        assert browser.contexts == [context]
    with launched_chromium(monkeypatch) as again:
        assert again is browser and again.contexts == []
        assert again.new_context().cookies() == []
