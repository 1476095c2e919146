"""A real Celery worker for tests: a subprocess against the test database, broker and cache.

`start_worker` runs `celery worker --pool solo` with this test's settings (the broker and
cache a fixture such as `private_redis` set, the cache key prefix of this run, so the
worker's keys are this run's keys and are deleted with them). `stop_worker` ends it, and
kills it if it does not stop.

`app="dashboard.tests.slow_worker"` runs the same app with a test-only pause inside the
recompute's transaction (see that module); nothing in the application itself ever sleeps.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_database_url() -> str:
    """The test's database (pytest-django's test_...), so the worker sees the test's data."""
    db = settings.DATABASES["default"]
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    if (db["HOST"] or "").startswith("/"):  # a unix socket directory (the embedded PostgreSQL)
        return f"postgres://{auth}@/{db['HOST']}/{db['NAME']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test (pytest collects test_* functions)


def start_worker(log, *, app: str = "config", env: dict | None = None, purge: bool = True) -> subprocess.Popen:
    """Start a worker writing to `log` (a file). `purge`: first drop tasks queued by earlier
    tests (not ours); a test that wants a dead worker's task redelivered passes False."""
    from config.celery import app as celery_app

    if purge:
        celery_app.control.purge()
    cache = settings.CACHES["default"]
    worker_env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=test_database_url(),
        REDIS_URL=settings.REDIS_URL or settings.CELERY_BROKER_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        REDIS_CACHE_URL=cache["LOCATION"],
        TEST_CACHE_KEY_PREFIX=cache["KEY_PREFIX"],
        **(env or {}),
    )
    command = [str(ROOT / ".venv/bin/celery"), "-A", app, "worker", "--pool", "solo", "--concurrency", "1"]
    command += ["--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    return subprocess.Popen(command, cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=5)
