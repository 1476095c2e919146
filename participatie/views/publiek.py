"""Public page per plan: where the process stands, upcoming meetings, the open survey. No login."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.permissions import PUBLIC, access

from .. import selectors

# Plan status in plain language for residents (English msgids; the Dutch is in locale/nl).
STATUS_UITLEG = {
    "concept": _("The municipality is working on a first version of the plan for your neighbourhood."),
    "in_consultatie": _("The plan is out for consultation: residents and other parties can respond now."),
    "vastgesteld": _("The municipal council has adopted the plan. Preparation of the implementation is starting."),
    "in_uitvoering": _("The plan is being carried out: something is really happening in your neighbourhood now."),
    "afgerond": _("The plan is finished."),
    "gestopt": _("The plan has been stopped. The municipality will let you know what happens now."),
}


@access(PUBLIC)
def publiek(request, plan_pk):
    try:
        plan = selectors.plan_get(pk=plan_pk)
    except Exception as exc:  # noqa: BLE001 - DoesNotExist of wup's model, read through its selector
        raise Http404 from exc
    context = {
        "plan": plan,
        "status_uitleg": STATUS_UITLEG.get(plan.status, ""),
        "bijeenkomsten": selectors.bijeenkomsten_upcoming(plan=plan),
        "vragenlijst": selectors.open_vragenlijst_for_plan(plan=plan),
        # Passed here, not through core's context processor: only this page shows it.
        "gemeente_contact": getattr(settings, "GEMEENTE_CONTACT", ""),
    }
    return render(request, "participatie/publiek.html", context)
