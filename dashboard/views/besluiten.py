"""Council decisions: record one (with the steering actions it asks for)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, access

from .. import selectors, services
from ..forms import (
    RaadsbesluitForm,
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
