"""The council's pages: the overview, a plan's page (with its what-ifs and saved scenarios), an indicator's table as CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, INTERNAL_READ, access

from .. import charts, scenario, selectors, services, uitleg
from ..constants import INDICATOR_QUESTIONS, STATUS_BADGE, Indicator, Status
from ..forms import (
    WHAT_IF_FIELDS,
    ScenarioForm,
    WhatIfForm,
)


@access(INTERNAL_READ)
def overview(request):
    return render(request, "dashboard/overview.html", {"rows": selectors.dashboard_overview(), "indicators": Indicator})


# The table beside a trend chart shows this many months; the full table folds out below it.
TABLE_MONTHS = 12


def _recent_months(snaps: list, maximum: int = TABLE_MONTHS) -> list:
    """The last `maximum` months that have a figure (all months lacking one: the last ones)."""
    with_data = [s for s in snaps if s.waarde is not None]
    return (with_data or snaps)[-maximum:]


def _own_period(snaps: list, *, start) -> list:
    """Only the plan's own period: no months before its start date (issue 10), unless that
    leaves nothing (a plan that has not started yet shows its preparation)."""
    if start is None:
        return snaps
    eigen = [s for s in snaps if s.periode >= start.replace(day=1)]
    return eigen or snaps


@access(INTERNAL_READ)
def plan_detail(request, plan_id: int):
    """The council's plan page; its "Wat als?" section takes the what-if by GET (nothing is
    saved) and, asked by htmx, answers with that section only."""
    plan = selectors.dashboard_plan(plan_id=plan_id)
    if plan is None:
        raise Http404
    return _plan_page(request, plan, what_if_data=request.GET)


@access(INTERNAL_READ)
@require_GET
def indicator_csv(request, plan_id: int, indicator: str):
    """The data table beside one trend chart as CSV (all months, as in "Show all months"):
    the chart has no mode bar to download from (issue 13), the figures are here instead."""
    if indicator not in Indicator.values:
        raise Http404
    plan = selectors.dashboard_plan(plan_id=plan_id)
    if plan is None:
        raise Http404
    snaps = _own_period([s for s in plan.indicator_snapshots.all() if s.indicator == indicator], start=plan.startdatum)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.id}-{indicator}.csv"'
    # Only figures and our own labels: no free text, so no spreadsheet-formula escaping needed.
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Month"), _("Value"), _("Status"), "n"])
    for snap in snaps:
        unknown = snap.waarde is None or snap.status == Status.ONBEKEND
        waarde = "" if snap.waarde is None else floatformat(snap.waarde, -1)  # as the table: "12,5"
        status = _("No judgement") if unknown else snap.get_status_display()
        writer.writerow([snap.periode.strftime("%Y-%m"), waarde, status, snap.n])
    return response


def _plan_page(request, plan, *, what_if_data, save_form=None):
    per_indicator: dict[str, list] = {ind.value: [] for ind in Indicator}
    for snap in plan.indicator_snapshots.all():
        per_indicator[snap.indicator].append(snap)
    doelen = selectors.plan_doelen(plan=plan)
    resultaten = per_indicator[Indicator.RESULTATEN]
    wat_als = _what_if(
        plan=plan,
        resultaten=resultaten[-1] if resultaten else None,
        doelen=doelen,
        data=what_if_data,
        save_form=save_form,
    )
    if request.htmx and request.htmx.target == WHAT_IF_SECTION:
        return render(request, "dashboard/_scenario.html", {"plan": plan, "wat_als": wat_als})
    begin = plan.startdatum
    secties = []
    for ind in Indicator:
        snaps = _own_period(per_indicator[ind.value], start=plan.startdatum)
        chart_id = f"chart-{ind.value}"
        laatste = snaps[-1] if snaps else None
        status = laatste.status if laatste and laatste.waarde is not None else Status.ONBEKEND
        secties.append(
            {
                "indicator": ind,
                "vraag": INDICATOR_QUESTIONS[ind],
                "laatste": laatste,
                "status": status,
                "status_label": uitleg.badge_label(status),
                "badge": STATUS_BADGE[status],
                "zin": uitleg.figuur(
                    ind.value,
                    waarde=laatste.waarde if laatste else None,
                    n=laatste.n if laatste else 0,
                    details=laatste.details if laatste else {},
                    periode=laatste.periode if laatste else None,
                ),
                "reden": uitleg.reden(ind.value, status=status, details=laatste.details) if laatste else "",
                # The civil servants' pulse beside "Sturen we goed bij?", only from MIN_RESPONSES answers.
                "puls": uitleg.puls_zin(laatste.details if laatste else {}) if ind == Indicator.STURING else "",
                "snaps": snaps,
                "recent": (recent := _recent_months(snaps)),
                "ingekort": len(recent) < len(snaps),
                "chart_id": chart_id,
                "figuur": charts.trend_figure(
                    titel=str(ind.label),
                    perioden=[s.periode.strftime("%Y-%m") for s in snaps],
                    waarden=[s.waarde for s in snaps],
                    eenheid=str(charts.EENHEID[ind]),
                    x_titel=_("month"),
                    lijnen=charts.doel_lijnen(
                        ind.value,
                        perioden=[s.periode for s in snaps],
                        details=[s.details for s in snaps],
                        doelen=doelen,
                        begin=begin or (snaps[0].periode if snaps else timezone.localdate()),
                    ),
                ),
            }
        )
    tussendoelen = resultaten[-1].details.get("tussendoelen", []) if resultaten else []
    vandaag = timezone.localdate()
    actueel = {ind: (snaps[-1] if snaps else None) for ind, snaps in per_indicator.items()}
    sturing = actueel.get(Indicator.STURING)
    context = {
        "plan": plan,
        "secties": secties,
        "tussendoelen": tussendoelen,
        "fasen": sorted(plan.fasen.all(), key=lambda f: (f.startdatum, f.volgorde)),
        "route": selectors.plan_route(plan=plan, vandaag=timezone.localdate()),
        "besluiten": [_besluit(b, actueel=actueel, vandaag=vandaag) for b in plan.raadsbesluiten.all()],
        "stuuracties": selectors.plan_stuuracties(plan_id=plan.id, vandaag=vandaag),
        "opvolging_zin": uitleg.opvolging_zin(sturing.details if sturing else {}),
        "acties_zin": uitleg.acties_zin(sturing.details if sturing else {}),
        "watermark": getattr(plan, "watermark", None),
        "wat_als": wat_als,
    }
    return render(request, "dashboard/plan_detail.html", context)


def _besluit(besluit, *, actueel: dict, vandaag) -> dict:
    """A decision on the plan page: the actions it asks for, and the figures it was taken on
    beside today's."""
    vergelijking = [
        {
            "label": r.label,
            "toen": uitleg.waarde_met_status(r.toen_waarde, r.toen_status),
            "toen_periode": r.toen_periode,
            "nu": uitleg.waarde_met_status(r.nu_waarde, r.nu_status),
        }
        for r in selectors.besluit_vergelijking(snapshot=besluit.snapshot, actueel=actueel)
    ]
    return {
        "besluit": besluit,
        "acties": selectors.besluit_stuuracties(besluit=besluit, vandaag=vandaag),
        "vergelijking": vergelijking,
    }


