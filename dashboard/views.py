"""Views of the `dashboard` app: thin, every one declares its access policy."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, INTERNAL_READ, access
from logboek import services as logboek_services

from . import charts, csv_import, selectors, services, uitleg
from .constants import INDICATOR_QUESTIONS, STATUS_BADGE, Indicator, Status
from .forms import CsvImportForm, GebeurtenisForm, IntrekkingForm, RaadsbesluitForm


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
    plan = selectors.dashboard_plan(plan_id=plan_id)
    if plan is None:
        raise Http404
    per_indicator: dict[str, list] = {ind.value: [] for ind in Indicator}
    for snap in plan.indicator_snapshots.all():
        per_indicator[snap.indicator].append(snap)
    doelen = selectors.plan_doelen(plan=plan)
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
    resultaten = per_indicator[Indicator.RESULTATEN]
    tussendoelen = resultaten[-1].details.get("tussendoelen", []) if resultaten else []
    context = {
        "plan": plan,
        "secties": secties,
        "tussendoelen": tussendoelen,
        "fasen": sorted(plan.fasen.all(), key=lambda f: (f.startdatum, f.volgorde)),
        "route": selectors.plan_route(plan=plan, vandaag=timezone.localdate()),
        "besluiten": list(plan.raadsbesluiten.all()),
        "watermark": getattr(plan, "watermark", None),
    }
    return render(request, "dashboard/plan_detail.html", context)


@access(AMBTENAAR)
def event_create(request):
    form = GebeurtenisForm(request.POST or None)
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
    form = RaadsbesluitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.raadsbesluit_record(plan_id=plan.id, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The council decision was recorded."))
            return redirect("dashboard:plan_detail", plan_id=plan.id)
    return render(request, "dashboard/raadsbesluit_create.html", {"form": form, "plan": plan})


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
