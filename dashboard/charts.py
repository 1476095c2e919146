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
from .indicators.uitvoering import SCHEMA_NORM_PCT, nodig_op
from .scenario import Projection


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


# --- Scenarios (wat als?) ---------------------------------------------------------------------


def _tot_einde(reeks: Sequence[tuple[dt.date, int]], maanden: Sequence[dt.date]) -> list[int | None]:
    """A series on the months of the chart; after its end it keeps its last value (a series
    ends when every home is gas-free, and stays there)."""
    per_maand = dict(reeks)
    laatste = reeks[-1][1] if reeks else None
    return [per_maand.get(m, laatste if reeks and m > reeks[-1][0] else None) for m in maanden]


def scenario_figure(
    *,
    huidig: Projection,
    scenario: Projection,
    woningen: int | None,
    doeljaar: int | None,
    doelen: Sequence[Doel],
    begin: dt.date | None,
) -> dict:
    """Homes gas-free month by month: the current projection and the scenario's (solid), with
    the dashed target lines of the results chart (homes needed on a straight line to the target
    year, each tussendoel on homes gas-free). The same dict shape as `trend_figure`."""
    maanden = sorted({m for m, _n in huidig.reeks} | {m for m, _n in scenario.reeks})
    lijnen: list[tuple[str, list[float | None]]] = []
    if woningen and doeljaar and begin is not None:
        lijnen.append(
            (
                _("needed on a straight line to the target year"),
                [nodig_op(m, woningen=woningen, doeljaar=doeljaar, begin=begin) for m in maanden],
            )
        )
    for doel in doelen:
        if doel.metriek == DOEL_METRIEK[Indicator.RESULTATEN]:
            naam = _("interim goal: %(omschrijving)s") % {"omschrijving": doel.omschrijving}
            lijnen.append((naam, doel_lijn(doel, maanden, begin=begin or maanden[0])))
    fig = trend_figure(
        titel=str(_("Homes gas-free: current projection and scenario")),
        perioden=[m.strftime("%Y-%m") for m in maanden],
        waarden=_tot_einde(huidig.reeks, maanden),
        eenheid=str(EENHEID[Indicator.RESULTATEN]),
        x_titel=_("month"),
        lijnen=lijnen,
    )
    fig["data"][0].update(name=str(_("current projection")), mode="lines")
    fig["data"].insert(
        1,
        {
            "type": "scatter",
            "x": [m.strftime("%Y-%m") for m in maanden],
            "y": _tot_einde(scenario.reeks, maanden),
            "mode": "lines",
            "name": str(_("scenario")),
            "connectgaps": False,
        },
    )
    fig["layout"].update(showlegend=True, height=340, margin={"l": 50, "r": 10, "t": 40, "b": 110})
    return fig
