"""Reads of the `dashboard` app. Events are aggregated by PostgreSQL, never loaded one by one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    F,
    FloatField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, TruncMonth

from core.constants import GebeurtenisType as T
from core.models import Gebeurtenis
from wup import selectors as wup_selectors

from .constants import PAYLOAD_CORRIGEERT, PAYLOAD_GEPLAND, PAYLOAD_PULS, PAYLOAD_VERTROUWEN, Indicator
from .indicators import MaandAgg
from .models import IndicatorSnapshot, PlanWatermark, Raadsbesluit

NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _score():
    """The numeric survey item of an event (trust for residents, score for the pulse), or NULL."""
    # The participatie app writes {"dimensies": {"vertrouwen": {"gemiddelde": 3.5, ...}}}; a
    # flat {"vertrouwen": 4} (form/CSV) is read too.
    nested = KeyTextTransform("gemiddelde", KeyTransform(PAYLOAD_VERTROUWEN, KeyTransform("dimensies", "payload")))
    return Case(
        When(
            Q(type=T.ENQUETE_RESPONS, **{f"payload__dimensies__{PAYLOAD_VERTROUWEN}__gemiddelde__regex": NUMBER}),
            then=Cast(nested, FloatField()),
        ),
        When(
            Q(type=T.ENQUETE_RESPONS, **{f"payload__{PAYLOAD_VERTROUWEN}__regex": NUMBER}),
            then=Cast(KeyTextTransform(PAYLOAD_VERTROUWEN, "payload"), FloatField()),
        ),
        When(
            Q(type=T.AMBTENAREN_PULS, **{f"payload__{PAYLOAD_PULS}__regex": NUMBER}),
            then=Cast(KeyTextTransform(PAYLOAD_PULS, "payload"), FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )


def _gepland():
    return Case(
        When(
            **{f"payload__{PAYLOAD_GEPLAND}__regex": ISO_DATE},
            then=Cast(KeyTextTransform(PAYLOAD_GEPLAND, "payload"), DateField()),
        ),
        default=None,
        output_field=DateField(),
    )


def event_aggregates(*, plan_ids: list[int] | None = None) -> dict[int, dict]:
    """Per plan: its MaandAgg rows plus the (max id, count) of the events they were built from.

    One GROUP BY plan, effective type, month. A correction event counts under the type it
    compensates (payload "corrigeert_type"). Max id and count come from the same statement,
    so the watermark stored with the result describes exactly the events it contains.
    """
    effective_type = Case(
        When(type=T.CORRECTIE, then=KeyTextTransform(PAYLOAD_CORRIGEERT, "payload")),
        default=F("type"),
        output_field=CharField(),
    )
    score = _score()
    qs = Gebeurtenis.objects.all()
    if plan_ids is not None:
        qs = qs.filter(plan_id__in=plan_ids)
    rows = (
        qs.annotate(eff_type=effective_type, maand=TruncMonth("datum"))
        .values("plan_id", "eff_type", "maand")
        .annotate(
            som=Sum("hoeveelheid"),
            aantal=Count("id"),
            score_n=Count(score),
            score_gem=Avg(score),
            op_tijd=Count("id", filter=Q(datum__lte=_gepland())),
            max_id=Max("id"),
        )
        .order_by()
    )
    result: dict[int, dict] = defaultdict(lambda: {"rows": [], "max_id": 0, "count": 0})
    for r in rows:
        entry = result[r["plan_id"]]
        entry["max_id"] = max(entry["max_id"], r["max_id"])
        entry["count"] += r["aantal"]
        if r["eff_type"]:
            entry["rows"].append(
                MaandAgg(
                    type=r["eff_type"],
                    maand=r["maand"],
                    som=r["som"] or 0,
                    aantal=r["aantal"],
                    score_n=r["score_n"],
                    score_gem=r["score_gem"],
                    op_tijd=r["op_tijd"],
                )
            )
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


def plans_with_kaders(*, plan_ids: list[int] | None = None):
    """Plans (through wup's selector) with kernwaarden, tussendoelen and fasen prefetched."""
    qs = wup_selectors.plan_list().prefetch_related("kernwaarden", "tussendoelen", "fasen")
    if plan_ids is not None:
        qs = qs.filter(id__in=plan_ids)
    return qs


def besluit_dates(*, plan_ids: list[int]) -> dict[int, list[dt.date]]:
    result: dict[int, list[dt.date]] = defaultdict(list)
    for plan_id, datum in Raadsbesluit.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "datum"):
        result[plan_id].append(datum)
    return result


def latest_snapshots(*, plan_ids: list[int], indicator: str | None = None) -> dict[int, dict[str, IndicatorSnapshot]]:
    """Per plan, per indicator: the snapshot of the latest period (one query)."""
    qs = IndicatorSnapshot.objects.filter(plan_id__in=plan_ids)
    if indicator:
        qs = qs.filter(indicator=indicator)
    qs = qs.order_by("plan_id", "indicator", "-periode").distinct("plan_id", "indicator")
    result: dict[int, dict[str, IndicatorSnapshot]] = defaultdict(dict)
    for snap in qs:
        result[snap.plan_id][snap.indicator] = snap
    return result


def stored_snapshots(*, plan_id: int, indicator: str) -> dict[dt.date, IndicatorSnapshot]:
    qs = IndicatorSnapshot.objects.filter(plan_id=plan_id, indicator=indicator)
    return {s.periode: s for s in qs}


# --- Council dashboard ---------------------------------------------------------------------


def dashboard_overview() -> list[dict]:
    """Every plan with its latest snapshot per indicator: three queries, whatever the count."""
    plans = list(wup_selectors.plan_list())
    latest = latest_snapshots(plan_ids=[p.id for p in plans])
    watermarks = {w.plan_id: w for w in PlanWatermark.objects.filter(plan_id__in=[p.id for p in plans])}
    rows = []
    for plan in plans:
        per_indicator = latest.get(plan.id, {})
        wm = watermarks.get(plan.id)
        rows.append(
            {
                "plan": plan,
                "cellen": [(ind, per_indicator.get(ind.value)) for ind in Indicator],
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
