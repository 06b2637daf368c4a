import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_application = get_wsgi_application()

from config.search_budget import SearchGate  # noqa: E402  (after Django is set up)
from pagecache.wsgi import PageCacheApp  # noqa: E402

# Outermost, the search gate: a search it refuses costs neither a page-cache lookup nor a Django request.
application = SearchGate(PageCacheApp(django_application))


def freeze_startup_objects() -> None:
    """Move what start-up loaded (Django, the apps, their modules) out of the garbage collector's sight.

    A cold render of a large article allocates enough to trigger full collections, and each would scan
    every object the process holds; those from start-up live as long as the process. Frozen, they are
    never scanned: a cold render of the 25x article went from 460 to 310 ms of page building
    (``bench/import_and_render.py``). Called once per process, before the first request.
    """
    gc.collect()
    gc.freeze()


freeze_startup_objects()
