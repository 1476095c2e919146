"""Query counts of the routekaart's reads and pages: flat whether a plan has 2 or 20 items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.constants import Role
from routekaart import selectors
from wup import selectors as wup_selectors

from .factories import gevuld_plan

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 3, 1)


def _touch(items):
    """Read what the pages show of each item, so a lazy relation would cost a query."""
    for m in items.mijlpalen:
        (
            m.fase and m.fase.naam,
            m.verantwoordelijke and m.verantwoordelijke.naam,
            [v.door for v in m.verschuivingen.all()],
        )
    for a in items.afspraken:
        (a.leverancier.naam, a.ontvanger.naam, a.mijlpaal and a.mijlpaal.naam, [v.wat for v in a.afhankelijk_van.all()])
    for k in items.koppelkansen:
        (k.verantwoordelijke and k.verantwoordelijke.naam, list(k.mijlpalen.all()), list(k.vergunningen.all()))


@pytest.mark.parametrize("n", [2, 20])
def test_tijdlijn_selector_is_flat(n, django_assert_num_queries):
    plan = gevuld_plan(n=n)["plan"]
    fasen = wup_selectors.plan_fasen(plan=plan)
    # milestones + history, agreements + dependencies + history, coupling opportunities + milestones + permits
    with django_assert_num_queries(8):
        _touch(selectors.tijdlijn(plan=plan, fasen=fasen, vandaag=VANDAAG))


@pytest.mark.parametrize("n", [2, 20])
def test_routekaart_pagina_selector_is_flat(n, django_assert_num_queries):
    plan = gevuld_plan(n=n)["plan"]
    fasen = wup_selectors.plan_fasen(plan=plan)
    with django_assert_num_queries(10):  # the timeline's 8 + the route map row + the permits
        pagina = selectors.routekaart_pagina(plan=plan, fasen=fasen, vandaag=VANDAAG)
        _touch(pagina)
        [(v.aanvrager and v.aanvrager.naam, v.koppelkans and v.koppelkans.omschrijving) for v in pagina.vergunningen]


@pytest.mark.parametrize("n", [2, 20])
def test_afspraken_matrix_selector_is_flat(n, django_assert_num_queries):
    plan = gevuld_plan(n=n)["plan"]
    with django_assert_num_queries(3):  # agreements, their dependencies, their history
        for a in selectors.afspraken_matrix(plan=plan, vandaag=VANDAAG):
            (a.leverancier.naam, a.ontvanger.naam, a.mijlpaal and a.mijlpaal.naam, list(a.afhankelijk_van.all()))


def _measure(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n", [2, 20])
@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        # session, user, 2FA device, roles, the plan with its visibility check, the page's
        # selectors; a civil servant's route map also fills the choice fields of its add forms.
        ("routekaart", Role.AMBTENAAR, 31),
        ("routekaart", Role.RAADSLID, 21),
        ("tijdlijn", Role.RAADSLID, 18),
        ("afspraken_matrix", Role.RAADSLID, 12),
    ],
)
def test_pages_use_a_flat_number_of_queries(n, name, role, expected, client_for, django_assert_num_queries):
    # given a plan with n items of every kind
    plan = gevuld_plan(n=n)["plan"]
    client = client_for(role)
    url = reverse(f"routekaart:{name}", kwargs={"pk": plan.pk})
    # when the page is rendered, then it takes the same number of queries for 2 and 20 items
    _measure(client, url, django_assert_num_queries, expected)


@pytest.mark.parametrize("n", [2, 20])
def test_next_decision_milestones_of_many_plans_in_one_query(n, django_assert_num_queries):
    from routekaart import services
    from routekaart.constants import MijlpaalUitkomst
    from wup.tests.factories import PartijFactory, PlanFactory

    from .factories import mijlpaal

    # given n plans, each with a reached decision milestone, two open ones and an open ordinary one
    plans = [PlanFactory() for _ in range(n)]
    for plan in plans:
        partij = PartijFactory(plan=plan, naam=f"Partij {plan.id}")
        eerst = mijlpaal(plan, naam="Besluit 1", basisdatum=dt.date(2026, 1, 1), besluitmoment=True)
        services.afronden(item=eerst, uitkomst=MijlpaalUitkomst.BEREIKT, datum=dt.date(2026, 1, 1))
        mijlpaal(plan, naam="Gewoon", basisdatum=dt.date(2026, 4, 1))
        mijlpaal(plan, naam="Besluit 3", basisdatum=dt.date(2026, 9, 1), besluitmoment=True)
        mijlpaal(plan, naam="Besluit 2", basisdatum=dt.date(2026, 5, 1), besluitmoment=True, verantwoordelijke=partij)
    zonder = PlanFactory()
    # when / then one query gives each plan its next open decision milestone, with its party
    with django_assert_num_queries(1):
        result = selectors.volgende_besluitmomenten(plan_ids=[p.id for p in [*plans, zonder]], vandaag=VANDAAG)
        names = {pid: (m.naam, m.verantwoordelijke.naam, m.planning) for pid, m in result.items()}
    assert names == {p.id: ("Besluit 2", f"Partij {p.id}", "gepland") for p in plans}
