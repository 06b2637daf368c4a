"""A person's public name is on every page that shows what they did: the article's last edit, its history
and revisions, the reviews of its statements. When it changes (``accounts.services.profile_save``, the
user admin's profile inline, a new full name), those articles are marked changed, so their cached pages
show the new name at once."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from reversion.models import Version

from accounts.models import Profile
from accounts.names import public_name
from articles.models import Article
from claims.models import Claim
from editorial.work import article_touched, editorial_change

# The user's fields a public name is made of (accounts.names.choose_public_name).
NAME_FIELDS = {"first_name", "last_name", "username"}


def articles_showing(user_id: int) -> list[int]:
    """Return the ids of the articles whose pages name the person: they made one of its revisions, or
    reviewed or approved one of its statements."""
    article_type = ContentType.objects.get_for_model(Article)
    edited = Version.objects.filter(content_type=article_type, revision__user_id=user_id).values_list(
        "object_id", flat=True
    )
    reviewed = Claim.objects.filter(Q(reviewed_by_id=user_id) | Q(approved_by_id=user_id)).values_list(
        "section__article_id", flat=True
    )
    return sorted({int(pk) for pk in edited.distinct()} | set(reviewed.distinct()))


def current_public_name(user_id) -> str | None:
    user = get_user_model().objects.select_related("profile").filter(pk=user_id).first()
    return public_name(user) if user is not None else None


def user_of(sender, instance):
    return instance.user_id if sender is Profile else instance.pk


def touches_the_name(sender, update_fields) -> bool:
    return sender is Profile or update_fields is None or bool(NAME_FIELDS & set(update_fields))


def remember_public_name(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """Before a user or a profile is saved: the public name it had (a login saves only last_login)."""
    if raw or not touches_the_name(sender, update_fields):
        return
    instance._public_name_before = current_public_name(user_of(sender, instance))


def mark_articles_showing_new_name(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """After it is saved: if the public name changed, mark the articles that show it."""
    if raw or not touches_the_name(sender, update_fields):
        return
    user_id = user_of(sender, instance)
    before = instance.__dict__.pop("_public_name_before", None)
    if before is None or current_public_name(user_id) == before:
        return
    with editorial_change(comment="Public name changed"):
        for article_id in articles_showing(user_id):
            article_touched(article_id)
