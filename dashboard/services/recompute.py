"""The recompute of indicator snapshots: per plan on request, all plans nightly, the reconcile."""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core import redis_guard

from .. import indicators, selectors
from ..constants import TREND_MAANDEN
from ..models import IndicatorSnapshot, PlanWatermark

logger = logging.getLogger(__name__)

PENDING_KEY = "recompute-pending:{plan_id}"
PENDING_TTL = 60  # seconds; the task clears it when it starts, the TTL covers a lost task


# --- Recompute ---------------------------------------------------------------------------


def recompute_request(*, plan_id: int) -> None:
    """Ask for a recompute of one plan after commit, coalesced per plan. Never raises.

    Many events in a short time give one task: the first sets `recompute-pending:<plan>`
    (SET NX) and enqueues with a 1 s countdown; the task clears the key as it starts, so an
    event committed after that asks again. A broker or cache that is down is logged, not
    raised: the periodic reconcile (dashboard.tasks.reconcile) catches the plan up.
    """
    from ..tasks import plan_recompute_task

    key = PENDING_KEY.format(plan_id=plan_id)
    # Cache down: enqueue anyway (a duplicate run is a no-op).
    if not redis_guard.call(
        lambda: cache.add(key, 1, timeout=PENDING_TTL), fallback=True, what="recompute pending key"
    ):
        return
    try:
        redis_guard.enqueue(
            lambda: plan_recompute_task.apply_async(kwargs={"plan_id": plan_id}, countdown=1), what="recompute enqueue"
        )
    except redis_guard.RedisUnavailable:  # broker down or stalled: the reconcile catches up (a delay, not a loss)
        logger.warning("recompute_request: enqueue failed for plan %s", plan_id, exc_info=True)
        recompute_pending_clear(plan_id=plan_id)


def recompute_forced_request(*, plan_id: int) -> None:
    """After commit, a forced recompute of one plan: its inputs changed without an event (a
    council decision, an adopted version). Never raises; the nightly full recompute catches up."""
    transaction.on_commit(lambda: _enqueue_forced(plan_id), robust=True)


def _enqueue_forced(plan_id: int) -> None:
    from ..tasks import plan_recompute_task

    try:
        redis_guard.enqueue(
            lambda: plan_recompute_task.apply_async(kwargs={"plan_id": plan_id, "force": True}, countdown=1),
            what="forced recompute enqueue",
        )
    except redis_guard.RedisUnavailable:  # the nightly full recompute catches up
        logger.warning("forced recompute: enqueue failed for plan %s", plan_id, exc_info=True)


def recompute_pending_clear(*, plan_id: int) -> None:
    redis_guard.call(
        lambda: cache.delete(PENDING_KEY.format(plan_id=plan_id)), fallback=None, what="recompute pending clear"
    )


_LEEG = {"rows": [], "max_id": 0, "count": 0, "recent": []}  # the aggregate of a plan without events

_SNAPSHOT = IndicatorSnapshot._meta.db_table
# One statement for any number of rows: the rows go in as ONE json document, are unpacked by
# jsonb_to_recordset (a JSON null becomes SQL NULL) and upserted on the unique (plan,
# indicator, periode). Far cheaper than bulk_create(update_conflicts=True), which builds
# and binds ~9 parameters per row in Python (bench/RESULTS.md, benchmark 1).
_UPSERT_SQL = f"""
INSERT INTO {_SNAPSHOT} AS s (plan_id, indicator, periode, waarde, status, n, projectie, details, computed_at)
SELECT v.plan_id, v.indicator, v.periode, v.waarde, v.status, v.n, v.projectie, v.details, %(now)s
FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
    plan_id bigint, indicator text, periode date, waarde float8, status text, n int, projectie jsonb, details jsonb
)
ON CONFLICT (plan_id, indicator, periode) DO UPDATE SET
    waarde = EXCLUDED.waarde, status = EXCLUDED.status, n = EXCLUDED.n, projectie = EXCLUDED.projectie,
    details = EXCLUDED.details, computed_at = EXCLUDED.computed_at
-- An unchanged snapshot is not rewritten: a recompute rewrites 24 months x 6 indicators per
-- plan, and rewriting identical rows only made dead tuples (bench: ~1,000,000 after a few
-- runs, slowing the overview's DISTINCT ON from ~5 ms to ~110 ms). `computed_at` of a
-- snapshot is therefore "last changed"; the page shows the watermark's computed_at.
WHERE (s.waarde, s.status, s.n, s.projectie, s.details)
    IS DISTINCT FROM (EXCLUDED.waarde, EXCLUDED.status, EXCLUDED.n, EXCLUDED.projectie, EXCLUDED.details)
"""  # noqa: S608 - only the table name is interpolated; values are parameters


