"""The routekaart's timeline as a plotly figure: a pure function from `selectors.tijdlijn` to
the plain dict plotly.js draws (like `dashboard.charts`: no `go.Figure` at request time).

Phases and coupling windows are horizontal bars (`base` = start, `x` = length in ms on a
date axis, the way plotly's own Gantt charts work); milestones get three markers (baseline,
forecast, actual); agreements a marker at their forecast; today is a vertical line.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .constants import PlanningStatus

MS_PER_DAY = 86_400_000


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _length_ms(start: dt.date, end: dt.date) -> int:
    # A phase from 1 to 31 January covers 31 whole days.
    return ((end - start).days + 1) * MS_PER_DAY


def _bars(*, name: str, rows: list[tuple[str, dt.date, dt.date, str]], color: str) -> dict:
    return {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "y": [r[0] for r in rows],
        "base": [_iso(r[1]) for r in rows],
        "x": [_length_ms(r[1], r[2]) for r in rows],
        "text": [r[3] for r in rows],
        "hovertemplate": "%{y}<br>%{text}<extra></extra>",
        "textposition": "none",
        "marker": {"color": color},
    }


def _markers(*, name: str, rows: list[tuple[str, dt.date, str]], symbol: str, color: str) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "y": [r[0] for r in rows],
        "x": [_iso(r[1]) for r in rows],
        "text": [r[2] for r in rows],
        "hovertemplate": "%{y}<br>%{x}<br>%{text}<extra></extra>",
        "marker": {"symbol": symbol, "size": 11, "color": color, "line": {"width": 2, "color": color}},
    }


def tijdlijn_figure(tijdlijn) -> dict:
    """Phases, milestones (baseline vs forecast vs actual), agreements and coupling windows."""
    fase_label = _("Phase")
    mijlpaal_label = _("Milestone")
    afspraak_label = _("Agreement")
    kans_label = _("Coupling opportunity")
    fasen = [(f"{fase_label}: {f.naam}", f.startdatum, f.einddatum, f.eindproduct or "") for f in tijdlijn.fasen]
    kansen = [
        (f"{kans_label}: {k.omschrijving}", k.venster_van, k.venster_tot, k.get_soort_display())
        for k in tijdlijn.koppelkansen
    ]
    mijlpalen = [(f"{mijlpaal_label}: {m.naam}", m) for m in tijdlijn.mijlpalen]
    afspraken = [(f"{afspraak_label}: {a.wat}", a) for a in tijdlijn.afspraken]

    def status(item) -> str:
        return str(PlanningStatus(item.planning).label)

    data = []
    if fasen:
        data.append(_bars(name=_("Phases"), rows=fasen, color="#6c8ebf"))
    if kansen:
        data.append(_bars(name=_("Coupling windows"), rows=kansen, color="#9cc5a1"))
    if mijlpalen:
        data.append(
            _markers(
                name=_("Baseline"),
                rows=[(y, m.basisdatum, status(m)) for y, m in mijlpalen],
                symbol="circle-open",
                color="#495057",
            )
        )
        data.append(
            _markers(
                name=_("Forecast"),
                rows=[(y, m.prognose, status(m)) for y, m in mijlpalen if not m.afgerond],
                symbol="diamond",
                color="#b35c00",
            )
        )
        data.append(
            _markers(
                name=_("Actual"),
                rows=[(y, m.afgerond_op, status(m)) for y, m in mijlpalen if m.afgerond_op],
                symbol="star",
                color="#146c43",
            )
        )
    if afspraken:
        data.append(
            _markers(
                name=_("Agreements (forecast)"),
                rows=[(y, a.afgerond_op or a.prognose, status(a)) for y, a in afspraken],
                symbol="square",
                color="#6f42c1",
            )
        )
    categorieen = (
        [r[0] for r in fasen] + [r[0] for r in kansen] + [y for y, _m in mijlpalen] + [y for y, _a in afspraken]
    )
    vandaag = _iso(tijdlijn.vandaag)
    return {
        "data": data,
        "layout": {
            "height": max(320, 120 + 28 * len(dict.fromkeys(categorieen))),
            "margin": {"l": 260, "r": 20, "t": 30, "b": 60},
            "barmode": "overlay",
            "xaxis": {"type": "date", "title": {"text": _("Date")}},
            "yaxis": {
                "type": "category",
                "title": {"text": _("Part of the route")},
                "categoryorder": "array",
                "categoryarray": list(reversed(list(dict.fromkeys(categorieen)))),
                "automargin": True,
            },
            "legend": {"orientation": "h", "y": -0.2},
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": vandaag,
                    "x1": vandaag,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#c00000", "width": 2, "dash": "dash"},
                }
            ],
            "annotations": [
                {
                    "x": vandaag,
                    "xref": "x",
                    "y": 1,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "text": _("today"),
                    "showarrow": False,
                    "font": {"color": "#c00000"},
                }
            ],
        },
    }
