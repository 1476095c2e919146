"""A civil servant adds a party and a milestone and moves its forecast in the browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from routekaart.models import Mijlpaal
from wup.tests.factories import PlanFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_civil_servant_adds_a_party_and_a_milestone_and_moves_its_forecast(new_page):
    # given a plan without a route map
    plan = PlanFactory()
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("routekaart:routekaart", kwargs={"pk": plan.pk}))
    assert_accessible(page, "empty route map")
    # when a party is added
    page.select_option("#id_partij_soort", "netbeheerder")
    page.fill("#id_partij_naam", "Stedin")
    page.fill("#id_partij_rol", "Verzwaart het net.")
    page.locator("form[action$='/partij/toevoegen/'] [type=submit]").click()
    page.wait_for_url("**#partij")
    assert page.locator("#partij").get_by_text("Stedin").count() >= 1
    # and a milestone for it
    page.fill("#id_mijlpaal_naam", "Netverzwaring gereed")
    page.fill("#id_mijlpaal_basisdatum", "2027-03-01")
    page.select_option("#id_mijlpaal_verantwoordelijke", label="Stedin")
    page.locator("form[action$='/mijlpaal/toevoegen/'] [type=submit]").click()
    page.wait_for_url("**#mijlpaal")
    assert "01-03-2027" in page.locator("#mijlpaal").inner_text()  # the table's short format
    # and its forecast is moved with a reason
    page.locator("#mijlpaal").get_by_role("link", name="Verschuif prognose").click()
    assert_accessible(page, "move forecast")
    page.fill("#id_prognose", "2027-06-01")
    page.fill("#id_reden", "Transformator later geleverd")
    page.get_by_role("button", name="Prognose verschuiven").click()
    page.wait_for_url("**#mijlpaal")
    # then the route map shows the new forecast, the status and, opened, the history with the reason
    page.locator("#mijlpaal summary", has_text="Geschiedenis van de prognose (1)").click()
    tekst = page.locator("#mijlpaal").inner_text()
    assert "01-06-2027" in tekst and "Transformator later geleverd" in tekst and "Verwacht te laat" in tekst
    assert Mijlpaal.objects.get(plan=plan).prognose == dt.date(2027, 6, 1)
    assert_accessible(page, "route map with data")
    # and the timeline draws the chart (no CSP violation or JS error: the page guard checks)
    page.goto(reverse("routekaart:tijdlijn", kwargs={"pk": plan.pk}))
    page.wait_for_selector("[data-chart-drawn]")
    assert_accessible(page, "timeline")
