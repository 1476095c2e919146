"""Locust: residents filling in a survey end to end, and the trivial one-row POST (issue 11).

    LOAD_SETUP=bench/out/x.json LOAD_OUTCOMES=bench/out/x-outcomes.json \\
      locust -f bench/load_residents.py --headless -u 50 -r 25 -t 60s --stop-timeout 30 \\
      -H http://127.0.0.1:8650 Resident
    ... -H http://127.0.0.1:8650 TrivialPoster          (app under bench.load_settings)

Use bench/load.sh, which starts gunicorn, sets the environment and checks the database.

A `Resident` is a new browser each iteration (fresh cookies, its own client address):
- 70 %: the letter's URL with a distinct invite code, page 1, page 2 = the final submit;
- 20 %: the open link (start page, "begin", the same two pages);
- 5 %: duplicate code: two browsers with the SAME code fill in and send the last page at
  the same moment: exactly one may be thanked, the other must get the code message (409);
- 5 %: double submit: one browser sends the last page twice at the same moment (two
  connections, same session): both may see the thanks page, one response is stored.
Think time per page: LOAD_THINK seconds on average (uniform 0.5x-1.5x), default 5.

The load generator plays the TLS proxy in front of production: X-Forwarded-Proto https and
X-Forwarded-For with one address per browser from the IPv6 documentation prefix 2001:db8::/32
(a header value only: every packet goes to 127.0.0.1). With PROXY_COUNT=1 the app reads that
as the client address, so the per-client limit counts each resident, as behind the real proxy.
The production cookies are Secure (`__Host-`): the patched cookie policy below sends them over the
plain loopback connection, as the browser does over TLS to the proxy.

At the end the outcomes (codes sent / thanked, open-link sessions sent / thanked) are written
to LOAD_OUTCOMES for `bench/load_setup.py verify`.
"""

import itertools
import json
import os
import random
import uuid
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, constant, events, task
from locust.clients import HttpSession

THINK = float(os.environ.get("LOAD_THINK", "5"))
SETUP = json.loads(Path(os.environ["LOAD_SETUP"]).read_text()) if os.environ.get("LOAD_SETUP") else None
OUTCOMES = os.environ.get("LOAD_OUTCOMES")

_codes = iter(SETUP["codes_survey"]["codes"]) if SETUP else iter(())
_address = itertools.count(1)
outcomes = {
    "sent_codes": set(),
    "thanked_codes": set(),
    "sent_open": set(),
    "thanked_open": set(),
    "duplicate_pairs": 0,
    "duplicate_both_thanked": 0,
    "duplicate_none_thanked": 0,
    "double_submits": 0,
    "unexpected": {},
}


def _send_secure_cookies_on_loopback(self, cookie, request):
    return True


# The production cookies are Secure (`__Host-`); locust plays the TLS proxy and talks plain
# HTTP to 127.0.0.1, so its cookie jars (also requests' per-request copies, which do not keep
# a jar's own policy) send them anyway. This process only ever talks to the loopback.
DefaultCookiePolicy.return_ok_secure = _send_secure_cookies_on_loopback


def think():
    gevent.sleep(random.uniform(0.5, 1.5) * THINK)  # noqa: S311 - not security


def unexpected(what: str) -> None:
    outcomes["unexpected"][what] = outcomes["unexpected"].get(what, 0) + 1


class Browser:
    """One resident's browser: its own cookies and client address."""

    def __init__(self, user: HttpUser):
        self.session = HttpSession(base_url=user.host, request_event=user.environment.events.request, user=user)
        netloc = urlsplit(user.host).netloc
        self.session.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"2001:db8::{next(_address):x}",
                "Origin": f"https://{netloc}",
                "Referer": f"https://{netloc}/",
            }
        )

    def twin(self) -> "Browser":
        """A second connection of the SAME browser (same cookies, same address): a double click."""
        other = Browser.__new__(Browser)
        other.session = HttpSession(
            base_url=self.session.base_url, request_event=self.session.request_event, user=self.session.user
        )
        other.session.headers.update(self.session.headers)
        for cookie in self.session.cookies:
            other.session.cookies.set_cookie(cookie)
        return other

    def csrf(self) -> str:
        return next(c.value for c in self.session.cookies if c.name.endswith("csrftoken"))

    def get(self, path: str, name: str, expect_end: str) -> bool:
        with self.session.get(path, name=name, catch_response=True) as r:
            if r.status_code == 200 and urlsplit(r.url).path.endswith(expect_end):
                r.success()
                return True
            r.failure(f"{r.status_code} at {urlsplit(r.url).path}")
            unexpected(f"{name}: {r.status_code}")
            return False

    def post(self, path: str, data: dict, name: str, expect: dict) -> int | None:
        """POST without following the redirect. `expect` maps an accepted status to the end of
        its Location (a redirect) or to a test of the body; returns that status, or None after
        marking the request failed."""
        body = {**data, "csrfmiddlewaretoken": self.csrf()}
        with self.session.post(path, data=body, name=name, allow_redirects=False, catch_response=True) as r:
            want = expect.get(r.status_code)
            if (isinstance(want, str) and r.headers.get("Location", "").endswith(want)) or (
                callable(want) and want(r.text)
            ):
                r.success()
                return r.status_code
            r.failure(f"{r.status_code} -> {r.headers.get('Location', '')}")
            unexpected(f"{name}: {r.status_code}")
            return None


