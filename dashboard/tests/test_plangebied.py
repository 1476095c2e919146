"""Dashboard figures use the plan area (the plan's buurten), not the whole wijk (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.models import IndicatorSnapshot
from wup.tests.factories import BuurtFactory

from .factories import GebeurtenisFactory, PlanFactory, WijkFactory

pytestmark = pytest.mark.django_db

PERIODE = dt.date(2025, 6, 1)


def _plan_of_three_buurten():
    wijk = WijkFactory(code="WK030780", woningvoorraad=4633)
    buurten = [
        BuurtFactory(wijk=wijk, code=f"BU030780{i}0", woningvoorraad=w, gem_aardgasverbruik_m3=1200)
        for i, w in enumerate((600, 540, 500, 2993))
    ]
    plan = PlanFactory(wijk=wijk, startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2030)
    plan.buurten.set(buurten[:3])
    return plan


def _resultaten(plan):
    return IndicatorSnapshot.objects.get(plan=plan, indicator="resultaten", periode=PERIODE)


def test_percentages_and_projection_use_the_three_buurten_not_the_wijk():
    plan = _plan_of_three_buurten()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 6, 10), hoeveelheid=164)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 6, 30))
    snap = _resultaten(plan)
    assert snap.details["woningen"] == 1640  # not the wijk's 4,633
    assert snap.details["pct_aardgasvrij"] == 10.0
    # 164 a year, 1,476 to go: 9 more years
    assert snap.projectie["jaar"] == 2025 + 9
    assert "boven_plangebied" not in snap.details


def test_a_count_above_the_plan_area_is_flagged_for_the_civil_servant_never_over_100(client_for):
    plan = _plan_of_three_buurten()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 6, 10), hoeveelheid=1750)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 6, 30))
    snap = _resultaten(plan)
    assert snap.details["pct_aardgasvrij"] == 100.0 and snap.details["boven_plangebied"] == 110
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    ambtenaar = client_for(Role.AMBTENAAR).get(url).content.decode()
    assert "Datafout: er zijn 110 woningen meer" in ambtenaar
    raad = client_for(Role.RAADSLID).get(url).content.decode()
    assert "Datafout" not in raad
    assert "van 1640 in het plangebied" in raad or "van 1.640 in het plangebied" in raad


def test_a_plan_area_with_unknown_homes_gives_no_percentage(client_for):
    plan = _plan_of_three_buurten()
    BuurtFactory(wijk=plan.wijk, code="BU03078090", woningvoorraad=None)
    plan.buurten.add(plan.wijk.buurten.get(code="BU03078090"))
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 6, 10), hoeveelheid=10)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 6, 30))
    assert "pct_aardgasvrij" not in _resultaten(plan).details
    page = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert "Het aantal woningen in het plangebied is onbekend" in page.content.decode()


# --- Every figure says what it is, every status says why (issue 10) --------------------------


def _plan_with_figures():
    plan = _plan_of_three_buurten()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 6, 10), hoeveelheid=73)
    for i in range(12):
        GebeurtenisFactory(
            plan=plan,
            type="enquete_respons",
            datum=dt.date(2025, 6, 11 + i),
            payload={"dimensies": {"vertrouwen": {"gemiddelde": 4, "items": 1}}},
        )
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 6, 30))
    return plan


def _section(html, indicator, volgende):
    return html[html.index(f'id="kop-{indicator}"') : html.index(f'id="kop-{volgende}"')]


def test_the_plan_page_says_what_each_figure_is_and_why_its_status_in_dutch(client_for):
    # given a plan area of 1,640 homes with 73 gas-free and 12 responses (trust 4), target 2030
    plan = _plan_with_figures()
    # when a council member opens the plan page
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    html = client_for(Role.RAADSLID).get(url).content.decode()
    # then each value has its unit and definition, numbers written the Dutch way
    assert "73 woningen aardgasvrij van 1.640 in het plangebied (4,5 %)" in html
    assert "85 deelnames en acties in de laatste 30 dagen" in html
    assert "4,0 op een schaal van 1 tot 5 (n = 12 reacties)" in html
    # and the status says why: 73 a year leaves 1,567 homes, 22 years; 135 were needed by now
    # on a straight line from 1 January 2025 to 31 December 2030 (180 of 2,190 days)
    resultaten = _section(html, "resultaten", "koers")
    assert "Uit koers" in resultaten
    assert (
        "uit koers: in dit tempo aardgasvrij in 2047, doel 2030; 73 van de 135 die volgens een rechte lijn"
        in resultaten
    )
    assert "op koers: 4,0 is minstens 3,5" in _section(html, "vertrouwen", "beweging")


def test_no_status_beside_no_figure(client_for):
    # given a plan whose schedule has nothing to count and whose red signal is still in its term
    plan = _plan_with_figures()
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})
    html = client_for(Role.RAADSLID).get(url).content.decode()
    # then neither has a traffic light: the badge says there is no judgement, the reason why
    schema = _section(html, "schema", "sturing")
    assert "geen cijfer: nog geen mijlpaal of afspraak afgerond of over datum" in schema
    assert "Geen oordeel" in schema and "Aandacht nodig" not in schema
    sturing = html[html.index('id="kop-sturing"') : html.index('id="kop-doelen"')]
    assert "Geen oordeel" in sturing and "Aandacht nodig" not in sturing
    assert "1 rood signaal wacht op een raadsbesluit (termijn van 60 dagen loopt nog)" in sturing
    snap = IndicatorSnapshot.objects.get(plan=plan, indicator="sturing", periode=PERIODE)
    assert (snap.waarde, snap.status) == (None, "onbekend")


def test_the_overview_cells_show_the_figure_and_the_reason_compactly(client_for):
    # given the same plan / when the overview is opened
    _plan_with_figures()
    html = client_for(Role.RAADSLID).get(reverse("dashboard:overview")).content.decode()
    # then each cell has its figure in a few words and the reason of its status
    assert "73 van 1.640 woningen (4,5 %)" in html
    assert "85 in 30 dagen" in html
    assert "uit koers: in dit tempo aardgasvrij in 2047, doel 2030" in html
    assert html.count("Geen oordeel") >= 2  # schedule and governance: no figure, no judgement


def test_the_charts_have_axis_titles_target_lines_and_only_the_plans_own_period(client_for):
    # given the plan (start 1 January 2025) with a tussendoel of 300 homes gas-free by the end
    # of 2026, and an old snapshot of December 2024, before the plan started
    from .factories import TussendoelFactory

    plan = _plan_with_figures()
    TussendoelFactory(plan=plan, omschrijving="300 woningen", streefwaarde=300, deadline=dt.date(2026, 12, 31))
    from django.utils import timezone

    IndicatorSnapshot.objects.create(
        plan=plan, indicator="resultaten", periode=dt.date(2024, 12, 1), waarde=0, n=0, computed_at=timezone.now()
    )
    # when the plan page is opened
    response = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    figuren = {s["indicator"].value: s["figuur"] for s in response.context["secties"]}
    resultaten = figuren["resultaten"]
    # then the axes say what they show, in Dutch
    assert resultaten["layout"]["xaxis"]["title"]["text"] == "maand"
    assert resultaten["layout"]["yaxis"]["title"]["text"] == "woningen aardgasvrij"
    # only the plan's own months: January to June 2025, not December 2024
    assert resultaten["data"][0]["x"] == [f"2025-{m:02d}" for m in range(1, 7)]
    # the homes needed by now (135 in June) and the tussendoel's straight line (300 over 730 days)
    lijnen = {trace["name"]: trace["y"] for trace in resultaten["data"][1:]}
    assert lijnen["nodig volgens een rechte lijn naar het doeljaar"][-1] == 135
    assert lijnen["tussendoel: 300 woningen"][-1] == round(300 * 180 / 729, 1)
    # and the schedule, without a tussendoel of its own, shows the 80 % norm
    schema = {trace["name"]: trace["y"] for trace in figuren["schema"]["data"][1:]}
    assert set(schema["norm: op koers vanaf 80"]) == {80.0}
