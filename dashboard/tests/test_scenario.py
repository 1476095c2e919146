"""Known answers for the scenario projection (dashboard/scenario.py), computed by hand."""

import datetime as dt

import pytest

from dashboard import scenario
from dashboard.indicators import Doel
from dashboard.scenario import Baseline, WhatIf, project

JUNI_2025 = dt.date(2025, 6, 1)


def _doel(id_, streefwaarde, deadline, metriek="woningen_aardgasvrij"):
    return Doel(id=id_, omschrijving=f"doel {id_}", metriek=metriek, streefwaarde=streefwaarde, deadline=deadline)


def _basis(**kwargs):
    # 1,640 homes, 73 gas-free, 120 a year (10 a month), figures of June 2025, target 2040
    values = {
        "woningen": 1640,
        "aardgasvrij": 73,
        "tempo_per_jaar": 120,
        "maand": JUNI_2025,
        "doeljaar": 2040,
        "doelen": (),
    }
    return Baseline(**(values | kwargs))


def test_current_projection_month_by_month():
    # given 1,567 homes to go at 10 a month
    # when projected with neutral parameters
    result = project(_basis())
    # then ceil(1567 / 10) = 157 months after June 2025: July 2038
    assert (result.jaar, result.maand, result.reden) == (2038, dt.date(2038, 7, 1), scenario.PROJECTIE)
    # and the series starts at the count so far, adds 10 a month and stops at the plan area
    assert result.reeks[0] == (JUNI_2025, 73)
    assert result.reeks[1] == (dt.date(2025, 7, 1), 83)
    assert result.reeks[156] == (dt.date(2038, 6, 1), 1633)
    assert result.reeks[-1] == (dt.date(2038, 7, 1), 1640)  # 1,643 capped at the plan area
    assert len(result.reeks) == 158 and not result.ingekort


def test_pace_plus_50_percent():
    # 180 a year = 15 a month: ceil(1567 / 15) = 105 months after June 2025 = March 2034
    result = project(_basis(), WhatIf(tempo_pct=50))
    assert (result.jaar, result.maand) == (2034, dt.date(2034, 3, 1))


def test_pace_minus_25_percent_counts_fractions_of_homes_exactly():
    # 90 a year = 7.5 a month: month 1 adds 7 (7.5 rounded down), month 2 makes 15
    result = project(_basis(), WhatIf(tempo_pct=-25))
    assert [n for _m, n in result.reeks[:3]] == [73, 80, 88]
    # ceil(1567 / 7.5) = 209 months after June 2025 = November 2042
    assert result.maand == dt.date(2042, 11, 1)


def test_delay_moves_the_start_of_the_pace():
    # 24 + 157 = 181 months after June 2025 = July 2040
    result = project(_basis(), WhatIf(uitstel_maanden=24))
    assert result.maand == dt.date(2040, 7, 1)
    # nothing is added in the 24 months of delay, the first 10 in month 25
    assert {n for _m, n in result.reeks[:25]} == {73}
    assert result.reeks[25][1] == 83


def test_heat_network_step_then_the_pace_fills_the_rest():
    # 500 homes connect in January 2027 (month 19); 1,067 left for the pace: ceil(106.7) = 107
    result = project(_basis(), WhatIf(warmtenet_woningen=500, warmtenet_vanaf=dt.date(2027, 1, 1)))
    assert result.maand == dt.date(2034, 5, 1)
    assert result.reeks[18][1] == 73 + 180
    assert result.reeks[19][1] == 73 + 190 + 500


def test_heat_network_in_the_past_counts_from_the_next_month():
    result = project(_basis(), WhatIf(warmtenet_woningen=100, warmtenet_vanaf=dt.date(2020, 1, 1)))
    assert [n for _m, n in result.reeks[:2]] == [73, 73 + 10 + 100]


def test_pace_zero_gives_no_year():
    # when the pace stops (-100 %) / then no year, the reason, and a flat series to 2040 + 10
    result = project(_basis(), WhatIf(tempo_pct=-100))
    assert (result.jaar, result.maand, result.reden) == (None, None, scenario.GEEN_TEMPO)
    assert {n for _m, n in result.reeks} == {73}
    assert result.reeks[-1][0] == dt.date(2050, 12, 1) and result.ingekort
    # and a stored pace of 0 does the same
    assert project(_basis(tempo_per_jaar=0)).reden == scenario.GEEN_TEMPO


def test_pace_zero_but_the_heat_network_fills_the_plan_area():
    # 73 + 1,600 > 1,640: gas-free in the month of the step (January 2026), never above 1,640
    result = project(_basis(tempo_per_jaar=0), WhatIf(warmtenet_woningen=1600, warmtenet_vanaf=dt.date(2026, 1, 1)))
    assert (result.jaar, result.maand, result.reden) == (2026, dt.date(2026, 1, 1), scenario.PROJECTIE)
    assert result.reeks[-1] == (dt.date(2026, 1, 1), 1640)


def test_unknown_homes_give_no_year_and_an_uncapped_series():
    result = project(_basis(woningen=None))
    assert (result.jaar, result.reden) == (None, scenario.GEEN_WONINGEN)
    # 306 months to December 2050: 73 + 3,060 (no plan area to cap at)
    assert result.reeks[-1] == (dt.date(2050, 12, 1), 3133)
    assert project(_basis(woningen=0)).reden == scenario.GEEN_WONINGEN


