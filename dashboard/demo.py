"""Demo data of the `dashboard` app: a year of realistic events for every plan, one in trouble.

Idempotent: every event has extern_id "demo-<plan>-<n>" (bron demo), so a second run adds
nothing. Afterwards every plan is recomputed synchronously so the dashboard shows figures.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from core.constants import GebeurtenisBron
from core.constants import GebeurtenisType as T
from core.services import gebeurtenis_append
from wup import selectors as wup_selectors

from .indicators import maand_plus, maand_van
from .services import plans_recompute_all


def _events_for(plan_index: int, in_trouble: bool, today: dt.date):
    """(type, date, quantity, payload) for the 12 months up to today; deterministic per plan."""
    rnd = random.Random(1000 + plan_index)  # noqa: S311 - demo data, not security
    start = maand_plus(maand_van(today), -11)
    for m in range(12):
        maand = maand_plus(start, m)
        dag = lambda maand=maand: maand.replace(day=rnd.randint(1, 28))  # noqa: E731
        fading = in_trouble and m >= 6  # the plan in trouble loses momentum halfway the year
        if m % 2 == 0:
            yield T.BIJEENKOMST_GEHOUDEN, dag(), rnd.randint(5, 12) if fading else rnd.randint(25, 70), {}
        for _ in range(rnd.randint(0, 2) if fading else rnd.randint(4, 9)):
            score = rnd.choice([1, 2, 2, 3]) if in_trouble else rnd.choice([3, 4, 4, 5])
            yield T.ENQUETE_RESPONS, dag(), 1, {"vertrouwen": score}
        yield T.WONING_GEISOLEERD, dag(), rnd.randint(0, 2) if fading else rnd.randint(5, 15), {}
        yield T.WONING_AARDGASVRIJ, dag(), 0 if fading else rnd.randint(4, 12), {}
        yield T.WARMTEPOMP_GEINSTALLEERD, dag(), rnd.randint(0, 1) if fading else rnd.randint(2, 6), {}
        if m % 3 == 2:
            gepland = maand.replace(day=15)
            late = in_trouble and m >= 5
            if late and m >= 8:
                yield T.MIJLPAAL_GEMIST, gepland, 1, {"gepland": gepland.isoformat()}
            else:
                actual = gepland + dt.timedelta(days=20 if late else -3)
                yield T.MIJLPAAL_BEREIKT, min(actual, today), 1, {"gepland": gepland.isoformat()}
        if m % 4 == 1:
            yield (
                T.AFSPRAAK_NAGEKOMEN if not in_trouble else T.AFSPRAAK_GEMIST,
                dag(),
                1,
                {"gepland": dag().isoformat()},
            )
        if in_trouble and fading:
            yield T.KLACHT, dag(), rnd.randint(1, 3), {}
        for _ in range(2):
            yield T.AMBTENAREN_PULS, dag(), 1, {"score": rnd.choice([2, 3]) if in_trouble else rnd.choice([3, 4, 4])}


def load() -> str:
    plans = list(wup_selectors.plan_list())
    if not plans:
        return "no plans: load the wup demo first; no events created"
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for index, plan in enumerate(plans):
            in_trouble = len(plans) > 1 and index == len(plans) - 1
            for n, (type_, datum, hoeveelheid, payload) in enumerate(_events_for(plan.id, in_trouble, today)):
                if datum > today:
                    continue
                _, new = gebeurtenis_append(
                    type=type_,
                    plan_id=plan.id,
                    datum=datum,
                    bron=GebeurtenisBron.DEMO,
                    extern_id=f"demo-{plan.id}-{n}",
                    hoeveelheid=hoeveelheid,
                    payload=payload,
                )
                created += new
    computed = plans_recompute_all(force=True)
    trouble = plans[-1].titel if len(plans) > 1 else "-"
    return f"{created} events created for {len(plans)} plans (in trouble: {trouble}); {computed} plans recomputed"
