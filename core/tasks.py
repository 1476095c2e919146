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


HEARTBEAT_TASK = "core.tasks.worker_heartbeat"
# A worker's own event heartbeat comes every 2 s; writing it down every 10 s is enough for /health/.
WORKER_SEEN_EVERY = 10.0
_worker_seen_at = 0.0


@shared_task(name=HEARTBEAT_TASK, base=BoundedRedeliveryTask, ignore_result=True)
def worker_heartbeat_task() -> float:
    """Record that a worker is alive (beat: every 30 s); /health/ reports the age."""
    now = time.time()
    cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, now, timeout=None)
    return now


def worker_seen(**kwargs) -> None:
    """A worker's event heartbeat (celery's `heartbeat_sent`, every 2 s while its loop runs):
    the worker is alive even when beat, which schedules the heartbeat task, is not (issue 13)."""
    global _worker_seen_at
    now = time.time()
    if now - _worker_seen_at < WORKER_SEEN_EVERY:
        return
    _worker_seen_at = now
    try:
        cache.set(settings.CELERY_WORKER_HEARTBEAT_KEY, now, timeout=None)
    except Exception:  # noqa: BLE001 - a missed write shows as stale in /health/; never stop the loop
        logger.warning("Could not record the worker heartbeat")


def beat_seen(sender=None, **kwargs) -> None:
    """Beat published the heartbeat task (celery's `after_task_publish`, in the beat process):
    beat is alive whether or not a worker takes the task."""
    if sender != HEARTBEAT_TASK:
        return
    try:
        cache.set(settings.CELERY_BEAT_HEARTBEAT_KEY, time.time(), timeout=None)
    except Exception:  # noqa: BLE001 - as above
        logger.warning("Could not record the beat heartbeat")


def connect_heartbeats() -> None:
    """Connect the two heartbeats above (config/celery.py); each runs only in its own process."""
    from celery import signals

    signals.heartbeat_sent.connect(worker_seen, weak=False, dispatch_uid="core.worker_seen")
    signals.after_task_publish.connect(beat_seen, weak=False, dispatch_uid="core.beat_seen")
