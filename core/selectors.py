"""Reads shared by every app: service health."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def health_status() -> dict:
    """Database, broker and worker-heartbeat state, without secrets or hostnames."""
    result: dict = {"database": "ok", "broker": "ok", "worker_heartbeat_age_seconds": None}
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
    try:
        beat = cache.get(settings.CELERY_WORKER_HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001
        beat = None
    if beat is not None:
        result["worker_heartbeat_age_seconds"] = round(time.time() - float(beat), 1)
    age = result["worker_heartbeat_age_seconds"]
    result["worker"] = "ok" if age is not None and age <= settings.HEALTH_HEARTBEAT_MAX_AGE else "stale"
    result["status"] = "ok" if result["database"] == result["broker"] == "ok" else "error"
    return result
