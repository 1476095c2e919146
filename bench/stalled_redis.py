"""Residents submitting while Redis is paused, through gunicorn as in production.

    .venv/bin/python bench/stalled_redis.py [residents] [workers]

Starts its own redis-server (a free port, never the shared one) and gunicorn (config.wsgi,
`workers` processes, default 3) on wijkproces_bench, creates an open-link survey, and brings
`residents` (default 30) resident sessions to the last page. Then Redis is paused with SIGSTOP
and every resident sends the last page at once (one thread each). Reports p50/p95/max of the
final submits and of the login page during the pause, and checks after SIGCONT that every
answer was stored once. Goal (issue 11, break 7): final-submit p95 < 2 s.
"""

import http.cookiejar
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import _setup  # noqa: F401
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
RESIDENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
WORKERS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


class Resident:
    def __init__(self, base: str, n: int):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.headers = {"X-Forwarded-For": f"192.0.2.{n % 250 + 1}"}  # distinct clients

    def get(self, path: str) -> str:
        request = urllib.request.Request(self.base + path, headers=self.headers)  # noqa: S310 - http on loopback
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        token = next(c.value for c in self.jar if c.name.endswith("csrftoken"))
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 - http on loopback
            self.base + path, data=body, headers={**self.headers, "Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl()
        except urllib.error.HTTPError as exc:
            return exc.code, path


def main() -> None:
    from participatie import services
    from participatie.constants import Toegang, VraagType, VragenlijstStatus
    from participatie.models import Respons
    from wup import services as wup_services

    call_command("migrate", verbosity=0)
    plan = wup_services.plan_create(titel="Bench: Redis gepauzeerd")
    vragenlijst = services.vragenlijst_create(plan=plan, titel="Bench", toegang=Toegang.OPEN_LINK)
    vragen = [
        services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst=f"Stelling {i}", verplicht=True)
        for i in range(6)
    ]
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    slug = vragenlijst.slug

    redis_port, web_port = free_port(), free_port()
    redis = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
    )
    wait_port(redis_port)
    env = {
        **os.environ,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "REDIS_CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
        "PARTICIPATIE_MIN_FILL_SECONDS": "0",
        "PROXY_COUNT": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "LOG_LEVEL": "ERROR",
    }
    web = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{web_port}", "--workers", str(WORKERS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(web_port)
        base = f"http://127.0.0.1:{web_port}"
        first_page = {f"vraag_{v.pk}": "4" for v in vragen[:4]}
        last_page = {f"vraag_{v.pk}": "3" for v in vragen[4:]}

        def ready(offset: int) -> list[Resident]:
            residents = [Resident(base, offset + n) for n in range(RESIDENTS)]
            for r in residents:
                r.get(f"/participatie/v/{slug}/")
                r.post(f"/participatie/v/{slug}/", {})
                r.get(f"/participatie/v/{slug}/vragen/1/")
                r.post(f"/participatie/v/{slug}/vragen/1/", first_page)
                r.get(f"/participatie/v/{slug}/vragen/2/")
            return residents

        def burst(residents: list[Resident]) -> tuple[list[float], list[int]]:
            timings: list[float] = []
            statuses: list[int] = []

            def submit(r: Resident) -> None:
                started = time.monotonic()
                status, url = r.post(f"/participatie/v/{slug}/vragen/2/", last_page)
                timings.append(time.monotonic() - started)
                statuses.append(200 if url.endswith("/bedankt/") else status)

            threads = [threading.Thread(target=submit, args=(r,)) for r in residents]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return sorted(timings), statuses

        def report(label: str, timings: list[float], statuses: list[int]) -> None:
            p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
            print(
                f"{label}: final submits p50 {statistics.median(timings):.3f} s, p95 {p95:.3f} s, "
                f"max {timings[-1]:.3f} s; thanked {statuses.count(200)}/{len(statuses)}"
            )

        print(f"{RESIDENTS} residents send their last page at once, {WORKERS} gunicorn workers")
        report("Redis running", *burst(ready(0)))
        paused_residents = ready(RESIDENTS)
        os.kill(redis.pid, signal.SIGSTOP)
        timings, statuses = burst(paused_residents)
        report("Redis paused ", timings, statuses)
        login = []
        for _ in range(10):
            started = time.monotonic()
            Resident(base, 0).get("/inloggen/")
            login.append(time.monotonic() - started)
        os.kill(redis.pid, signal.SIGCONT)
        stored = Respons.objects.filter(vragenlijst=vragenlijst).count()
        print(f"login page during the pause: median {statistics.median(login):.3f} s, max {max(login):.3f} s")
        sent = 2 * RESIDENTS
        print(f"stored {stored} responses for {sent} residents who each sent once (difference {stored - sent})")
        assert stored == sent, "an answer was lost or doubled"
    finally:
        os.kill(redis.pid, signal.SIGCONT)
        web.terminate()
        redis.terminate()
        web.wait(timeout=20)
        redis.wait(timeout=20)


if __name__ == "__main__":
    main()
