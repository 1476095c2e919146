"""Fixtures shared by every app: accounts per role, and the browser harness (Playwright).

Accounts from `user_for`, `client_for` and `new_page(role=...)` have a confirmed
authenticator app and a session that passed its second factor (core/two_factor.py), as a
real login would leave it; `client_for(role, verified=False)` is logged in with the password
only, without an app.

Browser tests run Debian's Chromium (/usr/bin/chromium) against Django's live_server. Every
page a test opens is guarded: a request to any host other than the live server, a CSP
violation or a JavaScript error fails the test. `assert_accessible(page)` runs axe and fails
on serious or critical violations.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from core.constants import RESIDENT_SESSION_KEY, Role
from core.tests.factories import UserFactory, two_factor_device_give

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ROLES = [Role.AMBTENAAR, Role.RAADSLID, Role.BEHEERDER]


def _session_verified_by_fixture_device(sender, request, user, **kwargs):
    """`client.force_login(user)` of an account that carries `otp_device` (given by
    `two_factor_device_give`) stores that device in the session, as the verify step does.

    django-otp's own login handler does the same but needs `request.user`, which the test
    client's login request lacks. Accounts loaded from the database (every real login,
    also in the browser tests) carry no `otp_device`, so they still pass the verify step.
    """
    device = getattr(user, "otp_device", None)
    if device is not None and device.user_id == user.pk and device.confirmed:
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


user_logged_in.connect(_session_verified_by_fixture_device, dispatch_uid="conftest-two-factor")


def _cache_delete_own_keys() -> None:
    """Delete this run's cache keys (its own prefix, settings.test), never FLUSHDB.

    The Redis database may be shared with the broker or with another run; `cache.clear()`
    on Redis would flush all of it.
    """
    from django.conf import settings
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    pattern = f"{settings.CACHES['default']['KEY_PREFIX']}:*"
    batch = list(client.scan_iter(match=pattern, count=500))
    if batch:
        client.delete(*batch)


@pytest.fixture(autouse=True)
def _cache_empty_per_test():
    """Every test starts and ends with an empty cache in this run's own key space, and with
    the Redis breaker closed (a test that stops Redis must not skip it for the next one)."""
    from core import redis_guard

    redis_guard.reset()
    _cache_delete_own_keys()
    yield
    redis_guard.reset()
    _cache_delete_own_keys()


@pytest.fixture
def user_for(db):
    """`user_for(Role.AMBTENAAR)` -> an account with that role and a confirmed authenticator
    app; `client.force_login(user)` with it gives a session that passed its second factor."""

    def make(role: Role, **kwargs):
        return UserFactory(role=role, two_factor=True, **kwargs)

    return make


@pytest.fixture
def ambtenaar(user_for):
    return user_for(Role.AMBTENAAR, username="ambtenaar")


@pytest.fixture
def raadslid(user_for):
    return user_for(Role.RAADSLID, username="raadslid")


@pytest.fixture
def beheerder(user_for):
    return user_for(Role.BEHEERDER, username="beheerder")


@pytest.fixture
def client_for(db):
    """`client_for(role)` -> a Django test client for that role (None/ANONYMOUS/RESIDENT too),
    past its second factor; `verified=False`: logged in with the password only, no app.
    The account is `client.user`."""

    def make(role: Role | None, *, verified: bool = True) -> Client:
        client = Client()
        if role in (None, Role.ANONYMOUS):
            return client
        if role == Role.RESIDENT:
            session = client.session
            session[RESIDENT_SESSION_KEY] = {"vragenlijst": 0}
            session.save()
            return client
        client.user = UserFactory(role=role, two_factor=verified)
        client.force_login(client.user)
        return client

    return make


# --- Browser harness ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
    # thread with a running loop unless told that is safe (it is: one thread, no async views).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: apt-get install chromium (make test installs it).")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class PageGuard:
    """Collects what must never happen on a page: external requests, CSP violations, JS errors."""

    def __init__(self, base_url: str):
        self.host = urlparse(base_url).hostname
        self.external: list[str] = []
        self.csp: list[str] = []
        self.errors: list[str] = []

    def on_request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about", "chrome-extension", "chrome"):  # not network
            return
        if url.hostname not in (self.host, "127.0.0.1", "localhost"):
            self.external.append(request.url)

    def on_console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp.append(text)

    def on_pageerror(self, error) -> None:
        self.errors.append(str(error))

    def problems(self) -> list[str]:
        return (
            [f"external request: {u}" for u in self.external]
            + [f"CSP violation: {c}" for c in self.csp]
            + [f"JavaScript error: {e}" for e in self.errors]
        )


def _session_cookie_for(user, base_url: str) -> dict:
    """A session cookie of `user`, past its second factor (an app is given when it has none)."""
    two_factor_device_give(user)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(role=None, user=None, mobile=False)` -> a guarded Playwright page.

    With a role, the page is logged in as a new account of that role (session cookie).
    The test fails at teardown if the page made an external request, violated the CSP or
    threw a JavaScript error.
    """
    contexts = []

    def make(role: Role | None = None, user=None, mobile: bool = False):
        viewport = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="nl-NL")
        context.set_default_timeout(10_000)
        if role is not None and user is None:
            user = UserFactory(role=role)
        if user is not None:
            context.add_cookies([_session_cookie_for(user, live_server.url)])
        guard = PageGuard(live_server.url)
        page = context.new_page()
        page.on("request", guard.on_request)
        page.on("console", guard.on_console)
        page.on("pageerror", guard.on_pageerror)
        page.guard = guard
        page.user = user
        contexts.append((context, guard))
        return page

    yield make
    problems = []
    for context, guard in contexts:
        problems.extend(guard.problems())
        context.close()
    assert not problems, "\n".join(problems)


