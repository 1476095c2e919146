"""Every indicator on hand-made inputs whose answer is known (no database)."""

import datetime as dt

import pytest

from dashboard import indicators as ind
from dashboard.constants import MIN_RESPONSES, Status
from dashboard.indicators import Doel, MaandAgg, PlanFeiten, PlanningItem, Uitkomst
from logboek.constants import GebeurtenisType as T

M = dt.date


def _zonder_reden(details):
    return {k: v for k, v in details.items() if k != "reden"}


def test_vertrouwen_empty_is_unknown():
    # given no responses / when computed / then unknown, nothing published
    u = ind.vertrouwen([], M(2025, 3, 1))
    assert (u.waarde, u.status, u.n) == (None, Status.ONBEKEND, 0)


def test_vertrouwen_suppressed_below_ten_responses():
    # given 9 responses averaging 4.0
    rows = [MaandAgg(T.ENQUETE_RESPONS, M(2025, 1, 1), aantal=9, score_n=9, score_gem=4.0)]
    # when computed
    u = ind.vertrouwen(rows, M(2025, 1, 1))
    # then nothing is published
    assert u.waarde is None and u.n == 0 and u.details["onderdrukt"] is True
    assert (u.status, u.details["reden"]) == (Status.ONBEKEND, {"code": "onderdrukt", "minimum": 10})


def test_vertrouwen_weighted_mean_over_months_and_only_up_to_the_period():
    # given 10 answers of 3.0 in January, 10 of 4.0 in February, 10 of 1.0 in March
    rows = [
        MaandAgg(T.ENQUETE_RESPONS, M(2025, 1, 1), score_n=10, score_gem=3.0),
        MaandAgg(T.ENQUETE_RESPONS, M(2025, 2, 1), score_n=10, score_gem=4.0),
        MaandAgg(T.ENQUETE_RESPONS, M(2025, 3, 1), score_n=10, score_gem=1.0),
    ]
    # when computed for February
    u = ind.vertrouwen(rows, M(2025, 2, 1))
    # then the mean of Jan+Feb: 3.5, on track
    assert (u.waarde, u.n, u.status) == (3.5, 20, Status.OP_KOERS)
    assert ind.vertrouwen(rows, M(2025, 3, 1)).status == Status.UIT_KOERS  # (30+40+10)/30 = 2.67
    assert ind.vertrouwen(rows, M(2025, 3, 1)).waarde == 2.67


def test_survey_values_change_only_in_batches_of_ten():
    # given a published figure at n=20
    vorige = Uitkomst(3.5, Status.OP_KOERS, n=20)
    # when new answers bring n to 29 / 30
    same = ind.in_batches(vorige, Uitkomst(3.1, Status.AANDACHT, n=29))
    moved = ind.in_batches(vorige, Uitkomst(3.1, Status.AANDACHT, n=30))
    # then the figure only moves once n crosses 30
    assert same == vorige
    assert moved.waarde == 3.1


def test_beweging_completed_months_count_the_month_and_judge_three_months_against_three():
    rows = [
        MaandAgg(T.BIJEENKOMST_GEHOUDEN, M(2025, 1, 1), som=40, aantal=1),
        MaandAgg(T.ENQUETE_RESPONS, M(2025, 2, 1), som=20, aantal=20),
        MaandAgg(T.WONING_GEISOLEERD, M(2025, 5, 1), som=15, aantal=15),
    ]
    # June: nothing in June itself; Apr-Jun 15 against Jan-Mar 60 -> growth -0.75 -> off track
    u = ind.beweging(rows, M(2025, 6, 1))
    assert (u.waarde, u.n, u.projectie["groei"], u.status) == (0.0, 75, -0.75, Status.UIT_KOERS)
    assert (u.details["venster"], u.details["laatste"], u.details["ervoor"]) == ("maand", 15, 60)
    assert u.details["reden"]["code"] == "gedaald"
    # May: the month's own 15; Mar-May 15 against Dec-Feb 60 -> off track too
    assert ind.beweging(rows, M(2025, 5, 1)).waarde == 15.0
    # in March: 60 actions, nothing before -> on track, growth unknown
    u = ind.beweging(rows, M(2025, 3, 1))
    assert (u.waarde, u.status, u.projectie["groei"], u.details["reden"]["code"]) == (
        0.0,
        Status.OP_KOERS,
        None,
        "eerste",
    )
    # no actions at all -> unknown, and no status without a figure
    u = ind.beweging([], M(2025, 3, 1))
    assert (u.waarde, u.status) == (None, Status.ONBEKEND)
    # three quiet months after activity -> off track ("stil")
    u = ind.beweging(rows[:1], M(2025, 4, 1))
    assert (u.status, u.details["reden"]["code"]) == (Status.UIT_KOERS, "stil")
    # a fall of 10-50 % needs attention
    rows = [MaandAgg(T.BIJEENKOMST_GEHOUDEN, M(2025, m, 1), som=10 if m <= 3 else 7, aantal=1) for m in range(1, 7)]
    assert ind.beweging(rows, M(2025, 6, 1)).status == Status.AANDACHT


