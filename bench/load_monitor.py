"""CPU of the load test's processes while one step runs (issue 11), from /proc via psutil.

    .venv/bin/python bench/load_monitor.py OUT.json WAIT_PID name=PID [name=PID ...]

Samples every second until WAIT_PID (the locust process) exits: the CPU seconds (user +
system) of each named process and its children (gunicorn's workers, celery's pool), of the
PostgreSQL backends connected to the load database, and of the whole machine, plus the load
average. Writes their share of the machine's CPU time (2 cores = 200 %) to OUT.json.
"""

import json
import os
import sys
import time

import psutil

DATABASE = os.environ.get("LOAD_DATABASE", "wp_h_load")


def tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def backends() -> list[psutil.Process]:
    found = []
    for p in psutil.process_iter(["name", "cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if cmd.startswith("postgres: ") and f" {DATABASE} " in cmd:
            found.append(p)
    return found


def cpu(p: psutil.Process) -> float | None:
    try:
        t = p.cpu_times()
        return t.user + t.system
    except psutil.NoSuchProcess:
        return None


def main() -> None:
    out, wait_pid = sys.argv[1], int(sys.argv[2])
    named = {name: int(pid) for name, pid in (a.split("=") for a in sys.argv[3:])}
    first: dict[tuple[str, int], float] = {}
    last: dict[tuple[str, int], float] = {}
    loads = []
    t0, m0 = time.monotonic(), psutil.cpu_times()

    def sample():
        groups = {name: tree(pid) for name, pid in named.items()}
        groups["postgres backends"] = backends()
        for name, procs in groups.items():
            for p in procs:
                value = cpu(p)
                if value is not None:
                    first.setdefault((name, p.pid), value if time.monotonic() - t0 < 1.5 else 0.0)
                    last[(name, p.pid)] = value
        loads.append(os.getloadavg()[0])

    while psutil.pid_exists(wait_pid) and psutil.Process(wait_pid).status() != psutil.STATUS_ZOMBIE:
        sample()
        time.sleep(1)
    wall = time.monotonic() - t0
    m1 = psutil.cpu_times()
    machine = (m1.user + m1.system + m1.nice + m1.irq + m1.softirq) - (
        m0.user + m0.system + m0.nice + m0.irq + m0.softirq
    )
    shares = {}
    for name in [*named, "postgres backends"]:
        used = sum(last[k] - first[k] for k in last if k[0] == name)
        shares[name] = {"cpu_s": round(used, 1), "percent_of_one_core": round(100 * used / wall, 1)}
    result = {
        "wall_s": round(wall, 1),
        "machine_cpu_s": round(machine, 1),
        "machine_percent_of_2_cores": round(100 * machine / (wall * psutil.cpu_count()), 1),
        "processes": shares,
        "loadavg_1min": {
            "start": loads[0] if loads else None,
            "max": max(loads, default=None),
            "end": os.getloadavg()[0],
        },
        "uptime_end": os.popen("uptime").read().strip(),  # noqa: S605, S607
    }
    for s in shares.values():
        s["share_of_machine"] = round(100 * s["cpu_s"] / machine, 1) if machine else None
    with open(out, "w") as fh:
        json.dump(result, fh)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
