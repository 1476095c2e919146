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
