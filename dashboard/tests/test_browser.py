"""Browser journey of issue 5 with a REAL Celery worker: an event logged in the browser reaches
the council member's dashboard within seconds; the council member reaches no form."""

from __future__ import annotations

import tempfile
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import assert_accessible
from core.constants import Role
from dashboard import services
from logboek.constants import GebeurtenisType

from .factories import GebeurtenisFactory, PlanFactory
from .worker import start_worker, stop_worker

FRESHNESS_SECONDS = 10


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
        worker = start_worker(log)
        try:
            raadslid = new_page(role=Role.RAADSLID)
            raadslid.goto(plan_url)
            waarde = raadslid.locator("[data-indicator-value=resultaten]")
            # the figure says what it is, in Dutch: 5 of the plan area's 1,000 homes
            assert waarde.inner_text().strip() == "5 woningen aardgasvrij van 1.000 in het plangebied (0,5 %)"

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
            while not waarde.inner_text().strip().startswith("42 woningen aardgasvrij van 1.000 "):
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
            stop_worker(worker)
