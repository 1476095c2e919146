"""The six indicators as pure functions: aggregated rows in, value/status/n/projection out.

No ORM in here (DESIGN.md, "Indicators are pure functions"): the selectors let PostgreSQL
sum the events per plan, type and month; these functions only work on those few rows, the
plan's goals and decisions, and are unit-tested on hand-made inputs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from logboek.constants import GebeurtenisType as T

from .constants import (
    CO2_KG_PER_M3_AARDGAS,
    DEFAULT_GASVERBRUIK_M3,
    MIN_RESPONSES,
    STURING_REACTIE_DAGEN,
    SURVEY_BATCH,
    Status,
)


@dataclass(frozen=True)
class MaandAgg:
    """One aggregate row: the events of one (effective) type in one month of one plan."""

    type: str
    maand: dt.date  # first day of the month
    som: int = 0  # Sum(hoeveelheid)
    aantal: int = 0  # Count(*)
    score_n: int = 0  # events with a numeric score item (survey trust / pulse score)
    score_gem: float | None = None  # Avg of that item, computed in SQL
    op_tijd: int = 0  # milestone/agreement events whose date <= payload "gepland"


@dataclass(frozen=True)
class Doel:
    """A tussendoel (interim goal) as plain data."""

    id: int
    omschrijving: str
    metriek: str
    streefwaarde: float
    deadline: dt.date
    kernwaarde_id: int | None = None


@dataclass(frozen=True)
class Uitkomst:
    """What every indicator returns."""

    waarde: float | None
    status: str
    n: int = 0
    projectie: dict | None = None
    details: dict = field(default_factory=dict)


# --- helpers -----------------------------------------------------------------------------


def maand_van(datum: dt.date) -> dt.date:
    return datum.replace(day=1)


def maand_plus(maand: dt.date, maanden: int) -> dt.date:
    index = maand.year * 12 + (maand.month - 1) + maanden
    return dt.date(index // 12, index % 12 + 1, 1)


def maanden_tussen(begin: dt.date, eind: dt.date) -> list[dt.date]:
    """Every month start from begin's month up to and including eind's month."""
    result, current, last = [], maand_van(begin), maand_van(eind)
    while current <= last:
        result.append(current)
        current = maand_plus(current, 1)
    return result


def _tot(rows: Iterable[MaandAgg], periode: dt.date) -> list[MaandAgg]:
    return [r for r in rows if r.maand <= periode]


def _som(rows: Iterable[MaandAgg], *types: str, veld: str = "som") -> int:
    # A list comprehension with attrgetter: the hottest line of a full recompute (bench 1).
    get = attrgetter(veld)
    return sum([get(r) for r in rows if r.type in types])


def _gewogen_gemiddelde(rows: Iterable[MaandAgg], type_: str) -> tuple[float | None, int]:
    pairs = [(r.score_gem, r.score_n) for r in rows if r.type == type_ and r.score_n and r.score_gem is not None]
    n = sum(count for _, count in pairs)
    if not n:
        return None, 0
    return sum(mean * count for mean, count in pairs) / n, n


# --- Is er vertrouwen? -------------------------------------------------------------------


def vertrouwen(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Trust: mean of the survey trust item (1-5) up to the period; suppressed below 10.

    Status: >= 3.5 on track, >= 3.0 attention, lower off track.
    """
    mean, n = _gewogen_gemiddelde(_tot(rows, periode), T.ENQUETE_RESPONS)
    if n < MIN_RESPONSES:
        return Uitkomst(None, Status.ONBEKEND, n=0, details={"onderdrukt": n > 0})
    mean = round(mean, 2)
    status = Status.OP_KOERS if mean >= 3.5 else Status.AANDACHT if mean >= 3.0 else Status.UIT_KOERS
    return Uitkomst(mean, status, n=n)


def in_batches(vorige: Uitkomst | None, nieuw: Uitkomst) -> Uitkomst:
    """Survey-based values change only when n crosses a multiple of SURVEY_BATCH.

    So two published figures never differ by one answer (DESIGN.md, privacy). `vorige` is
    the figure published before (the previous period, or the stored one of this period).
    """
    if vorige is None or vorige.waarde is None or nieuw.waarde is None:
        return nieuw
    if vorige.n // SURVEY_BATCH == nieuw.n // SURVEY_BATCH:
        return vorige
    return nieuw


# --- Is er beweging? ---------------------------------------------------------------------

# Households taking part or acting: attendees, survey responses and home measures.
BEWEGING_SOM = (T.BIJEENKOMST_GEHOUDEN, T.WONING_AARDGASVRIJ, T.WONING_GEISOLEERD)
BEWEGING_SOM += (T.WARMTEPOMP_GEINSTALLEERD, T.WARMTENET_AANSLUITING)
BEWEGING_AANTAL = (T.ENQUETE_RESPONS,)


def _acties(rows: Iterable[MaandAgg]) -> int:
    rows = list(rows)
    return _som(rows, *BEWEGING_SOM) + _som(rows, *BEWEGING_AANTAL, veld="aantal")


