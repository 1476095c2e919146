"""Selectors use a constant number of queries whatever the number of plans and kaders."""

from __future__ import annotations

import pytest

from core.constants import Role
from wup import selectors

from .factories import (
    AmbitieFactory,
    BuurtFactory,
    FaseFactory,
    KernwaardeFactory,
    PlanFactory,
    TechniekKaderFactory,
    TussendoelFactory,
)

pytestmark = pytest.mark.django_db


def _touch_list(plans) -> list:
    return [(p.titel, p.wijk and p.wijk.naam, p.gemeente.naam, p.get_status_display()) for p in plans]


@pytest.mark.parametrize("n", [2, 20])
def test_plan_list_uses_a_constant_number_of_queries(n, django_assert_num_queries, user_for):
    # given n plans and a council member
    for _ in range(n):
        PlanFactory()
    user = user_for(Role.RAADSLID)
    # when the list is read and every row rendered, then it takes 2 queries (role check + plans)
    with django_assert_num_queries(2):
        _touch_list(selectors.plan_list(user=user))
    with django_assert_num_queries(1):
        _touch_list(selectors.plan_list())


def _square(i: int) -> dict:
    lon, lat = 5.38 + i * 0.001, 52.15
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + 0.001, lat], [lon, lat + 0.001], [lon, lat]]]}


def _plan_with(n: int):
    plan = PlanFactory(wijk__geometrie=_square(0))
    for i in range(n):
        buurt = BuurtFactory(wijk=plan.wijk, code=f"BU{plan.wijk.code[2:]}{i:02d}", geometrie=_square(i))
        plan.buurten.add(buurt)
        waarde = KernwaardeFactory(plan=plan, volgorde=i)
        TussendoelFactory(plan=plan, kernwaarde=waarde)
        AmbitieFactory(plan=plan)
        FaseFactory(plan=plan, volgorde=i)
    TechniekKaderFactory(plan=plan)
    return plan


def _touch_detail(plan) -> list:
    return [
        plan.wijk.naam,
        plan.gemeente.naam,
        [b.naam for b in plan.buurten.all()],
        [k.reden for k in plan.techniekkaders.all()],
        [[d.omschrijving for d in w.tussendoelen.all()] for w in plan.kernwaarden.all()],
        [a.partijen for a in plan.ambities.all()],
        [(d.omschrijving, d.kernwaarde and str(d.kernwaarde)) for d in plan.tussendoelen.all()],
        [f.naam for f in plan.fasen.all()],
        [s.door.username for s in plan.statuswijzigingen.all()],
        selectors.plan_map(plan=plan),
    ]


@pytest.mark.parametrize("n", [2, 20])
def test_plan_get_uses_a_constant_number_of_queries(n, django_assert_num_queries):
    # given a plan with n buurten (with boundaries), kernwaarden, tussendoelen, ambities and phases
    plan = _plan_with(n)
    # when the WUP document reads everything, its map included, then 9 queries suffice:
    # plan + 8 prefetches (the boundaries come with the wijk row and the buurten prefetch)
    # + the 6 Wgiw parts
    with django_assert_num_queries(17):
        touched = _touch_detail(selectors.plan_get(pk=plan.pk))
    assert len(touched[-1].buurten) == n


def test_plans_visible_for_scopes_by_role(user_for):
    from django.contrib.auth.models import AnonymousUser

    PlanFactory()
    assert selectors.plans_visible_for(user=user_for(Role.RAADSLID)).count() == 1
    assert selectors.plans_visible_for(user=user_for(Role.AMBTENAAR)).count() == 1
    assert selectors.plans_visible_for(user=AnonymousUser()).count() == 0
    assert selectors.plans_visible_for(user=user_for(None)).count() == 0


def test_plan_area_sums_the_plans_buurten_not_the_wijk():
    from .factories import BuurtFactory, WijkFactory

    wijk = WijkFactory(code="WK030790", woningvoorraad=4633)
    buurten = [
        BuurtFactory(wijk=wijk, code=f"BU030790{i}1", woningvoorraad=w, inwoners=2 * w, gem_aardgasverbruik_m3=g)
        for i, (w, g) in enumerate([(600, 1000), (540, 1200), (500, 1500), (2993, 900)])
    ]
    plan = PlanFactory(wijk=wijk)
    plan.buurten.set(buurten[:3])
    heel = PlanFactory(wijk=wijk)  # no buurten chosen: the whole wijk
    gebieden = selectors.plan_gebieden(plans=[plan, heel])
    assert gebieden[plan.id].woningen == 1640 and gebieden[plan.id].buurten == 3
    assert gebieden[plan.id].inwoners == 3280
    assert round(gebieden[plan.id].gasverbruik_m3) == round((600 * 1000 + 540 * 1200 + 500 * 1500) / 1640)
    assert gebieden[heel.id].woningen == 4633


def test_plan_area_with_a_buurt_of_unknown_homes_is_unknown():
    from .factories import BuurtFactory, WijkFactory

    wijk = WijkFactory(code="WK030791")
    plan = PlanFactory(wijk=wijk)
    plan.buurten.set(
        [
            BuurtFactory(wijk=wijk, code="BU03079101", woningvoorraad=400),
            BuurtFactory(wijk=wijk, code="BU03079102", woningvoorraad=None),
        ]
    )
    gebied = selectors.plan_gebieden(plans=[plan])[plan.id]
    assert gebied.woningen is None and gebied.onbekend == ("BU03079102",)


@pytest.mark.parametrize("n", [2, 20])
def test_plan_areas_in_two_queries(n, django_assert_num_queries):
    plans = [PlanFactory() for _ in range(n)]
    with django_assert_num_queries(2):
        assert len(selectors.plan_gebieden(plans=plans)) == n
