"""The full recompute (`plans_recompute_all`) over the load database, repeated and timed.

    .venv/bin/python bench/load_recompute.py OUT.json (--times N | --seconds S)

Each run is timed on its own (with the load average at its start); the durations go to
OUT.json. bench/load.sh runs it alone, then while 50 council members read the dashboard.
"""

import json
import os
import statistics
import sys
import time

import _setup  # noqa: F401

from dashboard import services

out, mode, amount = sys.argv[1], sys.argv[2], float(sys.argv[3])
runs = []
deadline = time.monotonic() + amount
while (len(runs) < amount) if mode == "--times" else (time.monotonic() < deadline):
    load = os.getloadavg()[0]
    started = time.monotonic()
    services.plans_recompute_all(force=True)
    runs.append({"seconds": round(time.monotonic() - started, 3), "load_1min": load})
durations = [r["seconds"] for r in runs]
result = {
    "runs": runs,
    "median_s": round(statistics.median(durations), 3),
    "min_s": min(durations),
    "max_s": max(durations),
    "uptime_end": os.popen("uptime").read().strip(),  # noqa: S605, S607
}
with open(out, "w") as fh:
    json.dump(result, fh)
print(json.dumps(result))
