"""One unit of work for every editorial change.

``editorial_change`` opens the transaction and the reversion revision (with who and why), checks the
permission, and collects the articles the change touched. Each touched article's ``content_version`` is raised
once, in the same transaction; when the outermost unit ends without an error the new versions are read, and
when the transaction commits the page cache's pointers are published (``pagecache.pointers.publish``).
Nothing else invalidates the cache. Just before that, still inside the revision, the steps registered with
``before_unit_ends`` run: what an app records about each revision (the articles' outlines) is written in
the same transaction as the revision.

Lock order: ``article_touched`` raises the article's ``content_version`` the first time a unit touches it,
and that UPDATE locks the article's row; a service that calls it before writing sections, claims or
citations takes its locks in one order (article, then the rows under it). Two writes on one article
therefore queue on the article instead of deadlocking, at no extra query.
"""

import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import wraps

import reversion
from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from editorial.errors import NOT_ALLOWED, EditNotAllowed
from pagecache import pointers

_local = threading.local()


@dataclass
class Unit:
    """What the running unit of work has touched: article ids, and slugs whose pointer must go."""

    articles: dict[int, None] = field(default_factory=dict)
    locked: set[int] = field(default_factory=set)
    former_slugs: set[str] = field(default_factory=set)
    # Articles the unit added sections to or deleted sections from (``articles`` marks them): their outline
    # is read again when the unit ends.
    reshaped: set[int] = field(default_factory=set)
    comment: str = ""


# Steps run at the end of every outermost unit that ends without an error, inside its transaction and
# revision, in the order they were registered (``before_unit_ends``).
_closing_steps: list = []


def before_unit_ends(step):
    """Register ``step(unit)`` to run when an outermost unit of work ends without an error, before its
    revision is saved (``reversion.add_meta`` still reaches it); registering a step twice runs it once."""
    if step not in _closing_steps:
        _closing_steps.append(step)
    return step


def current_unit() -> Unit | None:
    return getattr(_local, "unit", None)


def require_permission(user, permission: str | None, *, refusal: str = NOT_ALLOWED, error=EditNotAllowed):
    """Raise ``error`` (an EditNotAllowed) unless ``user`` holds ``permission``; None is the system
    (imports, commands)."""
    if permission and user is not None and not (user.is_active and user.has_perm(permission)):
        raise error(refusal)


class editorial_change:
    """Run a change as one unit of work: permission, transaction, revision, cache invalidation.

    A unit opened inside another joins it (the outer one's revision, user and comment stand), so a service
    may call another service. Usable as ``with editorial_change(...):`` or as a decorator, where the user is
    the decorated function's ``user`` keyword argument unless the decorator names one.
    """

    def __init__(
        self, *, user=None, comment: str = "", permission: str | None = None, refusal=NOT_ALLOWED, error=None
    ):
        self.user, self.comment, self.permission = user, comment, permission
        self.refusal, self.error = refusal, error or EditNotAllowed

    def __call__(self, function):
        @wraps(function)
        def within_a_unit(*args, **kwargs):
            # A fresh unit per call: the decorator's own object may be entered by several threads at once.
            unit = editorial_change(
                user=self.user if self.user is not None else kwargs.get("user"),
                comment=self.comment,
                permission=self.permission,
                refusal=self.refusal,
                error=self.error,
            )
            with unit:
                return function(*args, **kwargs)

        return within_a_unit

    def __enter__(self):
        require_permission(self.user, self.permission, refusal=self.refusal, error=self.error)
        self._stack = ExitStack()
        self._outermost = current_unit() is None
        self._stack.enter_context(transaction.atomic())
        if not self._outermost:
            self._before = (set(current_unit().articles), set(current_unit().locked))
        if self._outermost:
            # The transaction is the one opened above; reversion must not open a savepoint of its own.
            self._stack.enter_context(reversion.create_revision(atomic=False))
            reversion.set_user(self.user)
            reversion.set_comment(self.comment)
            _local.unit = Unit(comment=self.comment)
        return current_unit()

    def __exit__(self, exc_type, exc, tb):
        if not self._outermost and exc_type is not None:
            # The savepoint rolls back the version raises and row locks taken inside it (PostgreSQL releases
            # them): an article touched again is raised and locked again.
            unit, (articles, locked) = current_unit(), self._before
            unit.articles = {pk: None for pk in unit.articles if pk in articles}
            unit.locked &= locked
        unit = _local.__dict__.pop("unit") if self._outermost else None
        if unit is not None and exc_type is None:
            try:
                for step in _closing_steps:
                    step(unit)
                publish_touched(unit)
            except BaseException as error:
                self._stack.__exit__(type(error), error, error.__traceback__)
                raise
        return self._stack.__exit__(exc_type, exc, tb)


def running_unit() -> Unit:
    unit = current_unit()
    if unit is None:
        raise RuntimeError("Editorial writes run inside editorial_change() only.")
    return unit


def describe(comment: str) -> None:
    """Give the running unit's revision its comment, when the unit was opened without one: a service that
    learns what it did only while doing it (a merge, a move) says so without overriding a caller's."""
    unit = running_unit()
    if not unit.comment:
        unit.comment = comment
        reversion.set_comment(comment)


def article_locked(article_id: int) -> None:
    """Lock the article's row for the rest of the unit of work, before any row under it, without marking
    it changed (an import that may find nothing to change)."""
    unit = running_unit()
    if article_id not in unit.articles and article_id not in unit.locked:
        Article = apps.get_model("articles", "Article")
        list(Article.objects.select_for_update().filter(pk=article_id).values_list("pk"))
        unit.locked.add(article_id)


def article_touched(article_id: int, *, former_slug: str | None = None) -> None:
    """Mark the article as changed by the running unit of work: the first time, raise its content version
    (which locks its row); its pages are invalidated when the unit commits."""
    unit = running_unit()
    if article_id not in unit.articles:
        Article = apps.get_model("articles", "Article")
        # updated_at is the time of the new version: the pages' Last-Modified.
        Article.objects.filter(pk=article_id).update(
            content_version=F("content_version") + 1, updated_at=timezone.now()
        )
        unit.articles[article_id] = None
    if former_slug:
        unit.former_slugs.add(former_slug)


def publish_touched(unit: Unit) -> None:
    """Publish the touched articles' new versions to the page cache when the transaction commits."""
    if not unit.articles:
        return
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.filter(pk__in=list(unit.articles)).values_list(
        "pk", "slug", "content_version", "is_public", "updated_at"
    )
    pointers.publish(
        [
            pointers.Pointer(pk, slug, version, is_public, int(modified.timestamp()))
            for pk, slug, version, is_public, modified in rows
        ],
        former_slugs=unit.former_slugs,
    )
