"""Core tasks and the base class every task uses."""

from __future__ import annotations

import logging
import time

from celery import Task, shared_task
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


class BoundedRedeliveryTask(Task):
    """A task redelivered after its worker died runs at most CELERY_MAX_REDELIVERIES times.

    With acks_late + reject_on_worker_lost a task whose worker is killed goes back to the queue
    (DESIGN.md). A task that kills its worker every time would loop forever, so each delivery is
    counted in Redis by task id; past the bound the task is dropped with an error log (the
    periodic reconcile catches up whatever it should have done).
    """

    abstract = True

    def __call__(self, *args, **kwargs):
        task_id = getattr(self.request, "id", None)
        if task_id:
            # A retry keeps the task id but raises `retries`: count deliveries per attempt, so
            # only a redelivery of the same attempt (its worker died) counts against the bound.
            key = f"task-deliveries:{task_id}:{self.request.retries or 0}"
            try:
                cache.add(key, 0, timeout=24 * 3600)
                deliveries = cache.incr(key)
            except Exception:  # noqa: BLE001 - counting is best effort; never block the task
                deliveries = 1
            if deliveries > settings.CELERY_MAX_REDELIVERIES:
                logger.error("Task %s (%s) delivered %s times: dropped", self.name, task_id, deliveries)
                return None
        return super().__call__(*args, **kwargs)


@shared_task(name="core.tasks.worker_heartbeat", base=BoundedRedeliveryTask, ignore_result=True)
def worker_heartbeat_task() -> float:
    """Record that a worker is alive (beat: every 30 s); /health/ reports the age."""
    now = time.time()
    cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, now, timeout=None)
    return now
