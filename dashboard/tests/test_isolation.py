"""Issue 11: one bad event never breaks dashboards.

A poison event (a payload no schema accepts, written with raw SQL as old data would be) in
plan A: A's recompute does not fail on it, the reconcile and the nightly run still compute
plan B when A fails, the failure is recorded on A's watermark and cleared by the next good
run, retries are bounded, a withdrawal neutralises the event, and A's page answers 200 with
the last good figures and a notice.
"""

from __future__ import annotations

import datetime as dt
import logging
from unittest import mock

import pytest
from django.db import DataError, OperationalError
from django.urls import reverse

from core.constants import Role
from dashboard import selectors, services
from dashboard.models import IndicatorSnapshot, PlanWatermark
from dashboard.services import recompute
from dashboard.tasks import recompute_all_task, reconcile_task
from logboek.constants import GebeurtenisType as T
from logboek.services import gebeurtenis_intrekken
from logboek.tests.test_intrekking import insert_raw

from .factories import GebeurtenisFactory, KernwaardeFactory, PlanFactory, TussendoelFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2025, 6, 15)


def _plan(hoeveelheid: int = 4):
    plan = PlanFactory(startdatum=dt.date(2025, 1, 1))
    kernwaarde = KernwaardeFactory(plan=plan)
    TussendoelFactory(plan=plan, kernwaarde=kernwaarde)
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=hoeveelheid)
    GebeurtenisFactory(plan=plan, type=T.MIJLPAAL_BEREIKT, datum=dt.date(2025, 3, 1), payload={"gepland": "2025-04-01"})
    return plan


def _snapshots(plan):
    return sorted(
        (s.indicator, s.periode, s.waarde, s.status, s.n, s.projectie, s.details)
        for s in IndicatorSnapshot.objects.filter(plan=plan)
    )


def _without_ids(value):
    """Details name a plan's own goal ids; two plans are compared without them."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _comparable(plan):
    return [tuple(_without_ids(part) for part in snap) for snap in _snapshots(plan)]


def _resultaat(plan):
    return IndicatorSnapshot.objects.get(plan=plan, indicator="resultaten", periode=dt.date(2025, 6, 1)).waarde


def _poison(plan):
    """The issue's CSV row, as raw SQL: an agreement kept with a planned date that does not exist."""
    return insert_raw(plan, type_=T.AFSPRAAK_NAGEKOMEN, payload={"gepland": "2099-02-30"})


def _fail_for(plan_id):
    """A `_snapshot_rows` that raises for one plan: a failure the SQL cannot prevent (a bug)."""
    real = recompute._snapshot_rows

    def rows(*, invoer, aggregate, vandaag):
        if invoer.plan_id == plan_id:
            raise ZeroDivisionError("indicator bug")
        return real(invoer=invoer, aggregate=aggregate, vandaag=vandaag)

    return mock.patch.object(recompute, "_snapshot_rows", side_effect=rows)


# --- A poison event does not fail the recompute -------------------------------------------


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        (T.AFSPRAAK_NAGEKOMEN, {"gepland": "2099-02-30"}),
        (T.MIJLPAAL_BEREIKT, {"gepland": "2025-13-45"}),
        (T.AMBTENAREN_PULS, {"score": "x"}),
        (T.ENQUETE_RESPONS, {"dimensies": {"vertrouwen": {"gemiddelde": "veel", "items": 1}}}),
    ],
)
def test_a_poison_event_does_not_fail_its_plans_recompute(type_, payload):
    # given a computed plan and a poison event inserted with raw SQL
    plan = _plan()
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    poison = insert_raw(plan, type_=type_, payload=payload)
    # when the plan is recomputed, per plan and in the nightly run
    assert services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG) is True
    assert services.plans_recompute_all(vandaag=VANDAAG) == 1
    # then the watermark includes the poison event and no failure is recorded
    wm = PlanWatermark.objects.get(plan=plan)
    assert (wm.last_event_id, wm.event_count, wm.failed_at) == (poison, 3, None)
    assert _resultaat(plan) == 4.0