def test_beweging_counts_the_last_30_days_so_the_first_of_the_month_does_not_drop():
    # given steady movement: 300 actions in November, 5 on 1 December; the rolling windows up
    # to 1 December hold 305 (the last 30 days), then 300, 290 and 310, 300, 300 before
    rows = [
        MaandAgg(T.WONING_GEISOLEERD, M(2025, 11, 1), som=300, aantal=300),
        MaandAgg(T.WONING_GEISOLEERD, M(2025, 12, 1), som=5, aantal=5),
    ]
    recent = [
        ind.VensterAgg(T.WONING_GEISOLEERD, 0, som=300, aantal=300),
        ind.VensterAgg(T.ENQUETE_RESPONS, 0, som=0, aantal=5),
        *(
            ind.VensterAgg(T.WONING_GEISOLEERD, i, som=n, aantal=n)
            for i, n in ((1, 300), (2, 290), (3, 310), (4, 300), (5, 300))
        ),
    ]
    # when computed on 1 December for December
    u = ind.beweging(rows, M(2025, 12, 1), recent=recent, vandaag=M(2025, 12, 1))
    # then the last 30 days count (305), not the 5 of the new month: no drop; the last 90 days
    # (895) against the 90 before (910): -1.6 %, on track
    assert (u.waarde, u.status, u.details["venster"]) == (305.0, Status.OP_KOERS, "30_dagen")
    assert (u.details["laatste"], u.details["ervoor"], u.projectie["groei"]) == (895, 910, -0.016)
    # the calendar month alone would have dropped to 5
    assert ind.beweging(rows, M(2025, 12, 1)).waarde == 5.0
    # a completed month is not affected by the rolling windows
    assert ind.beweging(rows, M(2025, 11, 1), recent=recent, vandaag=M(2025, 12, 1)).details["venster"] == "maand"
    # one 30-day window that just misses the monthly meeting is no trend: 0 in the last 30
    # days, but 600 in the last 90 against 900 before -> attention, not off track
    recent = [
        ind.VensterAgg(T.WONING_GEISOLEERD, i, som=n, aantal=n)
        for i, n in ((1, 300), (2, 300), (3, 300), (4, 300), (5, 300))
    ]
    u = ind.beweging(rows, M(2025, 12, 1), recent=recent, vandaag=M(2025, 12, 1))
    assert (u.waarde, u.status) == (0.0, Status.AANDACHT)


