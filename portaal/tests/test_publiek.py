"""The public neighbourhood page exists in every status; a draft's content stays internal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from core.constants import Role
from core.tests.factories import UserFactory
from participatie.tests.factories import BijeenkomstFactory
from wup import services as wup_services
from wup.constants import PlanStatus
from wup.tests.factories import PlanFactory, WijkFactory

pytestmark = pytest.mark.django_db

# The route through the lifecycle to each status (wup.constants.PLAN_TRANSITIONS).
ROUTES = {
    PlanStatus.CONCEPT: [],
    PlanStatus.IN_CONSULTATIE: [PlanStatus.IN_CONSULTATIE],
    PlanStatus.VASTGESTELD: [PlanStatus.IN_CONSULTATIE, PlanStatus.VASTGESTELD],
    PlanStatus.IN_UITVOERING: [PlanStatus.IN_CONSULTATIE, PlanStatus.VASTGESTELD, PlanStatus.IN_UITVOERING],
    PlanStatus.AFGEROND: [
        PlanStatus.IN_CONSULTATIE,
        PlanStatus.VASTGESTELD,
        PlanStatus.IN_UITVOERING,
        PlanStatus.AFGEROND,
    ],
}
PUBLIC_AFTER = {
    "concept": False,
    "in_consultatie": True,
    "vastgesteld": True,
    "in_uitvoering": True,
    "afgerond": True,
    "gestopt als concept": False,
    "gestopt na consultatie": True,
}


def _plan(name: str):
    plan = PlanFactory(
        titel="Geheim warmteplan Zonnewijk", wijk=WijkFactory(naam="Zonnewijk"), doeljaar_aardgasvrij=2037
    )
    door = UserFactory(role=Role.AMBTENAAR)
    if name.startswith("gestopt"):
        route = (
            [PlanStatus.GESTOPT] if name == "gestopt als concept" else [PlanStatus.IN_CONSULTATIE, PlanStatus.GESTOPT]
        )
    else:
        route = ROUTES[name]
    for naar in route:
        extra = (
            {"vastgesteld_op": plan.startdatum, "raadsbesluit_kenmerk": "RB-1"}
            if naar == PlanStatus.VASTGESTELD
            else {}
        )
        plan = wup_services.plan_transition(plan=plan, naar=naar, door=door, **extra)
    return plan


@pytest.mark.parametrize(("status", "public"), PUBLIC_AFTER.items())
def test_the_public_page_shows_a_plan_only_once_it_was_public(status, public):
    # given a plan in this status with an upcoming meeting for residents
    plan = _plan(status)
    BijeenkomstFactory(plan=plan, titel="Inloopavond in het buurthuis")
    # when anyone opens its public page
    response = Client().get(reverse("portaal:publiek", args=[plan.pk]))
    html = response.content.decode()
    # then the page exists, the meeting is announced, and the draft's content only when public
    assert response.status_code == 200
    assert "Inloopavond in het buurthuis" in html
    for secret in ("Geheim warmteplan Zonnewijk", "Zonnewijk", "2037"):
        assert (secret in html) is public, (status, secret)
    if not public:
        assert "Er wordt een plan voor uw wijk voorbereid" in html


def test_an_unknown_plan_is_not_found():
    assert Client().get(reverse("portaal:publiek", args=[999999])).status_code == 404
