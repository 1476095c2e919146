"""The six indicators as pure functions: aggregated rows in, value/status/n/projection out.

No ORM in here (DESIGN.md, "Indicators are pure functions"): the selectors let PostgreSQL
sum the events per plan, type and month; these functions only work on those few rows, the
plan's goals and decisions, and are unit-tested on hand-made inputs.

basis: the plain data and month arithmetic; mensen: vertrouwen, beweging, sturing;
uitvoering: resultaten, schema, koers (with the interim goals); here: all of one plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..constants import Indicator, Status
from .basis import (
    ActieFeit,
    Doel,
    MaandAgg,
    PlanFeiten,
    PlanningItem,
    Uitkomst,
    VensterAgg,
    maand_plus,
    maand_van,
    maanden_tussen,
)
from .mensen import (
    acties_op_tijd,
    beweging,
    in_batches,
    opvolging,
    puls_in_batches,
    puls_publiceerbaar,
    rode_signalen,
    rode_signalen_per_indicator,
    sturing,
    vertrouwen,
)
from .uitvoering import (
    co2_vermeden_ton,
    doel_lijn,
    koers,
    over_tijd_op,
    resultaat_totalen,
    resultaten,
    schema,
    tussendoel_voortgang,
)

__all__ = [
    "ActieFeit",
    "Doel",
    "MaandAgg",
    "PlanFeiten",
    "PlanningItem",
    "Uitkomst",
    "VensterAgg",
    "acties_op_tijd",
    "bereken",
    "beweging",
    "co2_vermeden_ton",
    "doel_lijn",
    "in_batches",
    "koers",
    "maand_plus",
    "maand_van",
    "maanden_tussen",
    "opvolging",
    "over_tijd_op",
    "perioden",
    "puls_in_batches",
    "puls_publiceerbaar",
    "resultaat_totalen",
    "resultaten",
    "rode_signalen",
    "rode_signalen_per_indicator",
    "schema",
    "sturing",
    "tussendoel_voortgang",
    "vertrouwen",
    "zonder_cijfer_geen_oordeel",
]

# --- All indicators of one plan over its periods ----------------------------------------

# The indicators whose statuses make the red signals, in the order `bereken` lists them.
SIGNAAL_INDICATOREN = (
    Indicator.VERTROUWEN.value,
    Indicator.BEWEGING.value,
    Indicator.RESULTATEN.value,
    Indicator.SCHEMA.value,
    Indicator.KOERS.value,
)


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
    gepubliceerd_puls: dict[dt.date, dict] | None = None,
    vandaag: dt.date | None = None,
    recent: Sequence[VensterAgg] | None = None,
    acties: Sequence[ActieFeit] | None = None,
) -> dict[tuple[str, dt.date], Uitkomst]:
    """Every indicator for every period. Deterministic: same inputs, same outputs.

    `vandaag` bounds the current period's moment: the schedule counts routekaart items overdue
    by today, not by the end of this month.

    `gepubliceerd_vertrouwen` holds the trust figures published before (per period), so a
    survey-based figure only changes in batches, also between two runs; `gepubliceerd_puls`
    likewise holds the civil servants' pulse published before (the governance details' keys).

    `recent` holds the rolling 30-day windows up to `vandaag` (VensterAgg): the current
    period's movement counts the last 30 days, not the calendar month so far.

    `acties` holds the plan's steering actions (ActieFeit): with them the governance details
    also count the steering loop (`opvolging`, `acties_op_tijd`; issue 10).
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
        b = beweging(rows, periode, recent=recent, vandaag=vandaag)
        r = resultaten(
            rows,
            periode,
            woningen=feiten.woningen,
            gasverbruik_m3=feiten.gasverbruik_m3,
            doeljaar=feiten.doeljaar,
            begin=feiten.startdatum,
        )
        s = schema(rows, periode, planning=feiten.planning, vandaag=vandaag)
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
    signalen_rood = rode_signalen_per_indicator(statussen, SIGNAAL_INDICATOREN)
    signalen = [periode for periode, _ in signalen_rood]
    gepubliceerd_puls = gepubliceerd_puls or {}
    vorige_puls: dict | None = None
    for periode in perioden:
        st = sturing(
            signalen,
            besluiten,
            periode,
            puls_rows=rows,
            puls_vorige=gepubliceerd_puls.get(periode) or vorige_puls,
            signalen_rood=signalen_rood,
            acties=acties,
            vandaag=vandaag,
        )
        vorige_puls = st.details
        uit[("sturing", periode)] = st
    return {key: zonder_cijfer_geen_oordeel(u) for key, u in uit.items()}


def zonder_cijfer_geen_oordeel(u: Uitkomst) -> Uitkomst:
    """No status without a figure (issue 10): a light beside "no figure" judges nothing."""
    if u.waarde is None and u.status != Status.ONBEKEND:
        return Uitkomst(u.waarde, Status.ONBEKEND, u.n, u.projectie, u.details)
    return u
