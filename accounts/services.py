from django.db import transaction

from accounts.models import Profile


def profile_save(*, user, display_name: str) -> Profile:
    """Set the public name of ``user``, creating the profile on first use."""
    with transaction.atomic():
        profile, _ = Profile.objects.get_or_create(user=user)
        profile.display_name = " ".join(display_name.split())
        profile.full_clean()
        profile.save()
    return profile
