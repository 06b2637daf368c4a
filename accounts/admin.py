"""The user admin, with the public name editable on the user's page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    fields = ("display_name",)
    can_delete = False
    max_num = 1
    verbose_name = verbose_name_plural = "Public name"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithProfileAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ProfileInline]
    list_display = (*UserAdmin.list_display, "profile__display_name")
    list_select_related = ("profile",)
