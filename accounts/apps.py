from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People as readers see them: the public name shown instead of a login. Depends on no other app."""

    name = "accounts"
    verbose_name = "Accounts"
