"""Council dashboard, event entry, CSV import and council decisions through the views."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.constants import Indicator
from dashboard.models import IndicatorSnapshot, Raadsbesluit
from dashboard.services import gebeurtenissen
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis

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
    # given n computed plans
    plans = _plans(n)
    client = client_for(Role.RAADSLID)
    client.get(reverse("dashboard:overview"))  # warm the session/user caches
    # when the council member opens the overview / then the same number of queries
    with django_assert_num_queries(7):  # 6 + the session's second-factor device (core/two_factor.py)
        response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    # every plan has its row, six indicator cells with a computed status, and its computed-at time
    rows = response.context["rows"]
    assert {row["plan"].id for row in rows} == {p.id for p in plans}
    for row in rows:
        assert row["plan"].titel in html
        assert len(row["cellen"]) == 6
        assert all(cel["snap"] is not None for cel in row["cellen"])
        assert row["computed_at"] is not None
    assert html.count('class="badge status-') == 6 * n


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
    with django_assert_num_queries(12):
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
def test_ambtenaar_logs_an_event_and_bad_input_keeps_the_form(client_for, django_capture_on_commit_callbacks):
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    # bad: a correction that does not say which type it compensates -> form again, nothing stored
    data = {
        "plan": plan.id,
        "type": GebeurtenisType.CORRECTIE,
        "datum": "2025-05-01",
        "hoeveelheid": -2,
        "toelichting": "Dubbel geteld in de lijst van de netbeheerder",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and Gebeurtenis.objects.count() == 0
    assert response.context["form"].errors["corrigeert_type"] == [
        "Kies welk soort gebeurtenis deze correctie compenseert."
    ]
    assert "Dubbel geteld in de lijst van de netbeheerder" in response.content.decode()  # typed input kept
    # good: stored with the declared payload
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, dict(data, corrigeert_type=GebeurtenisType.WONING_AARDGASVRIJ))
    assert response.status_code == 302
    event = Gebeurtenis.objects.get()
    assert (event.hoeveelheid, event.payload) == (
        -2,
        {"corrigeert_type": "woning_aardgasvrij", "toelichting": "Dubbel geteld in de lijst van de netbeheerder"},
    )
    assert len(callbacks) == 1  # the recompute request after commit


ROUTEKAART_TYPES = sorted(
    [
        GebeurtenisType.MIJLPAAL_GEPLAND,
        GebeurtenisType.MIJLPAAL_VERSCHOVEN,
        GebeurtenisType.MIJLPAAL_BEREIKT,
        GebeurtenisType.MIJLPAAL_GEMIST,
        GebeurtenisType.AFSPRAAK_GEMAAKT,
        GebeurtenisType.AFSPRAAK_VERSCHOVEN,
        GebeurtenisType.AFSPRAAK_NAGEKOMEN,
        GebeurtenisType.AFSPRAAK_GEMIST,
    ]
)
NAAR_ROUTEKAART = "Mijlpalen en afspraken legt u vast in de routekaart van het plan, niet als gebeurtenis."


@pytest.mark.django_db
def test_the_event_form_refuses_milestones_and_agreements_and_sends_to_the_routekaart(client_for):
    # given a civil servant (an old bookmark or a tampered form posts a routekaart type)
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    # then the form does not offer them
    html = client.get(url).content.decode()
    assert all(f'value="{t}"' not in html for t in ROUTEKAART_TYPES)
    for type_ in ROUTEKAART_TYPES:
        # when one is posted anyway
        data = {"plan": plan.id, "type": type_, "datum": "2025-05-01", "hoeveelheid": 1, "gepland": "2025-05-01"}
        response = client.post(url, data)
        # then it is refused at the type, in Dutch, saying where to go; nothing stored
        assert response.status_code == 200
        assert response.context["form"].errors["type"] == [NAAR_ROUTEKAART], type_
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("type_", ROUTEKAART_TYPES)
def test_the_event_service_refuses_milestones_and_agreements(type_):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.gebeurtenis_record(
            plan_id=plan.id, type=type_, datum=dt.date(2025, 5, 1), payload={"gepland": dt.date(2025, 5, 1)}
        )
    assert exc.value.message_dict == {"type": [NAAR_ROUTEKAART]}
    assert not Gebeurtenis.objects.exists()


@pytest.mark.django_db
def test_a_fact_dated_in_the_future_is_refused_by_the_form_and_the_service(client_for):
    # given today, frozen
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        data = {"plan": plan.id, "type": GebeurtenisType.WONING_AARDGASVRIJ, "hoeveelheid": 4}
        # when tomorrow is typed: refused at the date, input kept, nothing stored
        response = client.post(url, dict(data, datum="2026-03-11"))
        assert response.status_code == 200
        assert response.context["form"].errors["datum"] == [
            "Deze datum ligt in de toekomst. Leg een gebeurtenis vast zodra die heeft plaatsgevonden."
        ]
        assert 'value="2026-03-11"' in response.content.decode()
        assert 'max="2026-03-10"' in response.content.decode()  # the date picker stops at today
        assert not Gebeurtenis.objects.exists()
        # and the service refuses it on every path (not only through the form)
        with pytest.raises(ValidationError) as exc:
            services.gebeurtenis_record(
                plan_id=plan.id, type=GebeurtenisType.WONING_AARDGASVRIJ, datum=dt.date(2099, 1, 1)
            )
        assert set(exc.value.message_dict) == {"datum"}
        # today itself is a fact
        response = client.post(url, dict(data, datum="2026-03-10"))
        assert response.status_code == 302
    assert Gebeurtenis.objects.get().datum == dt.date(2026, 3, 10)


@pytest.mark.django_db
def test_the_csv_import_refuses_future_dates_and_routekaart_types_per_row_and_column():
    # given today, frozen, and a file with one good row, a future date and a milestone
    plan = PlanFactory()
    content = (
        "plan_id,type,datum,hoeveelheid,extern_id,gepland\n"
        f"{plan.id},woning_aardgasvrij,2026-03-10,3,ok-1,\n"
        f"{plan.id},woning_aardgasvrij,2026-03-11,3,morgen-1,\n"
        f"{plan.id},mijlpaal_bereikt,2026-03-01,1,mp-1,2026-03-01\n"
        f"{plan.id},afspraak_gemaakt,2026-03-01,1,af-1,2026-04-01\n"
    )
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        # when
        result = services.events_csv_import(content=content.encode())
    # then each bad row is named with its line and column, in Dutch; nothing is written
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "datum", "2026-03-11 ligt in de toekomst: importeer een gebeurtenis zodra die heeft plaatsgevonden"),
        (4, "type", "mijlpalen en afspraken kunt u niet importeren: leg ze vast in de routekaart van het plan"),
        (5, "type", "mijlpalen en afspraken kunt u niet importeren: leg ze vast in de routekaart van het plan"),
    ]
    assert not Gebeurtenis.objects.exists()


CSV = (
    "plan_id,type,datum,hoeveelheid,extern_id\n"
    "{p},woning_aardgasvrij,2025-04-01,3,nb-001\n"
    "{p},woning_aardgasvrij,2025-04-02,2,nb-002\n"
)


@pytest.mark.django_db
def test_the_same_csv_imported_twice_counts_once():
    plan = PlanFactory()
    content = CSV.format(p=plan.id).encode()
    first = services.events_csv_import(content=content)
    second = services.events_csv_import(content=content)
    assert (first.created, first.duplicates) == (2, 0)
    assert (second.created, second.duplicates) == (0, 2)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 4, 30))
    assert IndicatorSnapshot.objects.get(plan=plan, indicator="resultaten", periode=dt.date(2025, 4, 1)).waarde == 5


@pytest.mark.django_db
def test_csv_rows_find_their_plan_by_wijkcode_only_when_it_is_unique():
    # given one wijk with one plan and one wijk with two plans
    alone = PlanFactory()
    shared = PlanFactory()
    PlanFactory(wijk=shared.wijk)
    content = (
        "wijkcode,type,datum,hoeveelheid,extern_id\n"
        f"{alone.wijk.code},woning_aardgasvrij,2025-04-01,3,wk-001\n"
        f"{shared.wijk.code},woning_aardgasvrij,2025-04-01,3,wk-002\n"
    )
    # when
    result = services.events_csv_import(content=content)
    # then the ambiguous row is named and nothing is written
    assert [(e.row, e.column) for e in result.errors] == [(3, "wijkcode")]
    assert Gebeurtenis.objects.count() == 0
    # when only the unique wijk is used
    result = services.events_csv_import(content=content.rsplit("\n", 2)[0] + "\n")
    # then its plan gets the event
    assert result.created == 1
    assert Gebeurtenis.objects.get().plan_id == alone.id


@pytest.mark.django_db
def test_csv_with_a_bad_row_imports_nothing_and_names_row_and_column(client_for):
    plan = PlanFactory()
    content = CSV.format(p=plan.id) + f"{plan.id},onzin,2025-13-01,x,nb-001\n"
    client = client_for(Role.AMBTENAAR)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", content.encode())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert Gebeurtenis.objects.count() == 0
    for fragment in ("onbekend type", "geen datum", "geen geheel getal", "staat ook op regel 2"):
        assert fragment in html


@pytest.mark.django_db
def test_large_csv_goes_to_a_task_with_progress(client_for, monkeypatch):
    from dashboard import csv_import
    from dashboard.tasks import events_csv_import_task

    plan = PlanFactory()
    monkeypatch.setattr(gebeurtenissen, "SYNC_IMPORT_MAX_LINES", 1)
    calls = []
    monkeypatch.setattr(events_csv_import_task, "apply_async", lambda kwargs: calls.append(kwargs))
    client = client_for(Role.AMBTENAAR)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", CSV.format(p=plan.id).encode())}
    )
    assert response.status_code == 302
    # the worker runs it (called directly here) and the progress endpoint shows the result
    events_csv_import_task(**calls[0])
    assert Gebeurtenis.objects.count() == 2
    assert csv_import.progress_get(calls[0]["job"])["finished"] is True
    page = client.get(response["Location"], HTTP_HX_REQUEST="true")
    text = page.content.decode()
    assert "2 gebeurtenissen geïmporteerd, 0 waren al bekend." in text
    assert "hx-get" not in text


@pytest.mark.django_db
def test_large_csv_with_the_broker_down_imports_nothing_and_says_so(client_for, monkeypatch, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dashboard.tasks import events_csv_import_task

    settings.MEDIA_ROOT = str(tmp_path)
    plan = PlanFactory()
    monkeypatch.setattr(gebeurtenissen, "SYNC_IMPORT_MAX_LINES", 1)

    def broker_down(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(events_csv_import_task, "apply_async", broker_down)
    response = client_for(Role.AMBTENAAR).post(
        reverse("dashboard:event_import"), {"bestand": SimpleUploadedFile("a.csv", CSV.format(p=plan.id).encode())}
    )
    assert response.status_code == 200
    assert "De import kon niet starten" in response.content.decode()
    assert Gebeurtenis.objects.count() == 0
    assert not list(tmp_path.rglob("*.csv"))  # the stored upload is removed again


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
def test_demo_load_is_idempotent_and_computes_every_plan():
    from dashboard import demo

    assert demo.load().startswith("no plans")
    good, trouble = PlanFactory(titel="A"), PlanFactory(titel="B")
    first = demo.load()
    count, besluiten = Gebeurtenis.objects.count(), Raadsbesluit.objects.count()
    second = demo.load()
    assert count > 100 and Gebeurtenis.objects.count() == count
    assert Raadsbesluit.objects.count() == besluiten
    assert first.startswith(f"{count} events") and second.startswith("0 events")
    assert "0 council decisions" in second
    latest = {(s.plan_id, s.indicator): s.status for s in IndicatorSnapshot.objects.order_by("periode")}
    assert latest[(trouble.id, "vertrouwen")] == "uit_koers"
    assert latest[(good.id, "vertrouwen")] == "op_koers"


@pytest.mark.django_db
def test_demo_overview_tells_one_story_of_one_plan_in_trouble():
    from dashboard import demo, selectors

    # given plans with goals, as the wup demo makes them
    plans = []
    for titel in ("Binnenstad", "Kattenbroek", "Liendert", "Schothorst"):
        plan = PlanFactory(titel=titel, startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2038)
        kw = KernwaardeFactory(plan=plan)
        TussendoelFactory(
            plan=plan, kernwaarde=kw, metriek="woningen_geisoleerd", streefwaarde=300, deadline=dt.date(2029, 12, 31)
        )
        plans.append(plan)
    # when
    demo.load()
    # then exactly one plan has a majority of red lights, every other plan at most one
    rood = {
        row["plan"].titel: sum(c["status"] == "uit_koers" for c in row["cellen"])
        for row in selectors.dashboard_overview()
    }
    in_trouble = [titel for titel, n in rood.items() if n > 3]
    assert in_trouble == ["Schothorst"], rood
    assert all(n <= 1 for titel, n in rood.items() if titel != "Schothorst"), rood
    # and the council answered: bijsturen for the plan in trouble, doorgaan otherwise
    besluiten = set(Raadsbesluit.objects.values_list("plan__titel", "besluit"))
    assert ("Schothorst", "bijsturen") in besluiten
    assert {b for titel, b in besluiten if titel != "Schothorst"} <= {"doorgaan"}


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
    assert kort.count("<td>2025-12</td>") == 1 and kort.count("<td>2025-01</td>") == 1
    assert "<td>2024-12</td>" not in kort and vol.count("<td>2024-01</td>") == 1
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


@pytest.mark.django_db
def test_the_event_form_offers_the_declared_payload_and_a_pulse_needs_its_score(client_for):
    plan = PlanFactory()
    client = client_for(Role.AMBTENAAR)
    url = reverse("dashboard:event_create")
    data = {"plan": plan.id, "type": GebeurtenisType.AMBTENAREN_PULS, "datum": "2025-05-01", "hoeveelheid": 1}
    # a pulse without a score is refused on the score field and nothing is saved
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["score"] == ["is verplicht bij dit soort gebeurtenis"]
    assert not Gebeurtenis.objects.exists()
    # with a score it is stored in the declared shape, without keys the type does not declare
    response = client.post(url, dict(data, score="3.5", gepland="2025-06-01", toelichting="Teamoverleg"))
    assert response.status_code == 302
    assert Gebeurtenis.objects.get().payload == {"score": 3.5, "toelichting": "Teamoverleg"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("{p},woning_aardgasvrij,2025-04-01,2147483648,big-001", "hoeveelheid"),
        ("{p},woning_aardgasvrij,2025-04-01,1," + "x" * 201, "extern_id"),
        ("{p},woning_aardgasvrij,1999-12-31,1,old-001", "datum"),
        ("{p},woning_aardgasvrij,2101-01-01,1,late-001", "datum"),
        ("{p},woning_aardgasvrij,2025-04-01,1,nul\x00-001", "-"),
    ],
)
def test_csv_values_outside_their_column_are_named_per_row_and_nothing_is_saved(row, column):
    plan = PlanFactory()
    result = services.events_csv_import(content=(CSV.format(p=plan.id) + row.format(p=plan.id) + "\n").encode())
    assert [(e.row, e.column) for e in result.errors] == [(4, column)]
    assert Gebeurtenis.objects.count() == 0


@pytest.mark.django_db
def test_csv_with_cr_only_line_endings_imports_like_any_other():
    plan = PlanFactory()
    result = services.events_csv_import(content=CSV.format(p=plan.id).replace("\n", "\r").encode())
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, Gebeurtenis.objects.count()) == (2, 2)


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["time limit", "file missing"])
def test_a_failed_import_task_says_so_removes_the_file_and_imports_nothing(
    client_for, monkeypatch, settings, tmp_path, failure
):
    from celery.exceptions import SoftTimeLimitExceeded
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from dashboard import csv_import
    from dashboard.tasks import events_csv_import_task

    settings.MEDIA_ROOT = str(tmp_path)
    plan = PlanFactory()
    path = default_storage.save("event-imports/job1.csv", ContentFile(CSV.format(p=plan.id).encode()))
    csv_import.progress_set("job1", done=0, total=0, finished=False)
    if failure == "time limit":

        def slow(**kwargs):
            csv_import.progress_set("job1", done=126, total=130, finished=False)
            raise SoftTimeLimitExceeded()

        monkeypatch.setattr(gebeurtenissen, "events_csv_import", slow)
    else:
        default_storage.delete(path)  # web and worker without a shared MEDIA_ROOT
    with pytest.raises((SoftTimeLimitExceeded, FileNotFoundError)):
        events_csv_import_task(path=path, job="job1")
    assert Gebeurtenis.objects.count() == 0
    assert not list(tmp_path.rglob("*.csv"))
    page = client_for(Role.AMBTENAAR).get(
        reverse("dashboard:import_status", kwargs={"job": "job1"}), HTTP_HX_REQUEST="true"
    )
    text = page.content.decode()
    assert "De import is mislukt" in text
    assert "hx-get" not in text  # the page stops polling


@pytest.mark.django_db
def test_an_import_that_stopped_reporting_counts_as_failed(monkeypatch):
    from dashboard import csv_import

    csv_import.progress_set("job2", done=126000, total=130000, finished=False)
    assert "failed" not in csv_import.progress_get("job2")
    monkeypatch.setattr(csv_import.time, "time", lambda: 10**12)
    assert csv_import.progress_get("job2") == {
        **csv_import.cache.get("event-import:job2"),
        "finished": True,
        "failed": True,
    }


@pytest.mark.django_db
def test_a_file_over_the_row_limit_is_refused_with_its_limit(monkeypatch):
    from dashboard import csv_import

    plan = PlanFactory()
    monkeypatch.setattr(csv_import, "MAX_ROWS", 1)
    result = services.events_csv_import(content=CSV.format(p=plan.id).encode())
    assert [(e.row, e.column) for e in result.errors] == [(3, "-")]
    assert "meer dan 1 regels" in result.errors[0].reason
    assert Gebeurtenis.objects.count() == 0


@pytest.mark.django_db
def test_demo_routekaarten_tell_the_same_story_as_the_dashboard():
    from django.utils import timezone

    from dashboard import demo, selectors
    from routekaart import selectors as routekaart_selectors
    from routekaart.constants import PlanningStatus
    from wup import demo as wup_demo
    from wup import selectors as wup_selectors

    # given the whole demo (plans with their parties, then routekaarten, events, decisions)
    wup_demo.load()
    first = demo.load()
    vandaag = timezone.localdate()
    plans = list(wup_selectors.plan_list())
    trouble = plans[-1]
    # then the plan in trouble is behind schedule, from its routekaart
    schema = selectors.latest_snapshots(plan_ids=[p.id for p in plans], indicator="schema")
    assert schema[trouble.id]["schema"].status in ("aandacht", "uit_koers")
    assert schema[trouble.id]["schema"].details["over_tijd"] >= 2
    # its grid reinforcement (the netbeheerder's) is late: forecast moved with a reason, overdue
    mijlpalen = routekaart_selectors.mijlpalen_list(plan=trouble, vandaag=vandaag)
    net = next(m for m in mijlpalen if m.verantwoordelijke and m.verantwoordelijke.soort == "netbeheerder")
    assert net.verantwoordelijke.naam == "Stedin" and net.planning == PlanningStatus.OVER_TIJD
    assert net.prognose > net.basisdatum and net.verschuivingen.get().reden.startswith("Levering transformator")
    # and an open agreement that depends on it is overdue, first in the matrix
    matrix = routekaart_selectors.afspraken_matrix(plan=trouble, vandaag=vandaag)
    assert matrix[0].planning == PlanningStatus.OVER_TIJD and matrix[0].status == "open"
    assert any(a.afhankelijk_van.exists() and a.planning == PlanningStatus.OVER_TIJD for a in matrix)
    # and its road works close before the grid is expected: a warning beside the milestone
    assert any(k.waarschuwingen for k in routekaart_selectors.koppelkansen_list(plan=trouble, vandaag=vandaag))
    # the other plans are on schedule, with coupling opportunities and their permits
    for plan in plans[:-1]:
        assert schema[plan.id]["schema"].status == "op_koers", plan.titel
        assert schema[plan.id]["schema"].details["over_tijd"] == 0, plan.titel
        assert routekaart_selectors.koppelkansen_list(plan=plan, vandaag=vandaag)[0].vergunningen.exists()
    # every milestone/agreement event came from the routekaart, none typed in by the demo
    routekaart_types = [t for t in GebeurtenisType.values if t.startswith(("mijlpaal_", "afspraak_"))]
    assert set(Gebeurtenis.objects.filter(type__in=routekaart_types).values_list("bron", flat=True)) == {"routekaart"}
    # and the overview shows one plan in trouble (most lights red), the others at most one red
    rood = {r["plan"].id: sum(c["status"] == "uit_koers" for c in r["cellen"]) for r in selectors.dashboard_overview()}
    assert rood[trouble.id] > 3 and all(rood[p.id] <= 1 for p in plans[:-1]), rood
    # and a second load adds nothing
    assert "4 route maps" in first
    second = demo.load()
    assert second.startswith("0 events") and "0 route maps" in second
