"""Edits made since an article's last import, which an import would overwrite."""

from dataclasses import dataclass
from datetime import datetime

from reversion.models import Version

from articles.models import Article, RevisionOutline
from articles.outlines import latest_section_versions, outline_at


@dataclass(frozen=True)
class ArticleEdit:
    """An edit made since the article's last import, which the next import would overwrite."""

    what: str
    who: str
    when: datetime

    def __str__(self):
        return f"{self.what}, by {self.who}, {self.when:%Y-%m-%d %H:%M} UTC"


def username(user) -> str:
    return user.get_username() if user else "someone"


def article_edits_since_import(article: Article) -> tuple[ArticleEdit, ...]:
    """Return the edits made to the article since its last import, newest first: sections changed,
    added or deleted, and the article's own details. In an article never imported every section counts."""
    since = {"updated_at__gt": article.imported_at} if article.imported_at else {}
    edits = [
        ArticleEdit(f"section “{section}” changed", username(section.updated_by), section.updated_at)
        for section in article.sections.filter(**since).select_related("updated_by")
    ]
    if article.imported_at:
        edits += sections_deleted_since_import(article)
        edits += article_details_edits(article)
    return tuple(sorted(edits, key=lambda edit: edit.when, reverse=True))


def sections_deleted_since_import(article: Article) -> list[ArticleEdit]:
    """Return the sections the last import wrote that are gone, each with the first revision after the
    import whose outline no longer lists it."""
    revisions = Version.objects.get_for_object(article)
    imported = revisions.filter(revision__date_created__lte=article.imported_at).order_by("-pk").first()
    if imported is None:
        return []
    at_import = [pk for pk, _ in outline_at(article.pk, imported.revision_id)]
    current = set(article.sections.values_list("pk", flat=True))
    gone = [pk for pk in at_import if pk not in current]
    if not gone:
        return []
    headings = {
        int(pk): version.object_repr
        for pk, version in latest_section_versions(map(str, gone), at_or_before=imported.revision_id).items()
    }
    later = (
        RevisionOutline.objects.filter(
            article=article, revision_id__gt=imported.revision_id, sections__isnull=False
        )
        .select_related("revision__user")
        .order_by("revision_id")
    )
    deleting = {}
    for outline in later.iterator():
        listed = {pk for pk, _ in outline.sections}
        for pk in gone:
            if pk not in listed and pk not in deleting:
                deleting[pk] = outline.revision
        if len(deleting) == len(gone):
            break
    edits = []
    for pk in gone:
        revision = deleting.get(pk)
        who = username(revision.user) if revision else "someone"
        when = revision.date_created if revision else article.imported_at
        edits.append(ArticleEdit(f"section “{headings.get(pk, '')}” deleted", who, when))
    return edits


ARTICLE_DETAILS = ("title", "slug", "is_public")


def article_details_edits(article: Article) -> list[ArticleEdit]:
    """Return the edit of the article's own fields since its last import, if they differ from what the
    import left, with the user and time of the first revision that changed them. (``updated_at`` moves
    with every published change, so it cannot tell.)"""
    versions = list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))
    at_import = [v for v in versions if v.revision.date_created <= article.imported_at]
    if not at_import:
        return []
    imported = {name: at_import[-1].field_dict.get(name) for name in ARTICLE_DETAILS}
    if {name: getattr(article, name) for name in ARTICLE_DETAILS} == imported:
        return []
    later = [v for v in versions if v.revision.date_created > article.imported_at]
    changer = next((v for v in later if {n: v.field_dict.get(n) for n in ARTICLE_DETAILS} != imported), None)
    who = username(changer.revision.user) if changer else "someone"
    when = changer.revision.date_created if changer else article.updated_at
    return [ArticleEdit("article details (title, address or visibility) changed", who, when)]
