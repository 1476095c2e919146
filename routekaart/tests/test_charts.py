"""The timeline figure: a plain dict that plotly's own Figure accepts and serialises unchanged."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import pytest

from routekaart import charts, selectors
from wup import selectors as wup_selectors

from .factories import gevuld_plan

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 3, 1)


def _figure():
    data = gevuld_plan(n=2)
    plan = data["plan"]
    tijdlijn = selectors.tijdlijn(plan=plan, fasen=wup_selectors.plan_fasen(plan=plan), vandaag=VANDAAG)
    return charts.tijdlijn_figure(tijdlijn)


def test_timeline_figure_is_valid_plotly_and_survives_its_serialisation():
    # given the timeline of a filled plan
    fast = json.loads(json.dumps(_figure()))
    # when plotly's Figure validates and serialises it (it raises on any unknown property)
    reference = json.loads(go.Figure(fast).to_json())
    reference["layout"].pop("template", None)
    # then nothing was dropped or changed
    assert reference == fast


def test_timeline_figure_shows_phases_as_bars_three_milestone_markers_and_today():
    fig = _figure()
    traces = {t["name"]: t for t in fig["data"]}
    # phases: a bar from 1 January 2025 over 730 days
    fasen = traces["Fasen"]
    assert fasen["type"] == "bar" and fasen["base"] == ["2025-01-01"] and fasen["x"] == [730 * charts.MS_PER_DAY]
    # milestones by forecast: baseline vs forecast (Mijlpaal 0 moved to 1 September 2026)
    assert traces["Basisdatum"]["y"] == ["Mijlpaal: Mijlpaal 1", "Mijlpaal: Mijlpaal 0"]
    assert traces["Basisdatum"]["x"] == ["2026-06-02", "2026-06-01"]
    assert traces["Prognose"]["x"] == ["2026-06-02", "2026-09-01"]
    assert "Werkelijk" in traces and "Koppelvensters" in traces and "Afspraken (prognose)" in traces
    # today as a line with its label, and both axes titled
    assert fig["layout"]["shapes"][0]["x0"] == "2026-03-01"
    assert fig["layout"]["annotations"][0]["text"] == "vandaag"
    assert fig["layout"]["xaxis"]["title"]["text"] == "Datum"
    assert fig["layout"]["yaxis"]["title"]["text"] == "Onderdeel van de route"
