"""Factories of the routekaart: through its services, so each row has its planned event."""

from __future__ import annotations

import datetime as dt

from routekaart import services
from wup.tests.factories import PartijFactory, PlanFactory


def mijlpaal(plan=None, *, naam="Netverzwaring gereed", basisdatum=dt.date(2026, 6, 1), **kwargs):
    plan = plan or PlanFactory()
    return services.mijlpaal_create(plan=plan, naam=naam, basisdatum=basisdatum, **kwargs)


def afspraak(
    plan=None, *, wat="Netverzwaring 2 MVA", basisdatum=dt.date(2026, 6, 1), leverancier=None, ontvanger=None, **kwargs
):
    plan = plan or PlanFactory()
    leverancier = leverancier or PartijFactory(plan=plan)
    ontvanger = ontvanger or PartijFactory(plan=plan, soort="gemeente")
    return services.afspraak_create(
        plan=plan, leverancier=leverancier, ontvanger=ontvanger, wat=wat, basisdatum=basisdatum, **kwargs
    )


def gevuld_plan(plan=None, *, n: int = 1) -> dict:
    """A plan with a route map: a phase, two parties, `n` milestones (the first one moved),
    `n` agreements (each after depending on the one before), `n` coupling opportunities with a
    permit each, so every section and badge of the pages has something to show."""
    from wup import services as wup_services

    plan = plan or PlanFactory()
    services.routekaart_opslaan(
        plan=plan, rol_gemeente="regisseur", rol_toelichting="Wij regisseren.", waarom_route="Omdat."
    )
    fase = wup_services.fase_create(
        plan=plan,
        naam="Verkenning",
        startdatum=dt.date(2025, 1, 1),
        einddatum=dt.date(2026, 12, 31),
        eindproduct="Keuze",
    )
    netbeheerder = PartijFactory(plan=plan, naam="Stedin")
    gemeente = PartijFactory(plan=plan, naam="Gemeente", soort="gemeente")
    mijlpalen, afspraken = [], []
    for i in range(n):
        m = mijlpaal(
            plan,
            naam=f"Mijlpaal {i}",
            basisdatum=dt.date(2026, 6, 1) + dt.timedelta(days=i),
            fase=fase,
            verantwoordelijke=netbeheerder,
            besluitmoment=i == 0,
        )
        mijlpalen.append(m)
        a = afspraak(
            plan,
            wat=f"Afspraak {i}",
            basisdatum=dt.date(2025, 6, 1) + dt.timedelta(days=i),
            leverancier=netbeheerder,
            ontvanger=gemeente,
            mijlpaal=m,
            afhankelijk_van=afspraken[-1:],
        )
        afspraken.append(a)
        kans = services.koppelkans_create(
            plan=plan,
            soort="riolering",
            omschrijving=f"Riolering {i}",
            verantwoordelijke=gemeente,
            venster_van=dt.date(2026, 1, 1),
            venster_tot=dt.date(2026, 3, 1),
            mijlpalen=[m],
        )
        services.vergunning_create(
            plan=plan,
            soort="omgevingsvergunning",
            omschrijving=f"Vergunning {i}",
            aanvrager=gemeente,
            koppelkans=kans,
            verwachte_beslisdatum=dt.date(2026, 2, 1),
        )
    services.prognose_verplaatsen(item=mijlpalen[0], prognose=dt.date(2026, 9, 1), reden="Levering vertraagd")
    return {
        "plan": plan,
        "mijlpaal": mijlpalen[0],
        "afspraak": afspraken[0],
        "fase": fase,
        "partijen": [netbeheerder, gemeente],
        "mijlpalen": mijlpalen,
        "afspraken": afspraken,
    }
