"""Browser journey of the "Wat als?" section: htmx swaps only the section and draws the chart;
without JavaScript the same form is a plain GET page. No CSP violation, no axe violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from dashboard.models import Scenario

from .test_scenario_views import _plan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_what_if_swaps_the_section_draws_the_chart_and_saves(new_page):
    # given a computed plan (1,000 homes, 120 gas-free, 120 a year, June 2025)
    plan = _plan()
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    page = new_page(role=Role.AMBTENAAR)
    page.goto(url)
    page.locator("h1").evaluate("el => el.setAttribute('data-marker', 'same-page')")
    # when a delay of 12 months is computed
    page.fill("#id_uitstel_maanden", "12")
    page.locator("#wat-als button[type=submit]", has_text="Doorrekenen").click()
    # then the section is swapped (the rest of the page stays: the marker survives) ...
    page.locator("[data-scenario=jaar]").wait_for()
    assert "oktober 2033" in page.locator("[data-scenario=jaar]").inner_text()
    assert page.locator("h1[data-marker=same-page]").count() == 1
    assert "uitstel_maanden=12" in page.url
    # ... and the chart is drawn
    page.locator("[data-chart=chart-scenario][data-chart-drawn]").wait_for()
    assert page.locator("[data-chart=chart-scenario] .main-svg").count() > 0
    assert_accessible(page, "plan page with a scenario")
    # and a civil servant saves it
    page.fill("#opslaan_naam", "Een jaar later")
    page.locator("[data-scenario=opslaan] button[type=submit]").click()
    page.locator("[data-scenario=opgeslagen] a", has_text="Een jaar later").wait_for()
    assert Scenario.objects.get().uitstel_maanden == 12


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_what_if_without_javascript_is_a_plain_get(browser, live_server):
    from conftest import _session_cookie_for
    from core.tests.factories import UserFactory

    plan = _plan()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="nl-NL")
    context.add_cookies([_session_cookie_for(UserFactory(role=Role.RAADSLID), live_server.url)])
    page = context.new_page()
    page.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    page.fill("#id_tempo_pct", "50")
    page.locator("#wat-als button[type=submit]", has_text="Doorrekenen").click()
    page.wait_for_url("**tempo_pct=50**")
    # 880 to go at 15 a month: ceil(58.7) = 59 months after June 2025 = May 2030
    assert "mei 2030" in page.locator("[data-scenario=jaar]").inner_text()
    context.close()
