import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from accounts.roles import EDITORS, REVIEWERS
from articles.services import article_import
from articles.textformat import parse_article, render_article
from claims.article_index import forget_indexes
from pagecache import tracking, wsgi
from tests.browsers import close_module_chromium
from tests.copies import copied
from tests.factories import UserFactory

SEED_PATH = Path(__file__).resolve().parent.parent / "seed" / "operation-1107.txt"


def clear_own_keys(cache: RedisCache) -> bool:
    """Delete the keys under this cache's prefix, where Django's clear() empties the whole Redis database:
    the keys of another test process on the same Redis (a pytest-xdist worker beside this one) stay."""
    client = cache._cache.get_client(write=True)
    pattern = re.sub(r"([*?\[\]\\])", r"\\\1", cache.key_prefix) + ":*"
    keys = list(client.scan_iter(match=pattern, count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])
    return True


@pytest.fixture(scope="session", autouse=True)
def redis_clear_keeps_other_processes_keys():
    """Tests empty the cache before and after each test (``empty_cache``) and some again within; with
    REDIS_URL the workers of one run share its database, each under a prefix of its own
    (config/settings/test.py), and a worker's clear() must not empty the other's cache mid-test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RedisCache, "clear", clear_own_keys)
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages are keyed by article id and version, which a rolled-back test can hand to the next
    test's article; every test starts with an empty cache."""
    forget_cache()
    yield
    forget_cache()


def is_transactional(request) -> bool:
    """Whether the test commits for real and empties every table when it ends (pytest-django's
    ``transactional_db``), where the others roll back their transaction."""
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


def rolls_back(request) -> bool:
    return not is_transactional(request) and (
        request.node.get_closest_marker("django_db") is not None or "db" in request.fixturenames
    )


_emptied_by: list[str] = []  # the first transactional test this process ran


@pytest.fixture(autouse=True)
def no_rolled_back_test_after_the_tables_were_emptied(request):
    """A transactional test ends by emptying every table, the rows the data migrations wrote too (the
    Editors and Reviewers groups), so pytest-django runs those tests after the ones that roll back, as
    Django's runner does. A process given a rolled-back test after that (pytest-xdist's worksteal hands a
    worker tests from before its own) fails here, naming the cause, not later on a missing group."""
    if _emptied_by and rolls_back(request):
        pytest.fail(
            f"a test that rolls back runs after {_emptied_by[0]} emptied the tables: this process must "
            "run its tests in pytest-django's order (bin/test: pytest-xdist's --dist load keeps it)"
        )
    yield
    if not _emptied_by and is_transactional(request):
        _emptied_by.append(request.node.nodeid)


@pytest.fixture(autouse=True)
def fresh_content_types(request):
    """A transactional test starts from a flushed database whose content types were created again with new
    ids, while Django's content-type cache (one per process) may still hold ids a rolled-back test created:
    a revision written with such an id breaks its foreign key (seen on PostgreSQL). Those tests start with
    the cache empty; the others keep it, so their query counts stay as they were."""
    if is_transactional(request):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    yield


@pytest.fixture(scope="module", autouse=True)
def chromium_closed_with_its_module():
    """The browser tests share one Chromium per module (tests/browsers.py: ``launched_chromium``); it is
    closed when the module's last test is done, before another module's tests start."""
    yield
    close_module_chromium()


def forget_cache():
    for alias in ("default", "pages"):
        caches[alias].clear()
    forget_indexes()  # the articles' readings kept between saves: their ids too come back in the next test
    wsgi.ENTRIES.clear()
    # With REDIS_URL, this process's copies of the pointers go too (clear() publishes nothing).
    tracker = tracking.tracker()
    if tracker is not None:
        tracker.forget()


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED_PATH.read_bytes()


def imported_seed(seed_bytes: bytes):
    """The seed article as ``article_import(data=seed_bytes, slug="operation-1107", title="Operation 1107")``
    leaves it: imported by the first test that asks, its rows copied for the others (tests/copies.py).
    Transactional tests (the browser's) call it in their own fixtures, where ``seed_article`` is not used."""
    return copied(
        "seed_article",
        lambda: article_import(data=seed_bytes, slug="operation-1107", title="Operation 1107").article,
    )


@pytest.fixture
def seed_article(db, seed_bytes):
    return imported_seed(seed_bytes)


@pytest.fixture
def editor(db):
    return UserFactory(username="edna", roles=[EDITORS])


@pytest.fixture
def other_editor(db):
    return UserFactory(username="eli", roles=[EDITORS])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", roles=[REVIEWERS])


@pytest.fixture
def editor_reviewer(db):
    return UserFactory(username="both", roles=[EDITORS, REVIEWERS])


def repeated_text(seed_bytes: bytes, times: int) -> str:
    """Return the seed in the import format with its sections after the lead repeated ``times`` times,
    each copy's headings numbered so every heading stays distinct."""
    sections = parse_article(seed_bytes).sections
    lead, rest = sections[0], sections[1:]
    copies = [
        (f"{section.heading} ({copy})" if copy > 1 else section.heading, section.body)
        for copy in range(1, times + 1)
        for section in rest
    ]
    return render_article([(lead.heading, lead.body), *copies])


@pytest.fixture
def large_article(db, seed_bytes):
    """An article five times the seed's size, citing the same 80 sources."""
    text = repeated_text(seed_bytes, 5)
    return copied(
        "large_article",
        lambda: (
            article_import(data=text, slug="operation-1107-x5", title="Operation 1107, five times").article
        ),
    )
