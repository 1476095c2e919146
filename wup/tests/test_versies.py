"""Adopted versions (issue 12): adoption freezes the whole document, the database refuses to
change it, a change after adoption goes through a change proposal that creates a new version,
and a stopped plan is read-only everywhere."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core.constants import Role
from core.tests.factories import UserFactory
from wup import selectors, services
from wup.constants import PartijSoort, PlanStatus
from wup.models import PlanVersie
from wup.tests.factories import PlanFactory, vastgesteld_plan

pytestmark = pytest.mark.django_db

VASTGESTELD_OP = dt.date(2026, 3, 12)


def _adopted(**plan_fields):
    """A complete plan adopted through the service (so its version is frozen)."""
    return vastgesteld_plan(vastgesteld_op=VASTGESTELD_OP, kenmerk="RB-7", titel="Zonnewijk van het gas af")


def test_adoption_freezes_the_whole_document_as_data_and_pdf():
    # given / when a complete plan is adopted
    plan, door = _adopted()
    # then version 1 holds the council decision, every section and the rendered PDF
    versie = PlanVersie.objects.get(plan=plan)
    assert (versie.nummer, versie.vastgesteld_op, versie.raadsbesluit_kenmerk) == (1, VASTGESTELD_OP, "RB-7")
    assert versie.vastgelegd_door == door
    ids = [s["id"] for s in versie.inhoud["secties"]]
    assert ids[0] == "samenvatting" and "investeringen" in ids and "waarborgen" in ids and len(ids) == 13
    assert all(s["html"] and s["tekst"] for s in versie.inhoud["secties"])
    assert bytes(versie.pdf).startswith(b"%PDF")
    assert versie.inhoud["doeljaar_aardgasvrij"] == plan.doeljaar_aardgasvrij


def test_an_adopted_version_cannot_be_changed_or_deleted_even_by_sql():

    plan, _ = _adopted()
    versie = PlanVersie.objects.get(plan=plan)
    for statement, args in (
        ("UPDATE wup_planversie SET raadsbesluit_kenmerk = %s WHERE id = %s", ["Vervalst", versie.pk]),
        ("UPDATE wup_planversie SET pdf = %s WHERE id = %s", [b"%PDF-nep", versie.pk]),
        ("DELETE FROM wup_planversie WHERE id = %s", [versie.pk]),
    ):
        with pytest.raises(Exception, match="planversie_onveranderlijk"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, args)
    with pytest.raises(Exception, match="planversie_onveranderlijk"), transaction.atomic():
        PlanVersie.objects.filter(pk=versie.pk).update(raadsbesluit_kenmerk="Vervalst")
    versie.refresh_from_db()
    assert versie.raadsbesluit_kenmerk == "RB-7" and bytes(versie.pdf).startswith(b"%PDF")


def test_an_adopted_plan_is_read_only_until_a_change_proposal_is_opened():
    plan, door = _adopted()
    # when the plan, a kader or a Wgiw part is changed, each is refused in Dutch-ready words
    for change in (
        lambda: services.plan_update(plan=plan, samenvatting="Anders"),
        lambda: services.kernwaarde_create(plan=plan, pool_links="A", pool_rechts="B", positie=50, waarom="Omdat"),
        lambda: services.waarborg_update(waarborg=plan.waarborgen.first(), invulling="Anders"),
        lambda: services.fase_create(
            plan=plan, naam="Extra", startdatum=dt.date(2027, 1, 1), einddatum=dt.date(2027, 6, 1)
        ),
    ):
        with pytest.raises(ValidationError, match="wijzigingsvoorstel"):
            change()
    # but the living process goes on: parties can still be added
    services.partij_create(plan=plan, naam="Nieuwe installateur", soort=PartijSoort.OVERIG)


def test_a_change_after_adoption_creates_a_new_version_and_leaves_the_first_as_adopted():
    # given an adopted plan with an open change proposal
    plan, door = _adopted()
    plan = services.wijzigingsvoorstel_starten(plan=plan, door=door)
    # when one part changes and the council adopts the change
    investering = plan.investeringen.first()
    services.investering_update(investering=investering, bedrag=Decimal("1250000"))
    services.plan_update(plan=plan, samenvatting="Samen met bewoners, nu met een groter budget.")
    plan = services.wijziging_vaststellen(
        plan=plan, door=door, vastgesteld_op=timezone.localdate(), raadsbesluit_kenmerk="RB-8"
    )
    # then version 2 holds the change, version 1 is as adopted, and the plan is read-only again
    v1, v2 = PlanVersie.objects.filter(plan=plan).order_by("nummer")
    assert v1.inhoud["samenvatting"] == "Samen met bewoners van het gas af."
    assert v2.inhoud["samenvatting"] == "Samen met bewoners, nu met een groter budget."
    tekst = {s["id"]: s["tekst"] for s in v2.inhoud["secties"]}
    assert (
        "1.250.000" in tekst["investeringen"]
        and "1.250.000" not in {s["id"]: s["tekst"] for s in v1.inhoud["secties"]}["investeringen"]
    )
    assert (v2.nummer, v2.raadsbesluit_kenmerk) == (2, "RB-8")
    assert plan.wijzigingsvoorstel_sinds is None
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, samenvatting="Nog eens anders")
    assert selectors.plan_versie_get(plan=plan).nummer == 2
    assert [v.nummer for v in selectors.plan_versies(plan=plan)] == [2, 1]


@pytest.mark.parametrize(
    ("datum", "kenmerk", "veld"),
    [
        (None, "RB-8", "vastgesteld_op"),
        (dt.date(2026, 3, 1), "RB-8", "vastgesteld_op"),  # before version 1 (12 March 2026)
        ("morgen", "RB-8", "vastgesteld_op"),
        ("vandaag", "  ", "raadsbesluit_kenmerk"),
    ],
)
def test_adopting_a_change_needs_a_valid_decision(datum, kenmerk, veld):
    plan, door = _adopted()
    plan = services.wijzigingsvoorstel_starten(plan=plan, door=door)
    vandaag = timezone.localdate()
    datum = {"morgen": vandaag + dt.timedelta(days=1), "vandaag": vandaag}.get(datum, datum)
    with pytest.raises(ValidationError) as exc:
        services.wijziging_vaststellen(plan=plan, door=door, vastgesteld_op=datum, raadsbesluit_kenmerk=kenmerk)
    assert veld in exc.value.message_dict
    plan.refresh_from_db()
    assert plan.wijzigingsvoorstel_sinds is not None and PlanVersie.objects.filter(plan=plan).count() == 1


def test_a_change_proposal_must_pass_the_wgiw_check_too():
    plan, door = _adopted()
    plan = services.wijzigingsvoorstel_starten(plan=plan, door=door)
    services.gelijkwaardig_alternatief_delete(gelijkwaardig_alternatief=plan.gelijkwaardige_alternatieven.first())
    with pytest.raises(ValidationError):
        services.wijziging_vaststellen(
            plan=plan, door=door, vastgesteld_op=timezone.localdate(), raadsbesluit_kenmerk="RB-8"
        )
    assert PlanVersie.objects.filter(plan=plan).count() == 1


def test_a_change_proposal_only_on_an_adopted_plan_and_only_one_at_a_time():
    door = UserFactory(role=Role.AMBTENAAR)
    with pytest.raises(ValidationError):
        services.wijzigingsvoorstel_starten(plan=PlanFactory(), door=door)
    plan, door = _adopted()
    services.wijzigingsvoorstel_starten(plan=plan, door=door)
    with pytest.raises(ValidationError, match="al een openstaand"):
        services.wijzigingsvoorstel_starten(plan=plan, door=door)


def test_a_stopped_plan_is_read_only_everywhere():
    from participatie import services as participatie_services
    from routekaart import services as routekaart_services

    # given a plan that was stopped in consultation
    plan = PlanFactory(in_consultatie=True)
    partij = services.partij_create(plan=plan, naam="Stedin", soort=PartijSoort.NETBEHEERDER)
    plan = services.plan_transition(plan=plan, naar=PlanStatus.GESTOPT, door=UserFactory(role=Role.AMBTENAAR))
    # then nothing about it changes: plan, parties, route map, surveys, meetings
    vandaag = timezone.localdate()
    for change in (
        lambda: services.plan_update(plan=plan, titel="Toch door"),
        lambda: services.partij_update(partij=partij, naam="Anders"),
        lambda: services.partij_create(plan=plan, naam="Nieuw", soort=PartijSoort.OVERIG),
        lambda: routekaart_services.mijlpaal_create(plan=plan, naam="Besluit", basisdatum=vandaag),
        lambda: participatie_services.vragenlijst_create(plan=plan, titel="Nog een enquête"),
        lambda: participatie_services.bijeenkomst_create(
            plan=plan, soort="informatieavond", datum=timezone.now(), plaats="Buurthuis"
        ),
    ):
        with pytest.raises(ValidationError, match="niet meer worden gewijzigd"):
            change()
    plan.refresh_from_db()
    assert plan.titel != "Toch door"
