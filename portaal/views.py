"""Pages that combine apps: the plan document and its PDF, the public page of a neighbourhood.

Each app is read through its selectors (docs/architecture.md, "Where shared things live");
the apps below keep their own editing pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import INTERNAL_READ, PUBLIC, access
from participatie import selectors as participatie_selectors
from wup import selectors as wup_selectors
from wup import services as wup_services

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


@access(PUBLIC)
def publiek(request, plan_pk):
    try:
        plan = participatie_selectors.plan_get(pk=plan_pk)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc
    # A draft's content (title, wijk, target year) stays internal; the page exists in every
    # status, so a link handed out early keeps working and says the plan is being prepared.
    context = {
        "plan": plan,
        "openbaar": wup_selectors.plan_is_openbaar(plan=plan),
        "status_uitleg": STATUS_UITLEG.get(plan.status, ""),
        "bijeenkomsten": participatie_selectors.bijeenkomsten_upcoming(plan=plan),
        "vragenlijst": participatie_selectors.open_vragenlijst_for_plan(plan=plan),
        # Passed here, not through core's context processor: only this page shows it.
        "gemeente_contact": getattr(settings, "GEMEENTE_CONTACT", ""),
    }
    return render(request, "portaal/publiek.html", context)
