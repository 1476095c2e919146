"""Reads shared by every app: service health."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _heartbeat(key: str) -> tuple[str, float | None]:
    """("ok" | "stale" | "down", age in seconds or None) of one heartbeat key in the cache."""
    try:
        seen = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: nothing is known
        seen = None
    if seen is None:
        return "down", None
    age = round(max(0.0, time.time() - float(seen)), 1)
    if age <= settings.HEALTH_HEARTBEAT_MAX_AGE:
        return "ok", age
    return ("stale" if age <= settings.HEALTH_HEARTBEAT_DOWN_AGE else "down"), age


def health_status() -> dict:
    """Database, broker, worker and beat state, without secrets or hostnames.

    Worker and beat are reported apart (issue 13): the worker from its own event heartbeat
    and from running the heartbeat task, beat from publishing that task (core/tasks.py).
    Only the database and the broker decide `status` (and the HTTP status): docs/operations.md.
    """
    result: dict = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means: not healthy
        result["database"] = "error"
    try:
        import redis

        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception:  # noqa: BLE001
        result["broker"] = "error"
    result["worker"], result["worker_age_seconds"] = _heartbeat(settings.CELERY_WORKER_HEARTBEAT_KEY)
    result["beat"], result["beat_age_seconds"] = _heartbeat(settings.CELERY_BEAT_HEARTBEAT_KEY)
    result["status"] = "ok" if result["database"] == result["broker"] == "ok" else "error"
    return result
