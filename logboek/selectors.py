"""Reads of the event log: the monthly aggregate every recompute runs, states, recent events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from .constants import (
    PAYLOAD_CORRIGEERT,
    PAYLOAD_DIMENSIES,
    PAYLOAD_GEPLAND,
    PAYLOAD_INTREKT,
    PAYLOAD_PULS,
    PAYLOAD_REDEN,
    PAYLOAD_VERTROUWEN,
)
from .constants import GebeurtenisType as T
from .models import Gebeurtenis
from .payloads import payload_errors

# Only these (effective) types are read for "on time" (milestones and agreements kept).
GEPLAND_TYPES = (T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, T.CORRECTIE)

# Exception-free readers of payload values, created by migration logboek 0004 (plain SQL
# functions, inlined by the planner): an ISO date that exists, or NULL; a score on the 1-5
# scale, or NULL. A value that cannot be read counts as absent instead of raising: the log is
# append-only, so one event with a bad value (old data, raw SQL) would otherwise fail every
# recompute of its plan for good (issue 11).
SQL_DATE = "logboek_payload_date"
SQL_SCORE = "logboek_payload_score"
# An event id as `id::text` writes it, short enough that the cast to bigint cannot overflow.
CANONICAL_ID = "^[1-9][0-9]{0,17}$"

# The aggregate every recompute runs, full or per plan: one GROUP BY plan, effective type,
# month. Written as SQL rather than ORM because evaluation order matters for speed: the
# payload is only read for the few types that carry a score or a planned date (a CASE on
# the type first), so the statement costs little more than a plain sum and count
# (bench/RESULTS.md, benchmark 1). `OFFSET 0` keeps the subquery from being flattened.
# A correction event counts under the type it compensates (payload "corrigeert_type").
# A withdrawn event (an `intrekking` of the same plan names its id) and the withdrawal itself
# get no effective type and no score or on-time flag: they count for nothing, but still for
# the watermark (max id and count), which describes every event the aggregate has seen. The
# withdrawals are few and found through the partial index `gebeurtenis_intrekking`; DISTINCT,
# because a duplicate withdrawal (only raw SQL could write one) must not double a row; only
# a canonical id (what `id::text` gives) is cast, so that cast cannot fail either.
# Scores and planned dates are read with the functions above, never with a bare cast.
# Only constants are interpolated (table name, the optional plan filters); values are parameters.
_TABLE = Gebeurtenis._meta.db_table
_AGGREGATE_SQL = f"""
SELECT plan_id,
       CASE WHEN withdrawn OR type = %(intrekking)s THEN NULL
            WHEN type = %(correctie)s THEN payload ->> %(corrigeert)s
            ELSE type
       END AS eff_type,
       date_trunc('month', datum)::date AS maand,
       sum(hoeveelheid) AS som,
       count(*) AS aantal,
       count(score) AS score_n,
       avg(score) AS score_gem,
       count(*) FILTER (WHERE op_tijd) AS op_tijd,
       max(id) AS max_id,
       {{venster}} AS venster
