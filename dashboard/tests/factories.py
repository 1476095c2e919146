"""Factories of the `dashboard` app: events and decisions; plans from the wup factories."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from core.tests.factories import UserFactory
from dashboard.constants import Besluit, Indicator, StuuractieStatus
from dashboard.models import Raadsbesluit, Scenario, Stuuractie
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.models import Gebeurtenis
from wup.tests import factories as wup_factories

_wijk_codes = itertools.count(1)

GemeenteFactory = wup_factories.GemeenteFactory


class WijkFactory(wup_factories.WijkFactory):
    """Many distinct wijken (the wup factory cycles through 100 codes) with known facts."""

    code = factory.LazyFunction(lambda: f"WK03{next(_wijk_codes) % 10000:04d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    woningvoorraad = 1000
    gem_aardgasverbruik_m3 = 1000


class PlanFactory(wup_factories.PlanFactory):
    titel = factory.Sequence(lambda n: f"Dashboardplan {n:03d}")
    wijk = factory.SubFactory(WijkFactory, gemeente=factory.SelfAttribute("..gemeente"))


class KernwaardeFactory(wup_factories.KernwaardeFactory):
    plan = factory.SubFactory(PlanFactory)
    positie = 50
    waarom = "Omdat het telt."


class TussendoelFactory(wup_factories.TussendoelFactory):
    plan = factory.SubFactory(PlanFactory)
    omschrijving = "200 woningen aardgasvrij"
    metriek = "woningen_aardgasvrij"
    streefwaarde = 200
    deadline = dt.date(2026, 12, 31)
    eigenaar = "Projectleider"


class GebeurtenisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebeurtenis

    plan = factory.SubFactory(PlanFactory)
    type = GebeurtenisType.WONING_AARDGASVRIJ
    datum = dt.date(2025, 3, 15)
    hoeveelheid = 1
    bron = GebeurtenisBron.FORMULIER
    extern_id = factory.Sequence(lambda n: f"test-{n}")


class RaadsbesluitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Raadsbesluit

    plan = factory.SubFactory(PlanFactory)
    datum = dt.date(2025, 6, 1)
    doen_we_het_goede = "Ja."
    wat_is_nodig = "Meer voorlichting."
    besluit = Besluit.DOORGAAN
    motivering = "De cijfers zijn goed."
    geregistreerd_door = factory.SubFactory(UserFactory)


class ScenarioFactory(factory.django.DjangoModelFactory):
    """A saved what-if: the heat network connects 300 homes in January 2027, a 6 months' delay."""

    class Meta:
        model = Scenario

    plan = factory.SubFactory(PlanFactory)
    naam = factory.Sequence(lambda n: f"Warmtenet fase {n}")
    warmtenet_woningen = 300
    warmtenet_vanaf = dt.date(2027, 1, 1)
    uitstel_maanden = 6
    tempo_pct = 0
    created_by = factory.SubFactory(UserFactory)


class StuuractieFactory(factory.django.DjangoModelFactory):
    """An open steering action on the results, due in the year 2099 (never overdue in a test);
    traits `gedaan` and `vervallen` for the closed states."""

    class Meta:
        model = Stuuractie

    plan = factory.SubFactory(PlanFactory)
    wat = factory.Sequence(lambda n: f"Extra informatieavond {n}")
    wie = "Projectleider warmte"
    uiterlijk = dt.date(2099, 12, 31)
    indicator = Indicator.RESULTATEN
    status = StuuractieStatus.OPEN
    created_by = factory.SubFactory(UserFactory)

    class Params:
        gedaan = factory.Trait(
            status=StuuractieStatus.GEDAAN, gedaan_op=dt.date(2025, 6, 1), uitkomst="Dertig bewoners kwamen."
        )
        vervallen = factory.Trait(status=StuuractieStatus.VERVALLEN, vervallen_op=dt.date(2025, 6, 1))