# --- Wat als? Scenarios on the plan page ----------------------------------------------------

WHAT_IF_SECTION = "wat-als"  # the section's id: the htmx target and the links' fragment


def _what_if_query(what_if: scenario.WhatIf) -> str:
    """The what-if as the GET form's query string (a saved scenario's link fills the form)."""
    params = {
        "warmtenet_woningen": what_if.warmtenet_woningen,
        "warmtenet_vanaf": what_if.warmtenet_vanaf.strftime("%Y-%m") if what_if.warmtenet_vanaf else "",
        "uitstel_maanden": what_if.uitstel_maanden,
        "tempo_pct": what_if.tempo_pct,
    }
    return urlencode(params)


def _what_if_url(plan_id: int, what_if: scenario.WhatIf) -> str:
    url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan_id})
    return f"{url}?{_what_if_query(what_if)}#{WHAT_IF_SECTION}"


def _saved_what_if(s) -> scenario.WhatIf:
    return scenario.WhatIf(
        warmtenet_woningen=s.warmtenet_woningen,
        warmtenet_vanaf=s.warmtenet_vanaf if s.warmtenet_woningen else None,
        uitstel_maanden=s.uitstel_maanden,
        tempo_pct=s.tempo_pct,
    )


def _per_jaar(maanden: list, huidig: list, anders: list) -> list[tuple]:
    """The chart's table: per year the count at its last month in the chart."""
    rijen: dict[int, tuple] = {}
    for m, a, b in zip(maanden, huidig, anders, strict=True):
        rijen[m.year] = (m, a, b)
    return list(rijen.values())


