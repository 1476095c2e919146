"""participatie -> dashboard: a response's event reaches the dashboard, also when the broker
(Redis for Celery) is down while residents submit. Uses the real hook and the dashboard's
reconcile service, as the periodic task would."""

from __future__ import annotations

import logging
import time

import pytest

from dashboard import selectors as dashboard_selectors
from dashboard import services as dashboard_services
from dashboard.models import IndicatorSnapshot
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis
from participatie import services
from participatie.constants import Dimensie, VraagType
from participatie.models import Respons

from .factories import VragenlijstFactory


class _Records(logging.Handler):
    """Collects log records; used instead of caplog so the test also runs with `-p no:logging`."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def dashboard_warnings():
    logger = logging.getLogger("dashboard.services")
    handler, old_level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.mark.django_db(transaction=True)
def test_submissions_with_the_broker_stopped_are_saved_and_counted_by_the_reconcile(broker_stopped, dashboard_warnings):
    # given an open survey with one trust question on a plan the dashboard has computed
    vragenlijst = VragenlijstFactory(open=True, open_link=True)
    vraag = services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="Ik vertrouw de gemeente", dimensie=Dimensie.VERTROUWEN
    )
    plan_id = vragenlijst.plan_id
    dashboard_services.plan_recompute(plan_id=plan_id)
    # when 10 residents submit while the broker is down (on_commit hooks run: transaction=True)
    slowest = 0.0
    for i in range(10):
        started = time.monotonic()
        services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: "3" if i % 2 else "5"})
        slowest = max(slowest, time.monotonic() - started)
    # then every response is saved with its event, and none hung (a hang detector, not a speed
    # target: the wait per submission is measured in bench/)
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 10
    assert Gebeurtenis.objects.filter(type=GebeurtenisType.ENQUETE_RESPONS, plan_id=plan_id).count() == 10
    assert slowest < 10.0
    # and the recompute was really not enqueued: the dashboard lags the log
    assert any("enqueue failed" in r.getMessage() for r in dashboard_warnings)
    assert plan_id in dashboard_selectors.plans_lagging()
    assert not IndicatorSnapshot.objects.filter(plan_id=plan_id, indicator="vertrouwen", n__gt=0).exists()

    # when the periodic reconcile runs (the service behind dashboard.tasks.reconcile)
    lagging = dashboard_services.plans_reconcile()
    # then the plan was caught up and its trust figure counts all 10 responses
    assert plan_id in lagging
    snapshot = IndicatorSnapshot.objects.filter(plan_id=plan_id, indicator="vertrouwen").latest("periode")
    assert snapshot.n == 10
    assert snapshot.waarde == 4.0
    assert plan_id not in dashboard_selectors.plans_lagging()
