"""A source's public page: what was captured of it and the claims citing it."""

from dataclasses import dataclass
from datetime import datetime

from claims.models import Citation
from sources.models import Snapshot, Source


@dataclass(frozen=True)
class SourceCapture:
    """When Verity last kept the source's text, and how (readers learn how old the checked text is)."""

    at: datetime
    how: str  # "fetched from its address", "uploaded as a file, report.pdf", "pasted by an editor"
    count: int


CAPTURE_WORDS = {
    Snapshot.Origin.FETCH: "fetched from its address",
    Snapshot.Origin.UPLOAD: "uploaded as a file",
    Snapshot.Origin.PASTE: "pasted by an editor",
}


def source_capture(source: Source) -> SourceCapture | None:
    """Return when the source's latest snapshot was taken and how many there are, or None without one."""
    snapshots = Snapshot.objects.filter(source=source)
    latest = snapshots.order_by("-created_at", "-id").values("created_at", "origin", "file_name").first()
    if latest is None:
        return None
    how = CAPTURE_WORDS.get(latest["origin"], "")
    if latest["file_name"]:
        how = f"{how}, {latest['file_name']}"
    return SourceCapture(latest["created_at"], how, snapshots.count())


def source_citations(source: Source) -> list[Citation]:
    """Return the citations of ``source`` by current claims, in article order, claims and sections joined."""
    return list(
        Citation.objects.filter(source=source, claim__retired_at__isnull=True)
        .select_related("claim__section")
        .defer(
            "claim__section__body"
        )  # one copy of a section's text per citing claim would grow as its square
        .order_by("claim__section__order", "claim__position")
    )
