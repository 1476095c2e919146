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
from wup.tests.factories import PlanFactory, WijkFactory, wgiw_compleet

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


def _plan(name: str, voorbereiden=None):
    """A plan moved to status `name`; `voorbereiden(plan)` runs before the first transition (a
    closed plan is read-only, and adoption freezes what the plan holds then)."""
    plan = PlanFactory(
        titel="Geheim warmteplan Zonnewijk", wijk=WijkFactory(naam="Zonnewijk"), doeljaar_aardgasvrij=2037
    )
    wgiw_compleet(plan)  # adoption needs every Wgiw part
    if voorbereiden is not None:
        voorbereiden(plan)
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


# --- What happens next (routekaart on the public page) -----------------------------------------

ADOPTED = {"vastgesteld", "in_uitvoering", "afgerond"}


def _with_route(plan):
    """A current phase, a decision milestone and a milestone in the coming months, the latter
    moved with an internal reason by a civil servant with a recognisable name; an agreement
    with an internal explanation."""
    import datetime as dt

    from django.utils import timezone

    from routekaart import services as routekaart_services
    from routekaart.tests.factories import afspraak, mijlpaal
    from wup.tests.factories import FaseFactory, PartijFactory

    vandaag = timezone.localdate()
    fase = FaseFactory(
        plan=plan,
        naam="Planvorming",
        startdatum=vandaag - dt.timedelta(days=30),
        einddatum=vandaag + dt.timedelta(days=300),
    )
    netbeheerder = PartijFactory(plan=plan, naam="Stedin")
    ambtenaar = UserFactory(role=Role.AMBTENAAR, first_name="Wilhelmina", last_name="Ambtsdraagster")
    net = mijlpaal(plan, naam="Netverzwaring gereed", basisdatum=vandaag + dt.timedelta(days=40))
    routekaart_services.mijlpaal_update(mijlpaal=net, verantwoordelijke=netbeheerder, fase=fase)
    routekaart_services.prognose_verplaatsen(
        item=net, prognose=vandaag + dt.timedelta(days=50), reden="Interne reden: aannemer failliet", door=ambtenaar
    )
    mijlpaal(plan, naam="Besluit over het warmtenet", basisdatum=vandaag + dt.timedelta(days=90), besluitmoment=True)
    mijlpaal(plan, naam="Verre mijlpaal", basisdatum=vandaag + dt.timedelta(days=400))
    afspraak(plan, wat="Aansluitaanbod", basisdatum=vandaag + dt.timedelta(days=60), toelichting="Intern: wethouder")
    return vandaag + dt.timedelta(days=50)


@pytest.mark.parametrize(("status", "public"), PUBLIC_AFTER.items())
def test_what_happens_next_shows_the_route_only_once_public_and_never_internal_fields(status, public, settings):
    # given a plan in this status, with a direction, a route, a meeting, and a contact line
    from django.utils.translation import override

    from core.dates import datum as lange_datum

    settings.GEMEENTE_CONTACT = "Bel 14 033"
    gemaakt = {}

    def voorbereiden(plan):
        type(plan).objects.filter(pk=plan.pk).update(techniekrichting="warmtenet_mt")  # the direction, set directly
        plan.refresh_from_db()
        gemaakt["verwacht"] = _with_route(plan)
        BijeenkomstFactory(plan=plan, titel="Inloopavond in het buurthuis")

    plan = _plan(status, voorbereiden=voorbereiden)
    verwacht = gemaakt["verwacht"]
    # when anyone opens the public page
    response = Client().get(reverse("portaal:publiek", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # then the process sentence, the home advice, the meetings, the contact line and the feed
    # link are there in every status
    assert "Vervangt u binnenkort uw cv-ketel? Lees dit eerst" in html
    assert "Inloopavond in het buurthuis" in html
    assert 'id="gemeente-contact"' in html and "Bel 14 033" in html
    assert reverse("portaal:agenda_publiek", args=[plan.pk]) in html
    # and the route (phase, next decision, coming milestones with dates) only once public
    with override("nl"):
        datum = lange_datum(verwacht)
    for shown in ("Planvorming", "Besluit over het warmtenet", "Netverzwaring gereed", datum, "Stedin", "Wat komt er?"):
        assert (shown in html) is public, (status, shown)
    assert "Verre mijlpaal" not in html  # beyond the coming six months
    # and the chosen direction only once adopted
    assert ("Warmtenet, middentemperatuur" in html) is (status in ADOPTED), status
    # and never an internal note or a civil servant's name
    for secret in ("aannemer failliet", "wethouder", "Aansluitaanbod", "Wilhelmina", "Ambtsdraagster"):
        assert secret not in html, (status, secret)


@pytest.mark.parametrize("n", [2, 20])
def test_the_public_page_takes_the_same_number_of_queries_for_2_or_20_items(n, django_assert_num_queries):
    import datetime as dt

    from django.utils import timezone

    from routekaart.tests.factories import mijlpaal

    # given a published plan with n milestones in the coming months and n meetings
    plan = PlanFactory(in_consultatie=True)
    for i in range(n):
        mijlpaal(plan, naam=f"Stap {i}", basisdatum=timezone.localdate() + dt.timedelta(days=10 + i))
        BijeenkomstFactory(plan=plan, titel=f"Avond {i}")
    client = Client()
    # when the page is opened, then the number of queries does not depend on n: the plan, its
    # meetings, the open survey, its adopted version, its phases, the next decision milestone,
    # the coming milestones
    with django_assert_num_queries(7):
        response = client.get(reverse("portaal:publiek", args=[plan.pk]))
    assert response.status_code == 200
    assert "Stap 1" in response.content.decode() and "Avond 1" in response.content.decode()
