import pytest

from wup import demo
from wup.constants import PartijSoort, PlanStatus
from wup.models import Ambitie, Kernwaarde, Partij, Plan, Tussendoel

pytestmark = pytest.mark.django_db


def _load() -> str:
    """wup's two demo steps (the other apps' demo data in between is not needed here)."""
    return demo.load() + "; " + demo.load_besluiten()


def test_demo_load_is_idempotent_and_realistic():
    # given / when the demo data is loaded twice
    _load()
    counts = (Plan.objects.count(), Kernwaarde.objects.count(), Tussendoel.objects.count(), Partij.objects.count())
    second = _load()
    # then the second run creates nothing new
    assert (
        Plan.objects.count(),
        Kernwaarde.objects.count(),
        Tussendoel.objects.count(),
        Partij.objects.count(),
    ) == counts
    assert "0 new plans" in second and "0 plans moved" in second
    # and the plans differ in status and focus, each goal tied to a kernwaarde
    assert {p.status for p in Plan.objects.all()} == {
        PlanStatus.IN_UITVOERING,
        PlanStatus.VASTGESTELD,
        PlanStatus.IN_CONSULTATIE,
        PlanStatus.CONCEPT,
    }
    assert {p.focus for p in Plan.objects.all()} == {"wat", "hoe"}
    assert not Tussendoel.objects.filter(kernwaarde__isnull=True).exists()


def test_demo_plans_have_their_parties_and_ambitions_name_them():
    # given / when
    _load()
    # then every plan has the municipality, the grid operator and parties of its own kind
    for plan in Plan.objects.prefetch_related("partijen"):
        soorten = {p.soort for p in plan.partijen.all()}
        assert {PartijSoort.GEMEENTE, PartijSoort.NETBEHEERDER} <= soorten, plan.titel
        assert "Stedin" in {p.naam for p in plan.partijen.all()}
        assert len(soorten) >= 4, plan.titel
    schothorst = Plan.objects.get(titel__startswith="Schothorst")
    assert schothorst.partijen.filter(soort=PartijSoort.WARMTEBEDRIJF).exists()
    assert Plan.objects.get(titel__startswith="Liendert").partijen.filter(naam="Portaal").exists()
    # and every shared ambition names the plan's own parties (rows, not free text)
    for ambitie in Ambitie.objects.filter(plan__isnull=False).prefetch_related("betrokken_partijen"):
        betrokken = list(ambitie.betrokken_partijen.all())
        assert len(betrokken) >= 3 and all(p.plan_id == ambitie.plan_id for p in betrokken)


def test_demo_adopted_plans_are_complete_and_a_draft_misses_two_parts():
    from django.utils import translation

    from wup import selectors

    # given / when
    _load()
    # then the adopted plans pass the Wgiw check, one of them with the aanwijsbevoegdheid
    adopted = Plan.objects.filter(vastgesteld_op__isnull=False)
    assert adopted.count() == 2
    for plan in adopted:
        assert selectors.plan_wgiw_check(plan=plan).vaststelbaar, plan.titel
    kattenbroek = adopted.get(aanwijsbevoegdheid=True)
    assert kattenbroek.gas_einddatum >= kattenbroek.vastgesteld_op.replace(year=kattenbroek.vastgesteld_op.year + 8)
    # and the draft Liendert lacks exactly two parts, named in Dutch
    with translation.override("nl"):
        check = selectors.plan_wgiw_check(plan=Plan.objects.get(titel__startswith="Liendert"))
    assert [m.split(":")[0] for m in check.ontbreekt] == ["Investeringen", "Participatie"]


def test_demo_adopted_plans_have_their_frozen_version_and_one_a_pending_change():
    # given / when
    _load()
    # then each adopted plan has version 1, frozen with its council decision
    for plan in Plan.objects.filter(vastgesteld_op__isnull=False):
        versie = plan.versies.get()
        assert (versie.nummer, versie.vastgesteld_op, versie.raadsbesluit_kenmerk) == (
            1,
            plan.vastgesteld_op,
            plan.raadsbesluit_kenmerk,
        )
        assert bytes(versie.pdf).startswith(b"%PDF")
    # and Schothorst-Noord has an open change proposal that differs from what was adopted
    schothorst = Plan.objects.get(titel__startswith="Schothorst")
    assert schothorst.wijzigingsvoorstel_sinds is not None
    assert schothorst.samenvatting.endswith(demo.WIJZIGINGSVOORSTEL["samenvatting_erbij"])
    assert schothorst.versies.get().inhoud["samenvatting"] != schothorst.samenvatting
    assert Plan.objects.get(titel__startswith="Kattenbroek").wijzigingsvoorstel_sinds is None
