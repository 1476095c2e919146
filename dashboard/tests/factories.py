"""Factories of the `dashboard` app (own plan factories: the wup ones evolve in parallel)."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from core.constants import GebeurtenisBron, GebeurtenisType
from core.models import Gebeurtenis
from core.tests.factories import UserFactory
from dashboard.constants import Besluit
from dashboard.models import Raadsbesluit
from wup.models import Gemeente, Kernwaarde, Plan, Tussendoel, Wijk

_wijk_codes = itertools.count(1)


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
    code = factory.LazyFunction(lambda: f"WK03{next(_wijk_codes) % 10000:04d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    woningvoorraad = 1000
    gem_aardgasverbruik_m3 = 1000


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    gemeente = factory.SubFactory(GemeenteFactory)
    titel = factory.Sequence(lambda n: f"Dashboardplan {n:03d}")
    wijk = factory.SubFactory(WijkFactory, gemeente=factory.SelfAttribute("..gemeente"))
    startdatum = dt.date(2025, 1, 1)
    doeljaar_aardgasvrij = 2035


class KernwaardeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kernwaarde

    plan = factory.SubFactory(PlanFactory)
    pool_links = "CO2-reductie"
    pool_rechts = "Aantal woningen aardgasvrij"
    waarom = "Omdat het telt."


class TussendoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tussendoel

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
