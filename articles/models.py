import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse

from editorial.work import belongs_to_article


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """Articles not in the trash."""
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)

    def public(self):
        return self.live().filter(is_public=True)


# A revision stores the objects it changed: a section's version follows its article (every revision of a
# section holds a version of the article, which the history lists), and the article's outline at each
# revision is a RevisionOutline, not a copy of every section.
@belongs_to_article("pk")
@belongs_to_article("pk")
@reversion.register(exclude=("content_version", "imported_at"))
class Article(models.Model):
    """An encyclopedia article: a title, a slug and ordered sections, the first of which is the lead."""

    class ReaderView(models.TextChoices):
        LATEST = "latest", "Latest text, changes since review marked"
        REVIEWED = "reviewed", "Reviewed: the last approved wording of each statement"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    is_public = models.BooleanField(
        default=True, help_text="Public articles are shown to readers without an account."
    )
    reader_view = models.CharField(
        max_length=10,
        choices=ReaderView.choices,
        default=ReaderView.LATEST,
        help_text="What readers see first; the other view stays one link away.",
    )
    content_version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised in the same transaction as any change a reader would see; keys the page cache.",
    )
    imported_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an import last wrote the article; an edit made after it is not overwritten by the "
        "next import unless it is forced.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Set when the article was moved to the trash: hidden from readers, restorable.",
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def source_url(self, key: str) -> str:
        """The public page of this article's source ``key`` (``sources.Source.get_absolute_url``)."""
        return reverse("articles:source", kwargs={"slug": self.slug, "key": key})

    @property
    def is_in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def lead(self) -> str:
        """Return the body of the lead: the section without a heading that opens the article."""
        lead = self.sections.filter(level=Section.LEAD_LEVEL).order_by("order").first()
        return lead.body if lead else ""


@belongs_to_article("article_id")
@reversion.register(follow=("article",))
class Section(models.Model):
    """A heading and the body text under it. The body, with its citation markers, is what editors edit;
    claims are derived from it."""

    LEAD_LEVEL = 0

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(
        max_length=300, blank=True, help_text="Empty only for the lead, the text before the first heading."
    )
    level = models.PositiveSmallIntegerField(
        default=2, help_text="0 for the lead, 1 for a top-level heading, 2 for a heading under it."
    )
    order = models.PositiveIntegerField(help_text="Position of the section in the article, from 0.")
    body = models.TextField(
        blank=True,
        help_text="One paragraph per line. Cite a source by its key in square brackets, e.g. [12] or "
        "[unhcr-2024], right after the sentence it supports.",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every save; a save made from an older version is merged with what changed "
        "since, or refused.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "order"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__lte=6), name="section_level_at_most_6"),
            models.CheckConstraint(
                condition=models.Q(level=0, heading="") | (models.Q(level__gte=1) & ~models.Q(heading="")),
                name="section_heading_only_for_lead_is_empty",
            ),
        ]

    def __str__(self):
        return self.heading or "(lead)"

    def get_absolute_url(self):
        return self.article.get_absolute_url() + f"#{self.anchor}"

    @property
    def is_lead(self) -> bool:
        return self.level == self.LEAD_LEVEL

    @property
    def anchor(self) -> str:
        return f"s{self.order}"


class RevisionOutline(models.Model):
    """What one revision did to one article's sections, written with the revision (``articles.outlines``):
    the sections the article had after it, in order, and a short account of the sections it changed.

    A revision stores versions only of the sections it changed; with the outline the article's state at
    any revision is rebuilt (``articles.selectors.revision_sections``): each listed section as its latest
    version at or before that revision stored it.
    """

    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    sections = models.JSONField(
        null=True,
        blank=True,
        help_text="[[section id, order], …] in the article's order after the revision; null when the "
        "revision left them as the article's previous outline lists them.",
    )
    changes = models.JSONField(
        default=list,
        blank=True,
        help_text="The first sections the revision added, deleted, moved or changed, each a small dict "
        "(articles.rendering.history.revision_section_changes).",
    )
    changed_count = models.PositiveIntegerField(default=0, help_text="How many sections it changed in all.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "revision"], name="one_outline_per_article_revision")
        ]

    def __str__(self):
        return f"Outline of article {self.article_id} at revision {self.revision_id}"
