"""The routekaart's writes: date rules, dependencies, and one event per change."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from logboek.constants import GebeurtenisBron
from logboek.constants import GebeurtenisType as T
from logboek.models import Gebeurtenis
from routekaart import selectors, services
from routekaart.constants import AfspraakStatus, MijlpaalUitkomst, PlanningStatus
from routekaart.models import Afspraak, Mijlpaal, Verschuiving
from routekaart.planning import cyclus, fasen_spreiden, planning_status
from wup.tests.factories import PartijFactory, PlanFactory

from .factories import afspraak, mijlpaal

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 12, 4)


def _events(plan, *types):
    qs = Gebeurtenis.objects.filter(plan=plan, bron=GebeurtenisBron.ROUTEKAART)
    return list(qs.filter(type__in=types)) if types else list(qs)


# --- Date rules (pure, against a frozen today) -------------------------------------------


@pytest.mark.parametrize(
    ("basis", "prognose", "afgerond", "gemist", "status"),
    [
        (dt.date(2027, 1, 1), dt.date(2027, 1, 1), None, False, PlanningStatus.GEPLAND),
        (dt.date(2026, 12, 4), dt.date(2026, 12, 4), None, False, PlanningStatus.GEPLAND),  # due today: not yet late
        (dt.date(2027, 1, 1), dt.date(2027, 3, 1), None, False, PlanningStatus.VERWACHT_TE_LAAT),
        (
            dt.date(2026, 12, 3),
            dt.date(2027, 3, 1),
            None,
            False,
            PlanningStatus.OVER_TIJD,
        ),  # forecast moved: still overdue
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 1), False, PlanningStatus.OP_TIJD),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 2), False, PlanningStatus.TE_LAAT),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1), dt.date(2026, 10, 1), True, PlanningStatus.GEMIST),
    ],
)
def test_planning_status_derived_from_dates_against_today(basis, prognose, afgerond, gemist, status):
    assert (
        planning_status(basisdatum=basis, prognose=prognose, afgerond_op=afgerond, gemist=gemist, vandaag=VANDAAG)
        == status
    )


def test_cyclus_names_the_chain_and_none_without_one():
    assert cyclus(1, {1: [2], 2: [3], 3: [1]}) == [1, 2, 3]
    assert cyclus(1, {1: [2], 2: [3], 3: []}) is None
    assert cyclus(1, {1: [2, 3], 2: [3], 3: []}) is None  # a diamond is not a cycle


def test_fasen_spreiden_covers_the_period_without_gaps():
    fasen = fasen_spreiden(begin=dt.date(2026, 1, 1), eind=dt.date(2031, 12, 31), aantal=6)
    assert fasen[0][0] == dt.date(2026, 1, 1) and fasen[-1][1] == dt.date(2031, 12, 31)
    assert all(fasen[i][1] + dt.timedelta(days=1) == fasen[i + 1][0] for i in range(5))


# --- Milestones --------------------------------------------------------------------------------


def test_mijlpaal_create_appends_one_planned_event_with_its_baseline():
    m = mijlpaal(basisdatum=dt.date(2027, 3, 1))
    (event,) = _events(m.plan)
    assert event.type == T.MIJLPAAL_GEPLAND
    assert event.payload["gepland"] == "2027-03-01" and event.payload["mijlpaal"] == m.pk
    assert event.datum == timezone.localdate()
    assert m.prognose == m.basisdatum


def test_prognose_verplaatsen_keeps_history_and_appends_once(ambtenaar):
    m = mijlpaal(basisdatum=dt.date(2027, 3, 1))
    assert services.prognose_verplaatsen(
        item=m, prognose=dt.date(2027, 6, 1), reden="Netbeheerder later", door=ambtenaar
    )
    # the same move again (double submit, second tab) changes and appends nothing
    assert not services.prognose_verplaatsen(item=m, prognose=dt.date(2027, 6, 1), reden="Netbeheerder later")
    m.refresh_from_db()
    assert (m.basisdatum, m.prognose, m.prognose_reden) == (
        dt.date(2027, 3, 1),
        dt.date(2027, 6, 1),
        "Netbeheerder later",
    )
    (historie,) = Verschuiving.objects.filter(mijlpaal=m)
    assert (historie.van, historie.naar, historie.door) == (dt.date(2027, 3, 1), dt.date(2027, 6, 1), ambtenaar)
    (event,) = _events(m.plan, T.MIJLPAAL_VERSCHOVEN)
    assert event.payload["van"] == "2027-03-01" and event.payload["naar"] == "2027-06-01"


def test_prognose_verplaatsen_needs_a_reason_and_a_sane_date():
    m = mijlpaal()
    with pytest.raises(ValidationError) as exc:
        services.prognose_verplaatsen(item=m, prognose=dt.date(2027, 6, 1), reden="  ")
    assert "reden" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.prognose_verplaatsen(item=m, prognose=dt.date(2101, 1, 1), reden="x")
    assert "prognose" in exc.value.message_dict
    assert not Verschuiving.objects.exists()


def test_afronden_in_the_future_is_refused():
    m = mijlpaal()
    morgen = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.afronden(item=m, uitkomst=MijlpaalUitkomst.BEREIKT, datum=morgen)
    assert "toekomst" in str(exc.value.message_dict["afgerond_op"])
    m.refresh_from_db()
    assert m.uitkomst == MijlpaalUitkomst.OPEN


def test_afronden_twice_appends_one_event_and_another_outcome_is_refused():
    m = mijlpaal(basisdatum=dt.date(2026, 1, 1))
    datum = dt.date(2025, 12, 20)
    assert services.afronden(item=m, uitkomst=MijlpaalUitkomst.BEREIKT, datum=datum)
    assert not services.afronden(item=m, uitkomst=MijlpaalUitkomst.BEREIKT, datum=datum)
    with pytest.raises(ValidationError):
        services.afronden(item=m, uitkomst=MijlpaalUitkomst.GEMIST, datum=datum)
    (event,) = _events(m.plan, T.MIJLPAAL_BEREIKT)
    assert event.datum == datum and event.payload["gepland"] == "2026-01-01"
    with pytest.raises(ValidationError):  # a completed milestone's forecast no longer moves
        services.prognose_verplaatsen(item=m, prognose=dt.date(2027, 1, 1), reden="x")


@pytest.mark.django_db(transaction=True)
def test_concurrent_completions_append_exactly_one_event():
    m = mijlpaal(basisdatum=dt.date(2026, 1, 1))
    barrier = threading.Barrier(4)
    results, errors = [], []

    def complete():
        try:
            barrier.wait()
            results.append(
                services.afronden(item=Mijlpaal.objects.get(pk=m.pk), uitkomst="bereikt", datum=dt.date(2026, 1, 1))
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [False, False, False, True]
    assert len(_events(m.plan, T.MIJLPAAL_BEREIKT)) == 1


def test_mijlpaal_refuses_party_or_phase_of_another_plan():
    plan = PlanFactory()
    vreemd = PartijFactory()
    with pytest.raises(ValidationError) as exc:
        mijlpaal(plan, verantwoordelijke=vreemd)
    assert "verantwoordelijke" in exc.value.message_dict
    assert not Mijlpaal.objects.exists() and not Gebeurtenis.objects.exists()


# --- Agreements and their dependencies -------------------------------------------------------


def test_afspraak_cycle_is_refused_with_the_chain_named():
    plan = PlanFactory()
    a = afspraak(plan, wat="Netverzwaring", basisdatum=dt.date(2027, 1, 1))
    b = afspraak(plan, wat="Aansluitaanbod", basisdatum=dt.date(2027, 3, 1), afhankelijk_van=[a])
    with pytest.raises(ValidationError) as exc:
        services.afspraak_update(afspraak=a, afhankelijk_van=[b])
    message = exc.value.message_dict["afhankelijk_van"][0]
    assert "cirkel" in message and "Netverzwaring" in message and "Aansluitaanbod" in message
    assert list(a.afhankelijk_van.all()) == []


def test_afspraak_date_before_its_dependency_is_refused_both_ways():
    plan = PlanFactory()
    a = afspraak(plan, wat="Netverzwaring", basisdatum=dt.date(2027, 6, 1))
    with pytest.raises(ValidationError) as exc:
        afspraak(plan, wat="Aansluitaanbod", basisdatum=dt.date(2027, 3, 1), afhankelijk_van=[a])
    assert "Netverzwaring" in exc.value.message_dict["prognose"][0]
    assert Afspraak.objects.count() == 1
    b = afspraak(plan, wat="Aansluitaanbod", basisdatum=dt.date(2027, 9, 1), afhankelijk_van=[a])
    with pytest.raises(ValidationError) as exc:  # moving the prerequisite past its dependant
        services.prognose_verplaatsen(item=a, prognose=dt.date(2027, 10, 1), reden="Later")
    assert "Aansluitaanbod" in exc.value.message_dict["prognose"][0]
    with pytest.raises(ValidationError):  # kept before what it depends on is done
        services.afronden(item=b, uitkomst=AfspraakStatus.NAGEKOMEN, datum=timezone.localdate())


def test_afspraak_between_two_different_parties_of_the_plan():
    plan = PlanFactory()
    p = PartijFactory(plan=plan)
    with pytest.raises(ValidationError) as exc:
        afspraak(plan, leverancier=p, ontvanger=p)
    assert "ontvanger" in exc.value.message_dict
    with pytest.raises(ValidationError):
        afspraak(plan, leverancier=PartijFactory())


def test_afspraak_kept_appends_its_event_once():
    a = afspraak(basisdatum=dt.date(2026, 1, 1))
    services.afronden(item=a, uitkomst=AfspraakStatus.NAGEKOMEN, datum=dt.date(2026, 2, 1))
    services.afronden(item=a, uitkomst=AfspraakStatus.NAGEKOMEN, datum=dt.date(2026, 2, 1))
    assert sorted(e.type for e in _events(a.plan)) == [T.AFSPRAAK_GEMAAKT, T.AFSPRAAK_NAGEKOMEN]
    (a,) = selectors.afspraken_list(plan=a.plan, vandaag=VANDAAG)
    assert a.planning == PlanningStatus.TE_LAAT


# --- Phases ------------------------------------------------------------------------------------


def test_fasen_voorstel_spreads_national_steps_and_vastleggen_adds_decision_milestones():
    plan = PlanFactory(startdatum=dt.date(2026, 1, 1), doeljaar_aardgasvrij=2031)
    voorstel = services.fasen_voorstel(plan=plan)
    assert [f["naam"] for f in voorstel][:2] == ["Initiatie", "Verkenning"]
    assert voorstel[0]["startdatum"] == dt.date(2026, 1, 1) and voorstel[-1]["einddatum"] == dt.date(2031, 12, 31)
    fasen = services.fasen_vastleggen(plan=plan, fasen=voorstel)
    assert len(fasen) == 6
    besluiten = Mijlpaal.objects.filter(plan=plan, besluitmoment=True).order_by("basisdatum")
    assert [m.basisdatum for m in besluiten] == [f.einddatum for f in fasen]
    with pytest.raises(ValidationError):
        services.fasen_vastleggen(plan=plan, fasen=voorstel)


def test_deleting_an_item_records_its_removal_in_the_log_so_the_plan_is_recomputed(django_capture_on_commit_callbacks):
    from dashboard.services import recompute_request

    a = afspraak(basisdatum=dt.date(2026, 1, 1))
    m = mijlpaal(a.plan, basisdatum=dt.date(2026, 1, 1))
    with django_capture_on_commit_callbacks() as callbacks:
        services.mijlpaal_delete(mijlpaal=m)
        services.afspraak_delete(afspraak=a)
    assert not Mijlpaal.objects.exists() and not Afspraak.objects.exists()
    kinds = sorted(e.type for e in _events(a.plan, T.MIJLPAAL_VERVALLEN, T.AFSPRAAK_VERVALLEN))
    assert kinds == [T.AFSPRAAK_VERVALLEN, T.MIJLPAAL_VERVALLEN]
    assert callbacks  # the after-append hook (the dashboard's recompute request) was queued
    assert recompute_request is not None
