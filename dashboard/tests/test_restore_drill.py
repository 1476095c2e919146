"""The restore drill: a dump restores into a scratch database and recomputes to the same figures."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dashboard import services
from dashboard.models import IndicatorSnapshot

from .factories import GebeurtenisFactory, PlanFactory

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]


def _plans_with_events():
    plans = [PlanFactory(), PlanFactory(vastgesteld=True)]
    for plan in plans:
        for i in range(3):
            GebeurtenisFactory(plan=plan, type="woning_aardgasvrij", datum=dt.date(2025, 3 + i, 1), hoeveelheid=2 + i)
    services.plans_recompute_all(force=True)
    return plans


def _scratch_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [connection.settings_dict["NAME"] + "_restore_drill"]
        )
        return cursor.fetchone() is not None


def test_a_fresh_backup_restores_and_recomputes_to_the_published_figures():
    _plans_with_events()
    out = StringIO()
    call_command("restore_drill", stdout=out)
    text = out.getvalue()
    assert "Restore drill passed" in text
    assert "6 events, 1 adopted plans" in text
    assert not _scratch_exists()  # removed afterwards


def test_a_snapshot_the_event_log_does_not_support_is_reported():
    # given a published figure that a recompute from the log would not give
    _plans_with_events()
    snapshot = IndicatorSnapshot.objects.filter(indicator="resultaten", n__gt=0).first()
    IndicatorSnapshot.objects.filter(pk=snapshot.pk).update(waarde=(snapshot.waarde or 0) + 1000)
    err = StringIO()
    # when the drill runs, then it fails and names the plan and indicator
    with pytest.raises(CommandError, match="differences"):
        call_command("restore_drill", stdout=StringIO(), stderr=err)
    assert f"snapshot plan {snapshot.plan_id} resultaten" in err.getvalue()
    assert not _scratch_exists()
