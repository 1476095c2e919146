"""Generate 1,000,000 events over 100 plans in wijkproces_bench (generate_series in SQL).

psql -h 127.0.0.1 -U postgres -c "create database wijkproces_bench"
DATABASE_URL=postgres://postgres@127.0.0.1:5432/wijkproces_bench .venv/bin/python manage.py migrate
.venv/bin/python bench/generate_events.py [events] [plans]
"""

import sys
import time

import _setup  # noqa: F401
from django.db import connection, transaction

from wup.models import Gemeente, Plan, Wijk

EVENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
PLANS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
TYPES = [
    "woning_aardgasvrij",
    "woning_geisoleerd",
    "warmtepomp_geinstalleerd",
    "warmtenet_aansluiting",
    "bijeenkomst_gehouden",
    "enquete_respons",
    "mijlpaal_bereikt",
    "afspraak_nagekomen",
    "klacht",
]

with transaction.atomic():
    gemeente, _ = Gemeente.objects.get_or_create(code="GM0307", defaults={"naam": "Amersfoort"})
    for i in range(PLANS):
        wijk, _ = Wijk.objects.get_or_create(
            code=f"WK03{i:04d}",
            defaults={"gemeente": gemeente, "woningvoorraad": 2000, "gem_aardgasverbruik_m3": 1100},
        )
        Plan.objects.get_or_create(
            titel=f"Bench plan {i:03d}", defaults={"gemeente": gemeente, "wijk": wijk, "doeljaar_aardgasvrij": 2035}
        )
plan_ids = list(Plan.objects.filter(titel__startswith="Bench plan").order_by("id").values_list("id", flat=True))
started = time.perf_counter()
with connection.cursor() as cur:
    cur.execute(
        """
        INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)
        SELECT (%(types)s::text[])[1 + (g %% %(ntypes)s)],
               (%(plans)s::bigint[])[1 + (g %% %(nplans)s)],
               DATE '2024-01-01' + ((g * 7919) %% 700)::int,
               (1 + (g %% 3))::int,
               'csv_import',
               'bench-' || g,
               CASE WHEN g %% %(ntypes)s = 5 THEN jsonb_build_object('vertrouwen', 1 + (g %% 5))
                    WHEN g %% %(ntypes)s IN (6, 7) THEN jsonb_build_object('gepland',
                         to_char(DATE '2024-01-01' + ((g * 7919) %% 700)::int + ((g %% 21) - 10)::int, 'YYYY-MM-DD'))
                    ELSE '{}'::jsonb END,
               now()
        FROM generate_series(1::bigint, %(n)s::bigint) AS g
        ON CONFLICT DO NOTHING
        """,
        {"types": TYPES, "ntypes": len(TYPES), "plans": plan_ids, "nplans": len(plan_ids), "n": EVENTS},
    )
    cur.execute("ANALYZE core_gebeurtenis")
print(f"{EVENTS} events over {len(plan_ids)} plans in {time.perf_counter() - started:.1f} s")