def test_resultaten_co2_and_projection_against_target_year():
    # given 100 homes gas-free in the last 12 months in a wijk of 1000 homes using 1000 m3 each
    rows = [MaandAgg(T.WONING_AARDGASVRIJ, M(2025, m, 1), som=10, aantal=10) for m in range(3, 13)]
    rows.append(MaandAgg(T.WONING_GEISOLEERD, M(2025, 4, 1), som=7, aantal=7))
    # when computed for December with target 2035
    u = ind.resultaten(rows, M(2025, 12, 1), woningen=1000, gasverbruik_m3=1000, doeljaar=2035)
    # then 100 gas-free, 178 t CO2/year (100 x 1000 m3 x 1.78 kg), 900 left at 100/year -> 2034
    assert u.waarde == 100.0 and u.details["co2_ton_per_jaar"] == 178.0
    assert u.details["geisoleerd"] == 7 and u.details["pct_aardgasvrij"] == 10.0
    assert u.projectie == {"tempo_per_jaar": 100, "doeljaar": 2035, "jaar": 2034}
    assert u.status == Status.OP_KOERS
    # target 2032 -> 2 years late = attention; 2030 -> off track
    assert ind.resultaten(rows, M(2025, 12, 1), woningen=1000, gasverbruik_m3=1000, doeljaar=2032).status == (
        Status.AANDACHT
    )
    assert ind.resultaten(rows, M(2025, 12, 1), woningen=1000, gasverbruik_m3=1000, doeljaar=2030).status == (
        Status.UIT_KOERS
    )


def test_resultaten_unknown_gas_use_falls_back_to_1200_and_no_pace_is_off_track():
    rows = [MaandAgg(T.WONING_AARDGASVRIJ, M(2023, 1, 1), som=10, aantal=10)]
    u = ind.resultaten(rows, M(2025, 1, 1), woningen=100, gasverbruik_m3=None, doeljaar=2030)
    assert u.details["co2_ton_per_jaar"] == 21.4  # 10 x 1200 x 1.78 / 1000
    assert u.projectie["jaar"] is None and u.status == Status.UIT_KOERS
    assert ind.resultaten([], M(2025, 1, 1), woningen=100, gasverbruik_m3=None, doeljaar=2030).status == (
        Status.ONBEKEND
    )


def test_schema_on_time_late_missed():
    rows = [
        MaandAgg(T.MIJLPAAL_BEREIKT, M(2025, 2, 1), aantal=3, op_tijd=2),
        MaandAgg(T.AFSPRAAK_NAGEKOMEN, M(2025, 3, 1), aantal=2, op_tijd=2),
        MaandAgg(T.AFSPRAAK_GEMIST, M(2025, 3, 1), aantal=1),
    ]
    u = ind.schema(rows, M(2025, 3, 1))
    assert (u.waarde, u.n, u.status) == (66.7, 6, Status.AANDACHT)
    assert _zonder_reden(u.details) == {"op_tijd": 4, "te_laat": 1, "gemist": 1, "over_tijd": 0}
    assert ind.schema(rows, M(2025, 2, 1)).waarde == 66.7
    assert ind.schema(rows, M(2025, 1, 1)).status == Status.ONBEKEND


def test_schema_counts_open_routekaart_items_overdue_from_the_moment_their_baseline_passed():
    # given an open milestone due 10 March, an agreement due 31 March and one due in June
    planning = [
        PlanningItem("mijlpaal", M(2025, 3, 10)),
        PlanningItem("afspraak", M(2025, 3, 31)),
        PlanningItem("afspraak", M(2025, 6, 1)),
    ]
    # then February knows nothing yet (no item due, no event): unknown
    assert ind.schema([], M(2025, 2, 1), planning=planning).status == Status.ONBEKEND
    # March (moment 31 March): only the milestone is overdue; due on the moment is not late
    u = ind.schema([], M(2025, 3, 1), planning=planning)
    assert (u.waarde, u.n, u.status) == (0.0, 1, Status.UIT_KOERS)
    assert _zonder_reden(u.details) == {"op_tijd": 0, "te_laat": 0, "gemist": 0, "over_tijd": 1}
    # April: both; in the current month the moment is today, not the end of the month
    assert ind.schema([], M(2025, 4, 1), planning=planning).details["over_tijd"] == 2
    assert ind.schema([], M(2025, 3, 1), planning=planning, vandaag=M(2025, 3, 10)).n == 0
    assert ind.schema([], M(2025, 3, 1), planning=planning, vandaag=M(2025, 3, 11)).n == 1


