"""Plotly figures as pure functions: trend rows in, a JSON-ready figure dict out."""

from __future__ import annotations

import functools
import json

import plotly.graph_objects as go


@functools.cache
def _template() -> dict:
    """Plotly's default layout template as JSON, built once per process (it never changes)."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def trend_figure(*, titel: str, perioden: list[str], waarden: list[float | None], eenheid: str = "") -> dict:
    """A line chart of one indicator over its periods (None = suppressed/unknown: a gap).

    Written as the plain dict plotly.js draws, not through `plotly.graph_objects`: building
    and validating a `go.Figure` cost ~70 ms per chart, six charts per plan page (bench 3).
    `test_charts` checks the dict equals what `go.Figure(...).to_json()` produces.
    """
    return {
        "data": [
            {
                "type": "scatter",
                "x": list(perioden),
                "y": list(waarden),
                "mode": "lines+markers",
                "name": titel,
                "connectgaps": False,
            }
        ],
        "layout": {
            "template": _template(),
            "title": {"text": titel},
            "height": 260,
            "margin": {"l": 40, "r": 10, "t": 40, "b": 40},
            "yaxis": {"title": {"text": eenheid}, "rangemode": "tozero"},
            "xaxis": {"type": "category"},
            "showlegend": False,
        },
    }
