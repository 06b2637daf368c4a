from django.conf import settings
from django.db import models

from editorial.history import UnitHistoricalRecords
from editorial.work import belongs_to_article


@belongs_to_article("article_id")
class Source(models.Model):
    """What a claim cites. Sources belong to one article, so two imported articles never share or mix
    their numbered sources."""

    class Kind(models.TextChoices):
        UNKNOWN = "unknown", "Not yet classified"
        NEWS = "news", "News outlet"
        NGO = "ngo", "NGO"
        UN = "un", "United Nations"
        GOVERNMENT = "government", "Government"
        ARMED_GROUP = "armed_group", "Armed-group statement"
        THINK_TANK = "think_tank", "Think tank"
        ACADEMIC = "academic", "Academic"
        OTHER = "other", "Other"

    class Reliability(models.TextChoices):
        UNRATED = "unrated", "Unrated"
        RELIABLE = "reliable", "Reliable"
        PARTISAN = "partisan", "Partisan"
        UNRELIABLE = "unreliable", "Unreliable"

    PLACEHOLDER_TITLE = "(details not yet entered)"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(
        max_length=64,
        help_text="How the body cites this source, in square brackets: [12] or [unhcr-2024]. "
        "Letters, digits and - _ . : only.",
    )
    number = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="The [N] this source had in the imported file."
    )
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=300, blank=True)
    work = models.CharField(
        max_length=300, blank=True, help_text="The newspaper, website or journal the source appeared in."
    )
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_text = models.CharField(
        "published (year or month)",
        max_length=40,
        blank=True,
        help_text="When the citation gives only a year or a month (2024, March 2024); "
        "leave empty when the full date is known.",
    )
    accessed_on = models.DateField(null=True, blank=True)
    archive_url = models.URLField(max_length=1000, blank=True)
    archived_on = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The passage the citation quotes (a template's quote=).")
    pages = models.CharField(max_length=200, blank=True, help_text="The page or pages cited: 12, 40–41.")
    isbn = models.CharField("ISBN", max_length=40, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    url_status = models.CharField(
        "URL status",
        max_length=20,
        blank=True,
        help_text="What the citation said of its URL: live, dead, unfit or usurped (url-status=).",
    )
    citation_text = models.TextField(
        blank=True, editable=False, help_text="The source's line in the last imported References block."
    )
    reference_position = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Its place in the last imported References block."
    )
    imported_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="What the last import wrote to each field: an import only overwrites a field that still "
        "holds that value (or nothing), so an editor's change is never lost.",
    )
    is_dead_link = models.BooleanField(
        default=False,
        help_text="Set after repeated failed fetches of the URL; readers are offered the archive URL.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    reliability = models.CharField(
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.UNRATED,
        help_text="Claims whose every source is partisan or unreliable are flagged partisan_only.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = UnitHistoricalRecords()

    class Meta:
        ordering = ["article", "number", "key"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="source_key_unique_per_article"),
        ]

    def __str__(self):
        return f"[{self.key}] {self.title or self.PLACEHOLDER_TITLE}"

    def get_absolute_url(self):
        return self.article.source_url(self.key)  # the article's app owns the URL

    @property
    def is_placeholder(self) -> bool:
        """Return True while the source is known only by its imported number."""
        return not (self.title or self.url or self.publisher or self.work)

    @property
    def is_partisan_or_worse(self) -> bool:
        return self.reliability in (self.Reliability.PARTISAN, self.Reliability.UNRELIABLE)

    def suggestible_values(self) -> dict[str, str]:
        """Return the fields a snapshot's metadata may suggest, as strings ("" when empty), and the work,
        which a suggested name must not repeat."""
        return {
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "work": self.work,
            "published_on": self.published_on.isoformat() if self.published_on else "",
        }


class SnapshotQuerySet(models.QuerySet):
    def latest_per_source(self, source_ids=None):
        """Return the newest snapshot of each source (of ``source_ids`` if given), in one query."""
        newest = self.model.objects.filter(source_id=models.OuterRef("source_id")).order_by(
            "-created_at", "-id"
        )
        rows = self.filter(pk=models.Subquery(newest.values("pk")[:1]))
        return rows if source_ids is None else rows.filter(source_id__in=list(source_ids))


