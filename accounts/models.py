from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

DISPLAY_NAME_TAKEN = "Another person already has this public name."


class Profile(models.Model):
    """What readers may know of a person: the login name stays private to the admin."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        "public name",
        max_length=100,
        blank=True,
        help_text=(
            "The name readers see in an article's public history. Leave it blank to show the full name "
            "(first and last name) or, without one, a neutral label such as “Editor #12”. "
            "The login name is never shown to readers."
        ),
    )

    class Meta:
        constraints = [
            # Two people with one public name would make the history say one did what the other did.
            models.UniqueConstraint(
                Lower("display_name"),
                condition=~models.Q(display_name=""),
                name="accounts_profile_unique_display_name",
                violation_error_message=DISPLAY_NAME_TAKEN,
            )
        ]

    def __str__(self):
        return self.display_name or f"Profile of user #{self.user_id}"
