"""Pages that combine apps: the plan document and its PDF, the public page of a neighbourhood,
the calendar feeds (public, and for the plan's parties behind a token link).

Each app is read through its selectors (docs/architecture.md, "Where shared things live");
the apps below keep their own editing pages.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
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

from . import document, selectors, services
from .agenda import kalender
from .forms import AgendaTokenForm

# --- The plan document (civil servants and council members) -------------------------------


def _plan_or_404(request, pk: int):
    try:
        return wup_selectors.plan_get(pk=pk, user=request.user)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc


def _versie_or_404(plan, nummer: int):
    versie = wup_selectors.plan_versie_get(plan=plan, nummer=nummer)
    if versie is None:
        raise Http404
    return versie


def _pdf_response(pdf: bytes, *, plan, naam: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wup-{slugify(plan.titel) or plan.pk}{naam}.pdf"'
    return response


def _document_page(request, plan, *, versie, actueel: bool):
    """One page for every reading of the plan document: an adopted version (frozen sections)
    or the plan as it is now (the draft, or the open change proposal)."""
    vandaag = timezone.localdate()
    secties = document.document_secties(plan=plan, vandaag=vandaag) if actueel else document.secties_uit_versie(versie)
    context = {
        "plan": plan,
        "secties": secties,
        "versie": versie,  # the version shown, or the newest adopted one beside the draft
        "actueel": actueel,
        "versies": wup_selectors.plan_versies(plan=plan),
        "transitions": wup_services.plan_allowed_transitions(plan=plan),
    }
    return render(request, "portaal/plan_document.html", context)


@access(INTERNAL_READ)
def plan_document(request, pk: int):
    """The adopted version when there is one (what the council decided), else the draft;
    `?weergave=actueel` shows the plan as it is now beside an adopted version."""
    plan = _plan_or_404(request, pk)
    versie = wup_selectors.plan_versie_get(plan=plan)
    actueel = versie is None or request.GET.get("weergave") == "actueel"
    return _document_page(request, plan, versie=versie, actueel=actueel)


@access(INTERNAL_READ)
def plan_versie(request, pk: int, nummer: int):
    plan = _plan_or_404(request, pk)
    return _document_page(request, plan, versie=_versie_or_404(plan, nummer), actueel=False)


@access(INTERNAL_READ)
def plan_vergelijken(request, pk: int):
    """The plan as it is now against its newest adopted version (or `?versie=N`), per section."""
    plan = _plan_or_404(request, pk)
    nummer = request.GET.get("versie")
    versie = wup_selectors.plan_versie_get(plan=plan, nummer=int(nummer) if (nummer or "").isdigit() else None)
    if versie is None:
        if nummer:
            raise Http404
        messages.info(request, _("This plan has no adopted version yet: there is nothing to compare with."))
        return redirect("portaal:plan_document", pk=plan.pk)
    verschillen = document.secties_vergelijken(
        document.secties_uit_versie(versie), document.document_secties(plan=plan, vandaag=timezone.localdate())
    )
    return render(
        request,
        "portaal/plan_vergelijken.html",
        {
            "plan": plan,
            "versie": versie,
            "versies": wup_selectors.plan_versies(plan=plan),
            "verschillen": verschillen,
            "n_gewijzigd": sum(v.gewijzigd for v in verschillen),
        },
    )


@access(INTERNAL_READ)
def plan_pdf(request, pk: int):
    """The plan as it is now, as PDF (a draft: its footer says it is not adopted)."""
    plan = _plan_or_404(request, pk)
    secties = document.document_secties(plan=plan, vandaag=timezone.localdate())
    pdf = document.pdf_render(
        plan=plan, secties=secties, kenmerk=document.concept_kenmerk(vandaag=timezone.localdate())
    )
    return _pdf_response(pdf, plan=plan, naam="-concept")


@access(INTERNAL_READ)
def plan_versie_pdf(request, pk: int, nummer: int):
    """The PDF exactly as it was adopted (stored bytes, never re-rendered)."""
    plan = _plan_or_404(request, pk)
    gevonden = wup_selectors.plan_versie_pdf(plan=plan, nummer=nummer)
    if gevonden is None:
        raise Http404
    return _pdf_response(gevonden[1], plan=plan, naam=f"-versie-{nummer}")


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


@access(PUBLIC)
def publiek_pdf(request, plan_pk: int):
    """The adopted plan for residents: the newest adopted version's PDF, exactly as adopted."""
    plan = _public_plan_or_404(plan_pk)
    gevonden = wup_selectors.plan_versie_pdf(plan=plan)
    if gevonden is None:
        raise Http404
    versie, pdf = gevonden
    response = _pdf_response(pdf, plan=plan, naam=f"-versie-{versie.nummer}")
    response["Cache-Control"] = "public, max-age=900"
    return response


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
