"""Reads of sources that pages, the admin and the evidence checks share."""

from sources.models import Snapshot


def latest_snapshots(source_ids) -> dict[int, Snapshot]:
    """Return each source's newest snapshot by source id, in one query (sources without one are absent)."""
    return {snapshot.source_id: snapshot for snapshot in Snapshot.objects.latest_per_source(source_ids)}
