from django.conf import settings
from django.db import models

from claims.evidence.verdicts import CONTRADICTED, NO_EVIDENCE, NOT_FOUND, SUPPORTED
from claims.flags import FLAG_NAMES
from editorial.history import UnitHistoricalRecords
from editorial.work import belongs_to_article

QUEUE_ORDERING = ("status_rank", "-has_figures", "severity", "section__article", "section__order", "position")


class ClaimQuerySet(models.QuerySet):
    def active(self):
        """Claims whose sentence is still in the text (retired ones are kept for history)."""
        return self.filter(retired_at__isnull=True)

    def in_review(self):
        """Active claims of articles not in the trash: what the review queue works on."""
        return self.active().filter(section__article__deleted_at__isnull=True)

    def removals_to_approve(self):
        """Retired claims that still show in the reviewed view: their removal awaits a reviewer."""
        return self.filter(retired_at__isnull=False).exclude(approved_raw="")

    def for_article(self, article):
        return self.active().filter(section__article=article)

    def in_article_order(self):
        # The section's id breaks a tie of order, so two such sections' claims never interleave.
        return self.order_by("section__order", "section_id", "position")

    def with_flag(self, flag: str):
        """Claims currently carrying ``flag``; flags are stored space-delimited with spaces around."""
        return self.filter(flags__contains=f" {flag} ")

    def queue_order(self):
        """Unreviewed first, then claims with figures, then worst flag first, then article order."""
        severity = models.Case(
            *(
                models.When(flags__contains=f" {flag} ", then=models.Value(rank))
                for rank, flag in enumerate(FLAG_NAMES)
            ),
            default=models.Value(len(FLAG_NAMES)),
        )
        status_rank = models.Case(
            models.When(status="unreviewed", then=models.Value(0)),
            models.When(status="disputed", then=models.Value(1)),
            default=models.Value(2),
        )
        has_figures = models.Exists(Figure.objects.filter(claim=models.OuterRef("pk")))
        return self.annotate(status_rank=status_rank, has_figures=has_figures, severity=severity).order_by(
            *QUEUE_ORDERING
        )


@belongs_to_article("section__article_id")
class Claim(models.Model):
    """One sentence of a section body, in order. Derived from the body by ``claims_sync``; a claim keeps
    its identity (and its review) while its sentence is unchanged."""

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        APPROVED = "approved", "Approved"
        DISPUTED = "disputed", "Disputed"
        REJECTED = "rejected", "Rejected"

    section = models.ForeignKey("articles.Section", on_delete=models.CASCADE, related_name="claims")
    position = models.PositiveIntegerField(help_text="Order of the sentence in its section, from 0.")
    paragraph = models.PositiveIntegerField(default=0)
    raw = models.TextField(help_text="The sentence as written, with its citation markers.")
    text = models.TextField(help_text="The sentence without its citation markers.")
    markers = models.JSONField(
        default=list,
        blank=True,
        help_text="[[key, offset in text], ...] for each marker the sentence carries.",
    )
    is_hedged = models.BooleanField(default=False, editable=False)
    flags = models.CharField(max_length=200, blank=True, default="", editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNREVIEWED)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    wording_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote the current wording; they may not review it.",
    )
    wording_changed_at = models.DateTimeField(null=True, blank=True)
    decided_raw = models.TextField(
        blank=True, editable=False, help_text="The wording as it stood at the last review decision."
    )
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the sentence left the text; the claim is kept for history."
    )
    has_failed_verification = models.BooleanField(
        default=False, editable=False, help_text="A figure's sources have text and none states its value."
    )
    has_contradiction = models.BooleanField(
        default=False,
        editable=False,
        help_text="A cited source states a figure's quantity with another value.",
    )
    note_is_public = models.BooleanField(
        default=False, help_text="Whether readers see the review note (the reviewer's choice, per decision)."
    )
    # The last approved wording: what the reviewed view shows. Kept when the wording is edited or the
    # sentence removed; replaced by the next approval, cleared when a reviewer approves a removal.
    approved_raw = models.TextField(blank=True, editable=False)
    approved_text = models.TextField(blank=True, editable=False)
    approved_markers = models.JSONField(default=list, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = UnitHistoricalRecords(excluded_fields=["flags", "has_failed_verification", "has_contradiction"])
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["section__order", "position"]
        permissions = [("review_claim", "Can approve, dispute or reject claims")]
        indexes = [models.Index(fields=["section", "position"])]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self):
        return self.section.article.get_absolute_url() + f"#claim-{self.pk}"

    @property
    def flag_names(self) -> tuple[str, ...]:
        return tuple(self.flags.split())

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def has_approved_wording(self) -> bool:
        return bool(self.approved_raw)

    @property
    def changed_since_approval(self) -> bool:
        return bool(self.approved_raw) and self.approved_raw != self.raw


