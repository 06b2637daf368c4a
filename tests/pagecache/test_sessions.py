"""The WSGI layer answers readers only: a request with a session may be an editor's, whose page carries
[edit] links (tests/articles/test_edit_links.py), so Django answers it."""

from django.conf import settings

from tests.pagecache.conftest import PATH, call


def test_the_wsgi_layer_leaves_a_request_with_a_session_to_django(seed_article, apps):
    django_app, app = apps
    assert call(app, PATH)[0] == 200 and call(app, PATH)[0] == 200
    assert django_app.calls == 1  # the repeat was answered by the layer
    status, _, _ = call(app, PATH, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc; theme=dark")
    assert status == 200 and django_app.calls == 2
    call(app, PATH, HTTP_COOKIE="theme=dark")  # another cookie: still a reader's page
    assert django_app.calls == 2