FROM (
    SELECT g.plan_id, g.type, g.payload, g.datum, g.hoeveelheid, g.id, w.doel IS NOT NULL AS withdrawn,
           CASE WHEN w.doel IS NULL THEN
               CASE g.type
                   WHEN %(respons)s THEN {SQL_SCORE}(g.payload #> %(vertrouwen)s)
                   WHEN %(puls)s THEN {SQL_SCORE}(g.payload -> %(score)s)
               END
           END AS score,
           CASE WHEN w.doel IS NULL AND g.type = ANY(%(gepland_types)s)
                THEN g.datum <= {SQL_DATE}(g.payload ->> %(gepland)s)
           END AS op_tijd
    FROM {_TABLE} g
    LEFT JOIN (
        SELECT DISTINCT plan_id, doel
        FROM (
            SELECT plan_id,
                   CASE WHEN payload ->> %(intrekt)s ~ %(canonical_id)s THEN (payload ->> %(intrekt)s)::bigint END AS doel
            FROM {_TABLE}
            WHERE type = %(intrekking)s {{and_plans}}
        ) i
        WHERE doel IS NOT NULL
    ) w ON w.plan_id = g.plan_id AND w.doel = g.id
    {{where}}
    OFFSET 0
) e
GROUP BY 1, 2, 3, 10
"""  # noqa: S608


def _aggregate_params() -> dict:
    return {
        "intrekking": T.INTREKKING,
        "intrekt": PAYLOAD_INTREKT,
        "canonical_id": CANONICAL_ID,
        "correctie": T.CORRECTIE,
        "corrigeert": PAYLOAD_CORRIGEERT,
        "respons": T.ENQUETE_RESPONS,
        "vertrouwen": [PAYLOAD_DIMENSIES, PAYLOAD_VERTROUWEN, "gemiddelde"],
        "puls": T.AMBTENAREN_PULS,
        "score": PAYLOAD_PULS,
        "gepland_types": list(GEPLAND_TYPES),
        "gepland": PAYLOAD_GEPLAND,
    }


# Without `vandaag`, every row's window is NULL: one group per plan, type and month.
_GEEN_VENSTER = "NULL::int"
# With it, the events of the last `vensters` x `dagen` days up to today also fall into a window
# (0 = the last `dagen` days up to and including today), an extra grouping key: movement over a
# rolling 30 days from the same statement and the same scan (issue 10). Only the last months'
# groups split (into at most a few windows each); older rows keep NULL.
_VENSTER = (
    "CASE WHEN datum > %(venster_van)s AND datum <= %(venster_tot)s"
    " THEN (%(venster_tot)s::date - datum) / %(dagen)s END"
)


@dataclass(frozen=True)
class MaandRij:
    """One row of the aggregate: a plan's events of one (effective) type in one month (and, when
    asked for, one rolling window of days counted back from today: `venster`, else None)."""

    plan_id: int
    type: str | None
    maand: dt.date
    som: int
    aantal: int
    score_n: int
    score_gem: float | None
    op_tijd: int
    max_id: int
    venster: int | None = None


def maand_aggregaten(
    *, plan_ids: list[int] | None = None, vandaag: dt.date | None = None, dagen: int = 30, vensters: int = 6
) -> list[MaandRij]:
    """The aggregate for the given plans (None: every plan), in one statement. Never raises
    on a payload value: what cannot be read counts as absent (see _AGGREGATE_SQL).

    With `vandaag`, rows are also split by rolling window (`MaandRij.venster`): the events of the
    last `vensters` x `dagen` days up to and including `vandaag`, per `dagen` days counted back.
    A reader that wants plain months sums the rows of a month over their windows."""
    params = _aggregate_params()
    where = and_plans = ""
    if plan_ids is not None:
        where, and_plans = "WHERE g.plan_id = ANY(%(plan_ids)s)", "AND plan_id = ANY(%(plan_ids)s)"
        params["plan_ids"] = list(plan_ids)
    venster = _GEEN_VENSTER
    if vandaag is not None:
        venster = _VENSTER
        params |= {"venster_tot": vandaag, "venster_van": vandaag - dt.timedelta(days=dagen * vensters), "dagen": dagen}
    with connection.cursor() as cursor:
        cursor.execute(_AGGREGATE_SQL.format(venster=venster, where=where, and_plans=and_plans), params)
        return [MaandRij(*row) for row in cursor.fetchall()]


def event_state(*, plan_id: int) -> tuple[int, int]:
    """(highest id, number) of the plan's events: what the watermark compares with."""
    state = Gebeurtenis.objects.filter(plan_id=plan_id).aggregate(m=Max("id"), c=Count("id"))
    return state["m"] or 0, state["c"]


def event_states() -> dict[int, tuple[int, int]]:
    """(highest id, number) of events per plan, for every plan that has events."""
    rows = Gebeurtenis.objects.values("plan_id").annotate(m=Max("id"), c=Count("id")).order_by()
    return {r["plan_id"]: (r["m"], r["c"]) for r in rows}


def plan_events_recent(*, plan_id: int, limit: int = 10) -> QuerySet[Gebeurtenis]:
    return Gebeurtenis.objects.filter(plan_id=plan_id).order_by("-created_at", "-id")[:limit]


# --- Withdrawals ---------------------------------------------------------------------------