def _snapshot_rows(*, invoer: selectors.RecomputeInvoer, aggregate: dict, vandaag: dt.date) -> list[tuple]:
    """Pure: one plan's inputs and aggregate rows -> its snapshot rows (sorted, deterministic)."""
    rows = aggregate["rows"]
    feiten = invoer.feiten
    maanden = indicators.perioden(rows, vandaag=vandaag, startdatum=feiten.startdatum, maximaal=TREND_MAANDEN)
    uitkomsten = indicators.bereken(
        rows,
        feiten,
        perioden=maanden,
        besluiten=invoer.besluiten,
        gepubliceerd_vertrouwen=invoer.gepubliceerd_vertrouwen,
        gepubliceerd_puls=invoer.gepubliceerd_puls,
        vandaag=vandaag,
        recent=aggregate.get("recent", ()),
        acties=invoer.acties,
    )
    return [(invoer.plan_id, indicator, periode, u) for (indicator, periode), u in sorted(uitkomsten.items())]


def _snapshots_upsert(*, rows: list[tuple], now: dt.datetime) -> None:
    if not rows:
        return
    document = [
        {
            "plan_id": plan_id,
            "indicator": str(indicator),
            "periode": periode.isoformat(),
            "waarde": u.waarde,
            "status": str(u.status),
            "n": u.n,
            "projectie": u.projectie,
            "details": u.details,
        }
        for plan_id, indicator, periode, u in rows
    ]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_SQL, {"now": now, "rows": json.dumps(document)})


# A plan whose recompute failed this many times in a row is left alone by the reconcile until
# an event arrives for it (its event count moves: a withdrawal of the bad event, say) or the
# nightly full run tries it again: five tries, ten minutes, then no log line every 2 minutes.
MAX_FAILED_ATTEMPTS = 5
FAILURE_MAX_LENGTH = 2000


def _failure_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:FAILURE_MAX_LENGTH]


def recompute_failure_record(*, plan_id: int, error: BaseException, event_count: int | None = None) -> None:
    """Record on the plan's watermark that a recompute failed (after its transaction rolled
    back): when, why, one more failure in a row, and the event count it saw. Never raises."""
    try:
        if event_count is None:
            event_count = selectors.event_state(plan_id=plan_id)[1]
        PlanWatermark.objects.filter(plan_id=plan_id).update(
            failed_at=timezone.now(),
            failure=_failure_text(error),
            failed_attempts=F("failed_attempts") + 1,
            failed_event_count=event_count,
        )
    except Exception:  # noqa: BLE001 - the database may be what failed; the log line stays
        logger.warning("recompute: could not record the failure of plan %s", plan_id, exc_info=True)


_FAILURE_CLEARED = {"failed_at": None, "failure": "", "failed_attempts": 0, "failed_event_count": None}
_WATERMARK_FIELDS = ["last_event_id", "event_count", "computed_at", *_FAILURE_CLEARED]


