"""One unit of work for every editorial change.

``editorial_change`` opens the transaction and the reversion revision (with who and why), checks the
permission, and collects the articles the change touched. Each touched article's ``content_version`` is raised
once, in the same transaction; when the outermost unit ends without an error the new versions are read, and
when the transaction commits the page cache's pointers are published (``pagecache.pointers.publish``).
Nothing else invalidates the cache. Just before that, still inside the revision, the steps registered with
``before_unit_ends`` run; the steps registered with ``after_revision_saved`` run when reversion has saved
the unit's revision (its public ``post_revision_commit`` signal), with the versions it saved: what an app
records about each revision (the articles' outlines) is written in the same transaction as the revision.

Invalidation is a property of the unit, not of each service remembering: every editorial model declares
the article it belongs to (``belongs_to_article``), and saving or deleting one inside a unit marks that
article changed by itself. Writing one outside any unit is a programming error, raised in tests
(``EDITORIAL_CHECK_WRITES``). Bulk writes (``QuerySet.update``, ``bulk_create``, ``editorial.bulk``) send
no signal: the service that makes them calls ``article_touched``.

Lock order: ``editorial_change(article=...)`` locks the article's row as the unit opens, before any row
under it, and ``article_touched`` raises the article's ``content_version`` the first time a unit touches
it (that UPDATE locks the row too). Two writes on one article therefore queue on the article instead of
deadlocking.

This package imports no app: what an article is (its row to lock, its version to raise, its cache
pointers) is registered by the app that owns it (``register_articles``); the unit holds article ids.
"""

import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from reversion.signals import post_revision_commit

from editorial.errors import NOT_ALLOWED, EditNotAllowed
from pagecache import pointers

