from django import template

from accounts.names import public_name as name_of

register = template.Library()


@register.filter
def public_name(user) -> str:
    """``{{ revision.user|public_name }}``: the name readers may see, never the login."""
    return name_of(user)
