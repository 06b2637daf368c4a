"""The public name of a person, from a table (no database)."""

import pytest
from django.contrib.auth.models import User

from accounts.models import Profile
from accounts.names import choose_public_name, public_name


@pytest.mark.parametrize(
    ("display_name", "full_name", "username", "expected"),
    [
        ("A. Editor", "Ada Editor", "ada", "A. Editor"),
        ("", "Ada Editor", "ada", "Ada Editor"),
        ("", "", "ada", "Editor #7"),
        ("   ", " ", "ada", "Editor #7"),  # blank is no name
        ("  A.   Editor ", "", "ada", "A. Editor"),  # spacing normalised
        ("ADA", "", "ada", "Editor #7"),  # the login typed as a display name is still the login
        ("ada", "Ada Editor", "ada", "Ada Editor"),
        ("", "secret-login", "secret-login", "Editor #7"),
        ("<b>Ed</b>", "", "ed", "<b>Ed</b>"),  # returned as text: templates escape it
    ],
)
def test_choose_public_name(display_name, full_name, username, expected):
    assert (
        choose_public_name(display_name=display_name, full_name=full_name, username=username, user_id=7)
        == expected
    )


@pytest.mark.django_db  # looks for a profile the user was not selected with
def test_public_name_of_a_user_reads_the_profile_then_the_full_name():
    user = User(pk=12, username="secret-login-name", first_name="Ada", last_name="Lovelace")
    assert public_name(user) == "Ada Lovelace"
    Profile(user=user, display_name="A. Editor")
    assert public_name(user) == "A. Editor"


@pytest.mark.django_db
def test_public_name_of_no_user_is_empty_and_of_a_bare_user_a_neutral_label():
    assert public_name(None) == ""
    assert public_name(User(pk=3, username="secret-login-name")) == "Editor #3"
