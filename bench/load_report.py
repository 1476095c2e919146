"""Markdown tables from one bench/load.sh output folder (locust CSVs, checks, CPU samples).

.venv/bin/python bench/load_report.py bench/out/load-YYYYMMDD-HHMMSS
"""

import csv
import json
import sys
from pathlib import Path

out = Path(sys.argv[1])


def rows(step: str) -> dict[str, dict]:
    path = out / f"{step}_stats.csv"
    if not path.exists():
        return {}
    with path.open() as fh:
        return {r["Name"]: r for r in csv.DictReader(fh)}


def load(name: str) -> dict:
    path = out / name
    return json.loads(path.read_text()) if path.exists() else {}


def ms(r: dict, col: str) -> str:
    return r.get(col, "-") if r else "-"


def cpu(step: str) -> str:
    c = load(f"{step}.cpu.json")
    if not c:
        return "-"
    p = c["processes"]
    parts = [f"{name} {v['percent_of_one_core']:.0f} %" for name, v in p.items() if v["cpu_s"]]
    return f"machine {c['machine_percent_of_2_cores']:.0f} % of 2 cores; " + ", ".join(parts)


def loadavg(step: str) -> str:
    c = load(f"{step}.cpu.json")
    la = c.get("loadavg_1min", {})
    return f"{la.get('start', 0):.1f}-{la.get('max', 0):.1f}" if la else "-"


steps = sorted({p.name.split("_stats.csv")[0] for p in out.glob("*_stats.csv")}, key=lambda s: (s.split("-")[0], s))
print(
    "| step | requests (failures) | final submit / POST: n, rate/s | p50 / p95 / p99 ms | all requests p95 ms | load avg 1 min | CPU (100 % = one core) | check |"
)
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for step in steps:
    r = rows(step)
    total = r.get("Aggregated", {})
    key = next((k for k in ("final submit", "trivial POST (one row)", "overview") if k in r), None)
    main = r.get(key, {})
    check = ""
    if step.startswith("residents"):
        v = load(f"{step}.verify.json")
        check = (
            f"lost {v.get('lost')}, doubled {v.get('doubled')}; {v.get('code_responses')} code + "
            f"{v.get('open_responses')} open responses; dup pairs {v.get('duplicate_pairs')}, "
            f"double submits {v.get('double_submits')}; {'ok' if v.get('ok') else 'NOT OK'}"
        )
    elif step.startswith("trivial"):
        rows_ = load(f"{step}.rows.json").get("rows")
        check = f"{rows_} rows"
    print(
        f"| {step} | {total.get('Request Count', '-')} ({total.get('Failure Count', '-')}) | "
        f"{key}: {ms(main, 'Request Count')}, {float(main.get('Requests/s', 0)):.1f} | "
        f"{ms(main, '50%')} / {ms(main, '95%')} / {ms(main, '99%')} | {ms(total, '95%')} | "
        f"{loadavg(step)} | {cpu(step)} | {check} |"
    )
print()
for step in steps:
    r = rows(step)
    print(
        f"{step}: "
        + "; ".join(
            f"{name} n={v['Request Count']} fail={v['Failure Count']} p50/p95/p99={v['50%']}/{v['95%']}/{v['99%']}"
            for name, v in r.items()
        )
    )
for name in ("recompute-alone.json", "recompute-readers.json"):
    rc = load(name)
    if rc:
        print(
            f"{name}: median {rc['median_s']} s, min {rc['min_s']}, max {rc['max_s']}, runs "
            f"{[r['seconds'] for r in rc['runs']]}, load at start {[r['load_1min'] for r in rc['runs']]}"
        )