@belongs_to_article("claim__section__article_id")
class Citation(models.Model):
    """A claim citing a source: explicit when the sentence carries the marker, inferred when the next
    marker group of the paragraph is taken to cover it."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="citations")
    is_inferred = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    passage_snapshot = models.ForeignKey(
        "sources.Snapshot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The snapshot the suggested passage was read from.",
    )
    suggested_passage = models.TextField(
        blank=True, help_text="The passage of the source's latest snapshot that best matches the claim."
    )
    suggested_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Where the suggested passage starts in its snapshot's text."
    )
    suggested_score = models.FloatField(null=True, blank=True)
    quote = models.TextField(
        blank=True,
        help_text="The passage an editor or reviewer confirmed or typed; it is checked instead of the "
        "suggestion and shown to readers in the reference list.",
    )
    quote_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quote_confirmed_at = models.DateTimeField(null=True, blank=True)
    pages = models.CharField(
        max_length=200,
        blank=True,
        help_text='The page(s) of the source this claim cites, as readers see them ("p. 12", "pp. 3–5"); '
        "set from a short citation ({{sfn}}, {{harvnb}}, {{rp}}) on import.",
    )

    history = UnitHistoricalRecords(
        excluded_fields=["passage_snapshot", "suggested_passage", "suggested_start", "suggested_score"]
    )

    class Meta:
        ordering = ["claim", "is_inferred", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="citation_unique_source_per_claim"),
        ]

    def __str__(self):
        return f"{self.claim_id} → [{self.source.key}]{' (inferred)' if self.is_inferred else ''}"

    @property
    def passage(self) -> str:
        """Return the passage the figure check reads: the confirmed quote, else the suggestion."""
        return self.quote or self.suggested_passage


@belongs_to_article("claim__section__article_id", deletes=False)
class Figure(models.Model):
    """A number stated in a claim, refreshed whenever the claim's wording changes."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=200)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=24, decimal_places=4)
    value_max = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    qualifier = models.CharField(max_length=30, default="exact")
    kind = models.CharField(max_length=20, default="count")
    verdict = models.CharField(
        max_length=20,
        choices=[
            (SUPPORTED, "Supported"),
            (CONTRADICTED, "Contradicted"),
            (NOT_FOUND, "Not found"),
            (NO_EVIDENCE, "No evidence"),
        ],
        default=NO_EVIDENCE,
        editable=False,
    )
    evidence = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text='When supported: {"keys": [source keys], "passage": the first supporting passage, '
        '"stated": how that passage writes the value}.',
    )

    class Meta:
        ordering = ["claim", "position"]

    def __str__(self):
        return self.text


@belongs_to_article("article_id")
class ConsistencyFinding(models.Model):
    """Two statements of one article about the same quantity or event: conflicting or agreeing values,
    found by ``claims.consistency`` and kept in step by ``claims.findings.findings_refresh``. A reviewer's
    resolution stands while both sentences read as they did when it was found (``first_raw``,
    ``second_raw``)."""

    class Kind(models.TextChoices):
        CONFLICT = "conflict", "Conflict"
        ESTIMATES = "estimates", "Estimates differ"  # two sources' figures: readers told both
        POSSIBLE = "possible", "Possible conflict"  # weaker: reviewers only, until one confirms it
        AGREEMENT = "agreement", "Agreement"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CONFIRMED = "confirmed", "Real conflict"
        DISMISSED = "dismissed", "Different quantities"
        CONSISTENT = "consistent", "Consistent"

    RAISED_STATUSES = (Status.OPEN, Status.CONFIRMED)  # a conflict in these is shown to readers
    SHOWN_KINDS = (Kind.CONFLICT, Kind.ESTIMATES)  # shown while open; a possible one once confirmed

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="consistency_findings"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    first_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    second_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    first_value = models.CharField(max_length=200, help_text="The first statement's value as written.")
    second_value = models.CharField(max_length=200, help_text="The second statement's value as written.")
    quantity = models.CharField(max_length=100, help_text="What both count, or which event both date.")
    reason = models.TextField(help_text="Why the two statements were paired.")
    first_raw = models.TextField(help_text="The first sentence as it read when this was found.")
    second_raw = models.TextField(help_text="The second sentence as it read when this was found.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    history = UnitHistoricalRecords()

    class Meta:
        ordering = ["article", "first_claim__section__order", "first_claim__position"]
        constraints = [
            models.UniqueConstraint(fields=["first_claim", "second_claim"], name="finding_unique_pair"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.first_value} / {self.second_value}"

    @property
    def claim_ids(self) -> tuple[int, int]:
        return (self.first_claim_id, self.second_claim_id)

    @property
    def is_raised(self) -> bool:
        """A conflict readers are shown: open, or confirmed by a reviewer."""
        return self.raises(kind=self.kind, status=self.status)

    @classmethod
    def raises(cls, *, kind: str, status: str) -> bool:
        """``is_raised`` for a finding read as plain values: a conflict or differing estimates, open or
        confirmed; a possible conflict only once a reviewer confirms it."""
        if kind == cls.Kind.POSSIBLE:
            return status == cls.Status.CONFIRMED
        return kind in cls.SHOWN_KINDS and status in cls.RAISED_STATUSES

    @classmethod
    def raised_q(cls) -> models.Q:
        """The findings ``raises`` is True for, as a query condition."""
        shown = models.Q(kind__in=cls.SHOWN_KINDS, status__in=cls.RAISED_STATUSES)
        return shown | models.Q(kind=cls.Kind.POSSIBLE, status=cls.Status.CONFIRMED)

    @classmethod
    def public_q(cls) -> models.Q:
        """The findings readers may see: all but possible conflicts no reviewer has confirmed."""
        return ~models.Q(kind=cls.Kind.POSSIBLE) | models.Q(status=cls.Status.CONFIRMED)
