"""Council dashboard pages and council decisions through the views."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.constants import Indicator
from dashboard.models import Raadsbesluit
from logboek.constants import GebeurtenisType

from .factories import GebeurtenisFactory, KernwaardeFactory, PlanFactory, TussendoelFactory


def _plans(n):
    plans = []
    for _ in range(n):
        plan = PlanFactory()
        kw = KernwaardeFactory(plan=plan)
        TussendoelFactory(plan=plan, kernwaarde=kw)
        GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 1), hoeveelheid=5)
        plans.append(plan)
    services.plans_recompute_all(vandaag=dt.date(2025, 6, 1))
    return plans


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 20])
def test_overview_query_count_is_flat(n, client_for, django_assert_num_queries):
    from routekaart.tests.factories import mijlpaal

    from .factories import RaadsbesluitFactory

    # given n computed plans, each with two council decisions and two decision milestones ahead
    plans = _plans(n)
    for plan in plans:
        for datum in (dt.date(2025, 4, 1), dt.date(2025, 5, 1)):
            RaadsbesluitFactory(
                plan=plan, datum=datum, snapshot=services.indicator_snapshot_for_decision(plan_id=plan.id)
            )
        for maand in (7, 9):
            mijlpaal(plan, naam=f"Besluit {maand}", basisdatum=dt.date(2026, maand, 1), besluitmoment=True)
    client = client_for(Role.RAADSLID)
    client.get(reverse("dashboard:overview"))  # warm the session/user caches
    # when the council member opens the overview / then the same number of queries
    # session, user, its groups (role), the second-factor device (core/two_factor.py), then the
    # overview's six: plans, latest snapshots, the trend window's readings, watermarks, latest
    # decisions, next decision milestones (routekaart)
    with django_assert_num_queries(10):
        response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    # every plan has its section, six indicator cells with a computed status and a trend, and its
    # computed-at time
    rows = response.context["rows"]
    assert {row["plan"].id for row in rows} == {p.id for p in plans}
    for row in rows:
        assert row["plan"].titel in html
        assert len(row["cellen"]) == 6
        assert all(cel["snap"] is not None for cel in row["cellen"])
        assert row["computed_at"] is not None
    assert html.count('class="badge status-') == 6 * n
    assert html.count("data-antwoord=") == 6 * n
    # a trend beside every figure (none where there is no figure)
    with_figure = sum(cel["snap"].waarde is not None for row in rows for cel in row["cellen"])
    assert with_figure >= 2 * n and html.count('data-cel="trend"') == with_figure
    assert html.count('<h2 class="h4 card-title"') == n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 20])
def test_plan_page_query_count_is_flat(n, client_for, django_assert_num_queries):
    from routekaart.tests.factories import mijlpaal
    from wup.tests.factories import PartijFactory

    plans = _plans(n)
    # with n milestones on the route, each with its responsible party, some decision milestones
    partijen = [PartijFactory(plan=plans[-1]) for _ in range(2)]
    for i in range(n):
        mijlpaal(
            plans[-1],
            naam=f"Mijlpaal {i}",
            basisdatum=dt.date(2026, 1, 1) + dt.timedelta(days=30 * i),
            verantwoordelijke=partijen[i % 2],
            besluitmoment=i % 3 == 0,
        )
    client = client_for(Role.RAADSLID)
    client.get(reverse("dashboard:overview"))
    # 9 + the route's next milestones and next decision milestone (routekaart) + the 2FA device
    # + the adopted version's interim goals (the chart's target lines) + the saved scenarios
    # ("Wat als?", test_scenario_views) + the open and the closed steering actions (issue 10)
    with django_assert_num_queries(16):
        response = client.get(reverse("dashboard:plan_detail", kwargs={"plan_id": plans[-1].id}))
    assert response.status_code == 200
    html = response.content.decode()
    # the six seed questions, in Dutch
    for question in (
        "Is er vertrouwen?",
        "Komt er beweging?",
        "Welke resultaten zijn er behaald?",
        "Passen de (tussen)doelen bij de kernwaarden?",
        "Ligt de gemeente op schema?",
        "Sturen we goed bij?",
    ):
        assert question in html
    assert 'data-chart="chart-resultaten"' in html


@pytest.mark.django_db
def test_council_decision_stop_moves_the_plan_to_gestopt(client_for):
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan)
    services.plan_recompute(plan_id=plan.id)
    client = client_for(Role.AMBTENAAR)
    response = client.post(
        reverse("dashboard:raadsbesluit_create", kwargs={"plan_id": plan.id}),
        {
            "datum": "2025-06-01",
            "doen_we_het_goede": "Nee",
            "wat_is_nodig": "Een ander plan",
            "besluit": "stoppen",
            "motivering": "Geen draagvlak",
            "kenmerk": "RB-1",
        },
    )
    assert response.status_code == 302
    besluit = Raadsbesluit.objects.get()
    assert set(besluit.snapshot) == {"vertrouwen", "beweging", "resultaten", "koers", "schema", "sturing"}
    plan.refresh_from_db()
    assert plan.status == "gestopt"
    page = client.get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert "Geen draagvlak" in page.content.decode()


@pytest.mark.django_db
def test_plan_page_tables_show_recent_months_and_fold_out_the_rest(client_for):
    # given a plan with 24 months of snapshots, trust figures only in the last 3 months
    plan = PlanFactory(startdatum=dt.date(2024, 1, 1))
    GebeurtenisFactory(plan=plan, datum=dt.date(2024, 1, 5), hoeveelheid=3)
    for i in range(12):
        GebeurtenisFactory(
            plan=plan,
            type=GebeurtenisType.ENQUETE_RESPONS,
            datum=dt.date(2025, 11, 1 + i),
            payload={"dimensies": {"vertrouwen": {"gemiddelde": 4, "items": 1}}},
        )
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 12, 15))
    # when
    html = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})).content.decode()
    # then every chart keeps a table beside it; the full 24 months fold out under "Show all months"
    assert html.count("<table") == 2 * len(Indicator)
    assert html.count("<summary>") == len(Indicator)  # "Show all months"
    resultaten = html[html.index('id="kop-resultaten"') : html.index('id="kop-koers"')]
    kort, _, vol = resultaten.partition("<details")
    assert kort.count("<td>december 2025</td>") == 1 and kort.count("<td>januari 2025</td>") == 1
    assert "<td>december 2024</td>" not in kort and vol.count("<td>januari 2024</td>") == 1
    # and trust shows only the months with a figure
    vertrouwen = html[html.index('id="kop-vertrouwen"') : html.index('id="kop-beweging"')].partition("<details")[0]
    assert vertrouwen.count("<tr>") == 1 + 2  # header + the two months with n >= 10


@pytest.mark.django_db
def test_plan_page_shows_where_we_are_on_the_route_and_the_next_milestones(client_for):
    from dashboard import selectors
    from routekaart import services as routekaart_services
    from routekaart.constants import MijlpaalUitkomst
    from routekaart.tests.factories import mijlpaal
    from wup.models import Fase
    from wup.tests.factories import PartijFactory

    # given a plan in its second phase (today frozen) whose routekaart has milestones around today
    vandaag = dt.date(2026, 3, 10)
    dag = dt.timedelta(days=1)
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        plan = PlanFactory(startdatum=vandaag - 400 * dag)
        Fase.objects.create(plan=plan, naam="Verkennen", startdatum=vandaag - 400 * dag, einddatum=vandaag - 100 * dag)
        ontwerpen = Fase.objects.create(
            plan=plan, naam="Ontwerpen", startdatum=vandaag - 99 * dag, einddatum=vandaag + 50 * dag
        )
        Fase.objects.create(plan=plan, naam="Uitvoeren", startdatum=vandaag + 51 * dag, einddatum=vandaag + 900 * dag)
        stedin = PartijFactory(plan=plan, naam="Stedin", soort="netbeheerder")
        portaal = PartijFactory(plan=plan, naam="Portaal", soort="woningcorporatie")
        verleden = mijlpaal(plan, naam="Schouw", basisdatum=vandaag - 30 * dag)
        routekaart_services.afronden(item=verleden, uitkomst=MijlpaalUitkomst.BEREIKT, datum=vandaag - 31 * dag)
        mijlpaal(plan, naam="Netverzwaring gereed", basisdatum=vandaag - 5 * dag, verantwoordelijke=stedin)
        renovatie = mijlpaal(plan, naam="Renovatieblok A", basisdatum=vandaag + 20 * dag, verantwoordelijke=portaal)
        routekaart_services.prognose_verplaatsen(
            item=renovatie, prognose=vandaag + 45 * dag, reden="Aannemer later beschikbaar"
        )
        mijlpaal(
            plan, naam="Besluit: ontwerp gedragen", basisdatum=vandaag + 50 * dag, fase=ontwerpen, besluitmoment=True
        )
        services.plan_recompute(plan_id=plan.id)
        # when
        route = selectors.plan_route(plan=selectors.dashboard_plan(plan_id=plan.id), vandaag=vandaag)
        response = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    html = response.content.decode()
    # then the phase of today, the next phase and the next decision milestone are named
    assert [f.naam for f in route.huidige_fasen] == ["Ontwerpen"]
    assert route.volgende_fase.naam == "Uitvoeren" and not route.afgerond
    assert route.besluit.naam == "Besluit: ontwerp gedragen"
    # and the next milestones are the open ones by forecast, with party, date and derived status
    assert [(m.naam, m.partij, m.prognose, m.status, m.over_tijd) for m in route.volgende_mijlpalen] == [
        ("Netverzwaring gereed", "Stedin", vandaag - 5 * dag, "over_tijd", True),
        ("Renovatieblok A", "Portaal", vandaag + 45 * dag, "verwacht_te_laat", False),
        ("Besluit: ontwerp gedragen", "", vandaag + 50 * dag, "gepland", False),
    ]
    route_html = html[html.index('id="kop-route"') : html.index('id="kop-besluiten"')]
    assert "Waar staan we op de route?" in route_html
    assert "Ontwerpen" in route_html.split('data-route="mijlpalen"')[0]
    assert "Volgend beslismoment" in route_html and "Besluit: ontwerp gedragen" in route_html
    assert 'data-mijlpaal-status="over_tijd" class="table-danger"' in route_html
    assert "Over tijd" in route_html and "Verwacht te laat" in route_html and "Stedin" in route_html
    assert "Schouw" not in route_html  # reached: no longer ahead
    # and the schedule card counts on time, late, missed and overdue (no event typed by hand)
    schema_html = html[html.index('id="kop-schema"') : html.index('id="kop-sturing"')]
    assert '<span data-schema="op_tijd">1</span>' in schema_html
    assert '<span data-schema="over_tijd">1</span>' in schema_html
    assert "over tijd (datum verstreken, nog open)" in schema_html


def test_before_the_first_phase_the_page_says_it_has_not_started(client_for):
    from django.utils import timezone

    from wup.tests.factories import FaseFactory

    plan = PlanFactory()
    vandaag = timezone.localdate()
    FaseFactory(
        plan=plan,
        naam="Verkenning",
        startdatum=vandaag + dt.timedelta(days=30),
        einddatum=vandaag + dt.timedelta(days=300),
    )
    html = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id})).content
    html = html.decode()
    assert "De eerste fase van het plan is nog niet begonnen." in html
    assert "tussen twee fasen" not in html
    assert "Verkenning" in html
