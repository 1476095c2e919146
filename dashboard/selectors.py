"""Reads of the `dashboard` app. Events are aggregated by PostgreSQL, never loaded one by one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Max,
    Prefetch,
    QuerySet,
)

from core.constants import GebeurtenisType as T
from core.models import Gebeurtenis
from wup import selectors as wup_selectors

from .constants import (
    PAYLOAD_CORRIGEERT,
    PAYLOAD_GEPLAND,
    PAYLOAD_PULS,
    PAYLOAD_VERTROUWEN,
    STATUS_BADGE,
    Indicator,
    Status,
)
from .indicators import Doel, MaandAgg, PlanFeiten, Uitkomst
from .models import IndicatorSnapshot, PlanWatermark, Raadsbesluit

NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


# The aggregate every recompute runs, full or per plan: one GROUP BY plan, effective type,
# month. Written as SQL rather than ORM because evaluation order matters for speed: the
# payload is only parsed for the few types that carry a score or a planned date (a CASE on
# the type first), so the statement costs little more than a plain sum and count
# (bench/RESULTS.md, benchmark 1). Django's `When(Q(type=..., payload__x__regex=...))`
# puts the regex first and parses the payload of every one of 1,000,000 rows.
# `OFFSET 0` keeps the subquery from being flattened: its narrow projection (no payload) is
# what gets sorted for the GROUP BY, instead of every row with its jsonb payload (measured:
# 1.6 s instead of 2.9 s for 1,000,000 events, faster than the plain sum and count).
# A correction event counts under the type it compensates (payload "corrigeert_type").
# Survey trust: the participatie app writes {"dimensies": {"vertrouwen": {"gemiddelde": 3.5}}};
# a flat {"vertrouwen": 4} (form/CSV) is read too. The pulse survey uses "score".
_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Only constants are interpolated (table name, the optional WHERE); values are parameters.
_AGGREGATE_SQL = f"""
SELECT plan_id,
       CASE WHEN type = %(correctie)s THEN payload ->> %(corrigeert)s ELSE type END AS eff_type,
       date_trunc('month', datum)::date AS maand,
       sum(hoeveelheid) AS som,
       count(*) AS aantal,
       count(score) AS score_n,
       avg(score) AS score_gem,
       count(*) FILTER (WHERE op_tijd) AS op_tijd,
       max(id) AS max_id
