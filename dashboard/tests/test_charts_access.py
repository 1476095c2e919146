"""Issue 13: the plan page's charts have no mode bar (no keyboard stops, no English labels);
the data table beside each chart is the alternative, downloadable as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import assert_accessible
from core.constants import Role
from dashboard import services
from dashboard.constants import Indicator

from .factories import GebeurtenisFactory, PlanFactory


def _computed_plan():
    vandaag = timezone.localdate()
    plan = PlanFactory(startdatum=vandaag.replace(day=1))
    GebeurtenisFactory(plan=plan, datum=vandaag, hoeveelheid=5)
    services.plan_recompute(plan_id=plan.id)
    return plan


@pytest.mark.django_db
def test_the_indicator_csv_holds_the_table_beside_the_chart(client_for):
    # given a computed plan with 5 homes gas-free this month
    plan = _computed_plan()
    # when a council member downloads the results table as CSV
    url = reverse("dashboard:indicator_csv", kwargs={"plan_id": plan.id, "indicator": Indicator.RESULTATEN})
    response = client_for(Role.RAADSLID).get(url)
    # then it is a CSV attachment with the table's header and this month's figure
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="plan-{plan.id}-resultaten.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["Maand", "Waarde", "Status", "n"]
    assert rows[-1][0] == timezone.localdate().strftime("%Y-%m") and rows[-1][1] == "5"
    # and the plan page links to it, one link per chart
    page = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    html = page.content.decode()
    assert f'href="{url}"' in html
    assert html.count("Download als CSV") == html.count('data-chart="chart-')


@pytest.mark.django_db
def test_an_unknown_indicator_csv_is_404(client_for):
    plan = PlanFactory()
    url = reverse("dashboard:indicator_csv", kwargs={"plan_id": plan.id, "indicator": "geen"})
    assert client_for(Role.RAADSLID).get(url).status_code == 404


# Every element the Tab key stops at, in the order it does (the browser's own tab order would
# need real key presses through the whole page; this is the same set, counted per region).
TAB_STOPS = """(root) => Array.from(root.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]'
)).filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0).length"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_plan_page_charts_have_no_mode_bar_and_no_keyboard_stops(new_page):
    # given a computed plan's council page with its trend charts drawn
    plan = _computed_plan()
    page = new_page(role=Role.RAADSLID)
    page.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    charts = page.locator("[data-chart]")
    page.wait_for_selector("[data-chart][data-chart-drawn] .main-svg")
    drawn = page.locator("[data-chart][data-chart-drawn]").count()
    assert drawn == charts.count() and drawn >= 1
    # then no chart has a mode bar, and no chart adds a keyboard stop (plotly's added 10 each)
    assert page.locator(".modebar").count() == 0
    inside = sum(charts.nth(i).evaluate(TAB_STOPS) for i in range(drawn))
    assert inside == 0
    # and walking the page with Tab reaches a CSV link per chart, none inside a chart
    stops, seen = [], set()
    for _ in range(200):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const el = document.activeElement; return el && el !== document.body"
            " ? [el.outerHTML.slice(0, 200), !!el.closest('[data-chart]'), el.textContent.trim()] : null; }"
        )
        if where is None or where[0] in seen:
            break
        seen.add(where[0])
        stops.append(where)
    assert not [s for s in stops if s[1]]
    assert sum(1 for s in stops if s[2].startswith("Download als CSV")) == drawn
    assert_accessible(page, "plan dashboard without mode bars")
