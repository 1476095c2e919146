"""Pages that combine apps: the plan document and its PDF, the public page of a neighbourhood,
the calendar feeds (public, and for the plan's parties behind a token link).

Each app is read through its selectors (docs/architecture.md, "Where shared things live");
the apps below keep their own editing pages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.logs import event
from core.permissions import AMBTENAAR, INTERNAL_READ, PUBLIC, TOKEN, access
from participatie import selectors as participatie_selectors
from wup import selectors as wup_selectors
from wup import services as wup_services

from . import selectors, services
from .agenda import kalender
from .forms import AgendaTokenForm

# --- The plan document (civil servants and council members) -------------------------------


def _plan_or_404(request, pk: int):
    try:
        return wup_selectors.plan_get(pk=pk, user=request.user)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc


@dataclass
class Feit:
    label: str
    waarde: object
    eenheid: str = ""


def _feiten(plan) -> list[Feit]:
    """Facts of the plan area (CBS); None stays None and the template shows 'unknown'."""
    wijk = plan.wijk
    if wijk is None:
        return []
    return [
        Feit(_("Inhabitants"), wijk.inwoners),
        Feit(_("Homes"), wijk.woningvoorraad),
        Feit(_("Owner-occupied homes"), wijk.pct_koopwoningen, "%"),
        Feit(_("Multi-family homes"), wijk.pct_meergezinswoningen, "%"),
        Feit(_("Built since 2000"), wijk.pct_bouwjaar_vanaf_2000, "%"),
        Feit(_("Mean gas use per home"), wijk.gem_aardgasverbruik_m3, "m³"),
    ]


def _document_context(plan) -> dict:
    kaders = list(plan.techniekkaders.all())
    return {
        "plan": plan,
        "gekozen": [k for k in kaders if k.soort == "gekozen"],
        "uitgesloten": [k for k in kaders if k.soort == "uitgesloten"],
        "feiten": _feiten(plan),
        "kaart": wup_selectors.plan_map(plan=plan),
        "transitions": wup_services.plan_allowed_transitions(plan=plan),
        "routekaart": selectors.routekaart_sectie(plan=plan, vandaag=timezone.localdate()),
    }


@access(INTERNAL_READ)
def plan_document(request, pk: int):
    plan = _plan_or_404(request, pk)
    return render(request, "portaal/plan_document.html", _document_context(plan))


@access(INTERNAL_READ)
def plan_pdf(request, pk: int):
    import weasyprint

    plan = _plan_or_404(request, pk)
    html = render_to_string("portaal/plan_pdf.html", _document_context(plan), request=request)
    css = [weasyprint.CSS(filename=finders.find(f"wup/css/{name}.css")) for name in ("plan_pdf", "plan_map")]
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(stylesheets=css)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wup-{slugify(plan.titel) or plan.pk}.pdf"'
    return response


# --- The public page of a neighbourhood (no login) -----------------------------------------

# Plan status in plain language for residents (English msgids; the Dutch is in locale/nl).
STATUS_UITLEG = {
    "concept": gettext_lazy("The municipality is working on a first version of the plan for your neighbourhood."),
    "in_consultatie": gettext_lazy("The plan is out for consultation: residents and other parties can respond now."),
    "vastgesteld": gettext_lazy(
        "The municipal council has adopted the plan. Preparation of the implementation is starting."
    ),
    "in_uitvoering": gettext_lazy(
        "The plan is being carried out: something is really happening in your neighbourhood now."
    ),
    "afgerond": gettext_lazy("The plan is finished."),
    "gestopt": gettext_lazy("The plan has been stopped. The municipality will let you know what happens now."),
}


def _public_plan_or_404(plan_pk: int):
    try:
        return participatie_selectors.plan_get(pk=plan_pk)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc


@access(PUBLIC)
def publiek(request, plan_pk):
    plan = _public_plan_or_404(plan_pk)
    # A draft's content (title, wijk, direction, target year, milestones) stays internal; the
    # page exists in every status, so a link handed out early keeps working and says the plan
    # is being prepared (portaal.selectors.publieke_pagina decides what is shown).
    context = {
        "plan": plan,
        "pagina": selectors.publieke_pagina(plan=plan, vandaag=timezone.localdate()),
        "status_uitleg": STATUS_UITLEG.get(plan.status, ""),
        # Passed here, not through core's context processor: only this page shows it.
        "gemeente_contact": getattr(settings, "GEMEENTE_CONTACT", ""),
    }
    return render(request, "portaal/publiek.html", context)


# --- Calendar feeds ---------------------------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
# token_urlsafe(32): 43 characters of A-Z a-z 0-9 - _ (a longer one is allowed for the future).
TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{32,128}$")


def _ics(feed: selectors.Feed, filename: str) -> HttpResponse:
    body = kalender(naam=feed.naam, items=feed.items, stamp=timezone.now())
    response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@access(PUBLIC)
def agenda_publiek(request, plan_pk: int):
    """The public page's agenda as an iCalendar feed (subscribe in any calendar app)."""
    plan = _public_plan_or_404(plan_pk)
    response = _ics(selectors.agenda_publiek(plan=plan, vandaag=timezone.localdate()), f"wijk-{plan.pk}.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response


@access(TOKEN)
def agenda_partijen(request, token: str):
    """The parties' feed. A wrong and a revoked token get the same bare 404; the token, which
    is in the path, is kept out of the logs (Django logs the path of every 404 it answers)."""
    agenda_token = selectors.agenda_token_get(token=token) if TOKEN_FORMAT.match(token) else None
    if agenda_token is None:
        event("portaal:agenda_partijen", result=404, level=logging.WARNING)
        response = HttpResponseNotFound(b"", content_type="text/plain")
        response._has_been_logged = True  # django.utils.log.log_response: do not log the path
        return response
    plan = agenda_token.plan
    response = _ics(selectors.agenda_partijen(plan=plan, vandaag=timezone.localdate()), f"routekaart-{plan.pk}.ics")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _ambtenaar_plan_or_404(request, pk: int):
    try:
        return wup_selectors.plans_visible_for(user=request.user).select_related("gemeente").get(pk=pk)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc


def _token_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("portaal:agenda_partijen", kwargs={"token": token}))


