"""Reads of the event log: the monthly aggregate every recompute runs, states, recent events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.db.models.fields.json import KeyTextTransform

from .constants import (
    PAYLOAD_CORRIGEERT,
    PAYLOAD_DIMENSIES,
    PAYLOAD_GEPLAND,
    PAYLOAD_PULS,
    PAYLOAD_VERTROUWEN,
)
from .constants import GebeurtenisType as T
from .models import Gebeurtenis

# Only these (effective) types are read for "on time" (milestones and agreements kept).
GEPLAND_TYPES = (T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN, T.CORRECTIE)
# Reached on or before today: these types say the milestone/agreement no longer lies ahead.
BEREIKT_TYPES = (T.MIJLPAAL_BEREIKT, T.AFSPRAAK_NAGEKOMEN)
MIJLPAAL_TYPES = (T.MIJLPAAL_BEREIKT, T.MIJLPAAL_GEMIST, T.AFSPRAAK_NAGEKOMEN, T.AFSPRAAK_GEMIST)

# The aggregate every recompute runs, full or per plan: one GROUP BY plan, effective type,
# month. Written as SQL rather than ORM because evaluation order matters for speed: the
# payload is only read for the few types that carry a score or a planned date (a CASE on
# the type first), so the statement costs little more than a plain sum and count
# (bench/RESULTS.md, benchmark 1). `OFFSET 0` keeps the subquery from being flattened: its
# narrow projection (no payload) is what gets sorted for the GROUP BY.
# A correction event counts under the type it compensates (payload "corrigeert_type").
# The keys and their types are the ones declared in logboek/payloads.py and validated at
# append, so the payload is cast, not parsed with patterns.
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
               WHEN %(respons)s THEN (payload #>> %(vertrouwen)s)::float8
               WHEN %(puls)s THEN (payload ->> %(score)s)::float8
           END AS score,
           CASE WHEN type = ANY(%(gepland_types)s) THEN datum <= (payload ->> %(gepland)s)::date END AS op_tijd
    FROM {Gebeurtenis._meta.db_table}
    {{where}}
    OFFSET 0
) e
GROUP BY 1, 2, 3
"""  # noqa: S608


@dataclass(frozen=True)
class MaandRij:
    """One row of the aggregate: a plan's events of one (effective) type in one month."""

    plan_id: int
    type: str | None
    maand: dt.date
    som: int
    aantal: int
    score_n: int
    score_gem: float | None
    op_tijd: int
    max_id: int


def maand_aggregaten(*, plan_ids: list[int] | None = None) -> list[MaandRij]:
    """The aggregate for the given plans (None: every plan), in one statement."""
    params = {
        "correctie": T.CORRECTIE,
        "corrigeert": PAYLOAD_CORRIGEERT,
        "respons": T.ENQUETE_RESPONS,
        "vertrouwen": [PAYLOAD_DIMENSIES, PAYLOAD_VERTROUWEN, "gemiddelde"],
        "puls": T.AMBTENAREN_PULS,
        "score": PAYLOAD_PULS,
        "gepland_types": list(GEPLAND_TYPES),
        "gepland": PAYLOAD_GEPLAND,
    }
    where = ""
    if plan_ids is not None:
        where, params["plan_ids"] = "WHERE plan_id = ANY(%(plan_ids)s)", list(plan_ids)
    with connection.cursor() as cursor:
        cursor.execute(_AGGREGATE_SQL.format(where=where), params)
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


def mijlpalen_vooruit(*, plan_id: int, vandaag: dt.date) -> QuerySet[Gebeurtenis]:
    """Milestone/agreement events planned after today and not reached on or before today.

    Each has `gepland` (ISO text) annotated; earliest first. One query.
    """
    return (
        Gebeurtenis.objects.filter(plan_id=plan_id, type__in=MIJLPAAL_TYPES)
        .annotate(gepland=KeyTextTransform(PAYLOAD_GEPLAND, "payload"))
        .filter(gepland__gt=vandaag.isoformat())
        .exclude(type__in=BEREIKT_TYPES, datum__lte=vandaag)
        .order_by("gepland", "id")
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
