"""Charts: the hand-built figure dict is exactly what plotly's own Figure would serialise."""

import json

import plotly.graph_objects as go

from dashboard import charts


def _plotly_figure(*, titel, perioden, waarden, eenheid="", x_titel="", lijnen=()):
    fig = go.Figure(go.Scatter(x=perioden, y=waarden, mode="lines+markers", name=titel, connectgaps=False))
    for naam, lijn in lijnen:
        fig.add_trace(go.Scatter(x=perioden, y=lijn, mode="lines", name=naam, line={"dash": "dash"}, connectgaps=False))
    fig.update_layout(
        title={"text": titel},
        height=260 if not lijnen else 320,
        margin={"l": 50, "r": 10, "t": 40, "b": 50 if not lijnen else 90},
        yaxis={"title": {"text": eenheid}, "rangemode": "tozero"},
        xaxis={"type": "category", "title": {"text": x_titel}},
        showlegend=bool(lijnen),
        legend={"orientation": "h", "y": -0.4},
    )
    return json.loads(fig.to_json())


def test_trend_figure_equals_plotly_serialisation_including_gaps():
    # given a trend with a suppressed (None) period
    args = {"titel": "Vertrouwen", "perioden": ["2025-01", "2025-02", "2025-03"], "waarden": [3.5, None, 4.0]}
    # when built by the fast pure function and by plotly's Figure
    fast, reference = charts.trend_figure(**args), _plotly_figure(**args)
    # then both are the same JSON document (after a JSON round trip, as json_script sends it)
    assert json.loads(json.dumps(fast)) == reference


def test_trend_figure_with_axis_titles_and_a_target_line_equals_plotly_serialisation():
    # given a schedule trend with its norm line and axis titles
    args = {
        "titel": "Schema",
        "perioden": ["2025-01", "2025-02"],
        "waarden": [50.0, 75.0],
        "eenheid": "% op tijd",
        "x_titel": "maand",
        "lijnen": [("norm: 80 % op tijd", [80.0, 80.0])],
    }
    # when built both ways / then the same JSON document, with the dashed line and the titles
    fast = json.loads(json.dumps(charts.trend_figure(**args)))
    assert fast == _plotly_figure(**args)
    assert fast["data"][1]["line"] == {"dash": "dash"} and fast["data"][1]["y"] == [80.0, 80.0]
    assert fast["layout"]["xaxis"]["title"]["text"] == "maand"
    assert fast["layout"]["yaxis"]["title"]["text"] == "% op tijd"
