import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_application = get_wsgi_application()

from pagecache.wsgi import PageCacheApp  # noqa: E402  (after Django is set up)

application = PageCacheApp(django_application)
