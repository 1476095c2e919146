"""The Wgiw parts of a plan through their services, and adoption refused while incomplete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from core.constants import Role
from wup import selectors, services
from wup.constants import KostenEenheid, MaatregelSoort, PlanStatus, Techniekrichting, WaarborgSoort, Zekerheid
from wup.models import Investering, Maatregel, OverwogenAlternatief, Plan, Waarborg

from .factories import BuurtFactory, PartijFactory, PlanFactory, wgiw_compleet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _adopt(plan, user_for, op=dt.date(2026, 6, 1)):
    return services.plan_transition(
        plan=plan,
        naar=PlanStatus.VASTGESTELD,
        door=user_for(Role.AMBTENAAR),
        vastgesteld_op=op,
        raadsbesluit_kenmerk="RB-2026-001",
    )


def test_an_incomplete_plan_is_not_adopted_and_the_list_says_why(user_for):
    # given a plan in consultation with no Wgiw content
    plan = PlanFactory(in_consultatie=True)
    # when the council's adoption is recorded
    with pytest.raises(ValidationError) as exc:
        _adopt(plan, user_for)
    # then it is refused with every missing part, and nothing changed
    meldingen = exc.value.message_dict[NON_FIELD_ERRORS]
    assert any(m.startswith("Einde gaslevering") for m in meldingen)
    assert any(m.startswith("Investeringen") for m in meldingen)
    assert len(meldingen) == 13  # 8 parts + 5 safeguards
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_CONSULTATIE and plan.vastgesteld_op is None


def test_a_complete_plan_is_adopted(user_for):
    plan = wgiw_compleet(PlanFactory(in_consultatie=True))
    assert _adopt(plan, user_for).status == PlanStatus.VASTGESTELD


def test_with_the_power_a_gas_end_within_eight_years_of_the_decision_refuses_adoption(user_for):
    # given the aanwijsbevoegdheid, no separate rule date, gas ending 7 years after the decision
    plan = wgiw_compleet(PlanFactory(in_consultatie=True), aanwijsbevoegdheid=True, gas_einddatum=dt.date(2033, 6, 1))
    # when adopted on 1-6-2026 (the rule's date by default)
    with pytest.raises(ValidationError) as exc:
        _adopt(plan, user_for)
    # then the Wgiw's eight years are cited
    assert "ten minste acht jaar" in exc.value.message_dict[NON_FIELD_ERRORS][0]
    # and without the power it is adopted (a warning only)
    plan = services.plan_wgiw_update(plan=plan, aanwijsbevoegdheid=False)
    assert selectors.plan_wgiw_check(plan=plan, vastgesteld_op=dt.date(2026, 6, 1)).waarschuwingen
    assert _adopt(plan, user_for).status == PlanStatus.VASTGESTELD


def test_plan_wgiw_update_refuses_a_date_out_of_range_and_saves_nothing():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        services.plan_wgiw_update(plan=plan, gas_einddatum=dt.date(1900, 1, 1), keuzeruimte="Veel")
    assert "gas_einddatum" in exc.value.message_dict
    plan.refresh_from_db()
    assert plan.gas_einddatum is None and plan.keuzeruimte == ""


def test_a_party_of_another_plan_is_refused():
    plan = PlanFactory()
    vreemd = PartijFactory()  # of another plan
    with pytest.raises(ValidationError) as exc:
        services.investering_create(
            plan=plan,
            partij=vreemd,
            wat="Net",
            bedrag=10,
            periode_van=2026,
            periode_tot=2027,
            zekerheid=Zekerheid.ZEKER,
        )
    assert exc.value.message_dict["partij"] == ["Kies partijen van dit plan."]
    with pytest.raises(ValidationError):
        services.maatregel_create(
            plan=plan, soort=MaatregelSoort.GEBOUWEN, wat="Isolatie", waar="Overal", wanneer="2027", partij=vreemd
        )
    assert not Investering.objects.exists() and not Maatregel.objects.exists()


@pytest.mark.parametrize(
    ("bedrag", "van", "tot", "veld"),
    [(-1, 2026, 2027, "bedrag"), (10**11 + 1, 2026, 2027, "bedrag"), (5, 2030, 2027, "periode_tot")],
)
def test_an_investment_out_of_range_is_refused(bedrag, van, tot, veld):
    plan = PlanFactory()
    partij = PartijFactory(plan=plan)
    with pytest.raises(ValidationError) as exc:
        services.investering_create(
            plan=plan,
            partij=partij,
            wat="Net",
            bedrag=Decimal(bedrag),
            periode_van=van,
            periode_tot=tot,
            zekerheid=Zekerheid.VERWACHT,
        )
    assert veld in exc.value.message_dict


def test_at_most_one_chosen_alternative_and_one_row_per_safeguard():
    plan = PlanFactory()
    kwargs = {"nationale_kosten": 100, "eenheid": KostenEenheid.EURO_PER_WONING, "bron": "PBL", "gekozen": True}
    services.overwogen_alternatief_create(plan=plan, techniekrichting=Techniekrichting.ALL_ELECTRIC, **kwargs)
    with pytest.raises(ValidationError) as exc:
        services.overwogen_alternatief_create(plan=plan, techniekrichting=Techniekrichting.HYBRIDE, **kwargs)
    assert "gekozen" in exc.value.message_dict
    services.waarborg_create(plan=plan, soort=WaarborgSoort.BETAALBAARHEID, invulling="Woonlastengarantie")
    with pytest.raises(ValidationError) as exc:
        services.waarborg_create(plan=plan, soort=WaarborgSoort.BETAALBAARHEID, invulling="Nogmaals")
    assert exc.value.message_dict["soort"] == ["Dit plan beschrijft deze waarborg al."]
    assert (OverwogenAlternatief.objects.count(), Waarborg.objects.count()) == (1, 1)


def test_a_gas_end_date_per_buurt_only_for_a_buurt_of_the_plan():
    plan = PlanFactory()
    eigen = BuurtFactory(wijk=plan.wijk)
    plan.buurten.add(eigen)
    services.gas_einddatum_buurt_create(plan=plan, buurt=eigen, datum=dt.date(2040, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.gas_einddatum_buurt_create(plan=plan, buurt=BuurtFactory(), datum=dt.date(2040, 1, 1))
    assert "buurt" in exc.value.message_dict


def test_the_wgiw_parts_are_in_the_plan_history():
    plan = PlanFactory()
    partij = services.partij_create(plan=plan, naam="Stedin")
    services.maatregel_create(
        plan=plan,
        soort=MaatregelSoort.OPENBARE_RUIMTE,
        wat="Netverzwaring",
        waar="Dorpsstraat",
        wanneer="2028",
        partij=partij,
    )
    services.plan_wgiw_update(plan=plan, keuzeruimte="Eigen moment")
    soorten = {(e.soort, e.actie) for e in selectors.plan_history(plan=Plan.objects.get(pk=plan.pk))}
    assert ("Maatregel", "insert") in soorten
    assert ("Plan", "update") in soorten