@access(AMBTENAAR)
def agenda_tokens(request, pk: int):
    """Calendar links for the plan's parties: create one (shown once), list, revoke."""
    plan = _ambtenaar_plan_or_404(request, pk)
    form = AgendaTokenForm(request.POST or None)
    nieuw = None
    if request.method == "POST" and form.is_valid():
        try:
            row, token = services.agenda_token_create(plan=plan, label=form.cleaned_data["label"], door=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            nieuw = {"token": row, "url": _token_url(request, token)}
            form = AgendaTokenForm()
    response = render(
        request,
        "portaal/agenda_tokens.html",
        {
            "plan": plan,
            "form": form,
            "nieuw": nieuw,
            "tokens": selectors.agenda_tokens_list(plan=plan),
            "publiek_url": request.build_absolute_uri(reverse("portaal:agenda_publiek", kwargs={"plan_pk": plan.pk})),
        },
    )
    # The new link is in this page only: no cache keeps it.
    response["Cache-Control"] = "no-store"
    return response


@access(AMBTENAAR)
def agenda_token_revoke(request, pk: int, token_pk: int):
    """Confirm, then revoke: the feed answers 404 from then on."""
    plan = _ambtenaar_plan_or_404(request, pk)
    agenda_token = selectors.agenda_token_for_plan(plan=plan, pk=token_pk)
    if agenda_token is None:
        raise Http404
    if request.method == "POST":
        if services.agenda_token_revoke(agenda_token=agenda_token, door=request.user):
            messages.success(request, _("The link “%(label)s” is revoked.") % {"label": agenda_token.label})
        return redirect("portaal:agenda_tokens", pk=plan.pk)
    return render(request, "portaal/agenda_token_revoke.html", {"plan": plan, "agenda_token": agenda_token})
