"""Results, schedule and alignment: the indicators about what the plan delivers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from logboek.constants import GebeurtenisType as T

from ..constants import CO2_KG_PER_M3_AARDGAS, DEFAULT_GASVERBRUIK_M3, Status
from .basis import Doel, MaandAgg, PlanningItem, Uitkomst, maand_einde, maand_plus, som, tot_en_met

TOTALEN = {
    "aardgasvrij": (T.WONING_AARDGASVRIJ, "som"),
    "geisoleerd": (T.WONING_GEISOLEERD, "som"),
    "warmtepompen": (T.WARMTEPOMP_GEINSTALLEERD, "som"),
    "aansluitingen": (T.WARMTENET_AANSLUITING, "som"),
    "bezoekers": (T.BIJEENKOMST_GEHOUDEN, "som"),
    "responses": (T.ENQUETE_RESPONS, "aantal"),
}
_TOTAAL_PER_TYPE = {type_: (key, veld) for key, (type_, veld) in TOTALEN.items()}


def resultaat_totalen(rows: Sequence[MaandAgg], periode: dt.date) -> dict[str, int]:
    """Cumulative totals up to and including the period (one pass over the rows)."""
    totalen = dict.fromkeys(TOTALEN, 0)
    for r in rows:
        if r.maand <= periode and r.type in _TOTAAL_PER_TYPE:
            key, veld = _TOTAAL_PER_TYPE[r.type]
            totalen[key] += getattr(r, veld)
    return totalen


def co2_vermeden_ton(aardgasvrij: int, gasverbruik_m3: float | None) -> float:
    """Tonnes CO2 avoided per year: homes gas-free x gas use per home x 1.78 kg/m3."""
    gas = gasverbruik_m3 or DEFAULT_GASVERBRUIK_M3
    return round(aardgasvrij * gas * CO2_KG_PER_M3_AARDGAS / 1000, 1)


def resultaten(
    rows: Sequence[MaandAgg],
    periode: dt.date,
    *,
    woningen: int | None,
    gasverbruik_m3: float | None,
    doeljaar: int | None,
    begin: dt.date | None = None,
) -> Uitkomst:
    """Results: homes gas-free (value), insulated, heat pumps, connections, CO2 avoided.

    Projection: at the pace of the last 12 months, the year all homes are gas-free, against
    the plan's target year: on track when not later, attention up to 2 years late.
    """
    totalen = resultaat_totalen(rows, periode)
    gasvrij = totalen["aardgasvrij"]
    tot = tot_en_met(rows, periode)
    n = som(
        tot,
        T.WONING_AARDGASVRIJ,
        T.WONING_GEISOLEERD,
        T.WARMTEPOMP_GEINSTALLEERD,
        T.WARMTENET_AANSLUITING,
        veld="aantal",
    )
    details = dict(totalen, co2_ton_per_jaar=co2_vermeden_ton(gasvrij, gasverbruik_m3))
    jaar_begin = maand_plus(periode, -11)
    tempo = som((r for r in rows if jaar_begin <= r.maand <= periode), T.WONING_AARDGASVRIJ)
    projectie = {"tempo_per_jaar": tempo, "doeljaar": doeljaar, "jaar": None}
    if woningen:
        rest = max(woningen - gasvrij, 0)
        details["woningen"] = woningen
        details["pct_aardgasvrij"] = round(100 * min(gasvrij, woningen) / woningen, 1)
        if gasvrij > woningen:  # more than the plan area holds: a data error, never > 100 %
            details["boven_plangebied"] = gasvrij - woningen
        if rest == 0:
            projectie["jaar"] = periode.year
        elif tempo > 0:
            projectie["jaar"] = periode.year + math.ceil(rest / tempo)
    nodig = nodig_op(periode, woningen=woningen, doeljaar=doeljaar, begin=begin)
    if nodig is not None:
        details["nodig_nu"] = nodig
    reden: dict = {"jaar": projectie["jaar"], "doel": doeljaar, "gehaald": gasvrij, "nodig": nodig}
    if not woningen:
        status, reden["code"] = Status.ONBEKEND, "geen_woningen"
    elif not doeljaar:
        status, reden["code"] = Status.ONBEKEND, "geen_doeljaar"
    elif not n:
        status, reden["code"] = Status.ONBEKEND, "geen_acties"
    elif projectie["jaar"] is None:
        status, reden["code"] = Status.UIT_KOERS, "geen_tempo"
    elif projectie["jaar"] <= doeljaar:
        status, reden["code"] = Status.OP_KOERS, "projectie"
    elif projectie["jaar"] <= doeljaar + 2:
        status, reden["code"] = Status.AANDACHT, "projectie"
    else:
        status, reden["code"] = Status.UIT_KOERS, "projectie"
    details["reden"] = reden
    return Uitkomst(float(gasvrij), status, n=n, projectie=projectie, details=details)


def nodig_op(periode: dt.date, *, woningen: int | None, doeljaar: int | None, begin: dt.date | None) -> int | None:
    """Homes that should be gas-free by the end of the period on a straight line from the plan's
    start (0) to all homes of the plan area at the end of the target year; None when unknown."""
    if not woningen or not doeljaar or begin is None:
        return None
    einde, doel = maand_einde(periode), dt.date(doeljaar, 12, 31)
    if doel <= begin:
        return woningen
    fractie = min(max((einde - begin).days / (doel - begin).days, 0.0), 1.0)
    return math.ceil(woningen * fractie)


# --- Liggen we als gemeente op schema? ---------------------------------------------------

SCHEMA_NORM_PCT = 80  # on track from this share on time (the line in the chart)


def over_tijd_op(planning: Sequence[PlanningItem], moment: dt.date) -> int:
    """Milestones and agreements overdue at `moment`: baseline passed, not completed by then.

    An item completed after `moment` was still open at it, so it counts as overdue for that
    period and as completed (its event) from the month it was completed: never both at once.
    """
    return sum(1 for p in planning if p.basisdatum < moment and (p.afgerond_op is None or p.afgerond_op > moment))


def schema(
    rows: Sequence[MaandAgg],
    periode: dt.date,
    *,
    planning: Sequence[PlanningItem] = (),
    vandaag: dt.date | None = None,
) -> Uitkomst:
    """Schedule: % of milestones/agreements on time, of those completed or overdue.

    Completed, from the events (date <= planned date in the payload): on time, late (met
    after the planned date) or missed (recorded as missed / not kept). Overdue, from the
    routekaart: open items whose baseline lies before the period's moment (the end of the
    month, or today in the current month), derived, never stored: they count in n and never
    as on time, so an open milestone that slips turns the light without anyone typing an
    event. >= 80 % on time is on track, >= 60 % attention.
    """
    moment = maand_einde(periode) if vandaag is None else min(maand_einde(periode), vandaag)
    rows = tot_en_met(rows, periode)
    gehaald = som(rows, T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, veld="aantal")
    op_tijd = som(rows, T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, veld="op_tijd")
    gemist = som(rows, T.MIJLPAAL_GEMIST, T.AFSPRAAK_GEMIST, veld="aantal")
    over_tijd = over_tijd_op(planning, moment)
    n = gehaald + gemist + over_tijd
    details = {"op_tijd": op_tijd, "te_laat": gehaald - op_tijd, "gemist": gemist, "over_tijd": over_tijd}
    reden = {"code": "geen_items" if not n else "schema", "norm": SCHEMA_NORM_PCT, **details}
    if not n:
        return Uitkomst(None, Status.ONBEKEND, n=0, details=dict(details, reden=reden))
    pct = round(100 * op_tijd / n, 1)
    status = Status.OP_KOERS if pct >= SCHEMA_NORM_PCT else Status.AANDACHT if pct >= 60 else Status.UIT_KOERS
    return Uitkomst(pct, status, n=n, details=dict(details, reden=dict(reden, pct=pct)))


# --- Stroken de (tussen)doelen met de kernwaarden? ----------------------------------------

CUMULATIEF = {
    "woningen_aardgasvrij": "aardgasvrij",
    "woningen_geisoleerd": "geisoleerd",
    "warmtepompen": "warmtepompen",
    "warmtenet_aansluitingen": "aansluitingen",
    "bijeenkomst_bezoekers": "bezoekers",
}


def tussendoel_voortgang(
    doelen: Sequence[Doel],
    *,
    totalen: dict[str, int],
    periode: dt.date,
    begin: dt.date,
    vertrouwen: float | None = None,
    schema_pct: float | None = None,
    woningen: int | None = None,
) -> list[dict]:
    """Progress per tussendoel: current value, fraction of the target, and on track or not.

    Cumulative metrics are on track when they keep up with a straight line from `begin`
    (plan start) to the deadline; level metrics (trust, rates) when they reach 90 % of the
    target before the deadline and the full target after it. Unknown current value: None.
    """
    einde_periode = maand_plus(periode, 1) - dt.timedelta(days=1)
    result = []
    for doel in doelen:
        if doel.metriek in CUMULATIEF:
            huidig = float(totalen.get(CUMULATIEF[doel.metriek], 0))
        elif doel.metriek == "vertrouwen":
            huidig = vertrouwen
        elif doel.metriek == "mijlpalen_op_tijd":
            huidig = schema_pct
        elif doel.metriek == "participatiegraad" and woningen:
            deelnemers = totalen.get("responses", 0) + totalen.get("bezoekers", 0)
            huidig = round(min(100.0, 100 * deelnemers / woningen), 1)
        else:
            huidig = None
        doelwaarde = float(doel.streefwaarde)
        fractie = None if huidig is None or not doelwaarde else round(huidig / doelwaarde, 3)
        if fractie is None:
            op_koers = None
        elif einde_periode >= doel.deadline:
            op_koers = fractie >= 1
        elif doel.metriek in CUMULATIEF:
            totaal_dagen = max((doel.deadline - begin).days, 1)
            verwacht = min(max((einde_periode - begin).days / totaal_dagen, 0), 1)
            op_koers = fractie >= 0.9 * verwacht
        else:
            op_koers = fractie >= 0.9
        result.append(
            {
                "id": doel.id,
                "omschrijving": doel.omschrijving,
                "metriek": doel.metriek,
                "streefwaarde": doelwaarde,
                "deadline": doel.deadline.isoformat(),
                "huidig": huidig,
                "fractie": fractie,
                "op_koers": op_koers,
            }
        )
    return result


def doel_lijn(doel: Doel, perioden: Sequence[dt.date], *, begin: dt.date) -> list[float]:
    """The tussendoel's line for a chart, per period: for a cumulative metric the straight line
    from 0 at `begin` (plan start) to the target at the deadline (what tussendoel_voortgang
    compares with), for a level metric (trust, share on time) the target itself."""
    doelwaarde = float(doel.streefwaarde)
    if doel.metriek not in CUMULATIEF:
        return [doelwaarde for _ in perioden]
    totaal_dagen = max((doel.deadline - begin).days, 1)
    return [round(doelwaarde * min(max((maand_einde(p) - begin).days / totaal_dagen, 0.0), 1.0), 1) for p in perioden]


def koers(kernwaarde_ids: Sequence[int], doelen: Sequence[Doel], voortgang: Sequence[dict]) -> Uitkomst:
    """Alignment: every kernwaarde backed by a goal, every goal tied to a kernwaarde, goals on track.

    The value is the mean of the three shares (0-100): >= 80 on track, >= 50 attention.
    """
    if not kernwaarde_ids and not doelen:
        return Uitkomst(None, Status.ONBEKEND, n=0, details={"reden": {"code": "geen_kaders"}})
    gedekt = {d.kernwaarde_id for d in doelen if d.kernwaarde_id in set(kernwaarde_ids)}
    aandelen = []
    details: dict = {"kernwaarden": len(kernwaarde_ids), "doelen": len(doelen)}
    if kernwaarde_ids:
        details["kernwaarden_met_doel"] = len(gedekt)
        aandelen.append(len(gedekt) / len(kernwaarde_ids))
    if doelen:
        gekoppeld = sum(1 for d in doelen if d.kernwaarde_id is not None)
        details["doelen_met_kernwaarde"] = gekoppeld
        aandelen.append(gekoppeld / len(doelen))
    bekend = [v for v in voortgang if v["op_koers"] is not None]
    if bekend:
        details["doelen_op_koers"] = sum(1 for v in bekend if v["op_koers"])
        aandelen.append(details["doelen_op_koers"] / len(bekend))
    waarde = round(100 * sum(aandelen) / len(aandelen), 1)
    status = Status.OP_KOERS if waarde >= 80 else Status.AANDACHT if waarde >= 50 else Status.UIT_KOERS
    details["reden"] = {"code": "koers", "doelen_bekend": len(bekend), **details}
    return Uitkomst(waarde, status, n=len(doelen), details=details)
