"""Browser journey of issue 5 with a REAL Celery worker: an event logged in the browser reaches
the council member's dashboard within seconds; the council member reaches no form."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import assert_accessible
from core.constants import Role
from dashboard import services
from logboek.constants import GebeurtenisType

from .factories import GebeurtenisFactory, PlanFactory

ROOT = Path(settings.BASE_DIR)
FRESHNESS_SECONDS = 10


def _test_database_url() -> str:
    """The live server's database (pytest-django's test_...), so the worker sees the test's data."""
    db = settings.DATABASES["default"]
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    if (db["HOST"] or "").startswith("/"):  # a unix socket directory (the embedded PostgreSQL)
        return f"postgres://{auth}@/{db['HOST']}/{db['NAME']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(log) -> subprocess.Popen:
    from config.celery import app

    app.control.purge()  # tasks left in the shared test broker by earlier tests: not ours
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=settings.REDIS_URL,
    )
    env.pop("CELERY_BROKER_URL", None)
    command = [str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--pool", "solo", "--concurrency", "1"]
    command += ["--without-gossip", "--without-mingle", "--loglevel", "WARNING"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=5)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_logged_event_reaches_council_dashboard_via_worker_and_council_member_reaches_no_form(new_page):
    # given a computed plan with 5 homes gas-free this month, and a real worker running
    vandaag = timezone.localdate()
    plan = PlanFactory(startdatum=vandaag.replace(day=1))
    GebeurtenisFactory(plan=plan, datum=vandaag, hoeveelheid=5)
    services.plan_recompute(plan_id=plan.id)
    plan_url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    with tempfile.TemporaryFile() as log:
        worker = _start_worker(log)
        try:
            raadslid = new_page(role=Role.RAADSLID)
            raadslid.goto(plan_url)
            waarde = raadslid.locator("[data-indicator-value=resultaten]")
            assert re.fullmatch(r"5([.,]0)?", waarde.inner_text().strip())

            # when a civil servant logs 37 homes gas-free through the event form
            ambtenaar = new_page(role=Role.AMBTENAAR)
            ambtenaar.goto(reverse("dashboard:event_create"))
            ambtenaar.select_option("#id_plan", str(plan.id))
            ambtenaar.select_option("#id_type", GebeurtenisType.WONING_AARDGASVRIJ)
            ambtenaar.fill("#id_datum", vandaag.isoformat())
            ambtenaar.fill("#id_hoeveelheid", "37")
            ambtenaar.locator("form:has(#id_plan) [type=submit]").click()
            ambtenaar.wait_for_url(f"**{plan_url}")
            submitted = time.monotonic()

            # then within 10 seconds (reloading) the council member's dashboard shows 42
            while not re.fullmatch(r"42([.,]0)?", waarde.inner_text().strip()):
                if worker.poll() is not None or time.monotonic() - submitted > FRESHNESS_SECONDS:
                    log.seek(0)
                    pytest.fail(
                        f"dashboard not updated within {FRESHNESS_SECONDS} s; worker log:\n{log.read().decode()}"
                    )
                time.sleep(0.3)
                raadslid.reload()
            assert_accessible(raadslid, "plan dashboard")

            # and the council member cannot reach any form
            for url in (
                reverse("dashboard:event_create"),
                reverse("dashboard:event_import"),
                reverse("dashboard:raadsbesluit_create", kwargs={"plan_id": plan.id}),
            ):
                assert raadslid.goto(url).status == 403, url
        finally:
            _stop(worker)
