"""Withdrawing an event (intrekking) and reading payloads that cannot break a reader.

A poison event is written with raw SQL, as old data or a hand-made fix would be: the
append-only trigger forbids only UPDATE and DELETE, and raw SQL skips the payload schemas.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from dashboard.tests.factories import GebeurtenisFactory, PlanFactory
from logboek import selectors, services
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.models import Gebeurtenis
from logboek.payloads import payload_errors

pytestmark = pytest.mark.django_db

T = GebeurtenisType


def insert_raw(plan, *, type_: str, payload, datum: dt.date = dt.date(2025, 6, 1), hoeveelheid: int = 1) -> int:
    """Append an event with raw SQL, bypassing the payload schemas (what old data or a
    hand-made fix in psql would do). Returns its id."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_gebeurtenis (type, plan_id, datum, hoeveelheid, bron, extern_id, payload, created_at)"
            " VALUES (%s, %s, %s, %s, 'csv_import', %s, %s::jsonb, now()) RETURNING id",
            [type_, plan.id, datum, hoeveelheid, f"raw-{type_}-{json.dumps(payload)}", json.dumps(payload)],
        )
        return cursor.fetchone()[0]


def _sql(expression: str, value):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", [value])  # noqa: S608 - a constant expression of this test
        return cursor.fetchone()[0]


# --- The schema -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ({"reden": "dubbel"}, "intrekt"),
        ({"intrekt": 0, "reden": "dubbel"}, "intrekt"),
        ({"intrekt": 5}, "reden"),
        ({"intrekt": 5, "reden": "   "}, "reden"),
        ({"intrekt": 5, "reden": "x" * 501}, "reden"),
        ({"intrekt": 5, "reden": "a\x00b"}, "reden"),
        ({"intrekt": 5, "reden": "dubbel", "extra": 1}, "extra"),
    ],
)
def test_a_withdrawal_payload_outside_its_schema_is_refused(payload, key):
    stored, errors = payload_errors(T.INTREKKING, payload)
    assert stored == {}
    assert set(errors) == {key}


def test_a_withdrawal_payload_is_stored_in_its_declared_shape():
    assert payload_errors(T.INTREKKING, {"intrekt": 5, "reden": "  dubbel ingevoerd "}) == (
        {"intrekt": 5, "reden": "dubbel ingevoerd"},
        {},
    )


def test_a_correction_cannot_compensate_a_withdrawal():
    _, errors = payload_errors(T.CORRECTIE, {"corrigeert_type": T.INTREKKING})
    assert set(errors) == {"corrigeert_type"}


# --- The service ----------------------------------------------------------------------------


def test_withdrawing_appends_one_intrekking_for_the_same_plan(ambtenaar, django_capture_on_commit_callbacks):
    # given an event
    event = GebeurtenisFactory(hoeveelheid=4)
    # when a civil servant withdraws it
    with django_capture_on_commit_callbacks() as callbacks:
        intrekking = services.gebeurtenis_intrekken(gebeurtenis_id=event.id, reden=" Dubbel ingevoerd ", door=ambtenaar)
    # then one withdrawal names it, for the same plan, and a recompute is asked after commit
    intrekking.refresh_from_db()
    assert (intrekking.type, intrekking.plan_id, intrekking.hoeveelheid) == (T.INTREKKING, event.plan_id, 0)
    assert intrekking.payload == {"intrekt": event.id, "reden": "Dubbel ingevoerd"}
    assert (intrekking.bron, intrekking.extern_id) == (GebeurtenisBron.FORMULIER, f"intrekking:{event.id}")
    assert intrekking.geregistreerd_door == ambtenaar
    assert len(callbacks) == 1
    # and the event itself is untouched (append-only) but read as withdrawn
    assert Gebeurtenis.objects.get(pk=event.pk).hoeveelheid == 4
    assert selectors.gebeurtenis_get(gebeurtenis_id=event.id).is_withdrawn
    assert list(selectors.withdrawals_of(plan_id=event.plan_id, gebeurtenis_ids=[event.id])) == [event.id]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", "Deze gebeurtenis bestaat niet."),
        ("twice", "Deze gebeurtenis is al ingetrokken."),
        ("withdrawal", "Een intrekking kan zelf niet worden ingetrokken."),
        ("no reason", "Geef de reden waarom deze gebeurtenis wordt ingetrokken."),
    ],
)
def test_withdrawing_is_refused_in_dutch_and_writes_nothing(case, message, ambtenaar):
    # given an event, withdrawn once
    event = GebeurtenisFactory()
    first = services.gebeurtenis_intrekken(gebeurtenis_id=event.id, reden="fout", door=ambtenaar)
    target, reden = {
        "unknown": (event.id + 1000, "fout"),
        "twice": (event.id, "nog eens"),
        "withdrawal": (first.id, "terug"),
        "no reason": (GebeurtenisFactory(plan=event.plan).id, "  "),
    }[case]
    before = Gebeurtenis.objects.count()
    # when it is refused
    with pytest.raises(ValidationError) as exc:
        services.gebeurtenis_intrekken(gebeurtenis_id=target, reden=reden, door=ambtenaar)
    # then the Dutch message says why and no event was written
    assert message in [m for messages in exc.value.message_dict.values() for m in messages]
    assert Gebeurtenis.objects.count() == before


