"""Fixtures of the participatie tests."""

from __future__ import annotations

import pytest

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_stopped(settings, monkeypatch):
    """Point the Celery app the code really publishes with at a port where nothing listens.

    Celery reads the CELERY_BROKER_URL environment variable before any setting, so the
    variable is removed for the test and the app's own configuration is changed (not only
    Django's setting). The app caches its connection pools on first use: they are dropped
    here (taking the closed port) and again afterwards (later tests get the real broker).
    """
    from config.celery import app

    def drop_pool():
        app._pool = None
        app.amqp._producer_pool = None

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    monkeypatch.setattr(app.conf, "broker_url", CLOSED_PORT_BROKER)
    drop_pool()
    conn = app.connection_for_write()
    assert (conn.hostname, conn.port) == ("127.0.0.1", 1)  # the outage wins over the environment
    conn.release()
    yield
    drop_pool()