def assert_accessible(page, context: str = "") -> None:
    """Run axe on the current page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    summary = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
        for v in bad
    )
    assert not bad, f"axe violations on {context or page.url}:\n{summary}"


@pytest.fixture
def axe():
    return assert_accessible


# --- Private services for fault tests ----------------------------------------------------


def free_port() -> int:
    """A free local port for a service a test starts: from TEST_PORTS (`8610-8619`) when set,
    for machines where each engineer or CI job has a range of its own, else any free port."""
    first, _, last = os.environ.get("TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    pytest.fail(f"no free port in TEST_PORTS={os.environ['TEST_PORTS']}")


@pytest.fixture
def private_redis(settings, monkeypatch):
    """A redis-server of this test's own (never the shared one) as cache and broker.

    The test may pause (SIGSTOP) or stop it; it is resumed and terminated afterwards, and the
    Celery app's pools are dropped before and after so no connection leaks into other tests.
    """
    from config.celery import app

    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - a fixed local binary
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("private redis-server did not start")
            time.sleep(0.05)
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    settings.CELERY_BROKER_URL = url
    monkeypatch.setattr(app.conf, "broker_url", url)
    app._pool = None
    app.amqp._producer_pool = None
    yield proc
    os.kill(proc.pid, signal.SIGCONT)
    proc.terminate()
    proc.wait(timeout=10)
    app._pool = None
    app.amqp._producer_pool = None


PG_BIN = "/usr/lib/postgresql/15/bin"


class PrivatePostgres:
    """A PostgreSQL 15 server of one test's own in a temporary directory (never the shared one).

    As root it runs as the OS user `postgres` (PostgreSQL refuses root). `stop()`, `start()`
    and `restart()` are pg_ctl's, `pause()` and `resume()` stop and continue the postmaster;
    `url(name)` is a DATABASE_URL for one of its databases.
    """

    def __init__(self, port: int):
        import tempfile

        self.port = port
        self.dir = tempfile.mkdtemp(prefix="wp-fault-pg-")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "server.log")
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            import pwd

            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603 - fixed local binaries
            args, user=self.user, cwd=self.dir, check=True, timeout=timeout, capture_output=True
        )

    def init(self) -> None:
        self._run(f"{PG_BIN}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        with open(os.path.join(self.data, "postgresql.auto.conf"), "a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                "fsync = off\nfull_page_writes = off\n"
            )
        self.start()

    def _pg_ctl(self, *args: str) -> None:
        self._run(f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", self.log, "-w", *args)

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "stop")

    def restart(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "restart")

    def _postmaster_pid(self) -> int | None:
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as pidfile:
                return int(pidfile.readline())
        except (OSError, ValueError):
            return None

    def pause(self) -> None:
        """SIGSTOP the postmaster: connections are accepted by the kernel and never answered."""
        os.kill(self._postmaster_pid(), signal.SIGSTOP)

    def resume(self) -> None:
        pid = self._postmaster_pid()
        if pid is not None:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def cleanup(self) -> None:
        import shutil

        try:
            if self._postmaster_pid() is not None:
                self.resume()
                self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def private_postgres():
    """A started `PrivatePostgres` (port from TEST_PORTS); stopped and its directory removed after."""
    if not os.path.exists(f"{PG_BIN}/pg_ctl"):
        pytest.fail(f"PostgreSQL server binaries are missing ({PG_BIN}): apt-get install postgresql-15")
    server = PrivatePostgres(free_port())
    try:
        server.init()
        yield server
    finally:
        server.cleanup()