FROM (
    SELECT plan_id, type, payload, datum, hoeveelheid, id,
           CASE type
               WHEN %(respons)s THEN CASE
                   WHEN payload #>> %(genest)s ~ %(number)s THEN (payload #>> %(genest)s)::float8
                   WHEN payload ->> %(vertrouwen)s ~ %(number)s THEN (payload ->> %(vertrouwen)s)::float8
               END
               WHEN %(puls)s THEN CASE
                   WHEN payload ->> %(score)s ~ %(number)s THEN (payload ->> %(score)s)::float8
               END
           END AS score,
           CASE WHEN type = ANY(%(gepland_types)s) THEN CASE
               WHEN payload ->> %(gepland)s ~ %(iso_date)s THEN datum <= (payload ->> %(gepland)s)::date
           END END AS op_tijd
    FROM {Gebeurtenis._meta.db_table}
    {{where}}
    OFFSET 0
) e
GROUP BY 1, 2, 3
"""  # noqa: S608
# Only these (effective) types are read for "on time" (indicators.schema).
_GEPLAND_TYPES = [T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, T.CORRECTIE]


def event_aggregates(*, plan_ids: list[int] | None = None) -> dict[int, dict]:
    """Per plan: its MaandAgg rows plus the (max id, count) of the events they were built from.

    One statement for any number of plans (None: every plan, the full recompute). Max id
    and count come from the same statement, so the watermark stored with the result
    describes exactly the events it contains.
    """
    params = {
        "correctie": T.CORRECTIE,
        "corrigeert": PAYLOAD_CORRIGEERT,
        "respons": T.ENQUETE_RESPONS,
        "genest": ["dimensies", PAYLOAD_VERTROUWEN, "gemiddelde"],
        "vertrouwen": PAYLOAD_VERTROUWEN,
        "puls": T.AMBTENAREN_PULS,
        "score": PAYLOAD_PULS,
        "number": _NUMBER,
        "gepland_types": _GEPLAND_TYPES,
        "gepland": PAYLOAD_GEPLAND,
        "iso_date": _ISO_DATE,
    }
    where = ""
    if plan_ids is not None:
        where, params["plan_ids"] = "WHERE plan_id = ANY(%(plan_ids)s)", list(plan_ids)
    result: dict[int, dict] = defaultdict(lambda: {"rows": [], "max_id": 0, "count": 0})
    with connection.cursor() as cursor:
        cursor.execute(_AGGREGATE_SQL.format(where=where), params)
        for plan_id, eff_type, maand, som, aantal, score_n, score_gem, op_tijd, max_id in cursor.fetchall():
            entry = result[plan_id]
            entry["max_id"] = max(entry["max_id"], max_id)
            entry["count"] += aantal
            if eff_type:
                entry["rows"].append(
                    MaandAgg(
                        type=eff_type,
                        maand=maand,
                        som=som or 0,
                        aantal=aantal,
                        score_n=score_n,
                        score_gem=score_gem,
                        op_tijd=op_tijd,
                    )
                )
    for entry in result.values():
        entry["rows"].sort(key=lambda r: (r.maand, r.type))
    return dict(result)


def event_state(*, plan_id: int) -> tuple[int, int]:
    """(highest id, number) of the plan's events: what the watermark compares with."""
    state = Gebeurtenis.objects.filter(plan_id=plan_id).aggregate(m=Max("id"), c=Count("id"))
    return state["m"] or 0, state["c"]


def event_states() -> dict[int, tuple[int, int]]:
    """(highest id, number) of events per plan, for every plan that has events."""
    rows = Gebeurtenis.objects.values("plan_id").annotate(m=Max("id"), c=Count("id")).order_by()
    return {r["plan_id"]: (r["m"], r["c"]) for r in rows}


def plans_lagging() -> list[int]:
    """Plans whose watermark lags the event log (or that were never computed)."""
    states = event_states()
    watermarks = {w.plan_id: w for w in PlanWatermark.objects.all()}
    lagging = []
    for plan_id in wup_selectors.plan_list().values_list("id", flat=True):
        wm = watermarks.get(plan_id)
        if wm is None or wm.computed_at is None or states.get(plan_id, (0, 0)) != (wm.last_event_id, wm.event_count):
            lagging.append(plan_id)
    return sorted(lagging)


def plan_ids() -> list[int]:
    """Ids of every plan the dashboard shows (through wup's selector), in id order."""
    return list(wup_selectors.plan_list().order_by("id").values_list("id", flat=True))


def plans_with_kaders(*, plan_ids: list[int] | None = None):
    """Plans (through wup's selector) with kernwaarden, tussendoelen and fasen prefetched."""
    qs = wup_selectors.plan_list().prefetch_related("kernwaarden", "tussendoelen", "fasen")
    if plan_ids is not None:
        qs = qs.filter(id__in=plan_ids)
    return qs


def besluit_dates(*, plan_ids: list[int]) -> dict[int, list[dt.date]]:
    result: dict[int, list[dt.date]] = defaultdict(list)
    qs = Raadsbesluit.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "datum", "id")
    for plan_id, datum in qs.values_list("plan_id", "datum"):
        result[plan_id].append(datum)
    return result