def test_reconcile_with_plan_a_poisoned_recomputes_plan_b(django_capture_on_commit_callbacks):
    # given two computed plans; A gets the poison event, B a good one (both lag now)
    a, b = _plan(), _plan(hoeveelheid=10)
    services.plans_recompute_all(vandaag=VANDAAG)
    _poison(a)
    GebeurtenisFactory(plan=b, datum=dt.date.today(), hoeveelheid=5)
    # when the reconcile runs
    tried = reconcile_task()
    # then both were recomputed (neither fails on the poison) and nothing lags any more
    assert tried == sorted([a.id, b.id])
    assert selectors.plans_lagging() == []
    snap = IndicatorSnapshot.objects.filter(plan=b, indicator="resultaten").order_by("-periode").first()
    assert snap.waarde == 15.0


def test_reconcile_records_a_failing_plan_and_goes_on_with_the_next(caplog):
    # given two lagging plans, the first one failing to compute
    a, b = sorted([_plan(), _plan(hoeveelheid=10)], key=lambda p: p.id)
    # when the reconcile runs
    with _fail_for(a.id), caplog.at_level(logging.ERROR, logger="dashboard.services"):
        tried = reconcile_task()
    # then B is computed, A has its failure recorded and is logged with its id
    assert tried == [a.id, b.id]
    assert _snapshots(b) and not _snapshots(a)
    wm = PlanWatermark.objects.get(plan=a)
    assert wm.failed_at is not None and wm.failed_attempts == 1
    assert wm.failure == "ZeroDivisionError: indicator bug"
    assert wm.failed_event_count == 2 and wm.computed_at is None
    assert f"reconcile: recompute of plan {a.id} failed" in caplog.text
    assert PlanWatermark.objects.get(plan=b).failed_at is None


def test_a_failed_recompute_keeps_the_last_good_snapshots_and_the_next_success_clears_it():
    # given a computed plan
    plan = _plan()
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    good, good_wm = _snapshots(plan), PlanWatermark.objects.get(plan=plan)
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 5, 2), hoeveelheid=100)
    # when the next recompute fails
    with _fail_for(plan.id), pytest.raises(ZeroDivisionError):
        services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    # then the snapshots and the watermark position are the last good ones, the failure recorded
    wm = PlanWatermark.objects.get(plan=plan)
    assert _snapshots(plan) == good
    assert (wm.last_event_id, wm.event_count, wm.computed_at) == (
        good_wm.last_event_id,
        good_wm.event_count,
        good_wm.computed_at,
    )
    assert (wm.failed_attempts, wm.failed_event_count) == (1, 3)
    # when it succeeds again, the failure is cleared
    assert services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    wm.refresh_from_db()
    assert (wm.failed_at, wm.failure, wm.failed_attempts, wm.failed_event_count) == (None, "", 0, None)
    assert _resultaat(plan) == 104.0


def test_a_transient_database_error_is_not_recorded_as_the_plans_failure():
    plan = _plan()
    with (
        mock.patch.object(selectors, "event_aggregates", side_effect=OperationalError("connection lost")),
        pytest.raises(OperationalError),
    ):
        services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    assert PlanWatermark.objects.get(plan=plan).failed_at is None


def test_the_reconcile_stops_retrying_after_five_failures_until_an_event_arrives():
    # given a plan that fails every time
    a, b = sorted([_plan(), _plan()], key=lambda p: p.id)
    services.plan_recompute(plan_id=b.id, vandaag=VANDAAG)
    with _fail_for(a.id):
        # when the reconcile runs seven times
        tried = [reconcile_task() for _ in range(7)]
        # then it tried A five times, then left it alone
        assert tried == [[a.id]] * services.MAX_FAILED_ATTEMPTS + [[], []]
        assert PlanWatermark.objects.get(plan=a).failed_attempts == services.MAX_FAILED_ATTEMPTS
        # when an event arrives for A (its event count moves), A is tried again
        GebeurtenisFactory(plan=a)
        assert reconcile_task() == [a.id]
        assert PlanWatermark.objects.get(plan=a).failed_attempts == services.MAX_FAILED_ATTEMPTS + 1
    # and once the cause is gone, the reconcile still waits for an event, but the nightly run
    # tries every plan: it computes A and clears the failure
    assert reconcile_task() == []
    assert services.plans_recompute_all(vandaag=VANDAAG) == 2
    assert PlanWatermark.objects.get(plan=a).failed_attempts == 0
    assert reconcile_task() == []


