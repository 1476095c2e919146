"""Plotly figures as pure functions: trend rows in, a JSON-ready figure dict out."""

from __future__ import annotations

import json

import plotly.graph_objects as go


def trend_figure(*, titel: str, perioden: list[str], waarden: list[float | None], eenheid: str = "") -> dict:
    """A line chart of one indicator over its periods (None = suppressed/unknown: a gap)."""
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
