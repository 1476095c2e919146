"""Rules of the plan services (create, update, lifecycle, phases, dates): each valid and invalid.
The kaders' rules are in test_services_kaders.py."""

from __future__ import annotations

import datetime as dt

import pghistory.models
import pytest
from django.core.exceptions import ValidationError

from core.constants import Role
from wup import services
from wup.constants import PLAN_TRANSITIONS, Focus, KeuzeSoort, Metriek, PlanStatus, Techniekrichting
from wup.models import Plan, PlanStatusWijziging, TechniekKader

from .factories import (
    BuurtFactory,
    PlanFactory,
    TechniekKaderFactory,
    TussendoelFactory,
    WijkFactory,
    wgiw_compleet,
)

pytestmark = pytest.mark.django_db


# --- plan_create / plan_update ---------------------------------------------------------------


def test_plan_create_makes_a_concept_plan_with_its_buurten():
    # given a wijk with two buurten
    wijk = WijkFactory()
    buurten = [BuurtFactory(wijk=wijk), BuurtFactory(wijk=wijk)]
    # when a plan is created for it
    plan = services.plan_create(
        titel="Schothorst-Noord",
        wijk=wijk,
        buurten=buurten,
        focus=Focus.WAT,
        techniekrichting=Techniekrichting.WARMTENET_MT,
        startdatum=dt.date(2025, 1, 1),
        doeljaar_aardgasvrij=2032,
    )
    # then it is a concept with those buurten in the wijk's municipality
    assert plan.status == PlanStatus.CONCEPT
    assert set(plan.buurten.all()) == set(buurten)
    assert plan.gemeente == wijk.gemeente


def test_plan_create_refuses_a_buurt_outside_the_wijk():
    # given a buurt in another wijk
    wijk, andere = WijkFactory(), WijkFactory()
    buurt = BuurtFactory(wijk=andere)
    # when / then
    with pytest.raises(ValidationError) as exc:
        services.plan_create(titel="X", wijk=wijk, buurten=[buurt])
    assert "buurten" in exc.value.message_dict
    assert not Plan.objects.filter(titel="X").exists()


def test_plan_create_refuses_target_year_before_start():
    with pytest.raises(ValidationError) as exc:
        services.plan_create(titel="X", startdatum=dt.date(2030, 1, 1), doeljaar_aardgasvrij=2025)
    assert "doeljaar_aardgasvrij" in exc.value.message_dict


def test_plan_create_copies_default_kaders_when_asked():
    # given municipality-wide kaders (plan NULL)
    services.techniekkader_create(
        plan=None, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.UITGESLOTEN, reden="Schaars."
    )
    services.kernwaarde_create(plan=None, pool_links="Big bang", pool_rechts="Geleidelijk", waarom="Rust.")
    services.ambitie_create(plan=None, omschrijving="Samen", partijen="Gemeente, corporatie")
    # when a plan inherits them and another does not
    met = services.plan_create(titel="Met kaders", kaders_overnemen=True)
    zonder = services.plan_create(titel="Zonder kaders", kaders_overnemen=False)
    # then the first has copies, the second none, and the defaults are untouched
    assert met.techniekkaders.get().techniekrichting == Techniekrichting.GROEN_GAS
    assert met.kernwaarden.get().waarom == "Rust."
    assert met.ambities.count() == 1
    assert not zonder.techniekkaders.exists() and not zonder.kernwaarden.exists()
    assert TechniekKader.objects.filter(plan__isnull=True).count() == 1


def test_plan_create_refuses_a_direction_the_inherited_kaders_exclude():
    # given a default kader excluding green gas
    services.techniekkader_create(
        plan=None, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.UITGESLOTEN, reden="Schaars."
    )
    # when a plan choosing green gas inherits it, then it is refused and nothing is saved
    with pytest.raises(ValidationError) as exc:
        services.plan_create(titel="Groen", techniekrichting=Techniekrichting.GROEN_GAS, kaders_overnemen=True)
    assert "techniekrichting" in exc.value.message_dict
    assert not Plan.objects.filter(titel="Groen").exists()


def test_plan_update_refuses_an_excluded_direction_and_keeps_the_plan():
    # given a plan whose kaders exclude all-electric
    plan = PlanFactory(techniekrichting=Techniekrichting.OPEN)
    TechniekKaderFactory(plan=plan, techniekrichting=Techniekrichting.ALL_ELECTRIC, soort=KeuzeSoort.UITGESLOTEN)
    # when the direction is set to all-electric
    with pytest.raises(ValidationError) as exc:
        services.plan_update(plan=plan, techniekrichting=Techniekrichting.ALL_ELECTRIC)
    # then the message names the rule and the plan is unchanged
    assert "uit" in exc.value.message_dict["techniekrichting"][0]
    plan.refresh_from_db()
    assert plan.techniekrichting == Techniekrichting.OPEN


def test_plan_update_accepts_an_allowed_direction():
    plan = PlanFactory()
    TechniekKaderFactory(plan=plan, techniekrichting=Techniekrichting.ALL_ELECTRIC, soort=KeuzeSoort.UITGESLOTEN)
    services.plan_update(plan=plan, techniekrichting=Techniekrichting.HYBRIDE, titel="Nieuw")
    plan.refresh_from_db()
    assert (plan.techniekrichting, plan.titel) == (Techniekrichting.HYBRIDE, "Nieuw")