def _what_if(*, plan, resultaten, doelen, data, save_form=None) -> dict:
    """The "Wat als?" section: the form (bound when the query holds one of its fields), the
    current projection and, for a valid what-if, the scenario's with its tussendoelen, chart
    and table, the save form, and the plan's saved scenarios. Nothing is written."""
    baseline = selectors.scenario_baseline(plan=plan, resultaten=resultaten, doelen=doelen)
    woningen = baseline.woningen if baseline else None
    bound = any(name in data for name in WHAT_IF_FIELDS)
    form = WhatIfForm(data if bound else None, woningen=woningen)
    what_if = form.what_if if bound and form.is_valid() else None
    saved = []
    for s in selectors.plan_scenarios(plan_id=plan.id):
        try:
            saved_what_if = _saved_what_if(s)
        except ValueError:  # a row the constraints let through but the projection refuses
            continue
        saved.append({"scenario": s, "url": _what_if_url(plan.id, saved_what_if), "actief": saved_what_if == what_if})
    context = {
        "section": WHAT_IF_SECTION,
        "form": form,
        "baseline": baseline,
        "opgeslagen": saved,
        "actief": next((s["scenario"] for s in saved if s["actief"]), None),
        "save_form": save_form,  # a refused save: its name and messages, also when the what-if is bad
    }
    if baseline is None:
        return context
    huidig = scenario.project(baseline)
    context["huidig"] = huidig
    if what_if is None:
        return context
    anders = scenario.project(baseline, what_if)
    figuur = charts.scenario_figure(
        huidig=huidig,
        scenario=anders,
        woningen=baseline.woningen,
        doeljaar=baseline.doeljaar,
        doelen=doelen,
        begin=plan.startdatum,
    )
    maanden = sorted({m for m, _n in huidig.reeks} | {m for m, _n in anders.reeks})
    context.update(
        {
            "scenario": anders,
            "what_if": what_if,
            "doelen": scenario.goals_side_by_side(huidig, anders),
            "figuur": figuur,
            "chart_id": "chart-scenario",
            "per_jaar": _per_jaar(maanden, figuur["data"][0]["y"], figuur["data"][1]["y"]),
            "save_form": save_form or ScenarioForm(initial=form.parameters(), woningen=woningen),
        }
    )
    return context


@access(AMBTENAAR)
def scenario_save(request, plan_id: int):
    """Save the what-if on the plan page under a name (POST). A GET goes to the page's what-if
    (its query); bad input renders the page again with the messages and the values kept."""
    if request.method != "POST":  # the what-if of the query, else the current one (neutral)
        url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan_id})
        query = request.GET.urlencode() or _what_if_query(scenario.NEUTRAL)
        return redirect(f"{url}?{query}#{WHAT_IF_SECTION}")
    plan = selectors.dashboard_plan(plan_id=plan_id)
    if plan is None:
        raise Http404
    resultaten = [s for s in plan.indicator_snapshots.all() if s.indicator == Indicator.RESULTATEN]
    woningen = (resultaten[-1].details or {}).get("woningen") if resultaten else None
    form = ScenarioForm(request.POST, woningen=woningen)
    if form.is_valid():
        try:
            saved = services.scenario_opslaan(
                plan_id=plan.id, naam=form.cleaned_data["naam"], door=request.user, **form.parameters()
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _('The scenario "%(naam)s" was saved.') % {"naam": saved.naam})
            return redirect(_what_if_url(plan.id, _saved_what_if(saved)))
    return _plan_page(request, plan, what_if_data=request.POST, save_form=form)


@access(AMBTENAAR)
def scenario_delete(request, scenario_id: int):
    """Confirmation page (GET) and the deletion (POST) of a saved scenario."""
    obj = selectors.scenario_get(scenario_id=scenario_id)
    if obj is None:
        raise Http404
    if request.method == "POST":
        try:
            plan_id = services.scenario_verwijderen(scenario_id=obj.id, door=request.user)
        except ValidationError as exc:
            raise Http404 from exc
        messages.success(request, _('The scenario "%(naam)s" was deleted.') % {"naam": obj.naam})
        url = reverse("dashboard:plan_detail", kwargs={"plan_id": plan_id})
        return redirect(f"{url}#{WHAT_IF_SECTION}")
    return render(request, "dashboard/scenario_delete.html", {"scenario": obj, "plan": obj.plan})
