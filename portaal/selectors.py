"""Reads of the top layer: each combined page or feed assembled from the apps' own selectors,
in a fixed number of queries whatever the number of items.

Draft content stays internal: the public page and the public feed hold a plan's own content
(title, direction, milestones, dates) only once `wup.selectors.plan_is_openbaar` says so;
meetings and the survey are for residents from the start. Neither ever holds an internal
note (a forecast's reason, an agreement's explanation) or a civil servant's name.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext as _

from core import dates
from participatie import selectors as participatie_selectors
from routekaart import selectors as routekaart_selectors
from routekaart.constants import AfspraakStatus, MijlpaalUitkomst, PlanningStatus
from wup import selectors as wup_selectors
from wup.constants import Techniekrichting

from .agenda import CANCELLED, CONFIRMED, TENTATIVE, AgendaItem
from .models import AgendaToken
from .services import token_hash

# The public page's "what comes next": open milestones expected in the coming months.
HORIZON_MAANDEN = 6
MAX_KOMEND = 10
MAX_BIJEENKOMSTEN_PAGINA = 10
# Feeds are capped, whatever a plan holds: a calendar app polls them unattended.
MAX_FEED_BIJEENKOMSTEN = 100
MAX_FEED_MIJLPALEN = 200
MAX_FEED_AFSPRAKEN = 200


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """The same day `maanden` later (the month's last day when it is shorter)."""
    index = datum.month - 1 + maanden
    jaar, maand = datum.year + index // 12, index % 12 + 1
    return datum.replace(year=jaar, month=maand, day=min(datum.day, calendar.monthrange(jaar, maand)[1]))


def _lang(datum: dt.date) -> str:
    return dates.datum(datum)


def _met_label(items):
    for item in items:
        item.planning_label = PlanningStatus(item.planning).label
    return items


# --- The routekaart section of the plan document (internal readers) ---------------------------


@dataclass
class FaseRegel:
    fase: object  # wup.Fase
    besluit: object | None  # the phase's decision milestone (the last by forecast), or None


@dataclass
class RoutekaartSectie:
    routekaart: object | None  # role of the municipality, why this route
    fasen: list[FaseRegel]
    mijlpalen: list
    afspraken: list  # the matrix: overdue first
    koppelkansen: list  # each with `waarschuwingen` and its permits
    vergunningen: list  # permits of the plan itself (not of a coupling opportunity)
    vandaag: dt.date

    @property
    def leeg(self) -> bool:
        return self.routekaart is None and not (
            self.mijlpalen or self.afspraken or self.koppelkansen or self.vergunningen
        )


def routekaart_sectie(*, plan, vandaag: dt.date) -> RoutekaartSectie:
    """Everything the document's routekaart section shows. `plan` comes from
    `wup.selectors.plan_get`, whose prefetched phases are used (no query of their own)."""
    mijlpalen = _met_label(routekaart_selectors.mijlpalen_list(plan=plan, vandaag=vandaag))
    besluiten: dict[int, object] = {}
    for m in mijlpalen:  # by forecast: the last decision milestone of a phase ends it
        if m.besluitmoment and m.fase_id is not None:
            besluiten[m.fase_id] = m
    return RoutekaartSectie(
        routekaart=routekaart_selectors.routekaart_get(plan=plan),
        fasen=[FaseRegel(f, besluiten.get(f.pk)) for f in plan.fasen.all()],
        mijlpalen=mijlpalen,
        afspraken=_met_label(routekaart_selectors.afspraken_matrix(plan=plan, vandaag=vandaag)),
        koppelkansen=routekaart_selectors.koppelkansen_list(plan=plan, vandaag=vandaag),
        vergunningen=[v for v in routekaart_selectors.vergunningen_list(plan=plan) if v.koppelkans_id is None],
        vandaag=vandaag,
    )


# --- The public page of a neighbourhood -------------------------------------------------------


@dataclass
class PubliekePagina:
    openbaar: bool
    richting: str  # the adopted heating direction (label), "" while none is adopted
    positie: object | None  # routekaart.selectors.Positie, only when public
    komende: list = field(default_factory=list)  # open milestones of the coming months
    bijeenkomsten: list = field(default_factory=list)
    vragenlijst: object | None = None
    tot: dt.date | None = None
    doeljaar: int | None = None  # the target year residents read: the adopted one once adopted
    versie: object | None = None  # the newest adopted version (wup.PlanVersie, without its PDF)
    samenvatting: str = ""  # the adopted summary, else the plan's own once public


def richting_vastgesteld(*, plan, versie=None) -> str:
    """The direction residents may read as chosen: only once the council adopted the plan, and
    then the adopted one (a change proposal does not change it until it is adopted)."""
    if versie is not None:
        richting = versie.inhoud.get("techniekrichting") or Techniekrichting.OPEN
    elif plan.vastgesteld_op is None:
        return ""
    else:
        richting = plan.techniekrichting
    if richting == Techniekrichting.OPEN or richting not in Techniekrichting.values:
        return ""
    return Techniekrichting(richting).label


def publieke_pagina(*, plan, vandaag: dt.date) -> PubliekePagina:
    openbaar = wup_selectors.plan_is_openbaar(plan=plan)
    pagina = PubliekePagina(
        openbaar=openbaar,
        richting="",
        positie=None,
        bijeenkomsten=list(participatie_selectors.bijeenkomsten_upcoming(plan=plan)[:MAX_BIJEENKOMSTEN_PAGINA]),
        vragenlijst=participatie_selectors.open_vragenlijst_for_plan(plan=plan),
    )
    if not openbaar:
        return pagina
    # Once adopted, residents read what the council adopted (wup.PlanVersie), also while a
    # change proposal is being prepared.
    pagina.versie = wup_selectors.plan_versie_get(plan=plan)
    inhoud = pagina.versie.inhoud if pagina.versie else {}
    pagina.richting = richting_vastgesteld(plan=plan, versie=pagina.versie)
    pagina.doeljaar = inhoud.get("doeljaar_aardgasvrij") if pagina.versie else plan.doeljaar_aardgasvrij
    pagina.samenvatting = inhoud.get("samenvatting", "") if pagina.versie else plan.samenvatting
    pagina.positie = routekaart_selectors.waar_op_route(
        plan_id=plan.pk, fasen=wup_selectors.plan_fasen(plan=plan), vandaag=vandaag
    )
    pagina.tot = plus_maanden(vandaag, HORIZON_MAANDEN)
    pagina.komende = routekaart_selectors.komende_mijlpalen(plan_id=plan.pk, vandaag=vandaag, tot=pagina.tot)[
        :MAX_KOMEND
    ]
    return pagina


# --- Calendar feeds ---------------------------------------------------------------------------


def _bijeenkomst_item(b) -> AgendaItem:
    return AgendaItem(
        soort="bijeenkomst",
        id=b.pk,
        summary=b.titel or b.get_soort_display(),
        start=b.datum,
        description=b.get_soort_display(),
        location=b.plaats,
        last_modified=b.updated_at,
        status=CANCELLED if b.geannuleerd_op else CONFIRMED,
        sequence=1 if b.geannuleerd_op else 0,
    )


def _mijlpaal_item(m, *, intern: bool, verschuivingen: int) -> AgendaItem:
    """A milestone on its forecast (open) or actual date (completed), as an all-day event.
    SEQUENCE counts the forecast moves, plus one once completed: it only ever rises."""
    status = {MijlpaalUitkomst.BEREIKT: CONFIRMED, MijlpaalUitkomst.GEMIST: CANCELLED}.get(m.uitkomst, TENTATIVE)
    regels = []
    if m.verantwoordelijke is not None:
        regels.append(_("Responsible: %(partij)s") % {"partij": m.verantwoordelijke.naam})
    if intern:
        if m.fase is not None:
            regels.append(_("Phase: %(fase)s") % {"fase": m.fase.naam})
        regels.append(_("Status: %(status)s") % {"status": PlanningStatus(m.planning).label})
        regels.append(_("Baseline date: %(datum)s") % {"datum": _lang(m.basisdatum)})
    return AgendaItem(
        soort="mijlpaal",
        id=m.pk,
        summary=_("Decision moment: %(naam)s") % {"naam": m.naam} if m.besluitmoment else m.naam,
        start=m.afgerond_op or m.prognose,
        sequence=verschuivingen + (1 if m.afgerond else 0),
        status=status,
        description="\n".join(regels),
        last_modified=m.updated_at,
    )


def _afspraak_item(a) -> AgendaItem:
    status = {AfspraakStatus.NAGEKOMEN: CONFIRMED, AfspraakStatus.NIET_NAGEKOMEN: CANCELLED}.get(a.status, TENTATIVE)
    regels = [
        _("%(leverancier)s delivers to %(ontvanger)s: %(wat)s")
        % {"leverancier": a.leverancier.naam, "ontvanger": a.ontvanger.naam, "wat": a.wat},
        _("Status: %(status)s") % {"status": PlanningStatus(a.planning).label},
        _("Baseline date: %(datum)s") % {"datum": _lang(a.basisdatum)},
    ]
    return AgendaItem(
        soort="afspraak",
        id=a.pk,
        summary=f"{a.leverancier.naam} → {a.ontvanger.naam}: {a.wat}",
        start=a.afgerond_op or a.prognose,
        sequence=len(a.verschuivingen.all()) + (1 if a.afgerond else 0),
        status=status,
        description="\n".join(regels),
        last_modified=a.updated_at,
    )


@dataclass
class Feed:
    naam: str
    items: list[AgendaItem]


def agenda_publiek(*, plan, vandaag: dt.date) -> Feed:
    """Only what the public page shows: its upcoming meetings always, its coming milestones
    once the plan is public (no reason of a forecast, no internal status, no names of people)."""
    openbaar = wup_selectors.plan_is_openbaar(plan=plan)
    items = [
        _bijeenkomst_item(b) for b in participatie_selectors.bijeenkomsten_upcoming(plan=plan)[:MAX_FEED_BIJEENKOMSTEN]
    ]
    if openbaar:
        tot = plus_maanden(vandaag, HORIZON_MAANDEN)
        komende = routekaart_selectors.komende_mijlpalen(plan_id=plan.pk, vandaag=vandaag, tot=tot)[:MAX_KOMEND]
        # The forecast moves (SEQUENCE) from the list that carries their history.
        zetten = {
            m.pk: len(m.verschuivingen.all())
            for m in routekaart_selectors.mijlpalen_list(plan=plan, vandaag=vandaag)
            if not m.afgerond
        }
        items += [_mijlpaal_item(m, intern=False, verschuivingen=zetten.get(m.pk, 0)) for m in komende]
        naam = _("%(titel)s: meetings and milestones") % {"titel": plan.titel}
    else:
        naam = _("Municipality of %(gemeente)s: meetings in your neighbourhood") % {"gemeente": plan.gemeente.naam}
    return Feed(naam=naam, items=items)


def agenda_partijen(*, plan, vandaag: dt.date) -> Feed:
    """For the plan's parties: every milestone and agreement (what, who, when; no internal
    notes), and the plan's meetings."""
    mijlpalen = routekaart_selectors.mijlpalen_list(plan=plan, vandaag=vandaag)[:MAX_FEED_MIJLPALEN]
    afspraken = routekaart_selectors.afspraken_list(plan=plan, vandaag=vandaag)[:MAX_FEED_AFSPRAKEN]
    bijeenkomsten = participatie_selectors.bijeenkomst_list(plan=plan)[:MAX_FEED_BIJEENKOMSTEN]
    items = [_mijlpaal_item(m, intern=True, verschuivingen=len(m.verschuivingen.all())) for m in mijlpalen]
    items += [_afspraak_item(a) for a in afspraken]
    items += [_bijeenkomst_item(b) for b in bijeenkomsten]
    return Feed(naam=_("%(titel)s: route map for parties") % {"titel": plan.titel}, items=items)


# --- Calendar links of the parties --------------------------------------------------------------


def agenda_token_get(*, token: str) -> AgendaToken | None:
    """The active link with this token, or None (wrong or revoked: the same answer)."""
    return (
        AgendaToken.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .select_related("plan", "plan__gemeente")
        .first()
    )


def agenda_tokens_list(*, plan) -> list[AgendaToken]:
    return list(
        AgendaToken.objects.filter(plan=plan)
        .select_related("created_by", "revoked_by")
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-id")
    )


def agenda_token_for_plan(*, plan, pk: int) -> AgendaToken | None:
    return AgendaToken.objects.filter(plan=plan, pk=pk).first()
