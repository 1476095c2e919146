"""Writes of the `dashboard` app: recompute of indicator snapshots, council decisions, events."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import indicators, selectors
from .constants import TREND_MAANDEN, Indicator
from .models import IndicatorSnapshot, PlanWatermark

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
    from .tasks import plan_recompute_task

    key = PENDING_KEY.format(plan_id=plan_id)
    try:
        if not cache.add(key, 1, timeout=PENDING_TTL):
            return
    except Exception:  # noqa: BLE001 - cache down: enqueue anyway (a duplicate run is a no-op)
        logger.warning("recompute_request: cache unavailable for plan %s", plan_id, exc_info=True)
    try:
        plan_recompute_task.apply_async(kwargs={"plan_id": plan_id}, countdown=1)
    except Exception:  # noqa: BLE001 - broker down: the reconcile catches up (a delay, not a loss)
        logger.warning("recompute_request: enqueue failed for plan %s", plan_id, exc_info=True)
        recompute_pending_clear(plan_id=plan_id)


def recompute_pending_clear(*, plan_id: int) -> None:
    try:
        cache.delete(PENDING_KEY.format(plan_id=plan_id))
    except Exception:  # noqa: BLE001 - best effort
        logger.warning("recompute: could not clear pending key of plan %s", plan_id, exc_info=True)


def _feiten(plan) -> indicators.PlanFeiten:
    wijk = plan.wijk
    return indicators.PlanFeiten(
        woningen=wijk.woningvoorraad if wijk else None,
        gasverbruik_m3=wijk.gem_aardgasverbruik_m3 if wijk else None,
        doeljaar=plan.doeljaar_aardgasvrij,
        startdatum=plan.startdatum,
        kernwaarde_ids=tuple(k.id for k in plan.kernwaarden.all()),
        doelen=tuple(
            indicators.Doel(
                id=d.id,
                omschrijving=d.omschrijving,
                metriek=d.metriek,
                streefwaarde=float(d.streefwaarde),
                deadline=d.deadline,
                kernwaarde_id=d.kernwaarde_id,
            )
            for d in plan.tussendoelen.all()
        ),
    )


def _store(*, plan, aggregate: dict, besluiten: list[dt.date], vandaag: dt.date, wm: PlanWatermark) -> None:
    """Compute from the aggregates and upsert the snapshots; caller holds the watermark lock."""
    rows = aggregate["rows"]
    feiten = _feiten(plan)
    maanden = indicators.perioden(rows, vandaag=vandaag, startdatum=plan.startdatum, maximaal=TREND_MAANDEN)
    gepubliceerd = {
        periode: indicators.Uitkomst(s.waarde, s.status, s.n, s.projectie, s.details)
        for periode, s in selectors.stored_snapshots(plan_id=plan.id, indicator=Indicator.VERTROUWEN).items()
    }
    uitkomsten = indicators.bereken(
        rows, feiten, perioden=maanden, besluiten=besluiten, gepubliceerd_vertrouwen=gepubliceerd
    )
    now = timezone.now()
    IndicatorSnapshot.objects.bulk_create(
        [
            IndicatorSnapshot(
                plan_id=plan.id,
                indicator=indicator,
                periode=periode,
                waarde=u.waarde,
                status=u.status,
                n=u.n,
                projectie=u.projectie,
                details=u.details,
                computed_at=now,
            )
            for (indicator, periode), u in sorted(uitkomsten.items())
        ],
        update_conflicts=True,
        unique_fields=["plan", "indicator", "periode"],
        update_fields=["waarde", "status", "n", "projectie", "details", "computed_at"],
    )
    wm.last_event_id, wm.event_count, wm.computed_at = aggregate["max_id"], aggregate["count"], now
    wm.save(update_fields=["last_event_id", "event_count", "computed_at"])


def plan_recompute(*, plan_id: int, force: bool = False, vandaag: dt.date | None = None) -> bool:
    """Recompute one plan's snapshots in one transaction under its watermark row lock.

    A run that finds the watermark equal to the log's (max id, count) is a no-op (unless
    `force`: the nightly run, because time alone moves deadlines). A run that fails midway
    rolls back: readers keep the previous snapshots. Returns whether it computed.
    """
    vandaag = vandaag or timezone.localdate()
    PlanWatermark.objects.get_or_create(plan_id=plan_id)
    with transaction.atomic():
        wm = PlanWatermark.objects.select_for_update().get(plan_id=plan_id)
        state = selectors.event_state(plan_id=plan_id)
        if not force and wm.computed_at is not None and state == (wm.last_event_id, wm.event_count):
            return False
        plan = selectors.plans_with_kaders(plan_ids=[plan_id]).first()
        if plan is None:
            return False
        aggregate = selectors.event_aggregates(plan_ids=[plan_id]).get(plan_id, {"rows": [], "max_id": 0, "count": 0})
        besluiten = selectors.besluit_dates(plan_ids=[plan_id]).get(plan_id, [])
        _store(plan=plan, aggregate=aggregate, besluiten=besluiten, vandaag=vandaag, wm=wm)
    return True


def plans_recompute_all(*, force: bool = True, vandaag: dt.date | None = None) -> int:
    """Recompute every plan from ONE aggregate query over the whole log (nightly, demo, bench).

    Each plan is then stored in its own short transaction under its watermark lock; a plan
    whose watermark is already further (a per-plan run committed meanwhile) is left alone.
    """
    vandaag = vandaag or timezone.localdate()
    plans = list(selectors.plans_with_kaders())
    plan_ids = [p.id for p in plans]
    existing = set(PlanWatermark.objects.filter(plan_id__in=plan_ids).values_list("plan_id", flat=True))
    PlanWatermark.objects.bulk_create(
        [PlanWatermark(plan_id=pid) for pid in plan_ids if pid not in existing], ignore_conflicts=True
    )
    aggregates = selectors.event_aggregates()
    besluiten = selectors.besluit_dates(plan_ids=plan_ids)
    done = 0
    for plan in plans:
        aggregate = aggregates.get(plan.id, {"rows": [], "max_id": 0, "count": 0})
        with transaction.atomic():
            wm = PlanWatermark.objects.select_for_update().get(plan_id=plan.id)
            if wm.event_count > aggregate["count"]:
                continue  # a newer per-plan run already stored more
            if not force and wm.computed_at is not None and wm.event_count == aggregate["count"]:
                continue
            _store(plan=plan, aggregate=aggregate, besluiten=besluiten.get(plan.id, []), vandaag=vandaag, wm=wm)
            done += 1
    return done


def plans_reconcile() -> list[int]:
    """Recompute every plan whose watermark lags the log: a lost enqueue becomes a delay."""
    lagging = selectors.plans_lagging()
    for plan_id in lagging:
        plan_recompute(plan_id=plan_id)
    return lagging


# --- Events entered by civil servants -----------------------------------------------------

MILESTONE_TYPES = {"mijlpaal_bereikt", "mijlpaal_gemist", "afspraak_nagekomen", "afspraak_gemist"}


@transaction.atomic
def gebeurtenis_record(
    *,
    plan_id: int,
    type: str,
    datum: dt.date,
    hoeveelheid: int = 1,
    gepland: dt.date | None = None,
    corrigeert_type: str = "",
    toelichting: str = "",
    door=None,
):
    """A civil servant logs one event by form. Corrections are compensating events."""
    import uuid

    from django.core.exceptions import ValidationError

    from core.constants import GebeurtenisBron, GebeurtenisType
    from core.services import gebeurtenis_append

    payload: dict = {}
    if toelichting:
        payload["toelichting"] = toelichting
    if gepland:
        payload["gepland"] = gepland.isoformat()
    if type == GebeurtenisType.CORRECTIE:
        if not corrigeert_type or corrigeert_type == GebeurtenisType.CORRECTIE:
            raise ValidationError({"corrigeert_type": "Kies welk soort gebeurtenis deze correctie compenseert."})
        payload["corrigeert_type"] = corrigeert_type
    elif hoeveelheid < 0:
        raise ValidationError({"hoeveelheid": "Een negatieve hoeveelheid kan alleen bij een correctie."})
    if type in MILESTONE_TYPES and not gepland:
        raise ValidationError({"gepland": "Vul de geplande datum in van deze mijlpaal of afspraak."})
    event, _ = gebeurtenis_append(
        type=type,
        plan_id=plan_id,
        datum=datum,
        bron=GebeurtenisBron.FORMULIER,
        extern_id=f"formulier-{uuid.uuid4()}",
        hoeveelheid=hoeveelheid,
        payload=payload,
        door=door,
    )
    return event


# --- Council decisions ---------------------------------------------------------------------


def indicator_snapshot_for_decision(*, plan_id: int) -> dict:
    """The latest figure per indicator, frozen into the decision (what it was based on)."""
    latest = selectors.latest_snapshots(plan_ids=[plan_id]).get(plan_id, {})
    return {
        ind: {
            "periode": s.periode.isoformat(),
            "waarde": s.waarde,
            "status": s.status,
            "n": s.n,
            "computed_at": s.computed_at.isoformat(),
        }
        for ind, s in sorted(latest.items())
    }


@transaction.atomic
def raadsbesluit_record(
    *,
    plan_id: int,
    datum: dt.date,
    doen_we_het_goede: str,
    wat_is_nodig: str,
    besluit: str,
    motivering: str,
    kenmerk: str = "",
    door,
):
    """Record the council's analysis and decision; *stoppen* moves the plan to *gestopt*."""
    from django.core.exceptions import ValidationError

    from wup import services as wup_services
    from wup.models import Plan

    from .constants import Besluit
    from .models import Raadsbesluit

    besluit_obj = Raadsbesluit(
        plan_id=plan_id,
        datum=datum,
        doen_we_het_goede=doen_we_het_goede,
        wat_is_nodig=wat_is_nodig,
        besluit=besluit,
        motivering=motivering,
        kenmerk=kenmerk,
        snapshot=indicator_snapshot_for_decision(plan_id=plan_id),
        geregistreerd_door=door,
    )
    besluit_obj.full_clean()
    besluit_obj.save()
    if besluit == Besluit.STOPPEN:
        plan = Plan.objects.get(pk=plan_id)
        transition = getattr(wup_services, "plan_transition", None)
        try:
            if transition is not None:
                transition(plan=plan, naar="gestopt", door=door, toelichting=motivering)
            else:  # fallback while wup has no lifecycle service
                Plan.objects.filter(pk=plan_id).update(status="gestopt")
        except ValidationError as exc:
            raise ValidationError({"besluit": exc.messages}) from exc
    # Governance (sturing) depends on decisions, not only on events: force a recompute.
    transaction.on_commit(lambda: _enqueue_forced(plan_id), robust=True)
    return besluit_obj


def _enqueue_forced(plan_id: int) -> None:
    from .tasks import plan_recompute_task

    try:
        plan_recompute_task.apply_async(kwargs={"plan_id": plan_id, "force": True}, countdown=1)
    except Exception:  # noqa: BLE001 - the nightly full recompute catches up
        logger.warning("raadsbesluit: enqueue failed for plan %s", plan_id, exc_info=True)


from .csv_import import events_csv_import  # noqa: E402,F401 - the CSV import is a service too
