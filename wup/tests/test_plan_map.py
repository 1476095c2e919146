"""The map of the plan area: the selector (the page and PDF are tested in portaal)."""

from __future__ import annotations

import re

import pytest

from wup import selectors

from .factories import BuurtFactory, PlanFactory, alkmaar_plan, square

pytestmark = pytest.mark.django_db


def test_plan_map_draws_the_wijk_outline_and_the_plans_buurten():
    # given a plan whose wijk and two buurten have boundaries, and a buurt without one
    plan = alkmaar_plan(buurten_with_boundary=2)
    plan.buurten.add(BuurtFactory(wijk=plan.wijk, code="BU03610599", naam="Onbekend", geometrie=None))
    # when the map is made from the plan as the document reads it
    kaart = selectors.plan_map(plan=selectors.plan_get(pk=plan.pk))
    # then the wijk outline and the two buurten with a boundary are drawn in one 400 x 300 view
    assert kaart.viewbox == "0 0 400 300"
    assert kaart.wijk_naam == "Huiswaard"
    assert kaart.wijk.d.startswith("M") and kaart.wijk.d.endswith("Z")
    assert [b.naam for b in kaart.buurten] == ["Buurt 0 (BU03610500)", "Buurt 1 (BU03610501)"]
    coordinates = [float(c) for c in re.findall(r"-?\d+(?:\.\d)?", kaart.wijk.d + " ".join(b.d for b in kaart.buurten))]
    assert all(0 <= c <= 400 for c in coordinates)


def test_plan_map_is_none_without_any_boundary():
    # given plans without boundaries: one with a wijk and a buurt, one without a wijk
    plan = PlanFactory()
    plan.buurten.add(BuurtFactory(wijk=plan.wijk))
    # when / then there is no map
    assert selectors.plan_map(plan=selectors.plan_get(pk=plan.pk)) is None
    assert selectors.plan_map(plan=selectors.plan_get(pk=PlanFactory(wijk=None).pk)) is None


def test_plan_map_draws_buurten_when_only_they_have_a_boundary():
    # given a plan whose wijk has no boundary but whose buurt has
    plan = PlanFactory()
    plan.buurten.add(BuurtFactory(wijk=plan.wijk, geometrie=square(5.38, 52.15)))
    # when the map is made
    kaart = selectors.plan_map(plan=selectors.plan_get(pk=plan.pk))
    # then the buurt fills the view's inner height (280 px for 0.004 degrees: 70,000 px per degree),
    # 0.004 * cos(52.152) * 70,000 = 171.8 px wide and centred, and there is no wijk outline
    assert kaart.wijk is None
    assert [b.d for b in kaart.buurten] == ["M114.1 290 L285.9 290 L285.9 10 L114.1 10 Z"]