def test_plan_update_refuses_a_timeline_that_leaves_a_goal_outside():
    # given a goal with deadline 2034
    plan = PlanFactory(startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2035)
    TussendoelFactory(plan=plan, deadline=dt.date(2034, 6, 1))
    # when the target year moves before it
    with pytest.raises(ValidationError) as exc:
        services.plan_update(plan=plan, doeljaar_aardgasvrij=2030)
    # then it is refused on that field
    assert "doeljaar_aardgasvrij" in exc.value.message_dict


def test_plan_update_writes_a_history_row():
    # given a plan
    plan = PlanFactory(titel="Oud")
    before = pghistory.models.Events.objects.tracks(plan).count()
    # when it is edited
    with pghistory.context(user=1):
        services.plan_update(plan=plan, titel="Nieuw")
    # then an update event with old and new title exists
    events = list(plan.events.order_by("pgh_id"))
    assert pghistory.models.Events.objects.tracks(plan).count() == before + 1
    assert events[-1].pgh_label == "update"
    assert events[-1].titel == "Nieuw"
    assert events[-2].titel == "Oud"


# --- plan_transition ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "van,naar", [(van, naar) for van, naars in PLAN_TRANSITIONS.items() for naar in naars if naar != "vastgesteld"]
)
def test_every_allowed_transition_is_recorded(van, naar, user_for):
    # given a plan in status van
    door = user_for(Role.AMBTENAAR)
    extra = {"vastgesteld_op": dt.date(2025, 6, 1), "raadsbesluit_kenmerk": "RB-1"} if van == "vastgesteld" else {}
    plan = PlanFactory(status=van, **extra)
    # when it moves to naar
    services.plan_transition(plan=plan, naar=naar, door=door, toelichting="Besloten")
    # then the status changed and the change is recorded with who
    plan.refresh_from_db()
    assert plan.status == naar
    wijziging = PlanStatusWijziging.objects.get(plan=plan)
    assert (wijziging.van, wijziging.naar, wijziging.door, wijziging.toelichting) == (van, naar, door, "Besloten")
    assert wijziging.op is not None


@pytest.mark.parametrize(
    "van,naar",
    [
        (PlanStatus.CONCEPT, PlanStatus.VASTGESTELD),
        (PlanStatus.CONCEPT, PlanStatus.IN_UITVOERING),
        (PlanStatus.AFGEROND, PlanStatus.CONCEPT),
        (PlanStatus.GESTOPT, PlanStatus.IN_UITVOERING),
        (PlanStatus.IN_UITVOERING, PlanStatus.CONCEPT),
    ],
)
def test_a_transition_not_in_the_lifecycle_is_refused(van, naar, user_for):
    plan = PlanFactory(status=van)
    with pytest.raises(ValidationError) as exc:
        services.plan_transition(
            plan=plan,
            naar=naar,
            door=user_for(Role.AMBTENAAR),
            vastgesteld_op=dt.date(2025, 1, 1),
            raadsbesluit_kenmerk="RB",
        )
    assert "naar" in exc.value.message_dict
    plan.refresh_from_db()
    assert plan.status == van
    assert not PlanStatusWijziging.objects.exists()


def test_vastgesteld_requires_date_and_reference(user_for):
    # given a plan in consultation
    plan = PlanFactory(in_consultatie=True)
    # when adopted without date and reference, then both fields are reported
    with pytest.raises(ValidationError) as exc:
        services.plan_transition(plan=plan, naar=PlanStatus.VASTGESTELD, door=user_for(Role.AMBTENAAR))
    assert set(exc.value.message_dict) == {"vastgesteld_op", "raadsbesluit_kenmerk"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_CONSULTATIE


def test_vastgesteld_with_date_and_reference_is_stored(user_for):
    plan = wgiw_compleet(PlanFactory(in_consultatie=True))
    services.plan_transition(
        plan=plan,
        naar=PlanStatus.VASTGESTELD,
        door=user_for(Role.AMBTENAAR),
        vastgesteld_op=dt.date(2025, 9, 18),
        raadsbesluit_kenmerk="RB-2025-042",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.VASTGESTELD
    assert (plan.vastgesteld_op, plan.raadsbesluit_kenmerk) == (dt.date(2025, 9, 18), "RB-2025-042")


def test_fase_end_before_start_is_refused():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.fase_create(plan=plan, naam="Fase 1", startdatum=dt.date(2026, 1, 1), einddatum=dt.date(2025, 1, 1))
    assert "einddatum" in exc.value.message_dict
    assert services.fase_create(
        plan=plan, naam="Fase 1", startdatum=dt.date(2025, 1, 1), einddatum=dt.date(2026, 1, 1)
    ).pk


@pytest.mark.parametrize("field", ["startdatum", "vastgesteld_op"])
def test_a_plan_date_outside_2000_2100_is_refused_at_its_field(field):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as excinfo:
        if field == "startdatum":
            services.plan_update(plan=plan, startdatum=dt.date(1, 1, 1))
        else:
            plan.vastgesteld_op = dt.date(2101, 1, 1)
            plan.full_clean()
    assert field in excinfo.value.message_dict


def test_a_phase_or_goal_in_year_1_is_refused():
    plan = PlanFactory(startdatum=None, doeljaar_aardgasvrij=None)
    with pytest.raises(ValidationError) as excinfo:
        services.fase_create(plan=plan, naam="Fase", startdatum=dt.date(1, 1, 1), einddatum=dt.date(2030, 1, 1))
    assert "startdatum" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.tussendoel_create(
            plan=plan,
            omschrijving="Doel",
            metriek=Metriek.WONINGEN_AARDGASVRIJ,
            streefwaarde=1,
            deadline=dt.date(2101, 1, 1),
            eigenaar="gemeente",
        )
    assert "deadline" in excinfo.value.message_dict
