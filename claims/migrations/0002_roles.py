"""Created the Editors and Reviewers groups until the roles moved to ``accounts`` (``accounts.roles``,
created by ``accounts/migrations/0002_roles.py``). Kept, doing nothing, so that databases that ran it and
the migrations after it stay consistent."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
