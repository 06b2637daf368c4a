import json

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from pagecache.guard import cache_state


@never_cache
def healthz(request):
    """Report the database and the cache separately, as JSON: ``{"database": "ok", "cache": "down"}``.

    The status is for load balancers and follows the database only: 200 when this worker can reach it, 503
    when it cannot. A cache that is down slows pages but breaks nothing (pagecache.guard), so it is reported
    and does not take the worker out of service.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "down"
    body = json.dumps({"database": database, "cache": cache_state()}) + "\n"
    return HttpResponse(body, status=200 if database == "ok" else 503, content_type="application/json")