def latest_snapshots(
    *, plan_ids: list[int], indicator: str | None = None, with_details: bool = True
) -> dict[int, dict[str, IndicatorSnapshot]]:
    """Per plan, per indicator: the snapshot of the latest period (one query)."""
    qs = IndicatorSnapshot.objects.filter(plan_id__in=plan_ids)
    if indicator:
        qs = qs.filter(indicator=indicator)
    if not with_details:
        qs = qs.defer("details", "projectie")
    qs = qs.order_by("plan_id", "indicator", "-periode").distinct("plan_id", "indicator")
    result: dict[int, dict[str, IndicatorSnapshot]] = defaultdict(dict)
    for snap in qs:
        result[snap.plan_id][snap.indicator] = snap
    return result


def stored_snapshots(*, plan_ids: list[int], indicator: str) -> dict[int, dict[dt.date, IndicatorSnapshot]]:
    """Per plan, per period: the stored snapshot of one indicator (one query)."""
    result: dict[int, dict[dt.date, IndicatorSnapshot]] = defaultdict(dict)
    for snap in IndicatorSnapshot.objects.filter(plan_id__in=plan_ids, indicator=indicator):
        result[snap.plan_id][snap.periode] = snap
    return result


@dataclass(frozen=True)
class RecomputeInvoer:
    """Everything a recompute needs besides the event aggregate, for one plan (plain data)."""

    plan_id: int
    feiten: PlanFeiten
    besluiten: tuple[dt.date, ...]
    gepubliceerd_vertrouwen: dict[dt.date, Uitkomst]


def recompute_inputs(*, plan_ids: list[int] | None = None) -> dict[int, RecomputeInvoer]:
    """Per plan: facts, goals, kernwaarden, decision dates and published trust figures.

    Five queries whatever the number of plans (plans with wijk, kernwaarden, tussendoelen,
    decisions, stored trust snapshots): the full and the single-plan recompute both use it,
    so both compute from exactly the same inputs.
    """
    plans = wup_selectors.plan_list().prefetch_related("kernwaarden", "tussendoelen").order_by("id")
    if plan_ids is not None:
        plans = plans.filter(id__in=plan_ids)
    plans = list(plans)
    ids = [p.id for p in plans]
    besluiten = besluit_dates(plan_ids=ids)
    vertrouwen = stored_snapshots(plan_ids=ids, indicator=Indicator.VERTROUWEN)
    result = {}
    for plan in plans:
        wijk = plan.wijk
        feiten = PlanFeiten(
            woningen=wijk.woningvoorraad if wijk else None,
            gasverbruik_m3=wijk.gem_aardgasverbruik_m3 if wijk else None,
            doeljaar=plan.doeljaar_aardgasvrij,
            startdatum=plan.startdatum,
            kernwaarde_ids=tuple(sorted(k.id for k in plan.kernwaarden.all())),
            doelen=tuple(
                Doel(
                    id=d.id,
                    omschrijving=d.omschrijving,
                    metriek=d.metriek,
                    streefwaarde=float(d.streefwaarde),
                    deadline=d.deadline,
                    kernwaarde_id=d.kernwaarde_id,
                )
                for d in sorted(plan.tussendoelen.all(), key=lambda d: d.id)
            ),
        )
        gepubliceerd = {
            periode: Uitkomst(s.waarde, s.status, s.n, s.projectie, s.details)
            for periode, s in vertrouwen.get(plan.id, {}).items()
        }
        result[plan.id] = RecomputeInvoer(plan.id, feiten, tuple(besluiten.get(plan.id, ())), gepubliceerd)
    return result


# --- Council dashboard ---------------------------------------------------------------------


def _cel(snap: IndicatorSnapshot | None) -> dict:
    """One traffic light of the overview: status, its label and badge class (600 per page)."""
    status = snap.status if snap else Status.ONBEKEND
    return {"snap": snap, "status": status, "label": Status(status).label, "badge": STATUS_BADGE[status]}


