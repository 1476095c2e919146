"""Charts: the hand-built figure dict is exactly what plotly's own Figure would serialise."""

import json

import plotly.graph_objects as go

from dashboard import charts


def _plotly_figure(*, titel, perioden, waarden, eenheid=""):
    fig = go.Figure(go.Scatter(x=perioden, y=waarden, mode="lines+markers", name=titel, connectgaps=False))
    fig.update_layout(
        title={"text": titel},
        height=260,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
        yaxis={"title": {"text": eenheid}, "rangemode": "tozero"},
        xaxis={"type": "category"},
        showlegend=False,
    )
    return json.loads(fig.to_json())


def test_trend_figure_equals_plotly_serialisation_including_gaps():
    # given a trend with a suppressed (None) period
    args = {"titel": "Vertrouwen", "perioden": ["2025-01", "2025-02", "2025-03"], "waarden": [3.5, None, 4.0]}
    # when built by the fast pure function and by plotly's Figure
    fast, reference = charts.trend_figure(**args), _plotly_figure(**args)
    # then both are the same JSON document (after a JSON round trip, as json_script sends it)
    assert json.loads(json.dumps(fast)) == reference
