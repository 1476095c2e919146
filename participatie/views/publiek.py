"""Public page per plan: where the process stands, upcoming meetings, the open survey. No login."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from core.permissions import PUBLIC, access

from .. import selectors

# Plan status in plain Dutch for residents (resident-facing copy, written directly).
STATUS_UITLEG = {
    "concept": "De gemeente werkt aan een eerste versie van het plan voor uw buurt.",
    "in_consultatie": "Het plan ligt voor: bewoners en andere partijen kunnen nu reageren.",
    "vastgesteld": "De gemeenteraad heeft het plan vastgesteld. De voorbereiding van de uitvoering begint.",
    "in_uitvoering": "Het plan wordt uitgevoerd: er gebeurt nu echt iets in uw buurt.",
    "afgerond": "Het plan is klaar.",
    "gestopt": "Het plan is gestopt. De gemeente laat weten wat er nu gebeurt.",
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
    }
    return render(request, "participatie/publiek.html", context)
