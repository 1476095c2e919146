"""Events CSV import at the row limit, on wijkproces_bench (a migrated database).

    .venv/bin/python bench/csv_import.py [rows]
Imports one file of `rows` events (default: the limit, dashboard.csv_import.MAX_ROWS) for a
fresh plan, the way the worker does, and prints the time: it must stay well inside the
task's soft time limit (CELERY_TASK_SOFT_TIME_LIMIT). The bench database keeps the events
(new extern_ids each run).
"""

import sys
import time
import uuid

import _setup  # noqa: F401
from django.conf import settings

from dashboard import csv_import
from wup import services as wup_services

rows = int(sys.argv[1]) if len(sys.argv) > 1 else csv_import.MAX_ROWS
plan = wup_services.plan_create(titel=f"CSV-bench {uuid.uuid4().hex[:6]}")
run = uuid.uuid4().hex[:8]
content = "plan_id,type,datum,hoeveelheid,extern_id\n" + "".join(
    f"{plan.id},woning_aardgasvrij,2025-{1 + i % 12:02d}-01,1,{run}-{i}\n" for i in range(rows)
)
print(f"{rows} rows, {len(content.encode()) / 1024 / 1024:.1f} MB")
start = time.perf_counter()
result = csv_import.events_csv_import(content=content.encode(), job=f"bench-{run}")
elapsed = time.perf_counter() - start
assert result.ok and result.created == rows, result.errors[:3]
print(f"imported in {elapsed:.1f} s ({rows / elapsed:.0f} rows/s); soft limit {settings.CELERY_TASK_SOFT_TIME_LIMIT} s")
