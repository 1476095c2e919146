"""The event log: typed payloads at append, idempotency, append-only, the after-append hook."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from dashboard.tests.factories import PlanFactory
from logboek import services
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.models import Gebeurtenis
from logboek.payloads import SCHEMAS, payload_errors, payload_fields

pytestmark = pytest.mark.django_db


def _append(plan, **kwargs):
    values = {
        "type": GebeurtenisType.MIJLPAAL_BEREIKT,
        "plan_id": plan.id,
        "datum": dt.date(2025, 6, 1),
        "bron": GebeurtenisBron.FORMULIER,
        "extern_id": "t-1",
        "payload": {"gepland": "2025-07-01"},
    }
    values.update(kwargs)
    return services.gebeurtenis_append(**values)


def test_every_event_type_declares_its_payload():
    assert set(SCHEMAS) == set(GebeurtenisType.values)


def test_append_stores_the_declared_shape():
    plan = PlanFactory()
    event, created = _append(plan, payload={"gepland": dt.date(2025, 7, 1), "toelichting": "  netbeheerder  "})
    assert created
    event.refresh_from_db()
    assert event.payload == {"gepland": "2025-07-01", "toelichting": "netbeheerder"}


@pytest.mark.parametrize(
    ("type_", "payload", "key"),
    [
        (GebeurtenisType.AFSPRAAK_GEMIST, {"gepland": "2099-02-30"}, "gepland"),  # a date that does not exist
        (GebeurtenisType.MIJLPAAL_BEREIKT, {"gepland": "0001-01-01"}, "gepland"),  # outside 2000-2100
        (GebeurtenisType.MIJLPAAL_BEREIKT, {}, "gepland"),  # required
        (GebeurtenisType.WONING_AARDGASVRIJ, {"vertrouwen": 4}, "vertrouwen"),  # unknown key
        (GebeurtenisType.AMBTENAREN_PULS, {"score": 9}, "score"),  # out of range
        (GebeurtenisType.KLACHT, {"toelichting": "a\x00b"}, "toelichting"),  # NUL byte
        (GebeurtenisType.CORRECTIE, {"corrigeert_type": "correctie"}, "corrigeert_type"),
        (GebeurtenisType.ENQUETE_RESPONS, {"dimensies": {"vertrouwen": {"gemiddelde": 7, "items": 1}}}, "dimensies"),
    ],
)
def test_append_refuses_a_payload_outside_its_schema_and_writes_nothing(type_, payload, key):
    plan = PlanFactory()
    with pytest.raises(ValidationError) as exc:
        _append(plan, type=type_, payload=payload)
    assert any(message.startswith(key) for message in exc.value.message_dict["payload"])
    assert not Gebeurtenis.objects.exists()


def test_payload_errors_name_the_key_in_dutch_ready_messages():
    # the routekaart's schema (its services append these events) and a typed-in correction
    # alike name the bad key
    stored, errors = payload_errors(GebeurtenisType.AFSPRAAK_GEMIST, {"gepland": "2099-02-30"})
    assert stored == {}
    assert set(errors) == {"gepland"}
    assert payload_fields(GebeurtenisType.AFSPRAAK_GEMIST) == ("toelichting", "gepland", "mijlpaal", "afspraak")
    stored, errors = payload_errors(
        GebeurtenisType.CORRECTIE, {"corrigeert_type": GebeurtenisType.AFSPRAAK_GEMIST, "gepland": "2099-02-30"}
    )
    assert stored == {}
    assert errors == {"gepland": "is geen geldige waarde"}


def test_the_same_source_and_external_id_count_once():
    plan = PlanFactory()
    first, created = _append(plan)
    second, created_again = _append(plan)
    assert created and not created_again
    assert first.pk == second.pk
    assert Gebeurtenis.objects.count() == 1


def test_the_log_is_append_only_in_the_database():
    plan = PlanFactory()
    event, _ = _append(plan)
    with pytest.raises(DatabaseError), transaction.atomic():
        Gebeurtenis.objects.filter(pk=event.pk).update(hoeveelheid=5)
    with pytest.raises(DatabaseError), transaction.atomic():
        Gebeurtenis.objects.filter(pk=event.pk).delete()
    assert Gebeurtenis.objects.get(pk=event.pk).hoeveelheid == 1


def test_registered_callbacks_run_after_commit_with_the_plan(django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "_after_append", [lambda plan_id: calls.append(plan_id)])
    plan = PlanFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _append(plan)
    assert calls == [plan.id]


def test_the_dashboard_registers_its_recompute_request_explicitly():
    from dashboard.services import recompute_request

    assert recompute_request in services._after_append


def test_a_csv_row_with_an_impossible_planned_date_is_refused_with_its_line_and_column():
    # The poison event of issue 11: a planned date that does not exist (PostgreSQL's to_date
    # raised on it in every recompute). Milestones and agreements are the routekaart's now;
    # a correction of their events still carries an optional planned date.
    from dashboard.services import events_csv_import

    plan = PlanFactory()
    content = (
        "plan_id,type,datum,hoeveelheid,extern_id,corrigeert_type,gepland\n"
        f"{plan.id},correctie,2025-06-01,-1,ok-1,afspraak_nagekomen,2025-07-01\n"
        f"{plan.id},correctie,2025-06-01,-1,x,afspraak_gemist,2099-02-30\n"
    )
    result = events_csv_import(content=content)
    assert [(e.row, e.column) for e in result.errors] == [(3, "gepland")]
    assert not Gebeurtenis.objects.exists()
