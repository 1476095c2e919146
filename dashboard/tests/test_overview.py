"""The council overview's pure logic: trend, what changed, and which plans first (issue 10)."""

import datetime as dt

import pytest
from django.utils import translation

from dashboard import overview
from dashboard.overview import Rank, Reading, Urgency

D = dt.date


def _r(periode, waarde, status="op_koers"):
    return Reading(periode, waarde, status)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


# --- Trend --------------------------------------------------------------------------------


def test_previous_month_crosses_the_year():
    assert overview.previous_month(D(2026, 1, 1)) == D(2025, 12, 1)
    assert overview.previous_month(D(2026, 3, 1)) == D(2026, 2, 1)


@pytest.mark.parametrize(
    ("nu", "toen", "kind", "arrow", "word"),
    [
        (50, 40, "up", "↑", "gestegen sinds vorige maand"),
        (40, 50, "down", "↓", "gedaald sinds vorige maand"),
        (
            3.81,
            3.84,
            "equal",
            "→",
            "gelijk gebleven sinds vorige maand",
        ),  # both read "3,8": no arrow the reader can't see
        (3.86, 3.84, "up", "↑", "gestegen sinds vorige maand"),  # "3,9" against "3,8"
        (50, None, "none", "–", "geen cijfer van vorige maand om mee te vergelijken"),
        (None, 40, "missing", "", ""),  # no figure now: nothing to show beside "geen cijfer"
    ],
)
def test_trend_against_the_previous_month(nu, toen, kind, arrow, word):
    # given this month's figure and last month's / when / then
    trend = overview.trend(_r(D(2026, 12, 1), nu), _r(D(2026, 11, 1), toen))
    assert (trend.kind, trend.arrow, trend.word) == (kind, arrow, word)


def test_no_previous_reading_is_no_trend_and_a_gap_is_no_previous_month():
    # given December, with October but no November
    now = _r(D(2026, 12, 1), 50)
    earlier = [_r(D(2026, 10, 1), 40)]
    # when / then October is not "the previous month"
    assert overview.previous_reading(now, earlier) is None
    assert overview.trend(now, None).kind == "none"
    assert overview.previous_reading(now, [*earlier, _r(D(2026, 11, 1), 45)]).waarde == 45


# --- What changed -------------------------------------------------------------------------


def test_changes_since_the_previous_month_in_question_order_judging_no_figure_as_no_judgement():
    # given this month's readings and last month's judgements
    now = {
        "schema": _r(D(2026, 12, 1), 70, "aandacht"),
        "resultaten": _r(D(2026, 12, 1), 50, "uit_koers"),
        "vertrouwen": _r(D(2026, 12, 1), None, "op_koers"),  # no figure: no judgement
        "beweging": _r(D(2026, 12, 1), 80, "op_koers"),  # unchanged
        "koers": _r(D(2026, 12, 1), 90, "op_koers"),  # nothing last month: nothing to compare
    }
    before = {"schema": "op_koers", "resultaten": "aandacht", "vertrouwen": "op_koers", "beweging": "op_koers"}
    # when
    changes = overview.status_changes(now, before)
    # then the six questions' order: trust, movement, results, alignment, schedule, governance
    assert [c.text for c in changes] == [
        "Vertrouwen: van op koers naar geen oordeel",
        "Resultaten: van aandacht nodig naar uit koers",
        "Planning: van op koers naar aandacht nodig",
    ]


def test_changes_since_the_decision_read_the_figures_frozen_into_it():
    # given a decision's snapshot as services.besluiten.indicator_snapshot_for_decision stores it
    snapshot = {
        "resultaten": {"periode": "2026-06-01", "waarde": 40.0, "status": "op_koers", "n": 40, "computed_at": "x"},
        "schema": {"periode": "2026-06-01", "waarde": None, "status": "onbekend", "n": 0, "computed_at": "x"},
        "sturing": {"periode": "2026-06-01", "waarde": None, "status": "aandacht", "n": 0, "computed_at": "x"},
        "onbekend_veld": {"status": "op_koers", "waarde": 1},
    }
    # when
    then = overview.decision_judgements(snapshot)
    # then a stored status without a figure counts as no judgement; unknown keys are left out
    assert then == {"resultaten": "op_koers", "schema": "onbekend", "sturing": "onbekend"}
    now = {"resultaten": _r(D(2026, 12, 1), 50, "aandacht"), "schema": _r(D(2026, 12, 1), 90, "op_koers")}
    assert [c.text for c in overview.status_changes(now, then)] == [
        "Resultaten: van op koers naar aandacht nodig",
        "Planning: van geen oordeel naar op koers",
    ]
    assert overview.decision_judgements({}) == {} and overview.decision_judgements(None) == {}


