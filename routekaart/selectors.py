"""Reads of the routekaart, each in a fixed number of queries whatever the number of items.

Every milestone and agreement a selector returns carries `planning` (its derived status,
`routekaart.constants.PlanningStatus`) computed against the `vandaag` passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .constants import AfspraakStatus, MijlpaalUitkomst, PlanningStatus
from .models import Afspraak, Koppelkans, Mijlpaal, Routekaart, Vergunning, Verschuiving
from .planning import STATUS_URGENTIE, buiten_venster, planning_status

OPEN_STATUSSEN = (PlanningStatus.GEPLAND, PlanningStatus.VERWACHT_TE_LAAT, PlanningStatus.OVER_TIJD)


def _met_status(items, vandaag: dt.date):
    for item in items:
        gemist = (
            item.uitkomst == MijlpaalUitkomst.GEMIST
            if isinstance(item, Mijlpaal)
            else (item.status == AfspraakStatus.NIET_NAGEKOMEN)
        )
        item.planning = planning_status(
            basisdatum=item.basisdatum,
            prognose=item.prognose,
            afgerond_op=item.afgerond_op,
            gemist=gemist,
            vandaag=vandaag,
        )
    return items


def routekaart_get(*, plan) -> Routekaart | None:
    return Routekaart.objects.filter(plan=plan).first()


def mijlpalen_list(*, plan, vandaag: dt.date) -> list[Mijlpaal]:
    """The plan's milestones by forecast, with phase, responsible party and forecast history."""
    qs = (
        Mijlpaal.objects.filter(plan=plan)
        .select_related("fase", "verantwoordelijke")
        .prefetch_related(Prefetch("verschuivingen", queryset=Verschuiving.objects.select_related("door")))
        .order_by("prognose", "id")
    )
    return _met_status(list(qs), vandaag)


def afspraken_list(*, plan, vandaag: dt.date) -> list[Afspraak]:
    """The plan's agreements by date, with both parties, the milestone and the dependencies."""
    qs = (
        Afspraak.objects.filter(plan=plan)
        .select_related("leverancier", "ontvanger", "mijlpaal")
        .prefetch_related(
            Prefetch("afhankelijk_van", queryset=Afspraak.objects.only("id", "wat", "status", "prognose")),
            Prefetch("verschuivingen", queryset=Verschuiving.objects.select_related("door")),
        )
        .order_by("prognose", "id")
    )
    return _met_status(list(qs), vandaag)


def afspraken_matrix(*, plan, vandaag: dt.date) -> list[Afspraak]:
    """Who owes whom what by when: overdue first, then expected late, planned, then completed."""
    return sorted(
        afspraken_list(plan=plan, vandaag=vandaag),
        key=lambda a: (STATUS_URGENTIE[a.planning], a.prognose, a.id),
    )


def koppelkansen_list(*, plan, vandaag: dt.date) -> list[Koppelkans]:
    """Coupling opportunities by window, each with `waarschuwingen`: its milestones whose
    forecast falls outside the window they depend on."""
    qs = (
        Koppelkans.objects.filter(plan=plan)
        .select_related("verantwoordelijke")
        .prefetch_related(
            Prefetch("mijlpalen", queryset=Mijlpaal.objects.order_by("prognose", "id")),
            Prefetch("vergunningen", queryset=Vergunning.objects.order_by("verwachte_beslisdatum", "id")),
        )
        .order_by("venster_van", "id")
    )
    kansen = list(qs)
    for kans in kansen:
        kans.waarschuwingen = [
            m
            for m in kans.mijlpalen.all()
            if not m.afgerond and buiten_venster(datum=m.prognose, van=kans.venster_van, tot=kans.venster_tot)
        ]
    return kansen


def vergunningen_list(*, plan) -> list[Vergunning]:
    return list(
        Vergunning.objects.filter(plan=plan)
        .select_related("aanvrager", "koppelkans")
        .order_by("verwachte_beslisdatum", "id")
    )


@dataclass
class Tijdlijn:
    """Everything the timeline and its data table show, read once."""

    fasen: list
    mijlpalen: list[Mijlpaal]
    afspraken: list[Afspraak]
    koppelkansen: list[Koppelkans]
    vandaag: dt.date
    waarschuwingen: list[tuple[Koppelkans, Mijlpaal]] = field(default_factory=list)


def tijdlijn(*, plan, fasen: list, vandaag: dt.date) -> Tijdlijn:
    """Phases (passed in: they are wup's, read through wup.selectors), milestones, agreements
    and coupling windows of one plan."""
    kansen = koppelkansen_list(plan=plan, vandaag=vandaag)
    return Tijdlijn(
        fasen=fasen,
        mijlpalen=mijlpalen_list(plan=plan, vandaag=vandaag),
        afspraken=afspraken_list(plan=plan, vandaag=vandaag),
        koppelkansen=kansen,
        vandaag=vandaag,
        waarschuwingen=[(k, m) for k in kansen for m in k.waarschuwingen],
    )


def volgende_mijlpalen(*, plan_id: int, vandaag: dt.date, aantal: int = 5) -> list[Mijlpaal]:
    """The next open milestones by forecast (overdue ones first: they are still to come)."""
    qs = (
        Mijlpaal.objects.filter(plan_id=plan_id, uitkomst=MijlpaalUitkomst.OPEN)
        .select_related("verantwoordelijke", "fase")
        .order_by("prognose", "id")[:aantal]
    )
    return _met_status(list(qs), vandaag)


