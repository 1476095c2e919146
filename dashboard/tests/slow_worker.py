"""Celery app for fault tests: config's app, with the recompute paused inside its transaction.

Only tests run it (`celery -A dashboard.tests.slow_worker worker`, see `worker.py`). With
TEST_RECOMPUTE_PAUSE=<seconds> a plan recompute, after it upserted the new snapshots and
before it moves the watermark and commits, writes TEST_RECOMPUTE_PAUSED (a file path: the
worker's pid) and sleeps: a test kills the worker there, mid-transaction.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from config.celery import app

__all__ = ["app"]


@task_prerun.connect
def _pause_recompute_mid_transaction(**kwargs) -> None:
    """Wrap the upsert once Django is set up (the first task), if this worker was asked to."""
    pause = float(os.environ.get("TEST_RECOMPUTE_PAUSE") or 0)
    if not pause:
        return
    from dashboard.services import recompute

    if getattr(recompute._snapshots_upsert, "paused", False):
        return
    upsert = recompute._snapshots_upsert

    def upsert_then_pause(**kw):
        upsert(**kw)
        Path(os.environ["TEST_RECOMPUTE_PAUSED"]).write_text(str(os.getpid()))
        time.sleep(pause)

    upsert_then_pause.paused = True
    recompute._snapshots_upsert = upsert_then_pause
