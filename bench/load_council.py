"""Locust: council members reading the dashboard (issue 11), while a full recompute may run.

    LOAD_COUNCIL=bench/out/council.json locust -f bench/load_council.py --headless -u 50 -r 25 \\
      -t 60s -H http://127.0.0.1:8650 CouncilMember

Each member has a session made by `bench/load_setup.py council` (a real login costs PBKDF2
on the web workers). A member opens the overview or one of the 100 bench plans' pages (1 : 3)
and reads for 2-8 s (on average a refresh every 5 s, as in the reference plan's D3). The same
TLS-proxy headers as bench/load_residents.py. A page counts as read only with status 200 and
its heading (no login page, no error page).
"""

import itertools
import json
import os
import random
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

COUNCIL = json.loads(Path(os.environ["LOAD_COUNCIL"]).read_text())
_sessions = itertools.cycle(COUNCIL["sessions"])


def _send_secure_cookies_on_loopback(self, cookie, request):
    return True


# The production cookies are Secure (`__Host-`); locust plays the TLS proxy and talks plain
# HTTP to 127.0.0.1, so its cookie jars (also requests' per-request copies, which do not keep
# a jar's own policy) send them anyway. This process only ever talks to the loopback.
DefaultCookiePolicy.return_ok_secure = _send_secure_cookies_on_loopback


class CouncilMember(HttpUser):
    wait_time = between(2, 8)

    def on_start(self):
        netloc = urlsplit(self.host).netloc
        self.client.cookies.set(COUNCIL["cookie"], next(_sessions), domain=urlsplit(self.host).hostname, secure=True)
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": f"https://{netloc}/"})

    def read(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code == 200 and "<h1" in r.text:
                r.success()
            else:
                r.failure(f"{r.status_code} {r.headers.get('Location', '')}")

    @task(1)
    def overview(self):
        self.read("/dashboard/", "overview")

    @task(3)
    def plan(self):
        plan_id = random.choice(COUNCIL["plan_ids"])  # noqa: S311 - not security
        self.read(f"/dashboard/plan/{plan_id}/", "plan page")
