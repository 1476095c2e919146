"""Charts of the results page: pure functions from selector output to plotly figure dicts."""

from __future__ import annotations

import json

import plotly.graph_objects as go

COLOR = "#00689e"


def _layout(**extra) -> dict:
    return {
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "height": 260,
        "xaxis": {"automargin": True},
        "yaxis": {"automargin": True},
        "font": {"size": 13},
        **extra,
    }


def verdeling_figure(resultaat) -> dict:
    """Horizontal bar chart: number of answers per option/score of one question."""
    labels = [r.label for r in resultaat.rijen]
    counts = [r.n for r in resultaat.rijen]
    fig = go.Figure(
        go.Bar(x=counts, y=labels, orientation="h", marker_color=COLOR, hovertemplate="%{y}: %{x}<extra></extra>"),
        layout=_layout(yaxis={"automargin": True, "autorange": "reversed"}),
    )
    return json.loads(fig.to_json())


def dimensies_figure(dimensies) -> dict:
    """Bar chart of the mean per dimension (1-5); suppressed dimensions are left out."""
    shown = [d for d in dimensies if not d.onderdrukt]
    fig = go.Figure(
        go.Bar(x=[d.label for d in shown], y=[d.gemiddelde for d in shown], marker_color=COLOR),
        layout=_layout(yaxis={"range": [1, 5], "automargin": True}),
    )
    return json.loads(fig.to_json())
