"""The name readers see for a person (pure: it reads attributes, never the database by itself)."""

from django.core.exceptions import ObjectDoesNotExist

NEUTRAL_LABEL = "Editor #{id}"


def choose_public_name(*, display_name: str, full_name: str, username: str, user_id) -> str:
    """Return the display name, else the full name, else a neutral label: never the login name, not even
    when someone typed it as their display or full name."""
    login = username.strip().casefold()
    for candidate in (display_name, full_name):
        candidate = " ".join(candidate.split())
        if candidate and candidate.casefold() != login:
            return candidate
    return NEUTRAL_LABEL.format(id=user_id)


def public_name(user) -> str:
    """Return the name readers see for ``user`` ("" for no user). Select ``profile`` with the user to
    spare a query per person."""
    if user is None:
        return ""
    try:
        display_name = user.profile.display_name
    except ObjectDoesNotExist:
        display_name = ""
    return choose_public_name(
        display_name=display_name,
        full_name=user.get_full_name(),
        username=user.get_username(),
        user_id=user.pk,
    )
