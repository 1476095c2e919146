"""Benchmark (4): event-to-dashboard freshness with a real Celery worker, on wijkproces_bench.

    .venv/bin/python bench/freshness.py [events] [plans]

Starts one worker (the same command as production's, solo pool), then appends `events`
events (default 50) to `plans` bench plans (default 10) at random intervals (0-0.4 s,
so some coalesce into one recompute and some arrive while a recompute runs), each in its own
transaction through `gebeurtenis_append`, exactly as the apps do. A poller reads the plans'
watermarks every 20 ms. Freshness of an event = the watermark's `computed_at` (set in the
recompute's transaction, which writes the snapshots) of the first recompute that includes
the event, minus the moment the event's transaction committed. Also reported: the time
until the poller SAW that watermark (the reader's view, +- 20 ms).
"""

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import _setup
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from config.celery import app
from dashboard import services
from dashboard.models import PlanWatermark
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append
from wup.models import Plan

EVENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
PLANS = int(sys.argv[2]) if len(sys.argv) > 2 else 10


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def start_worker(log):
    app.control.purge()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env["REDIS_URL"] = settings.REDIS_URL
    # The test settings give every process its own cache key prefix; the worker must share
    # ours, or the coalescing key it clears is not the one the writer set (no more enqueues).
    env["TEST_CACHE_KEY_PREFIX"] = settings.CACHES["default"]["KEY_PREFIX"]
    command = [str(_setup.ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--pool", "solo"]
    command += ["--concurrency", "1", "--without-gossip", "--without-mingle", "--loglevel", "WARNING"]
    return subprocess.Popen(command, cwd=_setup.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def append(plan_id: int) -> float:
    """One event in its own transaction; returns the wall time right after COMMIT."""
    committed = []
    with transaction.atomic():
        # Registered before gebeurtenis_append's own on_commit hook, so it runs first: the
        # moment of commit, before the enqueue.
        transaction.on_commit(lambda: committed.append(time.time()))
        gebeurtenis_append(
            type=GebeurtenisType.WONING_AARDGASVRIJ,
            plan_id=plan_id,
            datum=timezone.localdate(),
            bron=GebeurtenisBron.FORMULIER,
            extern_id=f"freshness-{uuid.uuid4()}",
        )
    return committed[0]


plan_ids = list(Plan.objects.filter(titel__startswith="Bench plan").order_by("id").values_list("id", flat=True))[:PLANS]
assert plan_ids, "run bench/generate_events.py first"
for plan_id in plan_ids:  # start from current watermarks, so only our events are pending
    services.plan_recompute(plan_id=plan_id)

with tempfile.TemporaryFile() as log:
    worker = start_worker(log)
    try:
        # Warm-up (not counted): wait until the worker has booted and recomputed once.
        counts = dict(PlanWatermark.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "event_count"))
        append(plan_ids[0])
        deadline = time.time() + 60
        while PlanWatermark.objects.get(plan_id=plan_ids[0]).event_count <= counts[plan_ids[0]]:
            assert time.time() < deadline and worker.poll() is None, "worker did not recompute"
            time.sleep(0.05)
        counts[plan_ids[0]] += 1

        sent = []  # (plan_id, event_count that includes this event, commit time)
        observed = {pid: [] for pid in plan_ids}  # (seen at, event_count, computed_at)
        done = threading.Event()

        def writer():
            rng = random.Random(5)
            try:
                for _ in range(EVENTS):
                    plan_id = rng.choice(plan_ids)
                    t = append(plan_id)
                    counts[plan_id] += 1
                    sent.append((plan_id, counts[plan_id], t))
                    time.sleep(rng.uniform(0, 0.4))
            finally:
                connection.close()
                done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        while True:
            now = time.time()
            for pid, count, computed_at in PlanWatermark.objects.filter(plan_id__in=plan_ids).values_list(
                "plan_id", "event_count", "computed_at"
            ):
                if not observed[pid] or observed[pid][-1][1] != count:
                    observed[pid].append((now, count, computed_at.timestamp()))
            if done.is_set() and all(
                observed[pid] and observed[pid][-1][1] >= max(c for p, c, _ in sent if p == pid)
                for pid in {p for p, _, _ in sent}
            ):
                break
            assert time.time() - (sent[-1][2] if sent else now) < 60, "events not recomputed within 60 s"
            time.sleep(0.02)
        thread.join()
    finally:
        worker.terminate()
        worker.wait(timeout=10)

fresh, seen = [], []
for plan_id, count, t_commit in sent:
    first = next(o for o in observed[plan_id] if o[1] >= count)
    fresh.append(first[2] - t_commit)
    seen.append(first[0] - t_commit)
recomputes = sum(len(o) for o in observed.values())
print(
    f"(4) {len(sent)} events over {len(plan_ids)} plans, {recomputes} recomputes observed "
    f"(including start values); commit -> snapshot computed: p50 {statistics.median(fresh):.2f} s, "
    f"p95 {p95(fresh):.2f} s, max {max(fresh):.2f} s; commit -> seen by a reader: p50 "
    f"{statistics.median(seen):.2f} s, p95 {p95(seen):.2f} s, max {max(seen):.2f} s "
    f"({dt.datetime.now():%Y-%m-%d %H:%M})"
)
