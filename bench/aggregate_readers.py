"""Cost of reading payloads without exceptions and skipping withdrawn events (issue 11).

    .venv/bin/python bench/generate_events.py          # 1,000,000 events over 100 plans
    .venv/bin/python bench/aggregate_readers.py [rounds] [--add]

With --add, first appends 50,000 pulse scores and 50,000 survey responses in today's shape
(generate_events.py writes the older flat survey shape, which no reader looks at) and 1,000
withdrawals of random events, all with plain SQL. Then times, interleaved per round:
- the aggregate as it was before issue 11 (bare casts, no withdrawals: BEFORE_SQL below,
  frozen from logboek/selectors.py at 0e4a076), over the whole log and for one plan;
- the aggregate of today (logboek.selectors.maand_aggregaten), the same two ways.
"""

import datetime as dt
import statistics
import sys
import time

import _setup  # noqa: F401
from django.db import connection

from logboek import selectors

# The day the rolling windows are counted back from (any day inside the bench's event range).
VANDAAG = dt.date(2026, 6, 15)

ROUNDS = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))

BEFORE_SQL = """
SELECT plan_id,
       CASE WHEN type = %(correctie)s THEN payload ->> %(corrigeert)s ELSE type END AS eff_type,
       date_trunc('month', datum)::date AS maand,
       sum(hoeveelheid) AS som, count(*) AS aantal, count(score) AS score_n, avg(score) AS score_gem,
       count(*) FILTER (WHERE op_tijd) AS op_tijd, max(id) AS max_id
FROM (
    SELECT plan_id, type, payload, datum, hoeveelheid, id,
           CASE type
               WHEN %(respons)s THEN (payload #>> %(vertrouwen)s)::float8
               WHEN %(puls)s THEN (payload ->> %(score)s)::float8
           END AS score,
           CASE WHEN type = ANY(%(gepland_types)s) THEN datum <= (payload ->> %(gepland)s)::date END AS op_tijd
    FROM core_gebeurtenis
    {where}
    OFFSET 0
) e
GROUP BY 1, 2, 3
"""


def add_rows() -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT array_agg(id ORDER BY id) FROM wup_plan WHERE titel LIKE 'Bench plan %%'")
        plans = cur.fetchone()[0]
        cur.execute(
            """
            INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)
            SELECT CASE WHEN g %% 2 = 0 THEN 'ambtenaren_puls' ELSE 'enquete_respons' END,
                   (%(plans)s::bigint[])[1 + (g %% %(n)s)], DATE '2024-01-01' + (g %% 700)::int, 1,
                   'csv_import', 'bench-scores-' || g,
                   CASE WHEN g %% 2 = 0 THEN jsonb_build_object('score', 1 + (g %% 5))
                        ELSE jsonb_build_object('dimensies', jsonb_build_object('vertrouwen',
                             jsonb_build_object('gemiddelde', 1 + (g %% 40) / 10.0, 'items', 2))) END,
                   now()
            FROM generate_series(1, 100000) AS g
            ON CONFLICT DO NOTHING
            """,
            {"plans": plans, "n": len(plans)},
        )
        cur.execute(
            """
            INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)
            SELECT 'intrekking', e.plan_id, DATE '2025-06-01', 0, 'formulier', 'intrekking:' || e.id,
                   jsonb_build_object('intrekt', e.id, 'reden', 'bench'), now()
            FROM (SELECT id, plan_id FROM core_gebeurtenis WHERE type <> 'intrekking'
                  ORDER BY md5(id::text) LIMIT 1000) e
            ON CONFLICT DO NOTHING
            """
        )
        cur.execute("ANALYZE core_gebeurtenis")


def run(sql: str, params: dict) -> float:
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        cur.fetchall()
    return time.perf_counter() - started


def main() -> None:
    if "--add" in sys.argv:
        add_rows()
    params = selectors._aggregate_params()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*), count(*) FILTER (WHERE type = 'intrekking'),"
            " count(*) FILTER (WHERE type IN ('ambtenaren_puls', 'enquete_respons')) FROM core_gebeurtenis"
        )
        total, withdrawals, scored = cur.fetchone()
        cur.execute("SELECT plan_id FROM core_gebeurtenis GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        plan_id = cur.fetchone()[0]
    one = {**params, "plan_ids": [plan_id]}
    cases = {
        "before, whole log": (BEFORE_SQL.format(where=""), params),
        "today, whole log": (
            selectors._AGGREGATE_SQL.format(venster=selectors._GEEN_VENSTER, where="", and_plans=""),
            params,
        ),
        # with the rolling 30-day windows of movement (issue 10): one more grouping key
        "today + windows, whole log": (
            selectors._AGGREGATE_SQL.format(venster=selectors._VENSTER, where="", and_plans=""),
            {**params, "venster_tot": VANDAAG, "venster_van": VANDAAG - dt.timedelta(days=180), "dagen": 30},
        ),
        "before, one plan": (BEFORE_SQL.format(where="WHERE plan_id = ANY(%(plan_ids)s)"), one),
        "today, one plan": (
            selectors._AGGREGATE_SQL.format(
                venster=selectors._GEEN_VENSTER,
                where="WHERE g.plan_id = ANY(%(plan_ids)s)",
                and_plans="AND plan_id = ANY(%(plan_ids)s)",
            ),
            one,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for sql, p in cases.values():  # warm the cache once
        run(sql, p)
    for _ in range(ROUNDS):
        for name, (sql, p) in cases.items():
            times[name].append(run(sql, p))
    print(f"{total:,} events ({scored:,} with a score, {withdrawals:,} withdrawals), {ROUNDS} rounds")
    for name, values in times.items():
        print(f"{name:20s} median {statistics.median(values):.3f} s, best {min(values):.3f} s")
    for scope in ("whole log", "one plan"):
        before, today = (statistics.median(times[f"{when}, {scope}"]) for when in ("before", "today"))
        print(f"{scope}: today / before = {today / before:.2f}x")


if __name__ == "__main__":
    main()