_unit: ContextVar["Unit | None"] = ContextVar("editorial_unit", default=None)


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
    user: object = None
    # (model, primary key) → the article id it belongs to, read once per unit.
    owners: dict[tuple, int | None] = field(default_factory=dict)
    # What an app notes about the running unit, under its own name (articles: the sections it deleted, as
    # they were: reversion saves versions only of rows that still exist).
    notes: dict[str, object] = field(default_factory=dict)
    # id(instance) → (instance, reason): the writes given their own reason (``describe_write``). The
    # instance is kept so that its id is not reused by another object while the unit runs.
    reasons: dict[int, tuple[object, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Articles:
    """What the unit does to an article, given by the app that owns articles (``register_articles``)."""

    lock: Callable[[int], None]  # lock the article's row for the rest of the transaction
    raise_version: Callable[[int], None]  # raise its content version (and the time of that version)
    pointers: Callable[[list[int]], Iterable[pointers.Pointer]]  # its cache pointers as they now are


_articles: list[Articles] = []


def register_articles(*, lock, raise_version, pointers) -> None:
    """Tell the unit of work how to lock an article, raise its content version and read its pointers."""
    _articles[:] = [Articles(lock=lock, raise_version=raise_version, pointers=pointers)]


def registered_articles() -> Articles:
    if not _articles:
        raise RuntimeError("No app registered articles with editorial.work.register_articles().")
    return _articles[0]


# Steps run at the end of every outermost unit that ends without an error, inside its transaction and
# revision, in the order they were registered (``before_unit_ends``).
_closing_steps: list = []


def before_unit_ends(step):
    """Register ``step(unit)`` to run when an outermost unit of work ends without an error, before its
    revision is saved (``reversion.add_meta`` still reaches it); registering a step twice runs it once."""
    if step not in _closing_steps:
        _closing_steps.append(step)
    return step


# Steps run when reversion has saved the revision of an outermost unit, inside its transaction.
_revision_steps: list = []
# The outermost unit whose revision is being saved: the unit itself has ended (a new unit opened by a
# callback on commit must not join it), but what it noted is still wanted.
_closing_unit: ContextVar["Unit | None"] = ContextVar("editorial_closing_unit", default=None)


def after_revision_saved(step):
    """Register ``step(unit, revision, versions)`` to run when reversion has saved the revision of an
    outermost unit of work (``versions``: those it saved), inside the unit's transaction; registering a
    step twice runs it once. A unit that wrote nothing reversion keeps saves no revision: no step runs."""
    if step not in _revision_steps:
        _revision_steps.append(step)
    return step


def run_revision_steps(sender, revision, versions, **kwargs) -> None:
    unit = _closing_unit.get()
    if unit is None:
        return  # a revision not opened by a unit of work
    _closing_unit.set(None)  # the unit's one revision: a revision saved by a callback on commit is not it
    for step in _revision_steps:
        step(unit, revision, versions)


post_revision_commit.connect(run_revision_steps, dispatch_uid="editorial.work.run_revision_steps")


def current_unit() -> Unit | None:
    return _unit.get()


def require_permission(user, permission: str | None, *, refusal: str = NOT_ALLOWED, error=EditNotAllowed):
    """Raise ``error`` (an EditNotAllowed) unless ``user`` holds ``permission``; None is the system
    (imports, commands)."""
    if permission and user is not None and not (user.is_active and user.has_perm(permission)):
        raise error(refusal)


def article_id_of(article) -> int | None:
    """Accept an article or its id."""
    return getattr(article, "pk", article)


class editorial_change:
    """Run a change as one unit of work: permission, transaction, revision, cache invalidation.

    With ``article`` (an article or its id), the article's row is locked as the unit opens: the lock order
    (the article, then the rows under it) is given by the call, not by each service remembering. With
    ``touch`` too, the article is marked changed as the unit opens (its version raised: the same lock, at
    no extra query), for a service that changes it whenever it does not fail.

    A unit opened inside another joins it (the outer one's revision, user and comment stand), so a service
    may call another service. Usable as ``with editorial_change(...):`` or as a decorator, where the user is
    the decorated function's ``user`` keyword argument unless the decorator names one.
    """

    def __init__(
        self,
        *,
        user=None,
        comment: str = "",
        permission: str | None = None,
        refusal=NOT_ALLOWED,
        error=None,
        article=None,
        touch: bool = False,
    ):
        self.user, self.comment, self.permission = user, comment, permission
        self.refusal, self.error = refusal, error or EditNotAllowed
        self.article_id, self.touch = article_id_of(article), touch

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
                article=self.article_id,
                touch=self.touch,
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
            unit = current_unit()
            self._before = (set(unit.articles), set(unit.locked), len(unit.reasons))
        if self._outermost:
            # The transaction is the one opened above; reversion must not open a savepoint of its own.
            self._stack.enter_context(reversion.create_revision(atomic=False))
            reversion.set_user(self.user)
            reversion.set_comment(self.comment)
            self._token = _unit.set(Unit(comment=self.comment, user=self.user))
        if self.article_id is not None:
            try:
                (article_touched if self.touch else article_locked)(self.article_id)
            except BaseException as error:
                self.__exit__(type(error), error, error.__traceback__)
                raise
        return current_unit()

    def __exit__(self, exc_type, exc, tb):
        if not self._outermost and exc_type is not None:
            # The savepoint rolls back the version raises and row locks taken inside it (PostgreSQL releases
            # them): an article touched again is raised and locked again.
            unit, (articles, locked, described) = current_unit(), self._before
            unit.articles = {pk: None for pk in unit.articles if pk in articles}
            unit.locked &= locked
            for key in list(unit.reasons)[described:]:  # the writes they described were rolled back
                del unit.reasons[key]
        unit = None
        if self._outermost:
            unit = current_unit()
            _unit.reset(self._token)
        if unit is not None and exc_type is None:
            try:
                for step in _closing_steps:
                    step(unit)
                publish_touched(unit)
            except BaseException as error:
                self._stack.__exit__(type(error), error, error.__traceback__)
                raise
        closing = _closing_unit.set(unit if exc_type is None else None)
        try:
            return self._stack.__exit__(exc_type, exc, tb)
        finally:
            _closing_unit.reset(closing)


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


def describe_write(instance, reason: str) -> None:
    """Give the history of this one write (``instance`` saved or deleted by the running unit) its own
    reason, where the unit's comment would say less: a reviewer's note, "Passage confirmed", why a claim
    went back to review. The unit's user stands. ``editorial.history`` applies it; no service sets a
    history library's private attributes."""
    running_unit().reasons[id(instance)] = (instance, reason)


def reason_of_write(instance) -> str | None:
    """Return the reason the running unit was given for writing ``instance`` (``describe_write``), if any."""
    unit = current_unit()
    held, reason = unit.reasons.get(id(instance), (None, None)) if unit is not None else (None, None)
    return reason if held is instance else None


def article_locked(article_id: int) -> None:
    """Lock the article's row for the rest of the unit of work, before any row under it, without marking
    it changed (an import that may find nothing to change)."""
    unit = running_unit()
    if article_id not in unit.articles and article_id not in unit.locked:
        registered_articles().lock(article_id)
        unit.locked.add(article_id)


def article_touched(article_id: int, *, former_slug: str | None = None) -> None:
    """Mark the article as changed by the running unit of work: the first time, raise its content version
    (which locks its row); its pages are invalidated when the unit commits."""
    unit = running_unit()
    if article_id not in unit.articles:
        registered_articles().raise_version(article_id)
        unit.articles[article_id] = None
    if former_slug:
        unit.former_slugs.add(former_slug)


def publish_touched(unit: Unit) -> None:
    """Publish the touched articles' new versions to the page cache when the transaction commits."""
    if not unit.articles:
        return
    pointers.publish(registered_articles().pointers(list(unit.articles)), former_slugs=unit.former_slugs)


# Editorial models: each declares the article it belongs to.

ARTICLE_PATH_ATTRIBUTE = "editorial_article_path"


def belongs_to_article(path: str, *, deletes: bool = True):
    """Declare a model editorial: ``path`` leads from a row to its article's id, as in a lookup
    (``"article_id"``, ``"section__article_id"``; ``"pk"`` for the article itself). Saving or deleting
    a row inside a unit of work marks that article changed; outside any unit it is refused in tests.

    ``deletes=False`` leaves deletions alone: a row derived from another (a claim's figures) is deleted
    only with or for it, by its writer, and a model without delete signals keeps Django's one-statement
    deletes (with them, Django reads every row before deleting it)."""

    def declare(model):
        setattr(model, ARTICLE_PATH_ATTRIBUTE, path)
        uid = f"editorial.{model._meta.label}"
        pre_save.connect(refuse_outside_a_unit, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(mark_its_article, sender=model, dispatch_uid=f"{uid}.post_save")
        if deletes:
            pre_delete.connect(refuse_outside_a_unit, sender=model, dispatch_uid=f"{uid}.pre_delete")
            post_delete.connect(mark_its_article, sender=model, dispatch_uid=f"{uid}.post_delete")
        return model

    return declare


def article_of(instance, unit: Unit | None = None) -> int | None:
    """Return the id of the article ``instance`` (of an editorial model) belongs to: from the objects it
    holds when it can, else one query, remembered for the rest of the unit."""
    parts = getattr(type(instance), ARTICLE_PATH_ATTRIBUTE).split("__")
    current = instance
    for index, name in enumerate(parts[:-1]):
        relation = current._meta.get_field(name)
        if relation.is_cached(current):
            current = relation.get_cached_value(current)
            continue
        pk = getattr(current, relation.attname)
        if pk is None:
            return None
        key = (relation.related_model, pk)
        if unit is not None and key in unit.owners:
            return unit.owners[key]
        rest = "__".join(parts[index + 1 :])
        found = relation.related_model._base_manager.filter(pk=pk).values_list(rest, flat=True).first()
        if unit is not None:
            unit.owners[key] = found
        return found
    return getattr(current, parts[-1])


def mark_its_article(sender, instance, **kwargs) -> None:
    unit = current_unit()
    if unit is None or kwargs.get("raw"):
        return
    article_id = article_of(instance, unit)
    if article_id is not None and article_id not in unit.articles:
        article_touched(article_id)


PROJECT_ROOT = str(Path(__file__).resolve().parent.parent) + "/"
TESTS = PROJECT_ROOT + "tests/"
VENV = PROJECT_ROOT + ".venv/"
THIS_FILE = str(Path(__file__).resolve())


class WriteOutsideAUnit(RuntimeError):
    pass


def refuse_outside_a_unit(sender, instance, **kwargs) -> None:
    """In tests (``EDITORIAL_CHECK_WRITES``), refuse a write of the product's code to an editorial model
    outside any unit of work: its article's pages would keep the old text. A test setting up its rows
    (factories, direct creates) writes from ``tests/`` and is let through."""
    if (
        current_unit() is not None
        or kwargs.get("raw")
        or not hasattr(sender, ARTICLE_PATH_ATTRIBUTE)
        or not getattr(settings, "EDITORIAL_CHECK_WRITES", False)
    ):
        return
    if written_by_the_product():
        raise WriteOutsideAUnit(
            f"{type(instance).__name__} written outside editorial_change(): its article's pages would not "
            "be invalidated. Run the write inside a unit of work (editorial.work.editorial_change)."
        )


def written_by_the_product() -> bool:
    """Whether the innermost project frame on the stack (not Django's, a library's or this module's) is the
    product's code rather than a test's."""
    frame = sys._getframe(1)
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(PROJECT_ROOT) and path != THIS_FILE and not path.startswith(VENV):
            return not path.startswith(TESTS)
        frame = frame.f_back
    return False