# --- The nightly run ------------------------------------------------------------------------


def test_the_nightly_run_computes_every_other_plan_when_one_fails(caplog):
    # given three plans, the middle one failing to compute
    a, b, c = sorted([_plan(), _plan(hoeveelheid=7), _plan(hoeveelheid=9)], key=lambda p: p.id)
    # when the nightly run recomputes everything
    with _fail_for(b.id), caplog.at_level(logging.ERROR, logger="dashboard.services"):
        computed = recompute_all_task()
    # then A and C are computed, B is recorded as failed and logged with its id
    assert computed == 2
    assert _snapshots(a) and _snapshots(c) and not _snapshots(b)
    wm = PlanWatermark.objects.get(plan=b)
    assert (wm.failed_attempts, wm.failed_event_count, wm.failure) == (1, 2, "ZeroDivisionError: indicator bug")
    assert f"recompute: plan {b.id} failed" in caplog.text
    # and the next good nightly run clears it
    assert services.plans_recompute_all(vandaag=VANDAAG) == 3
    assert PlanWatermark.objects.get(plan=b).failed_at is None


def test_the_nightly_run_falls_back_to_plan_by_plan_when_the_whole_aggregate_fails():
    # given two plans, and an aggregate that fails over the whole log and for plan A (as the
    # bare casts did on the issue's poison event)
    a, b = sorted([_plan(), _plan(hoeveelheid=10)], key=lambda p: p.id)
    real = selectors.event_aggregates

    def aggregates(*, plan_ids=None, vandaag=None):
        if plan_ids is None or a.id in plan_ids:
            raise DataError('date/time field value out of range: "2099-02-30"')
        return real(plan_ids=plan_ids, vandaag=vandaag)

    # when the nightly run recomputes everything
    with mock.patch.object(selectors, "event_aggregates", side_effect=aggregates):
        computed = services.plans_recompute_all(vandaag=VANDAAG)
    # then B is computed plan by plan, A is recorded as failed (the transaction survived)
    assert computed == 1
    assert _resultaat(b) == 10.0 and not _snapshots(a)
    wm = PlanWatermark.objects.get(plan=a)
    assert wm.failure.startswith("DataError: date/time field value out of range")
    assert wm.failed_event_count == 2


def test_the_nightly_run_falls_back_to_plan_by_plan_when_the_upsert_fails():
    # given two plans; A's rows break the one upsert statement (here: mocked)
    a, b = sorted([_plan(), _plan(hoeveelheid=10)], key=lambda p: p.id)
    real = recompute._snapshots_upsert

    def upsert(*, rows, now):
        if any(row[0] == a.id for row in rows):
            raise DataError("invalid input syntax for type json")
        return real(rows=rows, now=now)

    with mock.patch.object(recompute, "_snapshots_upsert", side_effect=upsert):
        computed = services.plans_recompute_all(vandaag=VANDAAG)
    assert computed == 1
    assert _resultaat(b) == 10.0 and not _snapshots(a)
    assert PlanWatermark.objects.get(plan=a).failure == "DataError: invalid input syntax for type json"
    assert PlanWatermark.objects.get(plan=b).computed_at is not None


# --- Withdrawal ---------------------------------------------------------------------------


def test_a_withdrawal_neutralises_the_event(ambtenaar):
    # given two identical plans; A gets a wrong event: a big number, a planned date, a score
    a, b = _plan(), _plan()
    for plan in (a, b):
        GebeurtenisFactory(plan=plan, type=T.AMBTENAREN_PULS, datum=dt.date(2025, 5, 2), payload={"score": 4})
    wrong = [
        GebeurtenisFactory(plan=a, datum=dt.date(2025, 2, 2), hoeveelheid=500),
        GebeurtenisFactory(
            plan=a, type=T.AFSPRAAK_NAGEKOMEN, datum=dt.date(2025, 5, 1), payload={"gepland": "2025-06-01"}
        ),
        GebeurtenisFactory(plan=a, type=T.AMBTENAREN_PULS, datum=dt.date(2025, 5, 3), payload={"score": 1}),
    ]
    services.plans_recompute_all(vandaag=VANDAAG)
    assert _comparable(a) != _comparable(b)
    # when each wrong event is withdrawn and A recomputed (by the reconcile: its log moved)
    for event in wrong:
        gebeurtenis_intrekken(gebeurtenis_id=event.id, reden="Foutief ingevoerd", door=ambtenaar)
    assert selectors.plans_lagging() == [a.id]
    assert services.plan_recompute(plan_id=a.id, vandaag=VANDAAG)
    # then A's snapshots equal those of the plan without the events
    assert _comparable(a) == _comparable(b)
    # and the nightly path gives the same
    services.plans_recompute_all(vandaag=VANDAAG)
    assert _comparable(a) == _comparable(b)
    wm = PlanWatermark.objects.get(plan=a)
    assert wm.event_count == 3 + 3 + 3  # the events, the wrong ones and their withdrawals