def beweging(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Movement: actions in the last 3 months (incl. the period) and growth vs the 3 before.

    Off track when nothing moved for 3 months or it more than halved; attention when it
    fell by more than 10 %.
    """
    rows = _tot(rows, periode)
    totaal = _acties(rows)
    if not totaal:
        return Uitkomst(None, Status.ONBEKEND, n=0)
    recent_begin, vorig_begin = maand_plus(periode, -2), maand_plus(periode, -5)
    recent = _acties(r for r in rows if r.maand >= recent_begin)
    vorig = _acties(r for r in rows if vorig_begin <= r.maand < recent_begin)
    groei = None if not vorig else round((recent - vorig) / vorig, 3)
    if recent == 0 or (groei is not None and groei < -0.5):
        status = Status.UIT_KOERS
    elif groei is not None and groei < -0.1:
        status = Status.AANDACHT
    else:
        status = Status.OP_KOERS
    details = {"deze_maand": _acties(r for r in rows if r.maand == periode), "vorige_3_maanden": vorig}
    return Uitkomst(float(recent), status, n=totaal, projectie={"groei": groei}, details=details)


# --- Welke resultaten zijn al behaald? ---------------------------------------------------


# Cumulative totals: key -> (event type, which aggregate field is summed).
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
) -> Uitkomst:
    """Results: homes gas-free (value), insulated, heat pumps, connections, CO2 avoided.

    Projection: at the pace of the last 12 months, the year all homes are gas-free, against
    the plan's target year: on track when not later, attention up to 2 years late.
    """
    totalen = resultaat_totalen(rows, periode)
    gasvrij = totalen["aardgasvrij"]
    tot = _tot(rows, periode)
    n = _som(
        tot,
        T.WONING_AARDGASVRIJ,
        T.WONING_GEISOLEERD,
        T.WARMTEPOMP_GEINSTALLEERD,
        T.WARMTENET_AANSLUITING,
        veld="aantal",
    )
    details = dict(totalen, co2_ton_per_jaar=co2_vermeden_ton(gasvrij, gasverbruik_m3))
    jaar_begin = maand_plus(periode, -11)
    tempo = _som((r for r in rows if jaar_begin <= r.maand <= periode), T.WONING_AARDGASVRIJ)
    projectie = {"tempo_per_jaar": tempo, "doeljaar": doeljaar, "jaar": None}
    if woningen:
        rest = max(woningen - gasvrij, 0)
        details["woningen"] = woningen
        details["pct_aardgasvrij"] = round(100 * min(gasvrij, woningen) / woningen, 1)
        if rest == 0:
            projectie["jaar"] = periode.year
        elif tempo > 0:
            projectie["jaar"] = periode.year + math.ceil(rest / tempo)
    if not woningen or not doeljaar or not n:
        status = Status.ONBEKEND
    elif projectie["jaar"] is None:
        status = Status.UIT_KOERS
    elif projectie["jaar"] <= doeljaar:
        status = Status.OP_KOERS
    elif projectie["jaar"] <= doeljaar + 2:
        status = Status.AANDACHT
    else:
        status = Status.UIT_KOERS
    return Uitkomst(float(gasvrij), status, n=n, projectie=projectie, details=details)


# --- Liggen we als gemeente op schema? ---------------------------------------------------


def schema(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Schedule: % of milestones/agreements met on time (date <= planned date in payload).

    Late = met after the planned date; missed = recorded as missed. >= 80 % on time is on
    track, >= 60 % attention.
    """
    rows = _tot(rows, periode)
    gehaald = _som(rows, T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, veld="aantal")
    op_tijd = _som(rows, T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, veld="op_tijd")
    gemist = _som(rows, T.MIJLPAAL_GEMIST, T.AFSPRAAK_GEMIST, veld="aantal")
    n = gehaald + gemist
    details = {"op_tijd": op_tijd, "te_laat": gehaald - op_tijd, "gemist": gemist}
    if not n:
        return Uitkomst(None, Status.ONBEKEND, n=0, details=details)
    pct = round(100 * op_tijd / n, 1)
    status = Status.OP_KOERS if pct >= 80 else Status.AANDACHT if pct >= 60 else Status.UIT_KOERS
    return Uitkomst(pct, status, n=n, details=details)


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


def koers(kernwaarde_ids: Sequence[int], doelen: Sequence[Doel], voortgang: Sequence[dict]) -> Uitkomst:
    """Alignment: every kernwaarde backed by a goal, every goal tied to a kernwaarde, goals on track.

    The value is the mean of the three shares (0-100): >= 80 on track, >= 50 attention.
    """
    if not kernwaarde_ids and not doelen:
        return Uitkomst(None, Status.ONBEKEND, n=0)
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
    return Uitkomst(waarde, status, n=len(doelen), details=details)


# --- Besturen we effectief? --------------------------------------------------------------


def rode_signalen(statussen: Sequence[tuple[dt.date, Sequence[str]]]) -> list[dt.date]:
    """Periods in which some indicator turned off track (it was not off track the period before)."""
    signalen, vorige = [], set()
    for periode, per_indicator in statussen:
        rood = {i for i, status in enumerate(per_indicator) if status == Status.UIT_KOERS}
        if rood - vorige:
            signalen.append(periode)
        vorige = rood
    return signalen


def sturing(
    signalen: Sequence[dt.date],
    besluiten: Sequence[dt.date],
    periode: dt.date,
    *,
    puls_rows: Sequence[MaandAgg] = (),
    reactie_dagen: int = STURING_REACTIE_DAGEN,
) -> Uitkomst:
    """Governance: % of red signals followed by a recorded council decision within N days.

    A signal still inside its N days and unanswered is open (attention), not failed. The
    civil servants' pulse score (1-5) is shown beside it when there are >= 10 answers.
    """
    einde = maand_plus(periode, 1) - dt.timedelta(days=1)
    beantwoord = gefaald = open_ = 0
    for signaal in (s for s in signalen if s <= einde):
        termijn = signaal + dt.timedelta(days=reactie_dagen)
        if any(signaal <= b <= min(termijn, einde) for b in besluiten):
            beantwoord += 1
        elif termijn < einde:
            gefaald += 1
        else:
            open_ += 1
    puls, puls_n = _gewogen_gemiddelde(_tot(puls_rows, periode), T.AMBTENAREN_PULS)
    details = {"beantwoord": beantwoord, "gemist": gefaald, "open": open_}
    if puls_n >= MIN_RESPONSES:
        details["puls"] = round(puls, 2)
        details["puls_n"] = puls_n
    n = beantwoord + gefaald
    if not n:
        status = Status.AANDACHT if open_ else Status.ONBEKEND
        return Uitkomst(None, status, n=0, details=details)
    waarde = round(100 * beantwoord / n, 1)
    if waarde < 50:
        status = Status.UIT_KOERS
    elif waarde < 100 or open_:
        status = Status.AANDACHT
    else:
        status = Status.OP_KOERS
    return Uitkomst(waarde, status, n=n, details=details)


# --- All indicators of one plan over its periods ----------------------------------------


@dataclass(frozen=True)
class PlanFeiten:
    """What the indicators need from the plan itself (plain data)."""

    woningen: int | None = None
    gasverbruik_m3: float | None = None
    doeljaar: int | None = None
    startdatum: dt.date | None = None
    kernwaarde_ids: tuple[int, ...] = ()
    doelen: tuple[Doel, ...] = ()


def perioden(rows: Sequence[MaandAgg], *, vandaag: dt.date, startdatum: dt.date | None, maximaal: int) -> list[dt.date]:
    """The months to compute: from the first event (or plan start) to today, at most `maximaal`."""
    begin_kandidaten = [r.maand for r in rows if r.maand <= vandaag]
    if startdatum and startdatum <= vandaag:
        begin_kandidaten.append(maand_van(startdatum))
    begin = min(begin_kandidaten, default=maand_van(vandaag))
    begin = max(begin, maand_plus(maand_van(vandaag), -(maximaal - 1)))
    return maanden_tussen(begin, vandaag)


def bereken(
    rows: Sequence[MaandAgg],
    feiten: PlanFeiten,
    *,
    perioden: Sequence[dt.date],
    besluiten: Sequence[dt.date] = (),
    gepubliceerd_vertrouwen: dict[dt.date, Uitkomst] | None = None,
) -> dict[tuple[str, dt.date], Uitkomst]:
    """Every indicator for every period. Deterministic: same inputs, same outputs.

    `gepubliceerd_vertrouwen` holds the trust figures published before (per period), so a
    survey-based figure only changes in batches, also between two runs.
    """
    gepubliceerd_vertrouwen = gepubliceerd_vertrouwen or {}
    uit: dict[tuple[str, dt.date], Uitkomst] = {}
    statussen = []
    begin = feiten.startdatum or (perioden[0] if perioden else dt.date.today())
    vorige_vertrouwen: Uitkomst | None = None
    for periode in perioden:
        v = vertrouwen(rows, periode)
        v = in_batches(gepubliceerd_vertrouwen.get(periode) or vorige_vertrouwen, v)
        vorige_vertrouwen = v
        b = beweging(rows, periode)
        r = resultaten(
            rows, periode, woningen=feiten.woningen, gasverbruik_m3=feiten.gasverbruik_m3, doeljaar=feiten.doeljaar
        )
        s = schema(rows, periode)
        voortgang = tussendoel_voortgang(
            feiten.doelen,
            totalen=resultaat_totalen(rows, periode),
            periode=periode,
            begin=begin,
            vertrouwen=v.waarde,
            schema_pct=s.waarde,
            woningen=feiten.woningen,
        )
        r = Uitkomst(r.waarde, r.status, r.n, r.projectie, dict(r.details, tussendoelen=voortgang))
        k = koers(feiten.kernwaarde_ids, feiten.doelen, voortgang)
        uit.update({("vertrouwen", periode): v, ("beweging", periode): b, ("resultaten", periode): r})
        uit.update({("schema", periode): s, ("koers", periode): k})
        statussen.append((periode, [v.status, b.status, r.status, s.status, k.status]))
    signalen = rode_signalen(statussen)
    for periode in perioden:
        uit[("sturing", periode)] = sturing(signalen, besluiten, periode, puls_rows=rows)
    return uit
