"""Renaming a source's key, with every marker citing it rewritten in the same revision."""

from dataclasses import dataclass

import reversion

from articles.models import Section
from articles.services.unit import editorial_revision
from claims.sentences import rename_marker
from claims.services import claims_rename_key, claims_sync
from editorial.work import article_touched, describe_write
from sources.errors import SourceKeyRefused
from sources.forms import DUPLICATE_KEY_MESSAGE
from sources.keys import key_problem
from sources.models import Source

SAME_KEY_MESSAGE = "The source already has the key [{key}]."


@dataclass(frozen=True)
class KeyRename:
    source: Source
    old_key: str
    sections: tuple[Section, ...]  # the sections whose text was rewritten
    claims: int  # claims whose markers were rewritten (they keep their reviews)


def source_key_rename(*, source: Source, new_key: str, user, comment: str = "") -> KeyRename:
    """Rename a source's key and rewrite every ``[old]`` marker citing it, as one revision.

    Each rewritten section's version is raised (an editor who had it open meets a conflict) and it is
    added to the revision, so history shows the rename. Claims keep their identity and reviews: a new key
    is not new wording. Raises SourceKeyRefused (the key breaks the key rules, is taken, or is the same).
    """
    new_key = new_key.strip()
    refusal = key_problem(new_key)
    if refusal:
        raise SourceKeyRefused(refusal)
    reason = f"Renamed source key [{source.key}] to [{new_key}]"
    with editorial_revision(user=user, comment=comment or reason, permission="sources.change_source"):
        article_touched(source.article_id)
        source = Source.objects.select_for_update().get(pk=source.pk)
        old_key = source.key
        refuse_key(source, new_key)
        source.key = new_key
        describe_write(source, comment or reason)
        source.save(update_fields=["key", "updated_at"])
        sections = rewrite_markers(source.article_id, old_key, new_key, user=user)
        claims = claims_rename_key(
            article_id=source.article_id, old_key=old_key, new_key=new_key, user=user, reason=reason
        )
        for section in sections:
            claims_sync(section=section, user=user, reason=reason)
    return KeyRename(source, old_key, sections, claims)


def refuse_key(source: Source, new_key: str) -> None:
    if new_key == source.key:
        raise SourceKeyRefused(SAME_KEY_MESSAGE.format(key=new_key))
    if Source.objects.filter(article_id=source.article_id, key=new_key).exists():
        raise SourceKeyRefused(DUPLICATE_KEY_MESSAGE.format(key=new_key))


def rewrite_markers(article_id: int, old_key: str, new_key: str, *, user) -> tuple[Section, ...]:
    """Rewrite ``[old_key]`` markers as ``[new_key]`` in the article's sections; return those changed."""
    rewritten = []
    for section in Section.objects.filter(article_id=article_id, body__contains=f"[{old_key}]"):
        body = rename_marker(section.body, old_key, new_key)
        if body == section.body:
            continue
        section.body, section.updated_by = body, user
        section.version += 1
        section.save(update_fields=["body", "version", "updated_by", "updated_at"])
        reversion.add_to_revision(section)
        rewritten.append(section)
    return tuple(rewritten)
