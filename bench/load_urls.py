"""Bench-only URLconf (bench/load_settings.py): the app's URLs plus one trivial POST view.

`/bench-load/trivial/` inserts one row into `bench_load_trivial` (a table that only
bench/load_setup.py creates, in the load database) through the full middleware stack (CSRF,
session, access policy, logging): the limit of a POST on this stack, to compare the
residents' final submit with. It never is in the app's URLconf.
"""

from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns
from core.permissions import RESIDENT, access


@access(RESIDENT)
def trivial(request):
    if request.method == "POST":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO bench_load_trivial (note) VALUES (%s)", [request.POST.get("note", "")[:100]])
        return HttpResponse("ok", content_type="text/plain")
    get_token(request)  # sets the CSRF cookie, as a form page would
    return HttpResponse("form", content_type="text/plain")


urlpatterns = [*app_urlpatterns, path("bench-load/trivial/", trivial)]
