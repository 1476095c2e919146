"""Recompute: idempotent, concurrent-safe, atomic, reconciled; the watermark is commit-order safe."""

import datetime as dt
import threading
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard import services
from dashboard.models import IndicatorSnapshot, PlanWatermark
from dashboard.tasks import plan_recompute_task, reconcile_task
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append

from .factories import (
    GebeurtenisFactory,
    KernwaardeFactory,
    PlanFactory,
    RaadsbesluitFactory,
    TussendoelFactory,
)

VANDAAG = dt.date(2025, 6, 15)


def _snapshots(plan):
    return sorted(
        (s.indicator, s.periode, s.waarde, s.status, s.n, s.projectie, s.details)
        for s in IndicatorSnapshot.objects.filter(plan=plan)
    )


def _zonder_reden(details):
    return {k: v for k, v in details.items() if k != "reden"}


def _resultaat(plan):
    return IndicatorSnapshot.objects.get(plan=plan, indicator="resultaten", periode=dt.date(2025, 6, 1)).waarde


@pytest.mark.django_db
def test_recompute_stores_snapshots_and_a_second_run_is_a_noop():
    # given a plan with events in March and May
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 5, 2), hoeveelheid=6)
    # when recomputed twice
    first = services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    before = _snapshots(plan)
    computed_at = PlanWatermark.objects.get(plan=plan).computed_at
    second = services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    # then the first computes Jan..Jun (from plan start), the second changes nothing
    assert (first, second) == (True, False)
    assert _resultaat(plan) == 10.0
    assert len(before) == 6 * 6
    assert _snapshots(plan) == before
    assert PlanWatermark.objects.get(plan=plan).computed_at == computed_at


@pytest.mark.django_db
def test_forced_duplicate_run_gives_identical_snapshots():
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    before = _snapshots(plan)
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG, force=True)
    services.plans_recompute_all(force=True, vandaag=VANDAAG)
    assert _snapshots(plan) == before


@pytest.mark.django_db
def test_corrections_compensate_and_a_lower_id_committed_late_is_noticed():
    # given a computed plan
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=5)
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    wm = PlanWatermark.objects.get(plan=plan)
    # when a correction arrives whose id is LOWER than the watermark (ids are not commit-ordered)
    GebeurtenisFactory(
        plan=plan,
        id=1,
        type=GebeurtenisType.CORRECTIE,
        hoeveelheid=-2,
        payload={"corrigeert_type": GebeurtenisType.WONING_AARDGASVRIJ},
    )
    assert wm.last_event_id > 1
    # then the recompute still sees it (the event count moved) and the correction compensates
    assert services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG) is True
    assert _resultaat(plan) == 3.0


@pytest.mark.django_db
def test_a_run_that_fails_midway_leaves_the_old_snapshot():
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    before = _snapshots(plan)
    wm_before = PlanWatermark.objects.get(plan=plan)
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 4, 2), hoeveelheid=100)
    # when the run dies after the snapshots were written, before the watermark moved
    with mock.patch.object(PlanWatermark, "save", side_effect=RuntimeError("killed")):
        with pytest.raises(RuntimeError):
            services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    # then everything is as before: old snapshots, old watermark
    assert _snapshots(plan) == before
    wm = PlanWatermark.objects.get(plan=plan)
    assert (wm.last_event_id, wm.event_count) == (wm_before.last_event_id, wm_before.event_count)
    # and the next run catches up
    assert services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    assert _resultaat(plan) == 104.0


