"""The restore drill: a backup restores into a scratch database and still tells the same story.

`fingerprint()` is what a restore must keep: the event log (count and checksum), the plans the
council adopted (status, date, decision reference) and every published indicator snapshot.
`restore_check()` runs inside the restored database: its fingerprint as restored, then a full
recompute from the event log, then the fingerprint again. `compare()` names every difference.
The command `restore_drill` (dashboard/management/commands) strings these together with
pg_dump / pg_restore; docs/operations.md says when to run it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from logboek import selectors as logboek_selectors
from wup import selectors as wup_selectors

from . import services
from .models import IndicatorSnapshot


def fingerprint() -> dict:
    count, digest = logboek_selectors.log_checksum()
    adopted = [
        [pk, status, str(datum), kenmerk]
        for pk, status, datum, kenmerk in wup_selectors.plan_list()
        .filter(vastgesteld_op__isnull=False)
        .order_by("pk")
        .values_list("pk", "status", "vastgesteld_op", "raadsbesluit_kenmerk")
    ]
    snapshots = [
        [plan_id, indicator, str(periode), None if waarde is None else round(waarde, 6), status, n]
        for plan_id, indicator, periode, waarde, status, n in IndicatorSnapshot.objects.order_by(
            "plan_id", "indicator", "periode"
        ).values_list("plan_id", "indicator", "periode", "waarde", "status", "n")
    ]
    last = IndicatorSnapshot.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    return {
        "events": [count, digest],
        "adopted": adopted,
        "snapshots": snapshots,
        "computed_on": str(timezone.localdate(last)) if last else None,
    }


def restore_check() -> dict:
    """In the restored database: its fingerprint, and the one after a full recompute on the day
    the snapshots were computed (deadline statuses depend on the day)."""
    restored = fingerprint()
    vandaag = dt.date.fromisoformat(restored["computed_on"]) if restored["computed_on"] else None
    services.plans_recompute_all(force=True, vandaag=vandaag)
    return {"restored": restored, "recomputed": fingerprint()}


def compare(expected: dict, actual: dict, *, what: str) -> list[str]:
    problems = []
    if expected["events"] != actual["events"]:
        problems.append(f"{what}: event log differs ({expected['events'][0]} vs {actual['events'][0]} events)")
    if expected["adopted"] != actual["adopted"]:
        problems.append(f"{what}: adopted plans differ")
    want = {tuple(row[:3]): row[3:] for row in expected["snapshots"]}
    have = {tuple(row[:3]): row[3:] for row in actual["snapshots"]}
    for key in sorted(set(want) | set(have)):
        if want.get(key) != have.get(key):
            problems.append(f"{what}: snapshot plan {key[0]} {key[1]} {key[2]}: {want.get(key)} vs {have.get(key)}")
    return problems