def _withdrawals(*, plan_id) -> QuerySet[Gebeurtenis]:
    """A plan's withdrawals, with the id they name as text (read through the partial index
    `gebeurtenis_intrekking` on (plan_id, payload ->> 'intrekt') WHERE type = 'intrekking')."""
    return Gebeurtenis.objects.filter(type=T.INTREKKING, plan_id=plan_id).annotate(
        doel=KeyTextTransform(PAYLOAD_INTREKT, "payload")
    )


def _is_withdrawn() -> Exists:
    """For a query over events: whether a withdrawal of the same plan names the event."""
    return Exists(_withdrawals(plan_id=OuterRef("plan_id")).filter(doel=Cast(OuterRef("pk"), TextField())))


def withdrawals_of(*, plan_id: int, gebeurtenis_ids: list[int]) -> dict[int, Gebeurtenis]:
    """The withdrawal of each given event of the plan that has one (the first, by id). One query."""
    if not gebeurtenis_ids:
        return {}
    rows = _withdrawals(plan_id=plan_id).filter(doel__in=[str(i) for i in gebeurtenis_ids]).order_by("-id")
    return {int(w.doel): w for w in rows}


def withdrawable(*, type: str, withdrawn: bool) -> bool:
    """Whether an event may be withdrawn (what `gebeurtenis_intrekken` accepts)."""
    return type != T.INTREKKING and not withdrawn


# --- The event list of a plan --------------------------------------------------------------

EVENTS_PER_PAGE = 50


@dataclass(frozen=True)
class EventRow:
    """One line of a plan's event list: the event, its withdrawal (if any) and what a reader
    cannot use in its payload (keys that do not match the type's declared schema)."""

    event: Gebeurtenis
    withdrawal: Gebeurtenis | None
    payload_problems: dict[str, str]

    @property
    def withdrawal_reason(self) -> str:
        payload = self.withdrawal.payload if self.withdrawal is not None else None
        return str(payload.get(PAYLOAD_REDEN, "")) if isinstance(payload, dict) else ""

    @property
    def can_withdraw(self) -> bool:
        return withdrawable(type=self.event.type, withdrawn=self.withdrawal is not None)

    @property
    def withdraws_id(self) -> int | None:
        """For a withdrawal: the id of the event it withdraws."""
        payload = self.event.payload
        target = payload.get(PAYLOAD_INTREKT) if isinstance(payload, dict) else None
        return target if isinstance(target, int) else None


def plan_events_page(*, plan_id: int, page: int | str | None = 1, per_page: int = EVENTS_PER_PAGE) -> Page:
    """One page of a plan's events, newest (highest id) first, as `EventRow`s.

    Three queries whatever the number of events: the count, the page, the withdrawals of
    the events on it (tested). `page` out of range or not a number gives the nearest page.
    """
    events = Gebeurtenis.objects.filter(plan_id=plan_id).select_related("geregistreerd_door").order_by("-id")
    result = Paginator(events, per_page).get_page(page)
    rows = list(result.object_list)
    withdrawals = withdrawals_of(plan_id=plan_id, gebeurtenis_ids=[e.id for e in rows])
    result.object_list = [
        EventRow(event=e, withdrawal=withdrawals.get(e.id), payload_problems=payload_errors(e.type, e.payload)[1])
        for e in rows
    ]
    return result


def gebeurtenis_get(*, gebeurtenis_id: int) -> Gebeurtenis | None:
    """One event with its plan and its withdrawal state (`is_withdrawn`), or None. One query."""
    return (
        Gebeurtenis.objects.select_related("plan")
        .annotate(is_withdrawn=_is_withdrawn())
        .filter(pk=gebeurtenis_id)
        .first()
    )


def log_checksum() -> tuple[int, str]:
    """(count, md5) over every event's identity and content, in id order: equal before and
    after a backup restore or an upgrade means the log came through untouched."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(id::text || '|' || plan_id::text || '|' || type || '|' "  # noqa: S608 - the table name only
            f"|| datum::text || '|' || hoeveelheid::text || '|' || bron || '|' || extern_id || '|' || payload::text, "
            f"',' ORDER BY id)), '') FROM {Gebeurtenis._meta.db_table}"
        )
        count, digest = cursor.fetchone()
    return count, digest
