"""Plans: the list, create, edit, status transitions and history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import AMBTENAAR, INTERNAL_READ, access

from .. import selectors, services
from ..forms import (
    PlanFilterForm,
    PlanForm,
    PlanTransitionForm,
    WijzigingVaststellenForm,
)
from ..models import (
    Plan,
)
from ._gedeeld import PAGE_SIZE, WGIW_CHECK_STATUSES, _apply, _plan_or_404

# --- Plans -------------------------------------------------------------------------------


@access(INTERNAL_READ)
def plan_list(request):
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plan_list(
        user=request.user,
        zoek=filters.get("q") or "",
        wijk=filters.get("wijk"),
        status=filters.get("status") or "",
        techniekrichting=filters.get("techniekrichting") or "",
        focus=filters.get("focus") or "",
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "wup/plan_list.html",
        {"form": form, "page": page, "plans": page.object_list, "query": query.urlencode()},
    )


@access(AMBTENAAR)
def plan_create(request):
    form = PlanForm(request.POST or None, submit_label=gettext_lazy("Create plan"), wijk=request.GET.get("wijk"))
    if request.method == "POST" and form.is_valid():
        plan = _apply(form, lambda: services.plan_create(**form.cleaned_data))
        if plan:
            messages.success(request, _("The plan has been created."))
            return redirect("portaal:plan_document", pk=plan.pk)
    return render(request, "wup/plan_form.html", {"form": form, "plan": None})


@access(AMBTENAAR)
def plan_update(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanForm(request.POST or None, instance=plan, wijk=request.GET.get("wijk"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        buurten = data.pop("buurten")
        if _apply(form, lambda: services.plan_update(plan=plan, buurten=buurten, **data)):
            messages.success(request, _("The plan has been saved."))
            return redirect("portaal:plan_document", pk=plan.pk)
    return render(request, "wup/plan_form.html", {"form": form, "plan": plan})


@access(AMBTENAAR)
def plan_transition(request, pk: int):
    plan = _plan_or_404(request, pk)
    form = PlanTransitionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _apply(
            form,
            lambda: services.plan_transition(
                plan=plan,
                naar=data["naar"],
                door=request.user,
                vastgesteld_op=data["vastgesteld_op"],
                raadsbesluit_kenmerk=data["raadsbesluit_kenmerk"],
                toelichting=data["toelichting"],
            ),
        )
        if done:
            messages.success(request, _("The status is now: %(status)s.") % {"status": done.get_status_display()})
            return redirect("portaal:plan_document", pk=plan.pk)
    # The Wgiw check before adoption is asked for: only while adoption is still ahead.
    check = selectors.plan_wgiw_check(plan=plan) if plan.status in WGIW_CHECK_STATUSES else None
    return render(request, "wup/plan_transition.html", {"form": form, "plan": plan, "check": check})


@access(AMBTENAAR)
def plan_wijzigingsvoorstel(request, pk: int):
    """Confirm, then open a change proposal on an adopted plan."""
    plan = _plan_or_404(request, pk)
    if request.method == "POST":
        try:
            services.wijzigingsvoorstel_starten(plan=plan, door=request.user)
        except ValidationError as exc:
            for fout in exc.messages:
                messages.error(request, fout)
        else:
            messages.success(
                request,
                _(
                    "The change proposal is open: edit the plan; the adopted version stays in force until the council adopts the change."
                ),
            )
        return redirect("portaal:plan_document", pk=plan.pk)
    return render(request, "wup/plan_wijzigingsvoorstel.html", {"plan": plan})


@access(AMBTENAAR)
def plan_wijziging_vaststellen(request, pk: int):
    """Record that the council adopted the open change proposal."""
    plan = _plan_or_404(request, pk)
    if plan.wijzigingsvoorstel_sinds is None:
        messages.error(request, _("This plan has no open change proposal to adopt."))
        return redirect("portaal:plan_document", pk=plan.pk)
    form = WijzigingVaststellenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _apply(
            form,
            lambda: services.wijziging_vaststellen(
                plan=plan,
                door=request.user,
                vastgesteld_op=data["vastgesteld_op"],
                raadsbesluit_kenmerk=data["raadsbesluit_kenmerk"],
            ),
        )
        if done:
            messages.success(request, _("The adopted change is recorded as a new version."))
            return redirect("portaal:plan_document", pk=plan.pk)
    check = selectors.plan_wgiw_check(plan=plan)
    return render(request, "wup/plan_wijziging_vaststellen.html", {"form": form, "plan": plan, "check": check})


@access(INTERNAL_READ)
def plan_history(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_for(user=request.user), pk=pk)
    return render(request, "wup/plan_history.html", {"plan": plan, "entries": selectors.plan_history(plan=plan)})
