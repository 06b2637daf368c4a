import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from accounts.roles import EDITORS, REVIEWERS
from accounts.services import profile_save

# Login, group, and the public name readers see in an article's history.
DEMO_ACCOUNTS = (("editor", EDITORS, "Demo Editor"), ("reviewer", REVIEWERS, "Demo Reviewer"))


class Command(BaseCommand):
    help = "Create (or reset) the demo editor and reviewer accounts and print their new passwords."

    def handle(self, *args, **options):
        User = get_user_model()
        for username, group_name, display_name in DEMO_ACCOUNTS:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            profile_save(user=user, display_name=display_name)
            self.stdout.write(
                f"  {username:<9} password: {password}   ({group_name}, http://127.0.0.1:8000/admin/)"
            )