def test_already_gas_free_and_counts_never_above_the_plan_area():
    # more recorded than the plan area holds (a data error): gas-free now, shown as 1,640
    result = project(_basis(aardgasvrij=2000))
    assert (result.jaar, result.reden) == (2025, scenario.AL_AARDGASVRIJ)
    assert result.reeks == ((JUNI_2025, 1640),)
    scenario_result = project(_basis(), WhatIf(tempo_pct=300, warmtenet_woningen=1640, warmtenet_vanaf=JUNI_2025))
    assert max(n for _m, n in scenario_result.reeks) == 1640


def test_delay_beyond_the_target_year():
    # given target year 2030 and a goal of 500 by the end of 2030 (66 months ahead)
    basis = _basis(doeljaar=2030, doelen=(_doel(1, 500, dt.date(2030, 12, 31)),))
    # when the start is delayed 120 months
    huidig, later = scenario.compare(basis, WhatIf(uitstel_maanden=120))
    # then 120 + 157 = 277 months: July 2048, beyond the series (December 2040)
    assert huidig.maand == dt.date(2038, 7, 1)
    assert later.maand == dt.date(2048, 7, 1)
    assert later.reeks[-1] == (dt.date(2040, 12, 1), 73 + 10 * (186 - 120)) and later.ingekort
    # and the goal: 73 + 660 = 733 now (hit), 73 with the delay (missed)
    assert (huidig.doelen[0].verwacht, huidig.doelen[0].gehaald) == (733, True)
    assert (later.doelen[0].verwacht, later.doelen[0].gehaald) == (73, False)


def test_goals_are_judged_at_the_last_whole_month_of_their_deadline():
    doelen = (
        _doel(1, 200, dt.date(2026, 12, 31)),  # December 2026: month 18, 253
        _doel(2, 273, dt.date(2027, 3, 15)),  # mid-March: end of February 2027, month 20, 273
        _doel(3, 100, dt.date(2024, 12, 31)),  # passed: the count so far, 73
        _doel(4, 4.0, dt.date(2026, 1, 1), metriek="vertrouwen"),  # another metric: left out
    )
    result = project(_basis(doelen=doelen))
    assert [(g.id, g.verwacht, g.gehaald, g.verstreken) for g in result.doelen] == [
        (1, 253, True, False),
        (2, 273, True, False),
        (3, 73, False, True),
    ]
    # a delay of 12 months misses the first: 73 + 60 = 133
    assert project(_basis(doelen=doelen), WhatIf(uitstel_maanden=12)).doelen[0].verwacht == 133


def test_the_series_is_capped():
    # a target year far ahead: the series stops at MAX_MAANDEN months
    result = project(_basis(doeljaar=2100, tempo_per_jaar=12))
    assert len(result.reeks) == scenario.MAX_MAANDEN + 1 and result.ingekort
    # 1,567 months after June 2025 (130 years and 7 months): still computed exactly
    assert result.maand == dt.date(2156, 1, 1)
    # beyond 200 years no year is given
    assert project(_basis(tempo_per_jaar=1), WhatIf(tempo_pct=-99)).reden == scenario.TE_VER


@pytest.mark.parametrize(
    "kwargs",
    [
        {"uitstel_maanden": 121},
        {"uitstel_maanden": -1},
        {"tempo_pct": -101},
        {"tempo_pct": 301},
        {"warmtenet_woningen": -1},
        {"warmtenet_woningen": 5},  # without a month
        {"warmtenet_woningen": 5, "warmtenet_vanaf": dt.date(2101, 1, 1)},
    ],
)
def test_out_of_range_parameters_are_refused(kwargs):
    with pytest.raises(ValueError):
        WhatIf(**kwargs)


def test_scenario_chart_is_valid_plotly_with_both_series_and_the_target_lines():
    import json

    import plotly.graph_objects as go
    from django.utils import translation

    from dashboard import charts

    # given the current projection and a 50 % faster pace, one goal, plan started in 2025
    basis = _basis(doelen=(_doel(1, 500, dt.date(2028, 12, 31)),))
    huidig, sneller = scenario.compare(basis, WhatIf(tempo_pct=50))
    # when the chart is built
    with translation.override("nl"):
        fig = charts.scenario_figure(
            huidig=huidig,
            scenario=sneller,
            woningen=1640,
            doeljaar=2040,
            doelen=basis.doelen,
            begin=dt.date(2025, 1, 1),
        )
    doc = json.loads(json.dumps(fig))
    # then plotly itself accepts and serialises it unchanged
    assert json.loads(go.Figure(doc).to_json()) == doc
    # both series share the months up to July 2038; the faster one stays at 1,640 after March 2034
    namen = [t["name"] for t in doc["data"]]
    assert namen[:2] == ["huidige verwachting", "scenario"]
    assert doc["data"][0]["x"][0] == "2025-06" and doc["data"][0]["x"][-1] == "2038-07"
    assert doc["data"][1]["y"][-1] == 1640 and doc["data"][0]["y"][-1] == 1640
    assert doc["data"][1]["y"][105] == 1640 and doc["data"][0]["y"][105] == 73 + 1050
    # the dashed target lines: needed on a straight line to 2040, and the interim goal
    assert [t.get("line") for t in doc["data"][2:]] == [{"dash": "dash"}, {"dash": "dash"}]
    assert namen[2:] == ["nodig op een rechte lijn naar het doeljaar", "tussendoel: doel 1"]
    assert doc["layout"]["yaxis"]["title"]["text"] == "woningen aardgasvrij"
    assert doc["layout"]["xaxis"]["title"]["text"] == "maand"
