"""Browser journey of issue 11: a plan whose recompute failed shows its last good figures with
a notice; the civil servant finds the bad event in the plan's event list and withdraws it after
confirming; the figures are computed again and the notice goes. axe on every page on the way."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from dashboard import services
from dashboard.models import PlanWatermark
from dashboard.services import recompute
from logboek.constants import GebeurtenisType as T
from logboek.models import Gebeurtenis
from logboek.tests.test_intrekking import insert_raw

from .factories import GebeurtenisFactory, PlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_civil_servant_withdraws_the_bad_event_of_a_plan_whose_recompute_failed(new_page):
    # given a computed plan, a poison event written with raw SQL, and a recompute that failed
    plan = PlanFactory(titel="Kattenbroek")
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    services.plan_recompute(plan_id=plan.id)
    poison = insert_raw(plan, type_=T.AFSPRAAK_NAGEKOMEN, payload={"gepland": "2099-02-30"})
    with mock.patch.object(recompute, "_snapshot_rows", side_effect=RuntimeError("simulated")):
        services.plans_reconcile()
    assert PlanWatermark.objects.get(plan=plan).failed_at is not None

    # when a council member opens the plan page: the last good figures and the notice
    council = new_page(role=Role.RAADSLID)
    council.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert "de laatste herberekening is mislukt" in council.locator("[data-recompute-failed]").inner_text()
    assert_accessible(council, "plan page with a failed recompute")
    # and follows the link to the event list: no withdraw buttons for them
    council.get_by_role("link", name="Gebeurtenissen van dit plan").click()
    council.wait_for_url("**/gebeurtenissen/")
    assert council.locator("[data-event]").count() == 2
    assert council.get_by_role("link", name="Intrekken").count() == 0
    assert_accessible(council, "event list as council member")

    # when the civil servant opens the list, the poison event's bad value is named
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("dashboard:plan_events", kwargs={"plan_id": plan.id}))
    row = page.locator(f"tr[data-event='{poison}']")
    assert "gepland is geen geldige waarde" in row.locator("[data-payload-problem]").inner_text()
    assert_accessible(page, "event list as civil servant")
    # and withdraws it: first the confirmation page, then with a reason
    row.get_by_role("link", name=f"Intrekken gebeurtenis {poison}").click()
    page.wait_for_url(f"**/gebeurtenissen/{poison}/intrekken/")
    assert_accessible(page, "withdraw confirmation")
    assert not Gebeurtenis.objects.filter(type=T.INTREKKING).exists()
    # without a reason the browser does not even send it (the server refuses it too: unit tests)
    assert page.locator("#id_reden").get_attribute("required") is not None
    page.locator("[type=submit][value='Deze gebeurtenis intrekken']").click()
    assert page.url.endswith(f"/gebeurtenissen/{poison}/intrekken/")
    assert not Gebeurtenis.objects.filter(type=T.INTREKKING).exists()
    page.fill("#id_reden", "Geplande datum bestaat niet")
    page.locator("[type=submit][value='Deze gebeurtenis intrekken']").click()
    page.wait_for_url("**/gebeurtenissen/")

    # then the list marks the event as withdrawn with the reason
    assert "De gebeurtenis is ingetrokken." in page.locator(".messages").inner_text()
    withdrawn = page.locator(f"tr[data-event='{poison}'] [data-withdrawn]")
    assert withdrawn.get_attribute("data-withdrawn") == "yes"
    assert "Geplande datum bestaat niet" in withdrawn.inner_text()
    assert_accessible(page, "event list after the withdrawal")

    # and once the plan is computed again (the reconcile: its log moved) the notice is gone
    assert services.plans_reconcile() == [plan.id]
    council.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert council.locator("[data-recompute-failed]").count() == 0
