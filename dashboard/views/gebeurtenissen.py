"""Events: log one, import a CSV (and its progress), a plan's event list, withdraw one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, INTERNAL_READ, access
from logboek import services as logboek_services

from .. import csv_import, selectors, services
from ..forms import (
    CsvImportForm,
    GebeurtenisForm,
    IntrekkingForm,
)


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