@pytest.mark.django_db
def test_reconcile_picks_up_an_event_whose_enqueue_was_lost(django_capture_on_commit_callbacks):
    # given a computed plan and a broker that is down
    plan = PlanFactory()
    services.plan_recompute(plan_id=plan.id)
    with mock.patch.object(plan_recompute_task, "apply_async", side_effect=ConnectionError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            gebeurtenis_append(
                type=GebeurtenisType.WONING_AARDGASVRIJ,
                plan_id=plan.id,
                datum=dt.date.today(),
                bron=GebeurtenisBron.FORMULIER,
                extern_id="lost-1",
                hoeveelheid=3,
            )
    # when the periodic reconcile runs
    lagging = reconcile_task()
    # then it recomputed exactly that plan, and a second reconcile finds nothing
    assert lagging == [plan.id]
    snap = IndicatorSnapshot.objects.filter(plan=plan, indicator="resultaten").order_by("-periode").first()
    assert snap.waarde == 3.0
    assert reconcile_task() == []


@pytest.mark.django_db
def test_recompute_request_is_coalesced_per_plan(django_capture_on_commit_callbacks):
    plan = PlanFactory()
    with mock.patch.object(plan_recompute_task, "apply_async") as enqueue:
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(5):
                gebeurtenis_append(
                    type=GebeurtenisType.KLACHT,
                    plan_id=plan.id,
                    datum=dt.date.today(),
                    bron=GebeurtenisBron.FORMULIER,
                    extern_id=f"c-{i}",
                )
    assert enqueue.call_count == 1
    assert enqueue.call_args.kwargs == {"kwargs": {"plan_id": plan.id}, "countdown": 1}
    # the task clears the key as it starts: a later event asks again
    plan_recompute_task(plan_id=plan.id)
    with mock.patch.object(plan_recompute_task, "apply_async") as enqueue:
        services.recompute_request(plan_id=plan.id)
    assert enqueue.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_give_identical_snapshots():
    # given a plan with events
    plan = PlanFactory()
    for month in range(1, 6):
        GebeurtenisFactory(plan=plan, datum=dt.date(2025, month, 3), hoeveelheid=month)
    results, errors = [], []

    def run():
        try:
            results.append(services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    # when four runs start at once
    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then exactly one computed, the others saw the moved watermark, and the result is the
    # same as a single sequential run
    assert not errors
    assert sorted(results) == [False, False, False, True]
    concurrent = _snapshots(plan)
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG, force=True)
    assert _snapshots(plan) == concurrent
    assert _resultaat(plan) == 15.0


@pytest.mark.django_db
def test_trust_is_read_from_participatie_dimension_payload_and_suppressed_below_ten():
    plan = PlanFactory()
    for i in range(10):
        GebeurtenisFactory(
            plan=plan,
            type=GebeurtenisType.ENQUETE_RESPONS,
            payload={"dimensies": {"vertrouwen": {"gemiddelde": 3 + (i % 2), "items": 2}}},
        )
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    snap = IndicatorSnapshot.objects.get(plan=plan, indicator="vertrouwen", periode=dt.date(2025, 6, 1))
    assert (snap.waarde, snap.n) == (3.5, 10)


def _rich_plan(*, responses: int = 12):
    """A plan whose every indicator has something to show: goals, values, surveys, milestones."""
    plan = PlanFactory()
    kernwaarde = KernwaardeFactory(plan=plan)
    KernwaardeFactory(plan=plan)
    TussendoelFactory(plan=plan, kernwaarde=kernwaarde)
    TussendoelFactory(plan=plan, metriek="vertrouwen", streefwaarde=3.5, omschrijving="Vertrouwen 3,5")
    for month in range(1, 6):
        GebeurtenisFactory(plan=plan, datum=dt.date(2025, month, 3), hoeveelheid=month * 2)
        GebeurtenisFactory(plan=plan, type=GebeurtenisType.BIJEENKOMST_GEHOUDEN, datum=dt.date(2025, month, 9))
    for i in range(responses):
        GebeurtenisFactory(
            plan=plan,
            type=GebeurtenisType.ENQUETE_RESPONS,
            datum=dt.date(2025, 2 + i % 3, 10),
            payload={"dimensies": {"vertrouwen": {"gemiddelde": 2 + (i % 3) * 0.75, "items": 2}}},
        )
    GebeurtenisFactory(
        plan=plan, type=GebeurtenisType.MIJLPAAL_BEREIKT, datum=dt.date(2025, 3, 1), payload={"gepland": "2025-04-01"}
    )
    GebeurtenisFactory(
        plan=plan, type=GebeurtenisType.AFSPRAAK_GEMIST, datum=dt.date(2025, 4, 1), payload={"gepland": "2025-03-01"}
    )
    GebeurtenisFactory(
        plan=plan,
        type=GebeurtenisType.CORRECTIE,
        datum=dt.date(2025, 4, 20),
        hoeveelheid=-1,
        payload={"corrigeert_type": GebeurtenisType.WONING_AARDGASVRIJ},
    )
    RaadsbesluitFactory(plan=plan, datum=dt.date(2025, 5, 2))
    return plan


def _all_snapshots():
    return sorted(
        (s.plan_id, s.indicator, s.periode, s.waarde, s.status, s.n, s.projectie, s.details)
        for s in IndicatorSnapshot.objects.all()
    )


@pytest.mark.django_db
def test_full_and_single_plan_recompute_give_identical_snapshots():
    # given three plans with goals, surveys, milestones, corrections and a decision
    plans = [_rich_plan(), _rich_plan(responses=25), PlanFactory()]
    # when everything is computed by the full path (one aggregate over all plans)
    assert services.plans_recompute_all(force=True, vandaag=VANDAAG) == 3
    full = _all_snapshots()
    full_watermarks = sorted(PlanWatermark.objects.values_list("plan_id", "last_event_id", "event_count"))
    # and, from scratch, by the single-plan path, plan by plan
    IndicatorSnapshot.objects.all().delete()
    PlanWatermark.objects.all().delete()
    for plan in plans:
        assert services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    single = _all_snapshots()
    # then both paths stored exactly the same snapshots and watermarks
    assert single == full
    assert sorted(PlanWatermark.objects.values_list("plan_id", "last_event_id", "event_count")) == full_watermarks
    # and the data was rich enough for the comparison to mean something
    latest = {(s[0], s[1]): s for s in full if s[2] == dt.date(2025, 6, 1)}
    assert latest[(plans[0].id, "vertrouwen")][5] == 12
    assert latest[(plans[1].id, "vertrouwen")][5] == 25
    assert latest[(plans[0].id, "resultaten")][3] == 29.0  # 2+4+6+8+10, minus one correction
    assert latest[(plans[0].id, "schema")][3] == 50.0
    assert latest[(plans[0].id, "koers")][3] is not None
    assert latest[(plans[0].id, "sturing")][7]  # details present
    # and a second full run over stored snapshots (published trust figures) changes nothing
    services.plans_recompute_all(force=True, vandaag=VANDAAG)
    assert _all_snapshots() == full


@pytest.mark.django_db
def test_full_recompute_runs_a_constant_number_of_queries():
    def queries_for(count):
        IndicatorSnapshot.objects.all().delete()
        for _ in range(count):
            _rich_plan(responses=2)
        with CaptureQueriesContext(connection) as ctx:
            services.plans_recompute_all(force=True, vandaag=VANDAAG)
        return len(ctx.captured_queries)

    # given 2 plans, then 20 more; when all are recomputed; then the query count stays flat
    assert queries_for(2) == queries_for(18)


# --- "Liggen we op schema?" from the routekaart (issue 9) -----------------------------------


def _schema(plan, periode):
    return IndicatorSnapshot.objects.get(plan=plan, indicator="schema", periode=periode)


@pytest.mark.django_db
def test_an_overdue_open_milestone_turns_the_schedule_without_any_event_typed_by_hand():
    from dashboard.tasks import recompute_all_task
    from logboek.models import Gebeurtenis
    from routekaart import services as routekaart_services
    from routekaart.constants import AfspraakStatus, MijlpaalUitkomst
    from routekaart.tests.factories import afspraak, mijlpaal

    # given a plan whose routekaart has two milestones reached on time, an agreement kept on
    # time and one open milestone due on 20 March (all through the routekaart's services)
    plan = PlanFactory(startdatum=dt.date(2026, 1, 1))
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        for naam, basis in (("Schouw", dt.date(2026, 1, 20)), ("Tracé", dt.date(2026, 2, 20))):
            m = mijlpaal(plan, naam=naam, basisdatum=basis)
            routekaart_services.afronden(item=m, uitkomst=MijlpaalUitkomst.BEREIKT, datum=basis)
        a = afspraak(plan, basisdatum=dt.date(2026, 3, 1))
        routekaart_services.afronden(item=a, uitkomst=AfspraakStatus.NAGEKOMEN, datum=dt.date(2026, 2, 27))
        mijlpaal(plan, naam="Netverzwaring gereed", basisdatum=dt.date(2026, 3, 20))
        services.plan_recompute(plan_id=plan.id)
    # then on 10 March the schedule is on track: nothing is late yet
    maart = _schema(plan, dt.date(2026, 3, 1))
    assert (maart.waarde, maart.status, maart.details["over_tijd"]) == (100.0, "op_koers", 0)
    # when time passes, nothing is typed in and the open milestone's baseline goes by
    with time_machine.travel(dt.datetime(2026, 4, 2, 3, tzinfo=dt.UTC), tick=False):
        # the watermark did not move: a per-plan run and the reconcile leave the plan alone...
        assert services.plan_recompute(plan_id=plan.id) is False
        assert services.plans_reconcile() == []
        # ...so the nightly full run recomputes every plan, moved or not
        assert recompute_all_task() == 1
    # then the milestone counts as overdue from March on (its moment is 31 March), not on time
    for periode in (dt.date(2026, 3, 1), dt.date(2026, 4, 1)):
        snap = _schema(plan, periode)
        assert (snap.waarde, snap.n, snap.status) == (75.0, 4, "aandacht"), periode
        assert _zonder_reden(snap.details) == {"op_tijd": 3, "te_laat": 0, "gemist": 0, "over_tijd": 1}
    assert _schema(plan, dt.date(2026, 2, 1)).details["over_tijd"] == 0
    # and no event of the plan was typed by hand: every one came from the routekaart
    assert set(Gebeurtenis.objects.filter(plan=plan).values_list("bron", flat=True)) == {GebeurtenisBron.ROUTEKAART}


@pytest.mark.django_db
def test_an_overdue_item_completed_later_is_counted_once_late_and_never_twice():
    from routekaart import services as routekaart_services
    from routekaart.constants import AfspraakStatus
    from routekaart.tests.factories import afspraak

    # given an agreement due 10 January and a second one due 15 January, both still open
    plan = PlanFactory(startdatum=dt.date(2026, 1, 1))
    with time_machine.travel(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC), tick=False):
        eerste = afspraak(plan, wat="Aansluitaanbod warmtebedrijf", basisdatum=dt.date(2026, 1, 10))
        tweede = afspraak(plan, wat="Renovatieblok corporatie", basisdatum=dt.date(2026, 1, 15))
    # when the first is kept on 3 February (late) and the second is still open on 20 February
    with time_machine.travel(dt.datetime(2026, 2, 20, 12, tzinfo=dt.UTC), tick=False):
        routekaart_services.afronden(item=eerste, uitkomst=AfspraakStatus.NAGEKOMEN, datum=dt.date(2026, 2, 3))
        services.plan_recompute(plan_id=plan.id)
    # then January: both overdue; February: the first late (its event), the second overdue
    januari, februari = _schema(plan, dt.date(2026, 1, 1)), _schema(plan, dt.date(2026, 2, 1))
    assert (januari.waarde, januari.n, _zonder_reden(januari.details)) == (
        0.0,
        2,
        {"op_tijd": 0, "te_laat": 0, "gemist": 0, "over_tijd": 2},
    )
    assert (februari.waarde, februari.n, februari.status) == (0.0, 2, "uit_koers")
    assert _zonder_reden(februari.details) == {"op_tijd": 0, "te_laat": 1, "gemist": 0, "over_tijd": 1}
    assert tweede.pk  # still open: counted as overdue, not as an event


