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