def test_a_withdrawn_milestone_and_an_impossible_planned_date_leave_the_route(ambtenaar):
    # given a plan whose only open milestone is in the routekaart, beside events typed in
    # before the routekaart existed: a withdrawn one and two poison ones (raw SQL)
    from routekaart.tests.factories import mijlpaal

    plan = _plan()
    vandaag = dt.date(2025, 6, 15)
    mijlpaal(plan, naam="Schouw", basisdatum=dt.date(2025, 9, 1))
    withdrawn = GebeurtenisFactory(
        plan=plan, type=T.AFSPRAAK_GEMIST, datum=vandaag, payload={"gepland": "2025-08-01", "toelichting": "Fout"}
    )
    gebeurtenis_intrekken(gebeurtenis_id=withdrawn.id, reden="dubbel", door=ambtenaar)
    insert_raw(plan, type_=T.AFSPRAAK_GEMIST, payload={"gepland": "2099-02-30"})
    insert_raw(plan, type_=T.AFSPRAAK_GEMIST, payload=["geen", "object"])
    # when the route is read
    route = selectors.plan_route(plan=selectors.dashboard_plan(plan_id=plan.id), vandaag=vandaag)
    # then the next milestones come from the routekaart's rows only: no payload is read
    assert [(m.naam, m.prognose, m.status) for m in route.volgende_mijlpalen] == [
        ("Schouw", dt.date(2025, 9, 1), "gepland")
    ]


# --- The plan page ----------------------------------------------------------------------------


def test_the_plan_page_with_the_issues_poison_event_answers_200(client_for):
    # given the issue's CSV row (an agreement missed, planned for 30 February 2099), raw
    plan = _plan()
    insert_raw(plan, type_=T.AFSPRAAK_GEMIST, payload={"gepland": "2099-02-30"})
    services.plans_reconcile()
    # when a council member opens the plan page, then it answers with the figures
    response = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert response.status_code == 200
    assert "data-recompute-failed" not in response.content.decode()


def test_the_plan_page_shows_the_last_good_figures_and_a_notice_after_a_failed_recompute(client_for):
    # given a computed plan whose next recompute fails
    plan = _plan()
    services.plan_recompute(plan_id=plan.id, vandaag=VANDAAG)
    computed_at = PlanWatermark.objects.get(plan=plan).computed_at
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 5, 2), hoeveelheid=100)
    with _fail_for(plan.id):
        services.plans_reconcile()
    # when a council member opens the plan page
    response = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    # then it answers 200 with the last good figure and the Dutch notice naming its date
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-indicator-value="resultaten">4 woningen aardgasvrij van' in html
    from django.utils import formats, timezone

    datum = formats.date_format(timezone.localtime(computed_at), "j F Y, H:i")
    assert f"De cijfers zijn de laatste goede stand van {datum}; de laatste herberekening is mislukt." in html
    assert "Een ambtenaar kan een onjuiste gebeurtenis intrekken" in html
    assert reverse("dashboard:plan_events", kwargs={"plan_id": plan.id}) in html
    # and the overview marks the plan
    overview = client_for(Role.RAADSLID).get(reverse("dashboard:overview")).content.decode()
    assert "laatste herberekening mislukt" in overview


def test_a_plan_never_computed_whose_recompute_failed_says_so(client_for):
    plan = _plan()
    with _fail_for(plan.id):
        services.plans_reconcile()
    response = client_for(Role.RAADSLID).get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert response.status_code == 200
    assert "Er zijn nog geen cijfers: de herberekening van dit plan is mislukt." in response.content.decode()
