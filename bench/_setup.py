"""Django setup for bench scripts: always a separate bench database.

The database's name must end in `wijkproces_bench` (the benchmarks) or `_load` (the load
tests, bench/load.sh: `wp_h_load`), so no bench script ever writes to a real database.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wijkproces_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
assert os.environ["DATABASE_URL"].endswith(("wijkproces_bench", "_load")), "bench runs only on a bench database"

import django  # noqa: E402

django.setup()
