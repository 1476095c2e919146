"""Steering actions (stuuracties, issue 10): the pure counts, the services and their refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from dashboard import indicators as ind
from dashboard import services, uitleg
from dashboard.constants import Indicator, Status, StuuractieStatus
from dashboard.indicators import ActieFeit
from dashboard.models import IndicatorSnapshot, Raadsbesluit, Stuuractie

from .factories import GebeurtenisFactory, PlanFactory, RaadsbesluitFactory, StuuractieFactory

D = dt.date


# --- The pure counts --------------------------------------------------------------------------


JAN_1, MEI_1 = D(2025, 1, 1), D(2025, 5, 1)


def _actie(indicator="resultaten", aangemaakt=JAN_1, uiterlijk=MEI_1, status="open", **kw):
    return ActieFeit(indicator, aangemaakt, uiterlijk, status, kw.get("gedaan_op"), kw.get("vervallen_op"))


def test_rode_signalen_per_indicator_names_what_turned_red():
    # given the statuses of two indicators over three months
    statussen = [
        (D(2025, 1, 1), [Status.UIT_KOERS, Status.OP_KOERS]),
        (D(2025, 2, 1), [Status.UIT_KOERS, Status.UIT_KOERS]),
        (D(2025, 3, 1), [Status.OP_KOERS, Status.UIT_KOERS]),
    ]
    # then January (a) and February (b, a stayed red) are signals; March turned nothing red
    assert ind.rode_signalen_per_indicator(statussen, ("a", "b")) == [
        (D(2025, 1, 1), frozenset({"a"})),
        (D(2025, 2, 1), frozenset({"b"})),
    ]
    assert ind.rode_signalen(statussen) == [D(2025, 1, 1), D(2025, 2, 1)]


def test_opvolging_needs_a_decision_and_an_action_on_a_red_indicator_within_the_term():
    # given three red signals: January (results), March (schedule), May (movement)
    signalen = [
        (D(2025, 1, 1), frozenset({"resultaten"})),
        (D(2025, 3, 1), frozenset({"schema"})),
        (D(2025, 5, 1), frozenset({"beweging"})),
    ]
    besluiten = [D(2025, 1, 20), D(2025, 3, 10)]
    acties = [
        _actie("resultaten", aangemaakt=D(2025, 1, 25)),  # answers January
        _actie("beweging", aangemaakt=D(2025, 3, 12)),  # March turned the schedule red, not movement
    ]
    # when counted in June / then January followed up, March not (its term ended), May still open
    assert ind.opvolging(signalen, besluiten, acties, D(2025, 6, 1), reactie_dagen=60) == {
        "opgevolgd": 1,
        "niet_opgevolgd": 1,
        "lopend": 1,
        "n": 2,
        "dagen": 60,
    }
    # and a decision alone is not enough: without the January action, January is not followed up
    zonder = ind.opvolging(signalen, besluiten, acties[1:], D(2025, 6, 1), reactie_dagen=60)
    assert (zonder["opgevolgd"], zonder["niet_opgevolgd"]) == (0, 2)


def test_opvolging_of_a_past_period_ignores_what_was_recorded_later():
    signalen = [(D(2025, 1, 1), frozenset({"resultaten"}))]
    # given the decision in January and the action only on 5 February
    acties = [_actie("resultaten", aangemaakt=D(2025, 2, 5))]
    # then in January the signal is still open, in February it is followed up (within 60 days)
    assert ind.opvolging(signalen, [D(2025, 1, 20)], acties, D(2025, 1, 1))["lopend"] == 1
    assert ind.opvolging(signalen, [D(2025, 1, 20)], acties, D(2025, 2, 1))["opgevolgd"] == 1
    # and an action after the 60 days does not count
    laat = [_actie("resultaten", aangemaakt=D(2025, 3, 5))]
    assert ind.opvolging(signalen, [D(2025, 1, 20)], laat, D(2025, 6, 1))["niet_opgevolgd"] == 1


def test_acties_op_tijd_counts_the_actions_due_and_those_done_on_time():
    acties = [
        _actie(status="gedaan", gedaan_op=D(2025, 4, 28)),  # on time
        _actie(status="gedaan", gedaan_op=D(2025, 5, 5)),  # late
        _actie(uiterlijk=D(2025, 5, 10)),  # open and overdue
        _actie(uiterlijk=D(2025, 7, 1)),  # not due yet
        _actie(status="vervallen", vervallen_op=D(2025, 4, 20)),  # cancelled before its date: not expected
        _actie(status="vervallen", vervallen_op=D(2025, 5, 20)),  # cancelled after it: not on time
        _actie(aangemaakt=D(2025, 6, 20), uiterlijk=D(2025, 6, 20)),  # recorded after today
    ]
    # in June (today 15 June): four due, one on time, one overdue and open
    assert ind.acties_op_tijd(acties, D(2025, 6, 1), vandaag=D(2025, 6, 15)) == {
        "verwacht": 4,
        "op_tijd": 1,
        "over_tijd": 1,
    }
    # in April nothing was due yet
    assert ind.acties_op_tijd(acties, D(2025, 4, 1))["verwacht"] == 0
    # on 3 May: the late one and the later-cancelled one were still open and overdue then
    assert ind.acties_op_tijd(acties, D(2025, 5, 1), vandaag=D(2025, 5, 3)) == {
        "verwacht": 3,
        "op_tijd": 1,
        "over_tijd": 2,
    }


def test_sturing_details_hold_both_counts_and_its_figure_is_unchanged():
    signalen_rood = [(D(2025, 1, 1), frozenset({"resultaten"}))]
    acties = [_actie("resultaten", aangemaakt=D(2025, 1, 25), uiterlijk=D(2025, 2, 1))]
    zonder = ind.sturing([D(2025, 1, 1)], [D(2025, 1, 20)], D(2025, 6, 1))
    met = ind.sturing([D(2025, 1, 1)], [D(2025, 1, 20)], D(2025, 6, 1), signalen_rood=signalen_rood, acties=acties)
    assert (met.waarde, met.status, met.n) == (zonder.waarde, zonder.status, zonder.n) == (100.0, Status.OP_KOERS, 1)
    assert "opvolging" not in zonder.details
    assert met.details["opvolging"]["opgevolgd"] == 1
    assert met.details["acties"] == {"verwacht": 1, "op_tijd": 0, "over_tijd": 1}


def test_the_counts_read_as_dutch_sentences_with_their_n():
    details = {
        "opvolging": {"opgevolgd": 3, "niet_opgevolgd": 1, "lopend": 1, "n": 4, "dagen": 60},
        "acties": {"verwacht": 3, "op_tijd": 2, "over_tijd": 1},
    }
    with translation.override("nl"):
        assert uitleg.opvolging_zin(details) == (
            "3 van de 4 rode signalen kregen binnen 60 dagen een raadsbesluit en een stuuractie. "
            "1 rood signaal is nog binnen de termijn."
        )
        assert uitleg.acties_zin(details) == (
            "2 van de 3 stuuracties met een verstreken uiterste datum zijn op tijd gedaan. 1 is over tijd en nog open."
        )
        assert uitleg.acties_zin({"acties": {"verwacht": 0, "op_tijd": 0, "over_tijd": 0}}) == (
            "Nog geen stuuractie waarvan de uiterste datum voorbij is."
        )
        assert uitleg.opvolging_zin({}) == ""


# --- The services -------------------------------------------------------------------------------

VANDAAG = D(2026, 3, 10)


def _create(plan, door, **kw):
    data = {"plan_id": plan.id, "wat": "Extra keukentafelgesprekken", "wie": "Projectleider"}
    data |= {"uiterlijk": D(2026, 5, 1), "indicator": Indicator.BEWEGING, "door": door, "vandaag": VANDAAG}
    return services.stuuractie_create(**(data | kw))


@pytest.mark.django_db
def test_a_civil_servant_records_an_action_and_a_recompute_is_forced(
    ambtenaar, monkeypatch, django_capture_on_commit_callbacks
):
    from wup.tests.factories import PartijFactory

    gevraagd = []
    monkeypatch.setattr("dashboard.services.recompute._enqueue_forced", gevraagd.append)
    plan = PlanFactory()
    partij = PartijFactory(plan=plan, naam="Energiecoöperatie")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        actie = _create(
            plan,
            ambtenaar,
            wie="",
            wie_partij_id=partij.id,
            wat="  Buurtwandeling  ",
            aanleiding_periode=D(2026, 2, 14),
            aanleiding_status=Status.UIT_KOERS,
        )
    # then it is stored as given (trimmed, the signal's month as its first day) and a forced recompute asked
    actie.refresh_from_db()
    assert (actie.wat, actie.wie_partij_id, actie.status) == ("Buurtwandeling", partij.id, StuuractieStatus.OPEN)
    assert actie.aanleiding_periode == D(2026, 2, 1) and actie.created_by == ambtenaar
    assert gevraagd == [plan.id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        ({"wat": ""}, "wat"),
        ({"wat": "a\x00b"}, "wat"),
        ({"wat": "x" * 301}, "wat"),
        ({"wie": ""}, "wie"),
        ({"wie": "x" * 201}, "wie"),
        ({"wie": "Wethouder\x00"}, "wie"),
        ({"uiterlijk": D(1999, 12, 31)}, "uiterlijk"),
        ({"uiterlijk": D(2101, 1, 1)}, "uiterlijk"),
        ({"uiterlijk": D(2026, 3, 9)}, "uiterlijk"),  # before today
        ({"uiterlijk": "2026-05-01"}, "uiterlijk"),  # not a date
        ({"indicator": "geluk"}, "indicator"),
        ({"aanleiding_status": Status.OP_KOERS}, "aanleiding_status"),
        ({"aanleiding_periode": D(1999, 1, 1)}, "aanleiding_periode"),
        ({"wie": "", "wie_partij_id": 2**40}, "wie_partij"),
    ],
)
def test_an_action_is_refused_with_a_dutch_message_at_the_field(kw, veld, ambtenaar):
    plan = PlanFactory()
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        _create(plan, ambtenaar, **kw)
    assert veld in exc.value.message_dict, exc.value.message_dict
    assert not Stuuractie.objects.exists()


@pytest.mark.django_db
def test_who_is_a_party_of_this_plan_or_text_exactly_one(ambtenaar):
    from wup.tests.factories import PartijFactory

    plan = PlanFactory()
    ander = PartijFactory(plan=PlanFactory())
    eigen = PartijFactory(plan=plan)
    with translation.override("nl"):
        with pytest.raises(ValidationError) as beide:
            _create(plan, ambtenaar, wie_partij_id=eigen.id)
        with pytest.raises(ValidationError) as vreemd:
            _create(plan, ambtenaar, wie="", wie_partij_id=ander.id)
    assert beide.value.message_dict["wie"] == ["Kies een partij van het plan of typ wie het doet, niet allebei."]
    assert vreemd.value.message_dict["wie_partij"] == ["Kies een partij van dit plan."]
    assert not Stuuractie.objects.exists()


@pytest.mark.django_db
def test_a_stopped_plan_takes_no_actions(ambtenaar):
    plan = PlanFactory(status="gestopt")
    with pytest.raises(ValidationError):
        _create(plan, ambtenaar)
    assert not Stuuractie.objects.exists()


@pytest.mark.django_db
def test_update_changes_an_open_action_but_never_moves_a_passed_due_date(ambtenaar):
    actie = StuuractieFactory(uiterlijk=D(2026, 3, 1))  # passed on VANDAAG
    # the text may change
    actie, changed = services.stuuractie_update(stuuractie_id=actie.id, door=ambtenaar, vandaag=VANDAAG, wat="Anders")
    assert changed and Stuuractie.objects.get().wat == "Anders"
    # moving the passed date would hide that it was not done on time
    with pytest.raises(ValidationError) as exc:
        services.stuuractie_update(stuuractie_id=actie.id, door=ambtenaar, vandaag=VANDAAG, uiterlijk=D(2026, 6, 1))
    assert "uiterlijk" in exc.value.message_dict
    assert Stuuractie.objects.get().uiterlijk == D(2026, 3, 1)
    # and a field outside the whitelist is a programming error
    with pytest.raises(TypeError):
        services.stuuractie_update(stuuractie_id=actie.id, door=ambtenaar, status="gedaan")


@pytest.mark.django_db
def test_mark_done_needs_an_outcome_and_a_date_between_recording_and_today(ambtenaar):
    actie = StuuractieFactory()
    aangemaakt = timezone.localtime(actie.created_at).date()
    vandaag = aangemaakt + dt.timedelta(days=10)

    def done(**kw):
        data = {"gedaan_op": vandaag, "uitkomst": "Veertig bewoners kwamen.", "door": ambtenaar, "vandaag": vandaag}
        return services.stuuractie_mark_done(stuuractie_id=actie.id, **(data | kw))

    for kw, veld in [
        ({"gedaan_op": vandaag + dt.timedelta(days=1)}, "gedaan_op"),  # the future
        ({"gedaan_op": aangemaakt - dt.timedelta(days=1)}, "gedaan_op"),  # before it was recorded
        ({"gedaan_op": None}, "gedaan_op"),
        ({"uitkomst": "  "}, "uitkomst"),
        ({"uitkomst": "a\x00"}, "uitkomst"),
        ({"uitkomst": "x" * 2001}, "uitkomst"),
    ]:
        with pytest.raises(ValidationError) as exc:
            done(**kw)
        assert veld in exc.value.message_dict, kw
        # nothing half-saved
        assert Stuuractie.objects.get().status == StuuractieStatus.OPEN
    # when done properly
    done()
    actie.refresh_from_db()
    assert (actie.status, actie.gedaan_op, actie.uitkomst) == ("gedaan", vandaag, "Veertig bewoners kwamen.")
    # then it no longer changes: not done again, not cancelled, not edited
    for call in (
        done,
        lambda: services.stuuractie_cancel(stuuractie_id=actie.id, door=ambtenaar),
        lambda: services.stuuractie_update(stuuractie_id=actie.id, door=ambtenaar, wat="Anders"),
    ):
        with translation.override("nl"), pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.messages == ["Deze stuuractie is gedaan: alleen een open stuuractie kan nog veranderen."]


@pytest.mark.django_db
def test_cancel_keeps_the_action_as_cancelled_with_its_date(ambtenaar):
    actie = StuuractieFactory()
    services.stuuractie_cancel(stuuractie_id=actie.id, door=ambtenaar, vandaag=VANDAAG)
    actie.refresh_from_db()
    assert (actie.status, actie.vervallen_op) == (StuuractieStatus.VERVALLEN, VANDAAG)
    with pytest.raises(ValidationError):
        services.stuuractie_cancel(stuuractie_id=actie.id, door=ambtenaar)
    with pytest.raises(ValidationError):
        services.stuuractie_cancel(stuuractie_id=10**9, door=ambtenaar)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "update",
    [
        {"status": "gedaan"},  # done without its date and outcome
        {"gedaan_op": D(2025, 1, 1)},  # a date on an open action
        {"uiterlijk": D(1999, 1, 1)},
        {"wie": ""},  # nobody
        {"wat": ""},
        {"indicator": "geluk"},
        {"status": "vervallen"},  # cancelled without its date
    ],
)
def test_the_database_refuses_what_the_service_refuses(update):
    actie = StuuractieFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Stuuractie.objects.filter(id=actie.id).update(**update)


# --- Council decisions ask for actions; the recompute counts them ------------------------------


def _besluit(plan, door, **kw):
    data = {"plan_id": plan.id, "datum": D(2026, 3, 1), "doen_we_het_goede": "Ja", "wat_is_nodig": "Meer"}
    data |= {"besluit": "bijsturen", "motivering": "Tempo omhoog", "door": door}
    return services.raadsbesluit_record(**(data | kw))


@pytest.mark.django_db
def test_a_decision_links_the_open_actions_it_asks_for(ambtenaar):
    plan = PlanFactory()
    a, b = StuuractieFactory(plan=plan), StuuractieFactory(plan=plan)
    besluit = _besluit(plan, ambtenaar, stuuracties=[a.id, b.id])
    assert set(besluit.stuuracties.all()) == {a, b}


@pytest.mark.django_db
@pytest.mark.parametrize("welke", ["ander_plan", "gedaan", "onbekend", "geen_getal"])
def test_a_decision_refuses_actions_that_are_not_open_actions_of_the_plan(welke, ambtenaar):
    plan = PlanFactory()
    ids = {
        "ander_plan": lambda: [StuuractieFactory().id],
        "gedaan": lambda: [StuuractieFactory(plan=plan, gedaan=True).id],
        "onbekend": lambda: [10**9],
        "geen_getal": lambda: ["1"],
    }[welke]()
    with pytest.raises(ValidationError) as exc:
        _besluit(plan, ambtenaar, stuuracties=ids)
    assert "stuuracties" in exc.value.message_dict
    assert not Raadsbesluit.objects.exists()


@pytest.mark.django_db
def test_the_recompute_puts_the_steering_loop_into_the_governance_details(ambtenaar):
    # given a plan with one action due and done on time, and one overdue
    plan = PlanFactory()
    GebeurtenisFactory(plan=plan, datum=D(2025, 3, 15))
    StuuractieFactory(plan=plan, uiterlijk=D(2025, 6, 1), gedaan=True, gedaan_op=D(2025, 5, 20))
    StuuractieFactory(plan=plan, uiterlijk=D(2025, 6, 1))
    RaadsbesluitFactory(plan=plan)
    # when recomputed (the actions were recorded "today", so the counts look at today)
    services.plan_recompute(plan_id=plan.id, force=True)
    sturing = IndicatorSnapshot.objects.filter(plan=plan, indicator="sturing").order_by("-periode").first()
    # then both counts are in the details: two actions due, one done on time, one overdue
    assert set(sturing.details["opvolging"]) == {"opgevolgd", "niet_opgevolgd", "lopend", "n", "dagen"}
    assert sturing.details["acties"] == {"verwacht": 2, "op_tijd": 1, "over_tijd": 1}
