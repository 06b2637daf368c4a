from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


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
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    reliability = models.CharField(
        max_length=20,
        choices=Reliability.choices,
        default=Reliability.UNRATED,
        help_text="Claims whose every source is partisan or unreliable are flagged partisan_only.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "number", "key"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="source_key_unique_per_article"),
        ]

    def __str__(self):
        return f"[{self.key}] {self.title or self.PLACEHOLDER_TITLE}"

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.article.slug, "key": self.key})

    @property
    def is_placeholder(self) -> bool:
        """Return True while the source is known only by its imported number."""
        return not (self.title or self.url or self.publisher or self.work)

    @property
    def is_partisan_or_worse(self) -> bool:
        return self.reliability in (self.Reliability.PARTISAN, self.Reliability.UNRELIABLE)
