"""Fault C3 (docs/operations.md): a worker killed (SIGKILL) in the middle of a recompute.

Real processes: a private redis-server (broker and cache), a Celery worker subprocess that
pauses inside the recompute's transaction (`slow_worker.py`, test-only), killed there, and a
second worker. The task is acknowledged late, so the broker hands it to the second worker
after the visibility timeout (small for these workers: CELERY_VISIBILITY_TIMEOUT).
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from dashboard import services
from dashboard.models import IndicatorSnapshot, PlanWatermark
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append

from .factories import GebeurtenisFactory, PlanFactory
from .worker import start_worker, stop_worker

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]

VISIBILITY_TIMEOUT = 3  # seconds, for this test's workers only (production: 420)
PAUSE = 120  # the first worker's pause mid-transaction: it is killed long before
START_BOUND = 20  # seconds for the first worker to receive the task and reach the pause
REDELIVERY_BOUND = 25  # seconds from the kill to the second worker's commit


def _snapshots(plan_id: int) -> dict:
    return {
        (s.indicator, s.periode): (s.waarde, s.status, s.n, s.projectie, s.details)
        for s in IndicatorSnapshot.objects.filter(plan_id=plan_id)
    }


def _logs(*paths: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')}" for p in paths if p.exists())


def _wait_for(condition, *, bound: float, what: str, logs) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > bound:
            pytest.fail(f"{what}: not within {bound} s\n{logs()}")
        time.sleep(0.1)
    return time.monotonic() - started


def test_a_worker_killed_mid_recompute_leaves_nothing_and_the_task_is_redelivered_once(private_redis):
    # given a plan computed with 5 homes gas-free this month
    vandaag = timezone.localdate()
    plan = PlanFactory(startdatum=vandaag.replace(day=1))
    GebeurtenisFactory(plan=plan, datum=vandaag, hoeveelheid=5)
    services.plan_recompute(plan_id=plan.id)
    before = _snapshots(plan.id)
    resultaten = IndicatorSnapshot.objects.filter(plan=plan, indicator="resultaten").order_by("-periode").first()
    assert resultaten.waarde == 5
    periode = resultaten.periode
    worker_env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    with tempfile.TemporaryDirectory(prefix="wp-fault-worker-") as tmp:
        tmp = Path(tmp)
        paused, log_1, log_2 = tmp / "paused", tmp / "worker-1.log", tmp / "worker-2.log"
        workers = []

        def logs() -> str:
            return _logs(log_1, log_2)

        try:
            with log_1.open("wb") as out:
                first = start_worker(
                    out,
                    app="dashboard.tests.slow_worker",
                    env={**worker_env, "TEST_RECOMPUTE_PAUSE": str(PAUSE), "TEST_RECOMPUTE_PAUSED": str(paused)},
                )
            workers.append(first)
            # when a civil servant logs 37 more (the real path: append, commit, enqueue)
            with transaction.atomic():
                gebeurtenis_append(
                    type=GebeurtenisType.WONING_AARDGASVRIJ,
                    plan_id=plan.id,
                    datum=vandaag,
                    bron=GebeurtenisBron.FORMULIER,
                    extern_id="fault-worker-37",
                    hoeveelheid=37,
                )
            # and the worker is killed inside the recompute's transaction, after its upsert
            _wait_for(paused.exists, bound=START_BOUND, what="the first worker reached the pause", logs=logs)
            assert int(paused.read_text()) == first.pid
            assert _snapshots(plan.id) == before  # uncommitted: readers see the old snapshots
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
            killed = time.monotonic()
            # then nothing of the killed run is visible
            assert _snapshots(plan.id) == before
            assert PlanWatermark.objects.get(plan=plan).event_count == 1
            # and a new worker gets the task from the broker and completes it
            with log_2.open("wb") as out:
                second = start_worker(out, env=worker_env, purge=False)
            workers.append(second)
            _wait_for(
                lambda: PlanWatermark.objects.get(plan=plan).event_count == 2,
                bound=REDELIVERY_BOUND,
                what="the task was redelivered and completed",
                logs=logs,
            )
            redelivered_after = time.monotonic() - killed
            time.sleep(1)  # room for a second (duplicate) run to show up in the log
        finally:
            for worker in workers:
                stop_worker(worker)
        worker_log = log_2.read_text(errors="replace")
    # and the figures are those of the log, counted once: 5 + 37, not 5 + 37 + 37
    after = _snapshots(plan.id)
    assert after[("resultaten", periode)][0] == 42
    services.plan_recompute(plan_id=plan.id, force=True)  # a clean recompute from the log
    assert _snapshots(plan.id) == after
    assert IndicatorSnapshot.objects.filter(plan=plan).count() == len(before) == len(after)
    # and the task was delivered twice (killed, redelivered), and ran to the end once
    assert worker_log.count("Task dashboard.tasks.plan_recompute[") == 2, worker_log  # received, succeeded
    assert worker_log.count(" received") == 1 and worker_log.count("succeeded in") == 1, worker_log
    deliveries = [key for key in cache._cache.get_client().scan_iter(match="*task-deliveries:*")]
    assert len(deliveries) == 1 and cache.get(deliveries[0].decode().split(":", 2)[2]) == 2
    print(f"\nredelivered and committed {redelivered_after:.1f} s after the kill")  # noqa: T201
    assert redelivered_after < REDELIVERY_BOUND
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
