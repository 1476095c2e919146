"""Steering actions: record, edit, mark done, cancel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, access

from .. import selectors, services
from ..constants import Indicator, Status
from ..forms import (
    StuuractieAfrondenForm,
    StuuractieForm,
)

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
