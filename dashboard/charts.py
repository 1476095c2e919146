"""Plotly figures as pure functions: trend rows in, a JSON-ready figure dict out."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import uitleg
from .constants import Indicator
from .indicators import Doel, doel_lijn
from .indicators.uitvoering import SCHEMA_NORM_PCT


@functools.cache
def _template() -> dict:
    """Plotly's default layout template as JSON, built once per process (it never changes)."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def trend_figure(
    *,
    titel: str,
    perioden: list[str],
    waarden: list[float | None],
    eenheid: str = "",
    x_titel: str = "",
    lijnen: Sequence[tuple[str, list[float | None]]] = (),
) -> dict:
    """A line chart of one indicator over its periods (None = suppressed/unknown: a gap), with
    axis titles and, per (name, values) in `lijnen`, a dashed target line (a tussendoel, the
    homes needed by now, a norm), so the reader sees what the figure is measured against.

    Written as the plain dict plotly.js draws, not through `plotly.graph_objects`: building
    and validating a `go.Figure` cost ~70 ms per chart, six charts per plan page (bench 3).
    `test_charts` checks the dict equals what `go.Figure(...).to_json()` produces.
    """
    data = [
        {
            "type": "scatter",
            "x": list(perioden),
            "y": list(waarden),
            "mode": "lines+markers",
            "name": titel,
            "connectgaps": False,
        }
    ]
    for naam, lijn in lijnen:
        data.append(
            {
                "type": "scatter",
                "x": list(perioden),
                "y": list(lijn),
                "mode": "lines",
                "name": naam,
                "line": {"dash": "dash"},
                "connectgaps": False,
            }
        )
    return {
        "data": data,
        "layout": {
            "template": _template(),
            "title": {"text": titel},
            "height": 260 if not lijnen else 320,
            "margin": {"l": 50, "r": 10, "t": 40, "b": 50 if not lijnen else 90},
            "yaxis": {"title": {"text": eenheid}, "rangemode": "tozero"},
            "xaxis": {"type": "category", "title": {"text": x_titel}},
            "showlegend": bool(lijnen),
            "legend": {"orientation": "h", "y": -0.4},
        },
    }


# --- What each indicator's chart is measured in and against ---------------------------------

# The y axis: the unit of the value (the x axis is always the month).
EENHEID = {
    Indicator.VERTROUWEN: _lazy("score (1 to 5)"),
    Indicator.BEWEGING: _lazy("participations and actions"),
    Indicator.RESULTATEN: _lazy("homes gas-free"),
    Indicator.KOERS: _lazy("% coherence"),
    Indicator.SCHEMA: _lazy("% on time"),
    Indicator.STURING: _lazy("% of red signals answered in time"),
}
# The tussendoel metric drawn as a target line in an indicator's chart, and the norm drawn where
# the plan has no such tussendoel (the status's own threshold for "on track").
DOEL_METRIEK = {
    Indicator.RESULTATEN: "woningen_aardgasvrij",
    Indicator.VERTROUWEN: "vertrouwen",
    Indicator.SCHEMA: "mijlpalen_op_tijd",
}
NORM = {Indicator.VERTROUWEN: 3.5, Indicator.SCHEMA: SCHEMA_NORM_PCT}


def doel_lijnen(
    indicator: str,
    *,
    perioden: Sequence[dt.date],
    details: Sequence[dict],
    doelen: Sequence[Doel],
    begin: dt.date,
) -> list[tuple[str, list[float | None]]]:
    """The dashed lines of one chart: each tussendoel on its metric, the homes needed by now on
    a straight line to the target year (results), or else the on-track norm."""
    lijnen: list[tuple[str, list[float | None]]] = []
    if indicator == Indicator.RESULTATEN and any(d.get("nodig_nu") is not None for d in details):
        lijnen.append((_("needed by now on a straight line to the target year"), [d.get("nodig_nu") for d in details]))
    for doel in doelen:
        if DOEL_METRIEK.get(indicator) == doel.metriek:
            naam = _("interim goal: %(omschrijving)s") % {"omschrijving": doel.omschrijving}
            lijnen.append((naam, doel_lijn(doel, perioden, begin=begin)))
    if not lijnen and indicator in NORM:
        naam = _("norm: on track from %(norm)s") % {
            "norm": uitleg.getal(NORM[indicator], 1 if indicator == Indicator.VERTROUWEN else 0)
        }
        lijnen.append((naam, [float(NORM[indicator]) for _p in perioden]))
    return lijnen