def dashboard_overview() -> list[dict]:
    """Every plan with its latest snapshot per indicator: three queries, whatever the count."""
    plans = list(wup_selectors.plan_list())
    # The overview shows only the traffic lights: leave the (large) details out.
    latest = latest_snapshots(plan_ids=[p.id for p in plans], with_details=False)
    watermarks = {w.plan_id: w for w in PlanWatermark.objects.filter(plan_id__in=[p.id for p in plans])}
    rows = []
    for plan in plans:
        per_indicator = latest.get(plan.id, {})
        wm = watermarks.get(plan.id)
        rows.append(
            {
                "plan": plan,
                "cellen": [_cel(per_indicator.get(ind.value)) for ind in Indicator],
                "computed_at": wm.computed_at if wm else None,
            }
        )
    return rows


def dashboard_plan(*, plan_id: int):
    """One plan with kaders, all its snapshots (trend), watermark and council decisions."""
    plan = (
        plans_with_kaders(plan_ids=[plan_id])
        .select_related("watermark")
        .prefetch_related(
            Prefetch("indicator_snapshots", queryset=IndicatorSnapshot.objects.order_by("indicator", "periode")),
            Prefetch("raadsbesluiten", queryset=Raadsbesluit.objects.order_by("-datum", "-id")),
        )
        .first()
    )
    return plan


def plan_events_recent(*, plan_id: int, limit: int = 10) -> QuerySet[Gebeurtenis]:
    return Gebeurtenis.objects.filter(plan_id=plan_id).order_by("-created_at", "-id")[:limit]


# --- Where the plan stands on its route ----------------------------------------------------

# Reached on or before today: these types say the milestone/agreement no longer lies ahead.
_BEREIKT_TYPES = (T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN)
_MIJLPAAL_TYPES = (T.MIJLPAAL_BEREIKT, T.MIJLPAAL_GEMIST, T.AFSPRAAK_NAGEKOMEN, T.AFSPRAAK_GEMIST)


@dataclass(frozen=True)
class Route:
    """Where a plan stands: its current phase(s), the next phase and the next milestones."""

    huidige_fasen: list
    volgende_fase: object | None
    afgerond: bool  # every phase has ended
    volgende_mijlpalen: list[dict]


def plan_route(*, plan, vandaag: dt.date, limit: int = 3) -> Route:
    """The plan's phase today (from its fasen, prefetched) and its next milestones.

    Next milestones come from the milestone/agreement events: their planned date (payload
    "gepland") lies after today and they are not recorded as reached or kept on or before
    today. One query; deduplicated on (planned date, type, note), earliest first.
    """
    from django.db.models.fields.json import KeyTextTransform

    fasen = sorted(plan.fasen.all(), key=lambda f: (f.startdatum, f.volgorde))
    huidige = [f for f in fasen if f.startdatum <= vandaag <= f.einddatum]
    volgende = next((f for f in fasen if f.startdatum > vandaag), None)
    events = (
        Gebeurtenis.objects.filter(plan_id=plan.id, type__in=_MIJLPAAL_TYPES)
        .annotate(gepland=KeyTextTransform(PAYLOAD_GEPLAND, "payload"))
        .filter(gepland__regex=ISO_DATE, gepland__gt=vandaag.isoformat())
        .exclude(type__in=_BEREIKT_TYPES, datum__lte=vandaag)
        .order_by("gepland", "id")
    )
    mijlpalen, gezien = [], set()
    for event in events:
        key = (event.gepland, event.type, event.payload.get("toelichting", ""))
        if key in gezien:
            continue
        gezien.add(key)
        mijlpalen.append(
            {
                "gepland": dt.date.fromisoformat(event.gepland),
                "soort": "mijlpaal" if event.type in (T.MIJLPAAL_BEREIKT, T.MIJLPAAL_GEMIST) else "afspraak",
                "toelichting": key[2],
            }
        )
        if len(mijlpalen) == limit:
            break
    return Route(
        huidige_fasen=huidige,
        volgende_fase=volgende,
        afgerond=bool(fasen) and all(f.einddatum < vandaag for f in fasen),
        volgende_mijlpalen=mijlpalen,
    )