def plan_recompute(*, plan_id: int, force: bool = False, vandaag: dt.date | None = None) -> bool:
    """Recompute one plan's snapshots in one transaction under its watermark row lock.

    A run that finds the watermark equal to the log's (max id, count) is a no-op (unless
    `force`: the nightly run, because time alone moves deadlines). A run that fails midway
    rolls back: readers keep the previous snapshots, the failure is recorded on the watermark
    (`recompute_failure_record`; not for a transient OperationalError, which the task
    retries) and the error is raised again. A run that succeeds clears a recorded failure.
    Returns whether it computed. Uses the same selectors and pure computation as
    `plans_recompute_all`, restricted to one plan, so both give identical snapshots (tested).
    """
    vandaag = vandaag or timezone.localdate()
    PlanWatermark.objects.get_or_create(plan_id=plan_id)
    try:
        with transaction.atomic():
            wm = PlanWatermark.objects.select_for_update().get(plan_id=plan_id)
            state = selectors.event_state(plan_id=plan_id)
            if not force and wm.computed_at is not None and state == (wm.last_event_id, wm.event_count):
                return False
            invoer = selectors.recompute_inputs(plan_ids=[plan_id]).get(plan_id)
            if invoer is None:
                return False
            aggregate = selectors.event_aggregates(plan_ids=[plan_id], vandaag=vandaag).get(plan_id, _LEEG)
            now = timezone.now()
            _snapshots_upsert(rows=_snapshot_rows(invoer=invoer, aggregate=aggregate, vandaag=vandaag), now=now)
            wm.last_event_id, wm.event_count, wm.computed_at = aggregate["max_id"], aggregate["count"], now
            for name, value in _FAILURE_CLEARED.items():
                setattr(wm, name, value)
            wm.save(update_fields=_WATERMARK_FIELDS)
    except OperationalError:
        raise  # transient (connection, lock, deadlock): retried, not a failure of the plan
    except Exception as exc:
        recompute_failure_record(plan_id=plan_id, error=exc)
        raise
    return True


def _in_savepoint(step):
    """(step(), None) or, if it raised, (None, the error), rolled back to a savepoint so the
    surrounding transaction goes on. A transient OperationalError is raised: retried, not data."""
    try:
        with transaction.atomic():
            return step(), None
    except OperationalError:
        raise
    except Exception as exc:  # noqa: BLE001 - one plan's bad data must not stop the others
        return None, exc


def _plan_aggregate(plan_id: int, vandaag: dt.date) -> dict:
    aggregates, error = _in_savepoint(lambda: selectors.event_aggregates(plan_ids=[plan_id], vandaag=vandaag))
    if error is not None:
        raise error
    return aggregates.get(plan_id, _LEEG)


def plans_recompute_all(*, force: bool = True, vandaag: dt.date | None = None) -> int:
    """Recompute every plan from ONE aggregate query over the whole log (nightly, demo, bench).

    Queries, whatever the number of plans: the watermark lock, one aggregate (GROUP BY plan,
    type, month), eight for the other inputs (recompute_inputs, with the routekaart's milestones
    and agreements and the steering actions of every plan), one upsert of all snapshots
    and one update of the watermarks (and two savepoints). Python only works on the
    aggregate rows.

    Locking: ONE transaction that first locks every plan's watermark row (SELECT ... FOR
    UPDATE in primary-key order, the house's lock order) and only then runs the aggregate.
    Chosen over per-plan transactions reusing a pre-computed aggregate because
    - the aggregate is read under the locks, so it is never older than what a per-plan run
      stored before us (no "skip if the watermark is already further" special case);
    - a per-plan run (which holds only its own row) waits a few seconds and then finds
      its watermark current: a no-op; two full runs serialise on the first row; with one
      lock order there is no deadlock;
    - readers see all plans old or all plans new, and a killed run changes nothing.
    The cost is that per-plan recomputes wait while the full run holds the locks (seconds,
    nightly).

    Isolation: one plan's failure never stops the others. Each plan is computed in its own
    try/except; the aggregate and the upsert run in a savepoint and, if one fails, again plan
    by plan, each in its own savepoint. A plan that fails is logged with its id, keeps its
    snapshots and watermark, and has the failure recorded on its watermark; a plan that
    succeeds has a recorded failure cleared. Returns the number of plans computed.
    """
    vandaag = vandaag or timezone.localdate()
    plan_ids = selectors.plan_ids()
    existing = set(PlanWatermark.objects.filter(plan_id__in=plan_ids).values_list("plan_id", flat=True))
    PlanWatermark.objects.bulk_create(
        [PlanWatermark(plan_id=pid) for pid in plan_ids if pid not in existing], ignore_conflicts=True
    )
    with transaction.atomic():
        watermarks = list(PlanWatermark.objects.select_for_update().filter(plan_id__in=plan_ids).order_by("pk"))
        aggregates, error = _in_savepoint(lambda: selectors.event_aggregates(vandaag=vandaag))
        if error is not None:
            logger.error("recompute: the aggregate over all plans failed; plan by plan instead", exc_info=error)
        inputs = selectors.recompute_inputs(plan_ids=plan_ids)
        now = timezone.now()
        computed: dict[int, tuple[list[tuple], tuple[int, int]]] = {}
        failures: dict[int, BaseException] = {}
        for wm in watermarks:
            invoer = inputs.get(wm.plan_id)
            if invoer is None:
                continue  # the plan is gone (or no longer listed) since we read its id
            try:
                aggregate = (
                    aggregates.get(wm.plan_id, _LEEG)
                    if aggregates is not None
                    else _plan_aggregate(wm.plan_id, vandaag)
                )
                state = (aggregate["max_id"], aggregate["count"])
                if not force and wm.computed_at is not None and state == (wm.last_event_id, wm.event_count):
                    continue
                computed[wm.plan_id] = (_snapshot_rows(invoer=invoer, aggregate=aggregate, vandaag=vandaag), state)
            except OperationalError:
                raise
            except Exception as exc:  # noqa: BLE001 - one plan's bad data must not stop the others
                logger.exception("recompute: plan %s failed", wm.plan_id)
                failures[wm.plan_id] = exc
        _, error = _in_savepoint(
            lambda: _snapshots_upsert(rows=[row for rows, _ in computed.values() for row in rows], now=now)
        )
        if error is not None:  # one plan's rows broke the statement: plan by plan
            logger.error("recompute: the upsert of all plans failed; plan by plan instead", exc_info=error)
            for plan_id, (rows, _) in list(computed.items()):
                _, error = _in_savepoint(lambda rows=rows: _snapshots_upsert(rows=rows, now=now))
                if error is not None:
                    logger.error("recompute: plan %s failed", plan_id, exc_info=error)
                    failures[plan_id] = error
                    del computed[plan_id]
        counts = selectors.event_states() if failures else {}  # one query, only after a failure
        changed = []
        for wm in watermarks:
            if wm.plan_id in computed:
                (wm.last_event_id, wm.event_count), wm.computed_at = computed[wm.plan_id][1], now
                for name, value in _FAILURE_CLEARED.items():
                    setattr(wm, name, value)
            elif wm.plan_id in failures:
                wm.failed_at, wm.failure = now, _failure_text(failures[wm.plan_id])
                wm.failed_attempts += 1
                wm.failed_event_count = counts.get(wm.plan_id, (0, 0))[1]
            else:
                continue
            changed.append(wm)
        _watermarks_update(changed)
    return len(computed)


