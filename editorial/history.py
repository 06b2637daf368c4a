"""django-simple-history's records, told who and why by the running unit of work.

simple-history reads the user and the reason from attributes set on each saved instance. A row the
database deletes by a cascade (the claims of a deleted section) is a new instance nobody set them on, so
its history said no user and no reason. ``UnitHistoricalRecords`` falls back on the running unit's user
and comment (``editorial.work``): every row a unit writes is recorded with them unless a service named
others for it.
"""

from simple_history.models import HistoricalRecords

from editorial.work import current_unit


class UnitHistoricalRecords(HistoricalRecords):
    def get_history_user(self, instance):
        unit = current_unit()
        if not hasattr(instance, "_history_user") and unit is not None and unit.user is not None:
            return unit.user
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        unit = current_unit()
        if reason is None and unit is not None and unit.comment:
            return unit.comment
        return reason