def test_schema_overdue_items_beside_recorded_events_without_double_counting():
    # given four milestones kept on time (events) and one more, due 10 March, reached late on
    # 5 April: its event is in April's row, so March counts it overdue and April late
    rows = [
        MaandAgg(T.MIJLPAAL_BEREIKT, M(2025, 2, 1), aantal=4, op_tijd=4),
        MaandAgg(T.MIJLPAAL_BEREIKT, M(2025, 4, 1), aantal=1, op_tijd=0),
    ]
    planning = [PlanningItem("mijlpaal", M(2025, 2, 1), M(2025, 2, 1)) for _ in range(4)]
    planning.append(PlanningItem("mijlpaal", M(2025, 3, 10), M(2025, 4, 5)))
    maart = ind.schema(rows, M(2025, 3, 1), planning=planning)
    april = ind.schema(rows, M(2025, 4, 1), planning=planning)
    assert (maart.waarde, maart.n, maart.status) == (80.0, 5, Status.OP_KOERS)
    assert _zonder_reden(maart.details) == {"op_tijd": 4, "te_laat": 0, "gemist": 0, "over_tijd": 1}
    assert (april.waarde, april.n) == (80.0, 5)
    assert _zonder_reden(april.details) == {"op_tijd": 4, "te_laat": 1, "gemist": 0, "over_tijd": 0}
    # and old events typed in by hand (no routekaart row) keep counting as history
    assert ind.schema(rows, M(2025, 2, 1)).n == 4


def test_bereken_passes_the_routekaart_and_today_to_the_schedule():
    # given no events at all, one open milestone due 3 March, today 2 March then 4 March
    feiten = PlanFeiten(planning=(PlanningItem("mijlpaal", M(2025, 3, 3)),))
    voor = ind.bereken([], feiten, perioden=[M(2025, 3, 1)], vandaag=M(2025, 3, 2))
    na = ind.bereken([], feiten, perioden=[M(2025, 3, 1)], vandaag=M(2025, 3, 4))
    # then the light turns red by the date alone
    assert voor[("schema", M(2025, 3, 1))].status == Status.ONBEKEND
    assert (na[("schema", M(2025, 3, 1))].waarde, na[("schema", M(2025, 3, 1))].status) == (0.0, Status.UIT_KOERS)


def test_tussendoel_progress_and_koers():
    doelen = [
        Doel(1, "200 aardgasvrij", "woningen_aardgasvrij", 200, M(2026, 1, 31), kernwaarde_id=10),
        Doel(2, "vertrouwen 4", "vertrouwen", 4, M(2026, 1, 31), kernwaarde_id=None),
    ]
    # given 100 of 200 homes, halfway between start (2025-01-01) and deadline
    voortgang = ind.tussendoel_voortgang(
        doelen,
        totalen={"aardgasvrij": 100},
        periode=M(2025, 7, 1),
        begin=M(2025, 1, 1),
        vertrouwen=3.0,
    )
    assert voortgang[0]["fractie"] == 0.5 and voortgang[0]["op_koers"] is True
    assert voortgang[1]["fractie"] == 0.75 and voortgang[1]["op_koers"] is False
    # koers: kernwaarden 10 and 11, one backed (1/2), goals tied 1/2, on track 1/2 -> 50
    u = ind.koers([10, 11], doelen, voortgang)
    assert (u.waarde, u.status, u.n) == (50.0, Status.AANDACHT, 2)
    assert ind.koers([], [], []).status == Status.ONBEKEND
    # after the deadline a cumulative goal must be met in full
    late = ind.tussendoel_voortgang(
        doelen[:1], totalen={"aardgasvrij": 199}, periode=M(2026, 2, 1), begin=M(2025, 1, 1)
    )
    assert late[0]["op_koers"] is False


def test_rode_signalen_only_when_an_indicator_turns_red():
    r, g = Status.UIT_KOERS, Status.OP_KOERS
    statussen = [(M(2025, 1, 1), [g, g]), (M(2025, 2, 1), [r, g]), (M(2025, 3, 1), [r, g]), (M(2025, 4, 1), [r, r])]
    assert ind.rode_signalen(statussen) == [M(2025, 2, 1), M(2025, 4, 1)]


