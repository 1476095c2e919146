"""Celery tasks of the `participatie` app."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="participatie.tasks.retention_purge")
def retention_purge() -> dict[str, int]:
    """AVG retention (beat, nightly): idempotent, logs counts only (see services.retention_purge)."""
    return services.retention_purge()


retention_purge_task = retention_purge