def test_a_withdrawal_written_twice_by_a_race_is_one_row(ambtenaar):
    # given an event whose withdrawal was already appended with the service's key (as a
    # concurrent request would have done between our check and our insert)
    event = GebeurtenisFactory()
    services.gebeurtenis_append(
        type=T.INTREKKING,
        plan_id=event.plan_id,
        datum=dt.date(2025, 6, 1),
        bron=GebeurtenisBron.FORMULIER,
        extern_id=f"intrekking:{event.id}",
        payload={"intrekt": event.id, "reden": "eerste"},
    )
    # when the same key is appended again, there is still one
    _, created = services.gebeurtenis_append(
        type=T.INTREKKING,
        plan_id=event.plan_id,
        datum=dt.date(2025, 6, 1),
        bron=GebeurtenisBron.FORMULIER,
        extern_id=f"intrekking:{event.id}",
        payload={"intrekt": event.id, "reden": "tweede"},
    )
    assert not created
    assert Gebeurtenis.objects.filter(type=T.INTREKKING).count() == 1


# --- Exception-free readers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2000-02-29", dt.date(2000, 2, 29)),
        ("2099-04-30", dt.date(2099, 4, 30)),
        ("2099-02-30", None),
        ("2100-02-29", None),  # 2100 is no leap year
        ("2099-13-01", None),
        ("2099-00-10", None),
        ("2099-01-32", None),
        ("2099-04-31", None),
        ("0000-01-01", None),
        ("2099-1-1", None),
        (" 2099-01-01", None),
        ("2099-01-01T00:00", None),
        ("٢٠٩٩-٠١-٠١", None),  # Arabic-Indic digits
        ("x", None),
        ("", None),
        (None, None),
    ],
)
def test_the_date_reader_returns_an_existing_date_or_null_and_never_raises(value, expected):
    assert _sql("logboek_payload_date(%s)", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.5, 3.5),
        ("3.5", 3.5),
        (1, 1.0),
        (5, 5.0),
        (10 / 3, 10 / 3),
        (9, None),
        (0, None),
        (-3, None),
        ("x", None),
        ("1e400", None),
        ("NaN", None),
        (True, None),
        ({"a": 1}, None),
        ([1], None),
        (None, None),
    ],
)
def test_the_score_reader_returns_a_score_on_the_scale_or_null_and_never_raises(value, expected):
    assert _sql("logboek_payload_score(%s::jsonb)", json.dumps(value)) == expected


