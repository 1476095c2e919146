"""The survey template "Waardendriehoek en vertrouwen" and the service that applies it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wup import services as wup_services

from ..constants import Dimensie, Toegang, VraagType
from ..models import Vragenlijst
from .vragenlijsten import vraag_create, vragenlijst_create

# "Waardendriehoek en vertrouwen": the IPW value triangle plus explicit trust items, plain Dutch.
TEMPLATE_TITEL = "Waardendriehoek en vertrouwen"
TEMPLATE_VRAGEN: list[dict[str, Any]] = [
    {
        "type": VraagType.ENKELE_KEUZE,
        "tekst": "Woont u in een koopwoning of een huurwoning?",
        "opties": [
            "Koopwoning",
            "Huurwoning van een woningcorporatie",
            "Huurwoning van een particuliere verhuurder",
            "Anders",
        ],
        "verplicht": True,
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "verplicht": True,
        "tekst": "Ik vertrouw erop dat de gemeente eerlijk vertelt wat de plannen voor mijn buurt zijn.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "verplicht": True,
        "tekst": "Ik vertrouw erop dat de gemeente rekening houdt met de belangen van bewoners.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "tekst": "Ik heb vertrouwen in de partijen die het werk gaan doen, zoals de netbeheerder en de woningcorporatie.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.LEGITIMITEIT,
        "tekst": "Ik begrijp waarom mijn buurt van het aardgas af gaat.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.LEGITIMITEIT,
        "tekst": "De manier waarop besluiten over mijn buurt worden genomen vind ik eerlijk.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.BETROKKENHEID,
        "tekst": "Ik voel me betrokken bij de plannen voor mijn buurt.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.BETROKKENHEID,
        "tekst": "Ik weet waar ik terecht kan met vragen over de warmte in mijn huis.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.RENDEMENT,
        "tekst": "Ik verwacht dat de plannen goed zijn voor mijn portemonnee of mijn wooncomfort.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.RENDEMENT,
        "tekst": "Ik denk dat de plannen goed zijn voor de buurt als geheel.",
    },
    {
        "type": VraagType.MEERKEUZE,
        "tekst": "Hoe wilt u op de hoogte blijven?",
        "helptekst": "U mag meer dan één antwoord kiezen.",
        "opties": [
            "Brief",
            "E-mail of nieuwsbrief",
            "Website van de gemeente",
            "Bijeenkomst in de buurt",
            "Via buren of de bewonersvereniging",
        ],
    },
    {"type": VraagType.JA_NEE, "tekst": "Heeft u al eens een bijeenkomst over de warmte in uw buurt bezocht?"},
    {
        "type": VraagType.LANGE_TEKST,
        "tekst": "Wat wilt u de gemeente nog meegeven?",
        "helptekst": "Schrijf geen namen of adressen op.",
    },
]


@transaction.atomic
def vragenlijst_from_template(*, plan, titel: str = TEMPLATE_TITEL, toegang: str = Toegang.CODES) -> Vragenlijst:
    wup_services.plan_open_check(plan)
    vragenlijst = vragenlijst_create(
        plan=plan,
        titel=titel,
        intro=(
            "De gemeente wil graag weten hoe u aankijkt tegen de plannen om uw buurt van het aardgas af te "
            "halen. Het invullen duurt ongeveer vijf minuten. Er zijn geen goede of foute antwoorden."
        ),
        toegang=toegang,
    )
    for volgorde, spec in enumerate(TEMPLATE_VRAGEN):
        vraag_create(vragenlijst=vragenlijst, volgorde=volgorde, **spec)
    return vragenlijst
