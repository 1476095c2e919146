"""Rules of the kader services (techniekkaders, kernwaarden, ambities, tussendoelen): each valid and invalid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wup import services
from wup.constants import KeuzeSoort, Metriek, Techniekrichting
from wup.models import Kernwaarde, Tussendoel

from .factories import (
    KernwaardeFactory,
    PartijFactory,
    PlanFactory,
    TechniekKaderFactory,
)

pytestmark = pytest.mark.django_db


# --- techniekkaders ------------------------------------------------------------------------


def test_excluding_the_plans_own_direction_is_refused():
    # given a plan choosing a heat network
    plan = PlanFactory(techniekrichting=Techniekrichting.WARMTENET_MT)
    # when a kader excludes that direction, then it is refused
    with pytest.raises(ValidationError) as exc:
        services.techniekkader_create(
            plan=plan, techniekrichting=Techniekrichting.WARMTENET_MT, soort=KeuzeSoort.UITGESLOTEN, reden="Te duur"
        )
    assert "soort" in exc.value.message_dict
    assert not plan.techniekkaders.exists()


def test_changing_a_chosen_kader_into_an_exclusion_of_the_plans_direction_is_refused():
    plan = PlanFactory(techniekrichting=Techniekrichting.WARMTENET_MT)
    kader = services.techniekkader_create(
        plan=plan, techniekrichting=Techniekrichting.WARMTENET_MT, soort=KeuzeSoort.GEKOZEN, reden="Restwarmte"
    )
    with pytest.raises(ValidationError):
        services.techniekkader_update(kader=kader, soort=KeuzeSoort.UITGESLOTEN)
    kader.refresh_from_db()
    assert kader.soort == KeuzeSoort.GEKOZEN


def test_excluding_another_direction_is_accepted_and_can_be_deleted():
    plan = PlanFactory(techniekrichting=Techniekrichting.WARMTENET_MT)
    kader = services.techniekkader_create(
        plan=plan, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.UITGESLOTEN, reden="Schaars"
    )
    assert kader.pk
    services.techniekkader_delete(kader=kader)
    assert not plan.techniekkaders.exists()


def test_a_second_kader_for_the_same_direction_is_refused():
    plan = PlanFactory()
    TechniekKaderFactory(plan=plan, techniekrichting=Techniekrichting.GROEN_GAS)
    with pytest.raises(ValidationError) as exc:
        services.techniekkader_create(
            plan=plan, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.GEKOZEN, reden="x"
        )
    assert "techniekrichting" in exc.value.message_dict


def test_a_kader_needs_a_reason():
    with pytest.raises(ValidationError) as exc:
        services.techniekkader_create(
            plan=PlanFactory(), techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.GEKOZEN, reden="  "
        )
    assert "reden" in exc.value.message_dict


# --- kernwaarden and ambities ---------------------------------------------------------------


def test_kernwaarde_requires_a_why():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.kernwaarde_create(plan=plan, pool_links="Koplopers", pool_rechts="Vangnet", waarom=" ")
    assert "waarom" in exc.value.message_dict
    assert not Kernwaarde.objects.exists()


def test_kernwaarde_with_why_is_saved_and_updated():
    plan = PlanFactory()
    waarde = services.kernwaarde_create(
        plan=plan, pool_links="Koplopers", pool_rechts="Vangnet", positie=70, waarom="Niemand blijft achter."
    )
    services.kernwaarde_update(kernwaarde=waarde, positie=80)
    waarde.refresh_from_db()
    assert waarde.positie == 80


@pytest.mark.parametrize("positie", [101, 150])
def test_kernwaarde_position_out_of_range_is_refused(positie):
    with pytest.raises(ValidationError) as exc:
        services.kernwaarde_create(plan=PlanFactory(), pool_links="A", pool_rechts="B", positie=positie, waarom="x")
    assert "positie" in exc.value.message_dict


def test_kernwaarde_poles_must_differ():
    with pytest.raises(ValidationError) as exc:
        services.kernwaarde_create(plan=PlanFactory(), pool_links="A", pool_rechts="a", waarom="x")
    assert "pool_rechts" in exc.value.message_dict


def test_ambitie_needs_description_and_parties():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.ambitie_create(plan=plan, omschrijving="", partijen="")
    assert {"omschrijving", "betrokken_partijen"} <= set(exc.value.message_dict)
    ambitie = services.ambitie_create(plan=plan, omschrijving="Samen", partijen="Gemeente, Eneco")
    services.ambitie_update(ambitie=ambitie, partijen="Gemeente")
    stedin = services.partij_create(plan=plan, naam="Stedin", soort="netbeheerder")
    services.ambitie_update(ambitie=ambitie, partijen="", betrokken_partijen=[stedin])
    assert list(ambitie.betrokken_partijen.all()) == [stedin]
    with pytest.raises(ValidationError) as exc:  # a party of another plan is refused
        services.ambitie_update(ambitie=ambitie, betrokken_partijen=[PartijFactory()])
    assert "betrokken_partijen" in exc.value.message_dict
    services.ambitie_delete(ambitie=ambitie)
    assert not plan.ambities.exists()


# --- tussendoelen --------------------------------------------------------------------------


def _doel(plan, **kwargs):
    values = {
        "plan": plan,
        "omschrijving": "Isoleren",
        "metriek": Metriek.WONINGEN_GEISOLEERD,
        "streefwaarde": 100,
        "deadline": dt.date(2030, 1, 1),
        "eigenaar": "Projectleider",
    }
    values.update(kwargs)
    return services.tussendoel_create(**values)


@pytest.mark.parametrize(
    "deadline,ok",
    [
        (dt.date(2025, 1, 1), True),  # first day of the plan
        (dt.date(2035, 12, 31), True),  # last day of the target year
        (dt.date(2024, 12, 31), False),
        (dt.date(2036, 1, 1), False),
    ],
)
def test_tussendoel_deadline_lies_inside_the_timeline(deadline, ok):
    plan = PlanFactory(startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2035)
    if ok:
        assert _doel(plan, deadline=deadline).pk
    else:
        with pytest.raises(ValidationError) as exc:
            _doel(plan, deadline=deadline)
        assert "deadline" in exc.value.message_dict
        assert not Tussendoel.objects.exists()


@pytest.mark.parametrize(
    "metriek,waarde,ok",
    [
        (Metriek.VERTROUWEN, "3.5", True),
        (Metriek.VERTROUWEN, "5", True),
        (Metriek.VERTROUWEN, "0.5", False),
        (Metriek.VERTROUWEN, "6", False),
        (Metriek.PARTICIPATIEGRAAD, "100", True),
        (Metriek.PARTICIPATIEGRAAD, "101", False),
        (Metriek.WONINGEN_AARDGASVRIJ, "5000", True),
        (Metriek.WONINGEN_AARDGASVRIJ, "-1", False),
    ],
)
def test_tussendoel_target_fits_the_metric_range(metriek, waarde, ok):
    plan = PlanFactory()
    if ok:
        assert _doel(plan, metriek=metriek, streefwaarde=Decimal(waarde)).pk
    else:
        with pytest.raises(ValidationError) as exc:
            _doel(plan, metriek=metriek, streefwaarde=Decimal(waarde))
        assert "streefwaarde" in exc.value.message_dict


def test_tussendoel_kernwaarde_must_belong_to_the_plan():
    plan = PlanFactory()
    vreemd = KernwaardeFactory()
    with pytest.raises(ValidationError) as exc:
        _doel(plan, kernwaarde=vreemd)
    assert "kernwaarde" in exc.value.message_dict
    eigen = KernwaardeFactory(plan=plan)
    assert _doel(plan, kernwaarde=eigen).kernwaarde == eigen


def test_tussendoel_update_rechecks_the_rules_and_writes_history():
    plan = PlanFactory()
    doel = _doel(plan)
    with pytest.raises(ValidationError):
        services.tussendoel_update(tussendoel=doel, deadline=dt.date(2040, 1, 1))
    doel.refresh_from_db()
    services.tussendoel_update(tussendoel=doel, streefwaarde=Decimal("150"))
    assert doel.events.filter(pgh_label="update").count() == 1
    pk = doel.pk
    services.tussendoel_delete(tussendoel=doel)
    assert Tussendoel.pgh_event_model.objects.filter(pgh_obj_id=pk, pgh_label="delete").count() == 1


def test_kader_edits_write_history_rows():
    plan = PlanFactory()
    kader = services.techniekkader_create(
        plan=plan, techniekrichting=Techniekrichting.GROEN_GAS, soort=KeuzeSoort.UITGESLOTEN, reden="Schaars"
    )
    services.techniekkader_update(kader=kader, reden="Schaars en duur")
    labels = list(kader.events.order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update"]
