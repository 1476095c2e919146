"""Tests: same stack as production (real PostgreSQL, real Redis), fast password hashing."""

import os
import uuid

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key")

from .dev import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A key space of this run's own: two runs (or a run and a development server) on one Redis
# never see or delete each other's keys (conftest deletes by this prefix, never FLUSHDB). A
# worker a test starts is given the run's prefix (dashboard/tests/worker.py): its keys are the run's.
CACHES["default"]["KEY_PREFIX"] = os.environ.get(  # noqa: F405
    "TEST_CACHE_KEY_PREFIX", f"wijkproces-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
)
