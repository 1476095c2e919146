"""Fault C5 (docs/operations.md): PostgreSQL restarts, and is down for a while, under a running app.

Real processes: a private PostgreSQL 15 server (`private_postgres`, never the shared one)
holding a copy of the test database, and the app under gunicorn (one worker, persistent
database connections as in production) pointed at it. The server is restarted between two
requests, then stopped while a request waits on it, started but stalled (SIGSTOP), and let
go again; the test asks pages throughout.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from conftest import free_port
from wup.tests.factories import PlanFactory

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
REQUEST_BOUND = 5  # seconds: no request may take longer, up or down
START_BOUND = 20  # seconds for gunicorn to answer its first request
CONNECT_TIMEOUT = 2  # DATABASE_CONNECT_TIMEOUT for the app under test (production default: 5)


def _get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=3 * REQUEST_BOUND) as response:  # noqa: S310 - local http
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def _copy_test_database(server, tmp: Path) -> str:
    """The test database (schema and the rows this test committed) into `server`; its URL."""
    db = settings.DATABASES["default"]
    dump = tmp / "test.dump"
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    source = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), *source, db["NAME"]], env=env, check=True, timeout=60)  # noqa: S603,S607
    target = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
    subprocess.run(["createdb", *target, "wijkproces"], check=True, timeout=30)  # noqa: S603,S607
    subprocess.run(  # noqa: S603
        ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", *target, "-d", "wijkproces", str(dump)],  # noqa: S607
        check=True,
        timeout=60,
    )
    return server.url("wijkproces")


def _start_web(database_url: str, port: int, log) -> subprocess.Popen:
    cache = settings.CACHES["default"]
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        REDIS_URL=settings.REDIS_URL or settings.CELERY_BROKER_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        REDIS_CACHE_URL=cache["LOCATION"],
        TEST_CACHE_KEY_PREFIX=cache["KEY_PREFIX"],
        LOG_FORMAT="plain",
        DATABASE_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        # The test talks plain HTTP to 127.0.0.1, whatever hosts and TLS a user configured.
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    env.pop("DATABASE_CONN_MAX_AGE", None)  # the production default: persistent connections
    command = [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    command += ["--timeout", "30", "--graceful-timeout", "5", "--access-logfile", "-"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _assert_unavailable(status: int, body: str, seconds: float, what: str, bound: float = REQUEST_BOUND) -> None:
    assert status == 503, f"{what}: {status}\n{body[:2000]}"
    assert seconds < bound, f"{what}: {seconds:.1f} s"
    assert "Traceback" not in body and "OperationalError" not in body and "postgres" not in body.lower()


def test_the_app_answers_503_while_postgres_is_down_and_recovers_without_a_restart(private_postgres):
    # given the app under gunicorn on a private PostgreSQL, with a plan's public page
    plan = PlanFactory()
    page, health = f"/participatie/wijk/{plan.id}/", "/health/"
    figures = {}
    with tempfile.TemporaryDirectory(prefix="wp-fault-web-") as tmp:
        tmp = Path(tmp)
        database_url = _copy_test_database(private_postgres, tmp)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = tmp / "gunicorn.log"
        with log_path.open("wb") as log:
            web = _start_web(database_url, port, log)
        try:
            started = time.monotonic()
            while True:
                try:
                    status, body, _ = _get(base + health)
                    break
                except OSError:  # not listening yet
                    if web.poll() is not None or time.monotonic() - started > START_BOUND:
                        pytest.fail(f"gunicorn did not start:\n{log_path.read_text()}")
                    time.sleep(0.2)
            assert status == 200 and '"database": "ok"' in body, body
            assert _get(base + page)[0] == 200

            # when the server restarts between two requests (the app's connection is now dead)
            private_postgres.restart()
            status, body, seconds = _get(base + page)
            # then the next request reconnects and succeeds (CONN_HEALTH_CHECKS)
            assert status == 200, f"first request after a restart: {status}\n{body[:2000]}"
            figures["first request after a restart (s)"] = seconds

            # when a request is waiting on the database (a lock held elsewhere) as the server stops
            locker, watcher = psycopg.connect(database_url), psycopg.connect(database_url, autocommit=True)
            locker.execute("LOCK TABLE wup_plan IN ACCESS EXCLUSIVE MODE")
            waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            with ThreadPoolExecutor(1) as pool:
                in_flight = pool.submit(_get, base + page)
                deadline = time.monotonic() + REQUEST_BOUND
                while watcher.execute(waiting).fetchone()[0] == 0:
                    assert time.monotonic() < deadline, "the request never reached the lock"
                    time.sleep(0.05)
                watcher.close()
                private_postgres.stop()
                down = time.monotonic()
                status, body, seconds = in_flight.result(timeout=3 * REQUEST_BOUND)
            locker.close()
            # then the request in flight gets a clean 503 (its transaction was rolled back)
            _assert_unavailable(status, body, seconds, "request in flight")
            figures["request in flight when the server stopped (s)"] = seconds
            # and while it is down, so does every request, at once
            outage = [_get(base + path) for path in (page, health, page, page)]
            for (status, body, seconds), what in zip(outage, ("page", "health", "page", "page"), strict=True):
                if what == "health":
                    assert status == 503 and '"database": "error"' in body and seconds < REQUEST_BOUND, body
                else:
                    _assert_unavailable(status, body, seconds, what)
            assert re.search(r"[Tt]ijdelijk niet beschikbaar", outage[0][1]), outage[0][1]
            figures["slowest request during the outage (s)"] = max(s for _, _, s in outage)

            # when the server is back but stalled (it accepts connections and never answers)
            private_postgres.start()
            private_postgres.pause()
            stalled = [_get(base + page) for _ in range(2)]
            private_postgres.resume()
            # then a request gives up after the connect timeout, with a 503, and does not hang
            for status, body, seconds in stalled:
                _assert_unavailable(status, body, seconds, "stalled server", bound=CONNECT_TIMEOUT + 2)
            figures["slowest request while the server was stalled (s)"] = max(s for _, _, s in stalled)

            # when it answers again, the same process serves the page at once
            back = time.monotonic()
            status, body, seconds = _get(base + page)
            assert status == 200, f"first request after the outage: {status}\n{body[:2000]}"
            figures["first request after the outage (s)"] = seconds
            figures["outage (s)"] = back - down
            assert _get(base + health)[0] == 200
            assert web.poll() is None
        finally:
            web.terminate()
            try:
                web.wait(timeout=10)
            except subprocess.TimeoutExpired:
                web.kill()
                web.wait(timeout=5)
        log_text = log_path.read_text()
    # and it was the same gunicorn worker throughout (no process restart)
    assert len(re.findall(r"Booting worker with pid", log_text)) == 1, log_text
    print("\n" + "\n".join(f"{k}: {v:.2f}" for k, v in figures.items()))  # noqa: T201