def test_sturing_decision_within_term():
    signalen = [M(2025, 1, 1), M(2025, 3, 1), M(2025, 9, 1)]
    besluiten = [M(2025, 2, 15)]  # answers the January signal only
    # in September: Jan answered, Mar missed (term passed), Sep open
    u = ind.sturing(signalen, besluiten, M(2025, 9, 1), reactie_dagen=60)
    assert (u.waarde, u.n, u.status) == (50.0, 2, Status.AANDACHT)
    assert _zonder_reden(u.details) == {"beantwoord": 1, "gemist": 1, "open": 1}
    assert ind.sturing([], [], M(2025, 9, 1)).status == Status.ONBEKEND
    # an open signal and no figure: no status (no amber light beside "no figure"), the reason names it
    u = ind.sturing([M(2025, 9, 1)], [], M(2025, 9, 1))
    assert (u.waarde, u.status, u.details["reden"]["code"], u.details["reden"]["open"]) == (
        None,
        Status.ONBEKEND,
        "open",
        1,
    )


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, {}),
        (9, {}),  # below the minimum: neither the mean nor how many answered
        (10, {"puls": 3.67, "puls_n": 10}),
        (11, {"puls": 3.67, "puls_n": 11}),
    ],
)
def test_the_pulse_is_published_only_from_the_minimum_number_of_answers(n, expected):
    assert MIN_RESPONSES == 10
    assert ind.puls_publiceerbaar(3.6666 if n else None, n) == expected
    # the governance snapshot carries exactly that, from the pulse events' aggregate
    puls = [MaandAgg(T.AMBTENAREN_PULS, M(2025, 1, 1), score_n=n, score_gem=3.6666 if n else None)] if n else []
    details = ind.sturing([], [], M(2025, 1, 1), puls_rows=puls).details
    assert {k: v for k, v in details.items() if k.startswith("puls")} == expected


def test_the_published_pulse_changes_only_in_batches_of_ten():
    # given the pulse published at 10 answers
    vorige = {"puls": 4.0, "puls_n": 10}
    # then 11 to 19 answers keep it (the 11th answer cannot be read from two snapshots)
    assert ind.puls_in_batches(vorige, {"puls": 3.73, "puls_n": 11}) == vorige
    assert ind.puls_in_batches(vorige, {"puls": 3.5, "puls_n": 19}) == vorige
    # and the 20th publishes the new mean; nothing published before, or now, passes through
    assert ind.puls_in_batches(vorige, {"puls": 3.5, "puls_n": 20}) == {"puls": 3.5, "puls_n": 20}
    assert ind.puls_in_batches(None, {"puls": 3.73, "puls_n": 11}) == {"puls": 3.73, "puls_n": 11}
    assert ind.puls_in_batches(vorige, {}) == {}
    # and over periods: January has 10 answers, February 5 more, so February still shows January's
    rows = [
        MaandAgg(T.AMBTENAREN_PULS, M(2025, 1, 1), aantal=10, score_n=10, score_gem=4.0),
        MaandAgg(T.AMBTENAREN_PULS, M(2025, 2, 1), aantal=5, score_n=5, score_gem=1.0),
    ]
    uit = ind.bereken(rows, ind.PlanFeiten(), perioden=[M(2025, 1, 1), M(2025, 2, 1)])
    assert (uit[("sturing", M(2025, 2, 1))].details["puls"], uit[("sturing", M(2025, 2, 1))].details["puls_n"]) == (
        4.0,
        10,
    )
    # and a run that finds a pulse published before for this period keeps it too
    uit = ind.bereken(rows, ind.PlanFeiten(), perioden=[M(2025, 2, 1)], gepubliceerd_puls={M(2025, 2, 1): vorige})
    assert uit[("sturing", M(2025, 2, 1))].details["puls_n"] == 10


def test_sturing_pulse_suppressed_below_ten():
    puls = [MaandAgg(T.AMBTENAREN_PULS, M(2025, 1, 1), score_n=9, score_gem=4.0)]
    assert "puls" not in ind.sturing([], [], M(2025, 1, 1), puls_rows=puls).details
    puls = [MaandAgg(T.AMBTENAREN_PULS, M(2025, 1, 1), score_n=10, score_gem=4.0)]
    assert ind.sturing([], [], M(2025, 1, 1), puls_rows=puls).details["puls"] == 4.0


