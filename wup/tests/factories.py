"""Factories of the `wup` app: wijken, buurten, plans and their kaders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import factory

from wup.constants import Focus, KeuzeSoort, Metriek, PartijSoort, PlanStatus, Techniekrichting
from wup.models import Ambitie, Buurt, Fase, Gemeente, Kernwaarde, Partij, Plan, TechniekKader, Tussendoel, Wijk


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = "GM0307"
    naam = "Amersfoort"


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ("code",)

    gemeente = factory.SubFactory(GemeenteFactory)
    code = factory.Sequence(lambda n: f"WK0307{n % 100:02d}")
    naam = factory.Faker("city", locale="nl_NL")
    woningvoorraad = 1200
    inwoners = 2800


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt
        django_get_or_create = ("code",)

    wijk = factory.SubFactory(WijkFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.wijk.code[2:]}{n % 100:02d}")
    naam = factory.Faker("street_name", locale="nl_NL")
    woningvoorraad = 400


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    gemeente = factory.SubFactory(GemeenteFactory)
    titel = factory.Sequence(lambda n: f"Wijkuitvoeringsplan {n}")
    samenvatting = "Samen met bewoners van het gas af."
    wijk = factory.SubFactory(WijkFactory, gemeente=factory.SelfAttribute("..gemeente"))
    focus = Focus.HOE
    techniekrichting = Techniekrichting.OPEN
    startdatum = dt.date(2025, 1, 1)
    doeljaar_aardgasvrij = 2035

    class Params:
        vastgesteld = factory.Trait(
            status=PlanStatus.VASTGESTELD, vastgesteld_op=dt.date(2025, 6, 1), raadsbesluit_kenmerk="RB-2025-001"
        )
        in_consultatie = factory.Trait(status=PlanStatus.IN_CONSULTATIE)


class TechniekKaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechniekKader

    plan = factory.SubFactory(PlanFactory)
    techniekrichting = Techniekrichting.GROEN_GAS
    soort = KeuzeSoort.UITGESLOTEN
    reden = "Groen gas is schaars en gaat naar de binnenstad."


class KernwaardeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kernwaarde

    plan = factory.SubFactory(PlanFactory)
    pool_links = "CO2-reductie"
    pool_rechts = "Aantal woningen aardgasvrij"
    positie = 40
    waarom = "Elke vermeden ton CO2 telt meer dan het tellen van aansluitingen."


class AmbitieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambitie

    plan = factory.SubFactory(PlanFactory)
    omschrijving = "In 2030 is de helft van de corporatiewoningen aardgasvrij."
    partijen = "Gemeente, woningcorporatie, netbeheerder"


class TussendoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tussendoel

    plan = factory.SubFactory(PlanFactory)
    omschrijving = "Woningen geïsoleerd"
    metriek = Metriek.WONINGEN_GEISOLEERD
    streefwaarde = Decimal("200")
    deadline = dt.date(2028, 12, 31)
    eigenaar = "Projectleider warmte"
    kernwaarde = None


class FaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fase

    plan = factory.SubFactory(PlanFactory)
    naam = "Verkenning"
    startdatum = dt.date(2025, 1, 1)
    einddatum = dt.date(2025, 12, 31)


# --- A plan with real boundaries (Alkmaar's GeoJSON fixture) ---------------------------

ALKMAAR_GEOJSON = Path(__file__).parent / "fixtures" / "alkmaar_wijken_2.geojson"


def square(lon: float, lat: float, size: float = 0.004) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def alkmaar_plan(*, buurten_with_boundary: int = 2):
    """A plan in Huiswaard (WK036105) whose wijk boundary comes from the Alkmaar fixture through
    geometrie_import; its buurten get hand-made squares inside the wijk (the fixture has none)."""
    from wup.services import geometrie_import

    gemeente = GemeenteFactory(code="GM0361", naam="Alkmaar")
    huiswaard = WijkFactory(gemeente=gemeente, code="WK036105", naam="Huiswaard")
    WijkFactory(gemeente=gemeente, code="WK036108", naam="Centrum")
    geometrie_import(content=ALKMAAR_GEOJSON.read_bytes())
    plan = PlanFactory(gemeente=gemeente, wijk=huiswaard, titel="Huiswaard aardgasvrij")
    for i in range(buurten_with_boundary):
        buurt = BuurtFactory(
            wijk=huiswaard,
            code=f"BU036105{i:02d}",
            naam=f"Buurt {i}",
            geometrie=square(4.751 + i * 0.0035, 52.6435, 0.003),
        )
        plan.buurten.add(buurt)
    return plan


class PartijFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partij

    plan = factory.SubFactory(PlanFactory)
    soort = PartijSoort.NETBEHEERDER
    naam = factory.Sequence(lambda n: f"Partij {n}")
    rol = "Levert de netverzwaring."


# --- The Wgiw parts of an uitvoeringsplan ----------------------------------------------------


def wgiw_compleet(
    plan: Plan,
    *,
    aanwijsbevoegdheid: bool = False,
    gas_einddatum: dt.date = dt.date(2040, 1, 1),
    omgevingsplanregel_op: dt.date | None = None,
) -> Plan:
    """Fill every Wgiw part a plan needs to be adopted (wup/wgiw.py), so that tests that adopt a
    plan stay short. The chosen alternative is the cheapest, so no motivation is needed."""
    from wup.constants import KostenEenheid, MaatregelSoort, WaarborgSoort, Zekerheid
    from wup.models import GelijkwaardigAlternatief, Investering, Maatregel, OverwogenAlternatief, Waarborg

    partij = PartijFactory(plan=plan, soort=PartijSoort.GEMEENTE, naam=f"Gemeente (plan {plan.pk})")
    Plan.objects.filter(pk=plan.pk).update(
        gas_einddatum=gas_einddatum,
        aanwijsbevoegdheid=aanwijsbevoegdheid,
        omgevingsplanregel_op=omgevingsplanregel_op,
        keuzeruimte="Eigenaren kiezen zelf het moment van overstappen.",
        participatie_verantwoording="Drie bewonersavonden en een enquête onder alle huishoudens.",
    )
    Maatregel.objects.create(
        plan=plan,
        soort=MaatregelSoort.OPENBARE_RUIMTE,
        wat="Warmteleiding",
        waar="Hoofdstraat",
        wanneer="2027-2029",
        partij=partij,
    )
    Investering.objects.create(
        plan=plan,
        partij=partij,
        wat="Aanleg",
        bedrag=Decimal("1000000"),
        periode_van=2026,
        periode_tot=2030,
        zekerheid=Zekerheid.ZEKER,
    )
    GelijkwaardigAlternatief.objects.create(plan=plan, omschrijving="Eigen warmtepomp", voorwaarden="Label B")
    OverwogenAlternatief.objects.create(
        plan=plan,
        techniekrichting=Techniekrichting.WARMTENET_MT,
        nationale_kosten=Decimal("250"),
        eenheid=KostenEenheid.EURO_PER_TON_CO2,
        bron="PBL Startanalyse 2020",
        gekozen=True,
    )
    OverwogenAlternatief.objects.create(
        plan=plan,
        techniekrichting=Techniekrichting.ALL_ELECTRIC,
        nationale_kosten=Decimal("410"),
        eenheid=KostenEenheid.EURO_PER_TON_CO2,
        bron="PBL Startanalyse 2020",
    )
    for soort in WaarborgSoort.values:
        Waarborg.objects.create(plan=plan, soort=soort, invulling="Zo geregeld in dit plan.")
    plan.refresh_from_db()
    return plan


def vastgesteld_plan(
    *, vastgesteld_op: dt.date = dt.date(2026, 3, 12), kenmerk: str = "RB-2026-031", wijzigingsvoorstel=False, **fields
):
    """A complete plan adopted through the services, so its version 1 is frozen (content and
    PDF); with `wijzigingsvoorstel=True` a change proposal is open. Returns (plan, door)."""
    from core.constants import Role
    from core.tests.factories import UserFactory
    from wup import services

    plan = PlanFactory(**fields)
    wgiw_compleet(plan)
    door = UserFactory(role=Role.AMBTENAAR)
    plan = services.plan_transition(plan=plan, naar=PlanStatus.IN_CONSULTATIE, door=door)
    plan = services.plan_transition(
        plan=plan, naar=PlanStatus.VASTGESTELD, door=door, vastgesteld_op=vastgesteld_op, raadsbesluit_kenmerk=kenmerk
    )
    if wijzigingsvoorstel:
        plan = services.wijzigingsvoorstel_starten(plan=plan, door=door)
    return plan, door