# --- Which plans first --------------------------------------------------------------------


def test_off_track_since_the_first_month_of_the_current_run():
    # given results off track in October, November and December, after a month on track
    earlier = [
        _r(D(2026, 7, 1), 10, "uit_koers"),
        _r(D(2026, 8, 1), 20, "op_koers"),
        _r(D(2026, 9, 1), 30, "op_koers"),
        _r(D(2026, 10, 1), 30, "uit_koers"),
        _r(D(2026, 11, 1), 40, "uit_koers"),
    ]
    now = _r(D(2026, 12, 1), 50, "uit_koers")
    # when / then the run began in October (July was an earlier, ended signal)
    assert overview.off_track_since(now, earlier) == D(2026, 10, 1)
    # a month without a figure breaks the run, a missing month as well
    assert overview.off_track_since(now, [*earlier[:3], _r(D(2026, 10, 1), None, "uit_koers"), earlier[4]]) == D(
        2026, 11, 1
    )
    assert overview.off_track_since(now, earlier[:4]) == D(2026, 12, 1)
    # not off track now: no signal
    assert overview.off_track_since(_r(D(2026, 12, 1), 50, "aandacht"), earlier) is None


def _urgency(last_decision=None, **statussen):
    """Readings of December with the given status; off track also in November."""
    now = {ind: _r(D(2026, 12, 1), 1, status) for ind, status in statussen.items()}
    earlier = {ind: [_r(D(2026, 11, 1), 1, status)] for ind, status in statussen.items()}
    return overview.urgency(now=now, earlier=earlier, last_decision=last_decision)


def test_urgency_a_signal_without_a_decision_since_needs_a_decision():
    # given results off track since November and no decision / a decision before / on or after
    assert _urgency(resultaten="uit_koers").rank == Rank.DECISION_NEEDED
    assert _urgency(D(2026, 10, 31), resultaten="uit_koers").rank == Rank.DECISION_NEEDED
    decided = _urgency(D(2026, 11, 1), resultaten="uit_koers", schema="aandacht")
    # then a decision since the signal started moves the plan to "attention"
    assert decided.rank == Rank.ATTENTION
    assert decided.answered == (("resultaten", D(2026, 11, 1)),) and decided.attention == ("schema",)
    assert _urgency(schema="aandacht").rank == Rank.ATTENTION
    assert _urgency(schema="op_koers", vertrouwen="onbekend").rank == Rank.REST


def test_the_plans_needing_a_decision_come_first_then_attention_then_by_title():
    # given five plans in three groups, their titles against the groups' order
    plannen = [
        ("aa-wijk", _urgency(schema="op_koers")),
        ("Zuid", _urgency(resultaten="uit_koers")),
        ("Berg", _urgency(schema="aandacht")),
        ("Alfa", _urgency(D(2026, 12, 2), resultaten="uit_koers")),
        ("Centrum", _urgency(schema="uit_koers")),
    ]
    # when
    geordend = sorted(plannen, key=lambda p: overview.order_key(urgency=p[1], titel=p[0]))
    # then decisions needed (by title), attention (by title), then the rest
    assert [titel for titel, _ in geordend] == ["Centrum", "Zuid", "Alfa", "Berg", "aa-wijk"]


def test_the_reason_why_a_plan_is_at_the_top():
    # given results off track since October 2026 and no decision since
    u = Urgency(Rank.DECISION_NEEDED, unanswered=(("resultaten", D(2026, 10, 1)),), last_decision=D(2026, 3, 2))
    # then
    assert (
        overview.urgency_text(u)
        == "Besluit nodig: Resultaten uit koers sinds oktober 2026, geen raadsbesluit sindsdien"
    )
    two = Urgency(Rank.DECISION_NEEDED, unanswered=(("resultaten", D(2026, 10, 1)), ("schema", D(2026, 11, 1))))
    assert overview.urgency_text(two) == (
        "Besluit nodig: Resultaten uit koers sinds oktober 2026; Planning uit koers sinds november 2026, "
        "geen raadsbesluit sindsdien"
    )
    attention = Urgency(
        Rank.ATTENTION,
        answered=(("resultaten", D(2026, 10, 1)),),
        attention=("schema",),
        last_decision=D(2026, 11, 3),
    )
    assert overview.urgency_text(attention) == (
        "Aandacht nodig: Resultaten uit koers sinds oktober 2026 (raadsbesluit van 3 november 2026); Planning"
    )
    assert overview.urgency_text(Urgency(Rank.REST)) == ""
