"""Development: defaults that let `make run` work on a fresh clone.

Without DATABASE_URL / REDIS_URL, `python -m core.devstack` starts an embedded PostgreSQL and
Valkey, exports their URLs to the processes it runs, and writes them to
`.devdata/services.env` so a second terminal (`manage.py shell`) finds them too.
"""

import os
from pathlib import Path

_services = Path(__file__).resolve().parent.parent.parent / ".devdata" / "services.env"
if _services.exists():
    for _line in _services.read_text().splitlines():
        _key, _, _value = _line.partition("=")
        if _key and _value:
            os.environ.setdefault(_key, _value)
if "DATABASE_URL" not in os.environ:
    # Where `python -m core.devstack` runs its embedded PostgreSQL (unix socket in .devdata/pg).
    # Commands that need no database (makemigrations --check, check) work without it; the
    # others fail to connect until `make run` / `make test` or a configured DATABASE_URL.
    os.environ["DATABASE_URL"] = f"postgres://postgres@/{_services.parent / 'pg'}/wijkproces"
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("LOG_FORMAT", "plain")  # read by eye in a terminal; production: JSON lines

from .base import *  # noqa: E402,F403
from .base import env, redis_cache_url  # noqa: E402

if not REDIS_URL:  # noqa: F405
    REDIS_URL = "redis://127.0.0.1:6379/0"
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
    CACHES["default"]["LOCATION"] = redis_cache_url(REDIS_URL)  # noqa: F405