# --- "Komt er beweging?" over a rolling 30 days (issue 10) ---------------------------------


@pytest.mark.django_db
def test_movement_on_the_first_of_the_month_counts_the_last_30_days_and_skips_withdrawn_events():
    # given 40 insulations on 10 November, 12 attendees on 20 November, a response on 1 December,
    # 30 insulations on 31 October (31 days before 1 December: outside the last 30 days) and
    # a withdrawn insulation of 100 homes on 25 November
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, type=GebeurtenisType.WONING_GEISOLEERD, datum=dt.date(2025, 11, 10), hoeveelheid=40)
    GebeurtenisFactory(
        plan=plan, type=GebeurtenisType.BIJEENKOMST_GEHOUDEN, datum=dt.date(2025, 11, 20), hoeveelheid=12
    )
    GebeurtenisFactory(plan=plan, type=GebeurtenisType.ENQUETE_RESPONS, datum=dt.date(2025, 12, 1), hoeveelheid=1)
    GebeurtenisFactory(plan=plan, type=GebeurtenisType.WONING_GEISOLEERD, datum=dt.date(2025, 10, 31), hoeveelheid=30)
    fout = GebeurtenisFactory(
        plan=plan, type=GebeurtenisType.WONING_GEISOLEERD, datum=dt.date(2025, 11, 25), hoeveelheid=100
    )
    GebeurtenisFactory(
        plan=plan,
        type=GebeurtenisType.INTREKKING,
        datum=dt.date(2025, 11, 26),
        hoeveelheid=0,
        payload={"intrekt": fout.id, "reden": "dubbel"},
    )
    # when the plan is recomputed on 1 December
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 12, 1))
    snap = IndicatorSnapshot.objects.get(plan=plan, indicator="beweging", periode=dt.date(2025, 12, 1))
    # then December's movement is the last 30 days (2 Nov - 1 Dec): 40 + 12 + 1, not the 1 of
    # the new month; the window before (3 Oct - 1 Nov) holds the 30 of 31 October, so the last
    # 90 days hold 83, and nothing before them
    assert snap.waarde == 53.0
    assert (snap.details["venster"], snap.details["laatste"], snap.details["ervoor"]) == ("30_dagen", 83, 0)
    # and November, a completed month, counts its own 52 actions
    november = IndicatorSnapshot.objects.get(plan=plan, indicator="beweging", periode=dt.date(2025, 11, 1))
    assert (november.waarde, november.details["venster"]) == (52.0, "maand")


@pytest.mark.django_db
def test_the_rolling_windows_come_from_the_same_statement_as_the_months():
    # given two plans
    for _ in range(2):
        _rich_plan(responses=2)
    # when all are recomputed / then as many statements as before the rolling windows (23
    # inside the test's transaction, savepoints and the adopted versions' kaders included),
    # plus one for the steering actions of every plan (issue 10): one aggregate, no second scan
    with CaptureQueriesContext(connection) as ctx:
        services.plans_recompute_all(force=True, vandaag=VANDAAG)
    assert len(ctx.captured_queries) == 24
    assert sum("GROUP BY 1, 2, 3, 10" in q["sql"] for q in ctx.captured_queries) == 1