def already_done(body: str) -> bool:
    """The "already filled in" page: no form field on it."""
    return 'name="vraag_' not in body


def anything(body: str) -> bool:
    return True


class Resident(HttpUser):
    wait_time = constant(0)  # the think time is inside the journey

    @task(14)
    def with_code(self):
        self.journey(codes=True)

    @task(4)
    def open_link(self):
        self.journey(codes=False)

    @task(1)
    def duplicate_code(self):
        self.journey(codes=True, duplicate=True)

    @task(1)
    def double_submit(self):
        self.journey(codes=True, double=True)

    def begin(self, browser: Browser, codes: bool, code: str | None) -> bool:
        if codes:
            survey = SETUP["codes_survey"]
            slug = survey["slug"]
            # The letter URL exchanges the code and shows the introduction; then to page 1.
            if not browser.get(f"/participatie/v/{slug}/?code={code}", "start (letter URL)", f"/v/{slug}/"):
                return False
            if browser.post(f"/participatie/v/{slug}/", {}, "begin (after the code)", {302: "/vragen/1/"}) is None:
                return False
            return browser.get(f"/participatie/v/{slug}/vragen/1/", "page 1 (form)", "/vragen/1/")
        slug = SETUP["open_survey"]["slug"]
        if not browser.get(f"/participatie/v/{slug}/", "start page (open link)", f"/v/{slug}/"):
            return False
        if browser.post(f"/participatie/v/{slug}/", {}, "begin (open link)", {302: "/vragen/1/"}) is None:
            return False
        return browser.get(f"/participatie/v/{slug}/vragen/1/", "page 1 (form)", "/vragen/1/")

    def page_one(self, browser: Browser, survey: dict) -> bool:
        base = f"/participatie/v/{survey['slug']}/vragen"
        if browser.post(f"{base}/1/", survey["pages"][0], "page 1 (submit)", {302: "/vragen/2/"}) is None:
            return False
        return browser.get(f"{base}/2/", "page 2 (form)", "/vragen/2/")

    def final(self, browser: Browser, survey: dict, name: str, expect: dict) -> int | None:
        return browser.post(f"/participatie/v/{survey['slug']}/vragen/2/", survey["pages"][1], name, expect)

    def journey(self, *, codes: bool, duplicate: bool = False, double: bool = False) -> None:
        survey = SETUP["codes_survey"] if codes else SETUP["open_survey"]
        code = next(_codes, None) if codes else None
        if codes and code is None:
            gevent.sleep(1)  # out of codes: make more (bench/load_setup.py residents ... N)
            unexpected("out of codes")
            return
        browsers = [Browser(self), Browser(self)] if duplicate else [Browser(self)]
        for b in browsers:
            if not self.begin(b, codes, code):
                return
        think()
        for b in browsers:
            if not self.page_one(b, survey):
                return
        think()
        if double:
            browsers.append(browsers[0].twin())
        key = code if codes else str(uuid.uuid4())
        (outcomes["sent_codes"] if codes else outcomes["sent_open"]).add(key)
        if len(browsers) == 1:
            # Only the thanks page is right: a 200 is the page again with a refusal.
            statuses = [self.final(browsers[0], survey, "final submit", {302: "/bedankt/"})]
        else:
            if duplicate:  # one is thanked, the other gets the code message
                name, expect = "final submit (duplicate code)", {302: "/bedankt/", 409: anything}
            else:  # the second waits for the first and is thanked too, or sees "already filled in"
                name, expect = "final submit (double submit)", {302: "/bedankt/", 200: already_done}
            jobs = [gevent.spawn(self.final, b, survey, name, expect) for b in browsers]
            gevent.joinall(jobs)
            statuses = [j.value for j in jobs]
            if duplicate:
                outcomes["duplicate_pairs"] += 1
                thanked = statuses.count(302)
                outcomes["duplicate_both_thanked"] += thanked > 1
                outcomes["duplicate_none_thanked"] += thanked == 0
            else:
                outcomes["double_submits"] += 1
        if 302 in statuses:
            (outcomes["thanked_codes"] if codes else outcomes["thanked_open"]).add(key)
            browsers[0].get(f"/participatie/v/{survey['slug']}/bedankt/", "thanks page", "/bedankt/")
        think()


class TrivialPoster(HttpUser):
    """The limit of a POST on this stack: one row per request (bench/load_urls.py)."""

    wait_time = constant(0)

    def on_start(self):
        self.browser = Browser(self)
        self.browser.get("/bench-load/trivial/", "trivial (form)", "/trivial/")

    @task
    def post(self):
        self.browser.post("/bench-load/trivial/", {"note": "x"}, "trivial POST (one row)", {200: anything})
        think()


@events.test_stop.add_listener
def write_outcomes(environment, **kwargs):
    if OUTCOMES:
        data = {k: sorted(v) if isinstance(v, set) else v for k, v in outcomes.items()}
        Path(OUTCOMES).write_text(json.dumps(data))