def _watermarks_update(watermarks: list[PlanWatermark]) -> None:
    """Store the changed watermarks in one statement (UPDATE ... FROM VALUES): `bulk_update`
    builds a CASE per field and row, which cost a fifth of a full recompute for 100 plans."""
    if not watermarks:
        return
    meta = PlanWatermark._meta
    velden = ["id", *_WATERMARK_FIELDS]
    # Each value cast to its column's type (a NULL in VALUES is otherwise untyped text).
    rij = "(" + ", ".join(f"%s::{meta.get_field(f).cast_db_type(connection)}" for f in velden) + ")"
    rijen = ", ".join([rij] * len(watermarks))
    kolommen = ", ".join(f"{f} = v.{f}" for f in _WATERMARK_FIELDS)
    table = meta.db_table
    params = []
    for wm in watermarks:
        params += [wm.pk, *(getattr(wm, f) for f in _WATERMARK_FIELDS)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS w SET {kolommen} "  # noqa: S608 - names from the model
            f"FROM (VALUES {rijen}) AS v(id, {', '.join(_WATERMARK_FIELDS)}) WHERE w.id = v.id",
            params,
        )


def plans_reconcile() -> list[int]:
    """Recompute every plan whose watermark lags the log: a lost enqueue becomes a delay.

    Each plan in its own try/except: a plan whose recompute fails is logged with its id and
    its failure recorded (by `plan_recompute`), and the next plan is computed. Plans that
    failed MAX_FAILED_ATTEMPTS times in a row without a new event since are skipped
    (`selectors.plans_lagging`). A transient OperationalError stops the run: the task
    retries it with backoff (plans done so far are then no-ops). Returns the plans tried.
    """
    lagging = selectors.plans_lagging(max_failed_attempts=MAX_FAILED_ATTEMPTS)
    for plan_id in lagging:
        try:
            plan_recompute(plan_id=plan_id)
        except OperationalError:
            raise
        except Exception:  # noqa: BLE001 - one plan's bad data must not stop the others
            logger.exception("reconcile: recompute of plan %s failed", plan_id)
    return lagging
