"""Factories of the `participatie` app: surveys, questions, responses, meetings."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from participatie.constants import BijeenkomstSoort, Dimensie, Toegang, VraagType, VragenlijstStatus
from participatie.models import Bijeenkomst, Optie, Vraag, Vragenlijst
from wup.tests.factories import PlanFactory


class VragenlijstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vragenlijst

    plan = factory.SubFactory(PlanFactory)
    titel = factory.Sequence(lambda n: f"Buurtpeiling {n}")
    intro = "Wat vindt u van de plannen?"
    toegang = Toegang.CODES
    status = VragenlijstStatus.CONCEPT

    class Params:
        open = factory.Trait(status=VragenlijstStatus.OPEN)
        open_link = factory.Trait(toegang=Toegang.OPEN_LINK)
        gesloten = factory.Trait(status=VragenlijstStatus.GESLOTEN)


class VraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vraag

    vragenlijst = factory.SubFactory(VragenlijstFactory)
    type = VraagType.LIKERT
    tekst = factory.Sequence(lambda n: f"Stelling {n}")
    volgorde = factory.Sequence(lambda n: n)
    dimensie = Dimensie.GEEN


class OptieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Optie

    vraag = factory.SubFactory(VraagFactory, type=VraagType.ENKELE_KEUZE)
    tekst = factory.Sequence(lambda n: f"Optie {n}")
    volgorde = factory.Sequence(lambda n: n)


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    plan = factory.SubFactory(PlanFactory)
    soort = BijeenkomstSoort.INFORMATIEAVOND
    titel = "Informatieavond warmte"
    datum = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    plaats = "Buurthuis De Linde"

    class Params:
        voorbij = factory.Trait(datum=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3)))