def test_perioden_and_bereken_are_deterministic_over_edge_months():
    rows = [MaandAgg(T.WONING_AARDGASVRIJ, M(2024, 11, 1), som=5, aantal=5)]
    maanden = ind.perioden(rows, vandaag=M(2025, 2, 10), startdatum=None, maximaal=24)
    assert maanden == [M(2024, 11, 1), M(2024, 12, 1), M(2025, 1, 1), M(2025, 2, 1)]  # across a year end
    assert ind.perioden([], vandaag=M(2025, 2, 10), startdatum=None, maximaal=24) == [M(2025, 2, 1)]
    assert len(ind.perioden(rows, vandaag=M(2030, 1, 1), startdatum=None, maximaal=24)) == 24
    feiten = ind.PlanFeiten(woningen=100, doeljaar=2030)
    a = ind.bereken(rows, feiten, perioden=maanden)
    assert a == ind.bereken(rows, feiten, perioden=maanden)
    assert len(a) == 6 * 4


def test_every_status_carries_its_reason_and_none_without_a_figure():
    # given a plan with homes, a target year, a start, a few events and an open milestone
    feiten = PlanFeiten(
        woningen=1640,
        doeljaar=2030,
        startdatum=M(2025, 1, 1),
        planning=(PlanningItem("mijlpaal", M(2025, 5, 1)), PlanningItem("afspraak", M(2025, 5, 2))),
    )
    rows = [MaandAgg(T.WONING_AARDGASVRIJ, M(2025, 6, 1), som=73, aantal=1)]
    # when computed over six months
    uit = ind.bereken(rows, feiten, perioden=ind.maanden_tussen(M(2025, 1, 1), M(2025, 6, 1)), vandaag=M(2025, 6, 30))
    # then every outcome has a reason, and no outcome without a figure has a status
    assert all("reden" in u.details for u in uit.values())
    assert all(u.status == Status.ONBEKEND for u in uit.values() if u.waarde is None)
    # the reasons carry the numbers the sentence needs
    r = uit[("resultaten", M(2025, 6, 1))]
    assert r.details["reden"] == {"code": "projectie", "jaar": 2047, "doel": 2030, "gehaald": 73, "nodig": 135}
    assert r.details["nodig_nu"] == 135 and r.status == Status.UIT_KOERS
    s = uit[("schema", M(2025, 6, 1))]
    assert (s.waarde, s.details["reden"]["code"], s.details["reden"]["over_tijd"]) == (0.0, "schema", 2)
    assert uit[("koers", M(2025, 6, 1))].details["reden"] == {"code": "geen_kaders"}


def test_nodig_op_is_a_straight_line_from_the_start_to_the_end_of_the_target_year():
    assert ind.uitvoering.nodig_op(M(2025, 6, 1), woningen=1640, doeljaar=2030, begin=M(2025, 1, 1)) == 135
    assert ind.uitvoering.nodig_op(M(2031, 1, 1), woningen=1640, doeljaar=2030, begin=M(2025, 1, 1)) == 1640
    assert ind.uitvoering.nodig_op(M(2024, 1, 1), woningen=1640, doeljaar=2030, begin=M(2025, 1, 1)) == 0
    assert ind.uitvoering.nodig_op(M(2025, 6, 1), woningen=None, doeljaar=2030, begin=M(2025, 1, 1)) is None


def test_doel_lijn_is_a_straight_line_for_counts_and_the_target_for_levels():
    huizen = Doel(1, "300 woningen", "woningen_aardgasvrij", 300, M(2026, 12, 31))
    vertrouwen = Doel(2, "vertrouwen 3,8", "vertrouwen", 3.8, M(2026, 12, 31))
    perioden = [M(2024, 12, 1), M(2025, 6, 1), M(2027, 1, 1)]
    # before the start 0, after 180 of 729 days 74.1, after the deadline the target itself
    assert ind.doel_lijn(huizen, perioden, begin=M(2025, 1, 1)) == [0.0, 74.1, 300.0]
    assert ind.doel_lijn(vertrouwen, perioden, begin=M(2025, 1, 1)) == [3.8, 3.8, 3.8]