@belongs_to_article("source__article_id")
class Snapshot(models.Model):
    """What a source said at one time: its plain text and where the text came from. Snapshots are never
    edited; a changed text is a new snapshot, so a passage always points at the text it was read from."""

    class Origin(models.TextChoices):
        FETCH = "fetch", "Fetched from the URL"
        UPLOAD = "upload", "Uploaded file"
        PASTE = "paste", "Pasted text"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    text = models.TextField(help_text="Plain text extracted from the page or file; never rendered as HTML.")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    url = models.URLField(max_length=1000, blank=True, help_text="The URL that was requested.")
    final_url = models.URLField(max_length=1000, blank=True, help_text="The URL after redirects.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    file_name = models.CharField(
        max_length=255, blank=True, help_text="An uploaded file's name, as the editor's computer gave it."
    )
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the text, in hex.")
    metadata = models.JSONField(
        default=dict, blank=True, help_text="Suggested title, author, date and sitename read from the file."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["source", "-created_at", "-id"], name="snapshot_source_newest")]

    def __str__(self):
        return f"Snapshot of [{self.source.key}] ({self.get_origin_display()}, {self.created_at:%Y-%m-%d})"

    @property
    def title(self) -> str:
        return (self.metadata or {}).get("title") or ""


class FetchAttemptQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(state__in=[FetchAttempt.State.DONE, FetchAttempt.State.FAILED])

    def lost(self, *, started_before):
        """Running attempts taken by a worker before ``started_before``: no fetch lasts that long, so
        their worker died (killed, out of memory, the machine restarted) without recording an end."""
        return self.filter(state=FetchAttempt.State.RUNNING, started_at__lt=started_before)


class FetchAttempt(models.Model):
    """One download of a source's URL, from the moment it is queued: the admin shows its state, and
    repeated failures mark the link dead."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Reason(models.TextChoices):
        NONE = "", "—"
        INVALID_URL = "invalid_url", "Not an http(s) URL"
        DNS = "dns", "Name not found (DNS)"
        REFUSED_ADDRESS = "refused_address", "Refused address (private, loopback, link-local or reserved)"
        CONNECTION = "connection", "Connection failed"
        TIMEOUT = "timeout", "Timed out"
        NOT_FOUND = "not_found", "HTTP 404 Not Found"
        GONE = "gone", "HTTP 410 Gone"
        HTTP_STATUS = "http_status", "HTTP error status"
        TOO_MANY_REDIRECTS = "too_many_redirects", "Too many redirects"
        TOO_LARGE = "too_large", "Too large"
        UNSUPPORTED_TYPE = "unsupported_type", "Unsupported content type"
        EMPTY_TEXT = "empty_text", "No text could be extracted"
        UNREADABLE = "unreadable", "Reading it passed a bound (time, memory or length)"
        WORKER_ERROR = "worker_error", "The task failed"
        WORKER_LOST = "worker_lost", "The worker stopped during the fetch"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetch_attempts")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.CharField(max_length=30, choices=Reason.choices, blank=True, default=Reason.NONE)
    detail = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    final_url = models.URLField(max_length=1000, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="fetch_attempts"
    )
    task_id = models.CharField(max_length=64, blank=True, help_text="The queued task's id.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker took it; running far past the bounds, it is lost."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = FetchAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Fetch of [{self.source.key}]: {self.get_state_display()}"

    @property
    def detail_adds(self) -> bool:
        """Return True when the detail says more than the reason's label: "HTTP 404" under "HTTP 404 Not
        Found" read "HTTP 404 Not Found: HTTP 404"."""
        return (
            bool(self.detail) and self.detail.strip().casefold() not in self.get_reason_display().casefold()
        )

    @property
    def failure_text(self) -> str:
        """Return why the fetch failed, in one line: the reason, and the detail when it adds anything."""
        reason = self.get_reason_display() if self.reason else ""
        return f"{reason}: {self.detail}" if self.detail_adds and reason else reason or self.detail

    @property
    def is_ok(self) -> bool:
        return self.state == self.State.DONE