def test_the_readers_are_inlined_by_the_planner():
    # given the aggregate; when PostgreSQL plans it; then the functions' bodies are in the plan
    # (inlined: they cost what their expression costs, no function call per row)
    params = {**selectors._aggregate_params(), "plan_ids": [1]}
    sql = selectors._AGGREGATE_SQL.format(
        venster=selectors._GEEN_VENSTER,
        where="WHERE g.plan_id = ANY(%(plan_ids)s)",
        and_plans="AND plan_id = ANY(%(plan_ids)s)",
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN VERBOSE " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "translate(" in plan and "jsonb_typeof(" in plan
    assert selectors.SQL_DATE not in plan and selectors.SQL_SCORE not in plan


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        (T.AFSPRAAK_NAGEKOMEN, {"gepland": "2099-02-30"}),  # the date of the CSV row in the issue
        (T.MIJLPAAL_BEREIKT, {"gepland": "morgen"}),
        (T.CORRECTIE, {"corrigeert_type": T.MIJLPAAL_BEREIKT, "gepland": "2025-13-01"}),
        (T.AMBTENAREN_PULS, {"score": "x"}),
        (T.AMBTENAREN_PULS, {"score": "1e400"}),
        (T.ENQUETE_RESPONS, {"dimensies": {"vertrouwen": {"gemiddelde": "veel"}}}),
        (T.ENQUETE_RESPONS, {"dimensies": "geen"}),
        (T.MIJLPAAL_BEREIKT, ["geen", "object"]),
        (T.INTREKKING, {"intrekt": "x", "reden": "kapot"}),
        (T.INTREKKING, {"intrekt": "99999999999999999999999", "reden": "te groot"}),
    ],
)
def test_the_aggregate_reads_a_poison_payload_as_absent(type_, payload):
    # given a plan with one good event and one whose payload no schema would accept
    plan = PlanFactory()
    good = GebeurtenisFactory(plan=plan, datum=dt.date(2025, 6, 3), hoeveelheid=2)
    poison = insert_raw(plan, type_=type_, payload=payload)
    # when the plan is aggregated, then nothing raises and both events are in the watermark
    rows = selectors.maand_aggregaten(plan_ids=[plan.id])
    assert sum(r.aantal for r in rows) == 2
    assert max(r.max_id for r in rows) == max(good.id, poison)
    # and the unreadable value counts as absent: no score, not on time
    assert all(r.score_n == 0 and r.op_tijd == 0 for r in rows)
    # and the whole log too (the nightly path)
    assert sum(r.aantal for r in selectors.maand_aggregaten()) == 2


def test_a_withdrawn_event_and_its_withdrawal_count_for_nothing_but_the_watermark(ambtenaar):
    # given a plan with events, one of them withdrawn
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=dt.date(2025, 3, 2), hoeveelheid=4)
    wrong = GebeurtenisFactory(plan=plan, datum=dt.date(2025, 4, 2), hoeveelheid=100)
    intrekking = services.gebeurtenis_intrekken(gebeurtenis_id=wrong.id, reden="dubbel", door=ambtenaar)
    # when aggregated
    rows = selectors.maand_aggregaten(plan_ids=[plan.id])
    # then only the kept event has a type; the other two rows count for the watermark only
    typed = [(r.type, r.maand, r.som) for r in rows if r.type]
    assert typed == [(T.WONING_AARDGASVRIJ, dt.date(2025, 3, 1), 4)]
    assert sum(r.aantal for r in rows) == 3
    assert max(r.max_id for r in rows) == intrekking.id


def test_a_withdrawal_of_another_plan_or_written_twice_changes_nothing_else():
    # given two plans; B's raw withdrawal names A's event (the service never writes that),
    # and A's event is withdrawn twice by raw SQL
    a, b = PlanFactory(), PlanFactory()
    event = GebeurtenisFactory(plan=a, hoeveelheid=3)
    other = GebeurtenisFactory(plan=a, hoeveelheid=5)
    insert_raw(b, type_=T.INTREKKING, payload={"intrekt": event.id, "reden": "ander plan"})
    # when aggregated, A's event still counts
    assert sum(r.som for r in selectors.maand_aggregaten(plan_ids=[a.id]) if r.type) == 8
    # when A withdraws it twice (raw), it is withdrawn once: the other event is not doubled
    insert_raw(a, type_=T.INTREKKING, payload={"intrekt": event.id, "reden": "een"})
    insert_raw(a, type_=T.INTREKKING, payload={"intrekt": str(event.id), "reden": "twee"})
    rows = selectors.maand_aggregaten(plan_ids=[a.id])
    assert [(r.som, r.aantal, r.max_id) for r in rows if r.type] == [(5, 1, other.id)]
    assert sum(r.aantal for r in rows) == 4  # both events and both withdrawals, once each
