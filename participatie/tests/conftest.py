"""Fixtures of the participatie tests."""

from __future__ import annotations

import pytest

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_stopped(settings):
    """Point Celery at a port where nothing listens (a stopped broker).

    The Celery app caches its broker connection pool on first use, so the pool is dropped
    here (taking the new URL) and again afterwards (so later tests get the real broker back).
    """
    from config.celery import app

    def drop_pool():
        app._pool = None
        app.amqp._producer_pool = None

    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    drop_pool()
    yield
    drop_pool()
