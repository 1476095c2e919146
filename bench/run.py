"""Dashboard benchmarks on wijkproces_bench (run bench/generate_events.py first).

    .venv/bin/python bench/run.py [rounds]
(1) full recompute of all plans vs one hand-written SQL aggregate over the same events,
interleaved (SQL, full, SQL, full, ...) so that load from other processes hits both alike;
(2) incremental recompute of one plan after 1,000 new events vs the full recompute;
(3) overview / plan page server time vs a trivial view that renders the same base template
with no queries of its own, all through the test Client and the full middleware stack. The
trivial view lives only here: this module is the URLconf for (3) (the app's URLs plus one
bench URL), so the application gets no extra URL.
"""

import statistics
import sys
import time

import _setup  # noqa: F401
from django.db import connection, reset_queries
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns
from core.constants import Role
from core.permissions import INTERNAL_READ, access
from core.tests.factories import UserFactory
from dashboard import services
from wup.models import Plan

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
SQL = """SELECT plan_id, type, date_trunc('month', datum), sum(hoeveelheid), count(*)
         FROM core_gebeurtenis GROUP BY 1, 2, 3"""
TRIVIAL = Template(
    '{% extends "base.html" %}{% block title %}Bench{% endblock %}{% block content %}<h1>Bench</h1>{% endblock %}'
)


@access(INTERNAL_READ)
def trivial_view(request):
    """The same base template and middleware as the dashboard, no queries of its own."""
    return HttpResponse(TRIVIAL.render(RequestContext(request, {})))


urlpatterns = [*app_urlpatterns, path("bench-trivial/", trivial_view)]


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def sql():
    with connection.cursor() as cur:
        cur.execute(SQL)
        cur.fetchall()


# (1) interleaved: a round is one SQL aggregate and one full recompute right after it.
sql()  # warm the cache
# Cold: every snapshot written (the table emptied first), as on the first run after an import.
with connection.cursor() as cur:
    cur.execute("DELETE FROM dashboard_indicatorsnapshot")
t_cold = timed(lambda: services.plans_recompute_all(force=True))
t_cold_sql = timed(sql)
print(
    f"(1) cold full recompute (all 14,400 snapshots written) {t_cold:.3f} s = {t_cold / t_cold_sql:.2f}x the SQL ({t_cold_sql:.3f} s)"
)
# Warm rounds: snapshots exist; unchanged ones are not rewritten (dashboard/services.py).
t_sqls, t_fulls = [], []
for _ in range(ROUNDS):
    t_sqls.append(timed(sql))
    t_fulls.append(timed(lambda: services.plans_recompute_all(force=True)))
ratios = [f / s for s, f in zip(t_sqls, t_fulls, strict=True)]
t_sql, t_full = statistics.median(t_sqls), statistics.median(t_fulls)
print(
    f"(1) {ROUNDS} rounds: SQL aggregate median {t_sql:.3f} s (best {min(t_sqls):.3f}); "
    f"full recompute median {t_full:.3f} s (best {min(t_fulls):.3f}); "
    f"ratio of medians {t_full / t_sql:.2f}x, median per-round ratio {statistics.median(ratios):.2f}x, "
    f"ratio of bests {min(t_fulls) / min(t_sqls):.2f}x"
)
with CaptureQueriesContext(connection) as ctx:
    services.plans_recompute_all(force=True)
print(f"    full recompute ran {len(ctx.captured_queries)} queries for {Plan.objects.count()} plans")

# (2) 1,000 new events for one plan, then its (incremental, per plan) recompute.
plan_id = Plan.objects.filter(titel__startswith="Bench plan").order_by("id").values_list("id", flat=True).first()
with connection.cursor() as cur:
    cur.execute(
        """INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)
           SELECT 'woning_aardgasvrij', %s, DATE '2025-06-01', 1, 'csv_import',
                  'bench-inc-' || extract(epoch from clock_timestamp()) || '-' || g, '{}'::jsonb, now()
           FROM generate_series(1, 1000) g""",
        [plan_id],
    )
t_inc = timed(lambda: services.plan_recompute(plan_id=plan_id))
print(f"(2) incremental recompute of one plan after 1,000 events {t_inc:.3f} s = {100 * t_inc / t_full:.1f}% of full")

# (3) pages vs the trivial view, same user, same middleware, same base template.
user = UserFactory(username=f"bench-raadslid-{time.time_ns()}", role=Role.RAADSLID)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)


def page(url, runs=15):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # the request_started signal resets the log; start from empty so the count is right
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)  # read now: the log is reset by the next request
    return statistics.median(timed(lambda: client.get(url)) for _ in range(runs)), queries


with override_settings(ROOT_URLCONF=__name__):
    t_base, q_base = page("/bench-trivial/")
    t_over, q_over = page("/dashboard/")
    t_plan, q_plan = page(f"/dashboard/plan/{plan_id}/")
print(
    f"(3) median of 15: overview {1000 * t_over:.1f} ms ({q_over} queries), plan page {1000 * t_plan:.1f} ms "
    f"({q_plan} queries), trivial base.html view {1000 * t_base:.1f} ms ({q_base} queries); "
    f"overview/trivial {t_over / t_base:.1f}x, plan/trivial {t_plan / t_base:.1f}x"
)