@dataclass
class Positie:
    """Where the plan is on its route today."""

    huidige_fase: object | None  # the wup.Fase today falls in, or None
    volgende_fase: object | None  # the first phase that starts after today
    besluit: Mijlpaal | None  # the next open decision milestone


def waar_op_route(*, plan_id: int, fasen: list, vandaag: dt.date) -> Positie:
    huidige = next((f for f in fasen if f.startdatum <= vandaag <= f.einddatum), None)
    volgende = next((f for f in sorted(fasen, key=lambda f: f.startdatum) if f.startdatum > vandaag), None)
    besluit = (
        Mijlpaal.objects.filter(plan_id=plan_id, uitkomst=MijlpaalUitkomst.OPEN, besluitmoment=True)
        .select_related("verantwoordelijke", "fase")
        .order_by("prognose", "id")
        .first()
    )
    if besluit is not None:
        _met_status([besluit], vandaag)
    return Positie(huidige_fase=huidige, volgende_fase=volgende, besluit=besluit)


def volgende_besluitmomenten(*, plan_ids: list[int], vandaag: dt.date) -> dict[int, Mijlpaal]:
    """Per plan its next open decision milestone (the one `waar_op_route` names), for many plans
    in one query (with the responsible party); a plan without one is absent."""
    qs = (
        Mijlpaal.objects.filter(plan_id__in=plan_ids, uitkomst=MijlpaalUitkomst.OPEN, besluitmoment=True)
        .select_related("verantwoordelijke")
        .order_by("plan_id", "prognose", "id")
        .distinct("plan_id")
    )
    return {m.plan_id: m for m in _met_status(list(qs), vandaag)}


@dataclass(frozen=True)
class PlanningFeit:
    """A milestone or agreement as the dashboard's schedule indicator needs it."""

    soort: str  # "mijlpaal" or "afspraak"
    basisdatum: dt.date
    afgerond_op: dt.date | None


def planning_feiten(*, plan_id: int) -> list[PlanningFeit]:
    """Every milestone and agreement of the plan (two small queries of three columns)."""
    return planning_feiten_per_plan(plan_ids=[plan_id]).get(plan_id, [])


def planning_feiten_per_plan(*, plan_ids: list[int] | None = None) -> dict[int, list[PlanningFeit]]:
    """`planning_feiten` of many plans (None: every plan) in the same two queries, whatever the
    number of plans: the dashboard's full recompute reads every plan at once."""
    result: dict[int, list[PlanningFeit]] = {}
    for soort, model in (("mijlpaal", Mijlpaal), ("afspraak", Afspraak)):
        qs = model.objects.all() if plan_ids is None else model.objects.filter(plan_id__in=plan_ids)
        for plan_id, basis, afgerond in qs.order_by("plan_id", "id").values_list(
            "plan_id", "basisdatum", "afgerond_op"
        ):
            result.setdefault(plan_id, []).append(PlanningFeit(soort, basis, afgerond))
    return result


def komende_mijlpalen(*, plan_id: int, vandaag: dt.date, tot: dt.date) -> list[Mijlpaal]:
    """Open milestones expected between today and `tot` (the public page's "what comes next")."""
    qs = (
        Mijlpaal.objects.filter(
            plan_id=plan_id, uitkomst=MijlpaalUitkomst.OPEN, prognose__gte=vandaag, prognose__lte=tot
        )
        .select_related("verantwoordelijke", "fase")
        .order_by("prognose", "id")
    )
    return _met_status(list(qs), vandaag)


def verschuivingen_list(*, item: Mijlpaal | Afspraak) -> list[Verschuiving]:
    """The forecast history of one milestone or agreement: who moved it, when, why (oldest first)."""
    veld = "mijlpaal" if isinstance(item, Mijlpaal) else "afspraak"
    return list(Verschuiving.objects.filter(**{veld: item}).select_related("door").order_by("op", "id"))


@dataclass
class FaseRij:
    """A phase of the plan with the decision milestone(s) that end it."""

    fase: object  # wup.Fase
    besluiten: list[Mijlpaal]


@dataclass
class RoutekaartPagina:
    """Everything the route map page shows, read in a fixed number of queries."""

    routekaart: Routekaart | None
    fasen: list[FaseRij]
    mijlpalen: list[Mijlpaal]
    afspraken: list[Afspraak]
    koppelkansen: list[Koppelkans]
    vergunningen: list[Vergunning]
    partijen: list = field(default_factory=list)


def routekaart_pagina(*, plan, fasen: list, vandaag: dt.date) -> RoutekaartPagina:
    """The route map of one plan; `fasen` are wup's (read through wup.selectors.plan_fasen)."""
    mijlpalen = mijlpalen_list(plan=plan, vandaag=vandaag)
    besluiten: dict[int, list[Mijlpaal]] = {}
    for m in mijlpalen:
        if m.besluitmoment and m.fase_id is not None:
            besluiten.setdefault(m.fase_id, []).append(m)
    return RoutekaartPagina(
        routekaart=routekaart_get(plan=plan),
        fasen=[FaseRij(fase=f, besluiten=besluiten.get(f.pk, [])) for f in fasen],
        mijlpalen=mijlpalen,
        afspraken=afspraken_list(plan=plan, vandaag=vandaag),
        koppelkansen=koppelkansen_list(plan=plan, vandaag=vandaag),
        vergunningen=vergunningen_list(plan=plan),
    )
