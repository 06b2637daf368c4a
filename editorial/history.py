"""django-simple-history's records, told who and why by the running unit of work.

Two history libraries, one hook: the unit of work (``editorial.work``) gives reversion's revision its user
and comment, and ``UnitHistoricalRecords`` gives every simple-history row the unit writes the same user,
and the unit's comment as its reason unless the service gave that write its own
(``editorial.work.describe_write``). A row the database deletes by a cascade (the claims of a deleted
section) is an instance no service saw: it is recorded with the unit's user and comment all the same.
Services never set simple-history's private ``_history_user`` or ``_change_reason``; only this module
speaks to the library.
"""

from simple_history.models import HistoricalRecords

from editorial.work import current_unit, reason_of_write


class UnitHistoricalRecords(HistoricalRecords):
    def get_history_user(self, instance):
        unit = current_unit()
        if not hasattr(instance, "_history_user") and unit is not None and unit.user is not None:
            return unit.user
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        return reason_for(instance, super().get_change_reason_for_object(instance, history_type, using))


def reason_for(instance, given: str | None = None) -> str | None:
    """Return the reason a history row of ``instance`` records: the one the service described for this
    write, else one given to the library, else the running unit's comment."""
    described = reason_of_write(instance)
    if described is not None:
        return described  # even when empty: the service said this write has no reason to give
    if given is not None:
        return given
    unit = current_unit()
    return unit.comment if unit is not None and unit.comment else None


def bulk_history_create(model, objects: list, *, update: bool, user=None, reason: str = "") -> None:
    """Write one history row per object (``update`` for a change, else a creation) in one INSERT, each
    with the reason described for its write (``describe_write``) or ``reason``. simple-history's bulk
    writer reads a per-object reason only from its private attribute: it is set here, and only here."""
    for instance in objects:
        described = reason_of_write(instance)
        if described is not None:
            instance._change_reason = described
    model.history.bulk_history_create(objects, update=update, default_user=user, default_change_reason=reason)
