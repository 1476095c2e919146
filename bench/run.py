"""Dashboard benchmarks on wijkproces_bench (run bench/generate_events.py first).

    .venv/bin/python bench/run.py
(1) full recompute of all plans vs one hand-written SQL aggregate; (2) incremental recompute
of one plan after 1,000 new events vs the full recompute; (3) overview / plan page server
time vs a trivial page on the same base template.
"""

import statistics
import time

import _setup  # noqa: F401
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from core.constants import Role
from core.tests.factories import UserFactory
from dashboard import services
from wup.models import Plan

SQL = """SELECT plan_id, type, date_trunc('month', datum), sum(hoeveelheid), count(*)
         FROM core_gebeurtenis GROUP BY 1, 2, 3"""


def best(fn, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def sql():
    with connection.cursor() as cur:
        cur.execute(SQL)
        cur.fetchall()


t_sql = best(sql)
t_full = best(lambda: services.plans_recompute_all(force=True))
print(f"(1) SQL aggregate {t_sql:.3f} s; full recompute {t_full:.3f} s; ratio {t_full / t_sql:.1f}x")

plan_id = Plan.objects.filter(titel__startswith="Bench plan").order_by("id").values_list("id", flat=True).first()
with connection.cursor() as cur:
    cur.execute(
        """INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)
           SELECT 'woning_aardgasvrij', %s, DATE '2025-06-01', 1, 'csv_import',
                  'bench-inc-' || extract(epoch from clock_timestamp()) || '-' || g, '{}'::jsonb, now()
           FROM generate_series(1, 1000) g""",
        [plan_id],
    )
t = time.perf_counter()
assert services.plan_recompute(plan_id=plan_id)
t_inc = time.perf_counter() - t
print(f"(2) incremental recompute of one plan after 1,000 events {t_inc:.3f} s = {100 * t_inc / t_full:.1f}% of full")

user = UserFactory(username="bench-raadslid", role=Role.RAADSLID)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
rf = RequestFactory(HTTP_HOST="127.0.0.1")


def page(url):
    assert client.get(url).status_code == 200, url
    return best(lambda: client.get(url), runs=5)


def trivial():
    request = rf.get("/")
    request.user = user
    render_to_string("base.html", {}, request=request)


client.get("/dashboard/")
t_over = page("/dashboard/")
t_plan = page(f"/dashboard/plan/{plan_id}/")
t_base = best(lambda: client.get("/health/"), runs=5)
t_tmpl = statistics.median([best(trivial, runs=1) for _ in range(5)])
print(
    f"(3) overview {1000 * t_over:.0f} ms, plan page {1000 * t_plan:.0f} ms, /health/ {1000 * t_base:.0f} ms, "
    f"base.html render {1000 * t_tmpl:.1f} ms; overview/health {t_over / t_base:.1f}x, plan/health {t_plan / t_base:.1f}x"
)
