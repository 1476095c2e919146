"""Views of the `dashboard` app: thin, every one declares its access policy."""

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
from logboek import services as logboek_services

from . import charts, csv_import, scenario, selectors, services, uitleg
from .constants import INDICATOR_QUESTIONS, STATUS_BADGE, Indicator, Status
from .forms import (
    WHAT_IF_FIELDS,
    CsvImportForm,
    GebeurtenisForm,
    IntrekkingForm,
    RaadsbesluitForm,
    ScenarioForm,
    StuuractieAfrondenForm,
    StuuractieForm,
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


@access(AMBTENAAR)
def event_create(request):
    """Log an event; `?plan=<id>` (the link from a plan's pages) preselects that plan."""
    plan_id = request.GET.get("plan", "")
    initial = {"plan": int(plan_id)} if plan_id.isdigit() else {}
    form = GebeurtenisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.gebeurtenis_record(
                plan_id=data["plan"].id,
                type=data["type"],
                datum=data["datum"],
                hoeveelheid=data["hoeveelheid"],
                payload=form.payload(),
                door=request.user,
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The event was logged. The dashboard updates within seconds."))
            return redirect("dashboard:plan_detail", plan_id=data["plan"].id)
    return render(request, "dashboard/gebeurtenis_create.html", {"form": form})


@access(AMBTENAAR)
def event_import(request):
    form = CsvImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result, job = services.events_import_start(content=form.cleaned_data["bestand"].read(), door=request.user)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            if job:
                return redirect("dashboard:import_status", job=job)
            if result.ok:
                messages.success(
                    request,
                    _("%(created)s events imported, %(duplicates)s already known.")
                    % {"created": result.created, "duplicates": result.duplicates},
                )
    return render(request, "dashboard/gebeurtenis_import.html", {"form": form, "result": result})


@access(AMBTENAAR)
def import_status(request, job: str):
    progress = csv_import.progress_get(job) or {"done": 0, "total": 0, "finished": False, "unknown": True}
    template = "dashboard/_import_progress.html" if request.htmx else "dashboard/import_status.html"
    return render(
        request,
        template,
        {"progress": progress, "job": job, "poll_url": reverse("dashboard:import_status", kwargs={"job": job})},
    )


@access(AMBTENAAR)
def raadsbesluit_create(request, plan_id: int):
    plan = selectors.dashboard_plan(plan_id=plan_id)
    if plan is None:
        raise Http404
    form = RaadsbesluitForm(request.POST or None, plan_id=plan.id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        acties = [a.id for a in data.pop("stuuracties", ())]
        try:
            services.raadsbesluit_record(plan_id=plan.id, door=request.user, stuuracties=acties, **data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The council decision was recorded."))
            return redirect("dashboard:plan_detail", plan_id=plan.id)
    return render(request, "dashboard/raadsbesluit_create.html", {"form": form, "plan": plan})


# --- Steering actions (stuuracties) ---------------------------------------------------------

STUURACTIES_SECTION = "stuuracties"  # the plan page's section id (the links' fragment)


def _plan_stuuracties_url(plan_id: int) -> str:
    return reverse("dashboard:plan_detail", kwargs={"plan_id": plan_id}) + f"#{STUURACTIES_SECTION}"


def _aanleiding_initial(plan, indicator: str | None) -> dict:
    """Arriving from an indicator (`?indicator=resultaten`): that indicator preselected and,
    when its latest figure is red or amber, that signal's month and status filled in."""
    if indicator not in Indicator.values:
        return {}
    initial = {"indicator": indicator}
    laatste = selectors.latest_snapshots(plan_ids=[plan.id], indicator=indicator, with_details=False)
    snap = laatste.get(plan.id, {}).get(indicator)
    if snap is not None and snap.waarde is not None and snap.status in (Status.UIT_KOERS, Status.AANDACHT):
        initial.update({"aanleiding_periode": snap.periode, "aanleiding_status": snap.status})
    return initial


@access(AMBTENAAR)
def stuuractie_create(request, plan_id: int):
    """Record a steering action; `?indicator=` preselects the indicator it answers."""
    plan = selectors.plan_with_watermark(plan_id=plan_id)
    if plan is None:
        raise Http404
    initial = _aanleiding_initial(plan, request.GET.get("indicator"))
    form = StuuractieForm(request.POST or None, plan=plan, initial=initial, submit_label=_("Record steering action"))
    if request.method == "POST" and form.is_valid():
        try:
            services.stuuractie_create(plan_id=plan.id, door=request.user, **form.service_data())
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The steering action was recorded."))
            return redirect(_plan_stuuracties_url(plan.id))
    return render(request, "dashboard/stuuractie_create.html", {"form": form, "plan": plan})


def _stuuractie_or_404(stuuractie_id: int):
    actie = selectors.stuuractie_get(stuuractie_id=stuuractie_id)
    if actie is None:
        raise Http404
    return actie


@access(AMBTENAAR)
def stuuractie_update(request, stuuractie_id: int):
    """Edit an open steering action (what, who, by when, indicator, signal)."""
    actie = _stuuractie_or_404(stuuractie_id)
    initial = {
        "wat": actie.wat,
        "wie": actie.wie,
        "wie_partij": actie.wie_partij_id,
        "uiterlijk": actie.uiterlijk,
        "indicator": actie.indicator,
        "aanleiding_periode": actie.aanleiding_periode,
        "aanleiding_status": actie.aanleiding_status,
    }
    form = StuuractieForm(
        request.POST or None,
        plan=actie.plan,
        initial=initial,
        submit_label=_("Save changes"),
        min_uiterlijk=min(actie.uiterlijk, timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stuuractie_update(stuuractie_id=actie.id, door=request.user, **form.service_data())
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The steering action was saved."))
            return redirect(_plan_stuuracties_url(actie.plan_id))
    return render(request, "dashboard/stuuractie_update.html", {"form": form, "actie": actie, "plan": actie.plan})


@access(AMBTENAAR)
def stuuractie_done(request, stuuractie_id: int):
    """Mark a steering action done, with the date and the outcome."""
    actie = _stuuractie_or_404(stuuractie_id)
    form = StuuractieAfrondenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stuuractie_mark_done(stuuractie_id=actie.id, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The steering action was marked done."))
            return redirect(_plan_stuuracties_url(actie.plan_id))
    return render(request, "dashboard/stuuractie_done.html", {"form": form, "actie": actie, "plan": actie.plan})


@access(AMBTENAAR)
def stuuractie_cancel(request, stuuractie_id: int):
    """Confirmation page (GET) and the cancellation (POST) of a steering action."""
    actie = _stuuractie_or_404(stuuractie_id)
    error = None
    if request.method == "POST":
        try:
            services.stuuractie_cancel(stuuractie_id=actie.id, door=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The steering action was cancelled."))
            return redirect(_plan_stuuracties_url(actie.plan_id))
    context = {"actie": actie, "plan": actie.plan, "error": error}
    return render(request, "dashboard/stuuractie_cancel.html", context, status=400 if error else 200)


# --- The event list of a plan, and withdrawing one event ---------------------------------


@access(INTERNAL_READ)
def plan_events(request, plan_id: int):
    """A plan's events, newest first, 50 a page; civil servants get a withdraw button each."""
    plan = selectors.plan_with_watermark(plan_id=plan_id)
    if plan is None:
        raise Http404
    page = selectors.plan_events_page(plan_id=plan.id, page=request.GET.get("pagina"))
    context = {"plan": plan, "page": page, "watermark": getattr(plan, "watermark", None)}
    return render(request, "dashboard/gebeurtenis_list.html", context)


@access(AMBTENAAR)
def event_withdraw(request, gebeurtenis_id: int):
    """Confirmation page (GET) and the withdrawal itself (POST, with the reason).

    A POST for an event that does not exist, a withdrawal, an event withdrawn before or
    without a reason shows the service's Dutch message and changes nothing.
    """
    event = selectors.gebeurtenis_get(gebeurtenis_id=gebeurtenis_id)
    if event is None and request.method != "POST":
        raise Http404
    # Bound on every POST, also an empty one: a POST without a reason must say so.
    form = IntrekkingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            logboek_services.gebeurtenis_intrekken(
                gebeurtenis_id=gebeurtenis_id, reden=form.cleaned_data["reden"], door=request.user
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The event was withdrawn. The dashboard updates within seconds."))
            return redirect("dashboard:plan_events", plan_id=event.plan_id)
    elif request.method == "POST" and event is None:
        form.add_error(None, _("This event does not exist."))
    context = {
        "form": form,
        "event": event,
        "can_withdraw": event is not None and selectors.withdrawable(type=event.type, withdrawn=event.is_withdrawn),
    }
    return render(request, "dashboard/gebeurtenis_intrekken.html", context, status=404 if event is None else 200)
