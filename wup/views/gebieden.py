"""Wijken and buurten: the CBS import, boundaries (GeoJSON) and names."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import AMBTENAAR, access

from .. import selectors, services
from ..forms import (
    CbsUploadForm,
    GebiedNaamForm,
    GeometrieUploadForm,
    NamenUploadForm,
)
from ..models import (
    Buurt,
    Wijk,
)
from ._gedeeld import CBS_SESSION_KEY, _apply

# --- CBS import in the browser ---------------------------------------------------------------


@access(AMBTENAAR)
def wijk_import(request):
    """Upload a CBS CSV: a dry run shows what would change; the file waits in the session."""
    form = CbsUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        content = upload.read()
        result = services.cbs_import(content=content, gemeentecode=settings.GEMEENTE_CODE, dry_run=True)
        if result.ok:
            text = content.decode("utf-8-sig")
            request.session[CBS_SESSION_KEY] = {
                "content": text,
                "naam": upload.name,
                "sha": hashlib.sha256(text.encode()).hexdigest(),
            }
        else:
            request.session.pop(CBS_SESSION_KEY, None)
    pending = request.session.get(CBS_SESSION_KEY) if result is not None and result.ok else None
    return render(
        request,
        "wup/wijk_import.html",
        {"form": form, "result": result, "pending": pending, "gemeentecode": settings.GEMEENTE_CODE},
    )


@access(AMBTENAAR)
def wijk_import_confirm(request):
    """Commit the previewed file: atomic, idempotent; nothing is saved when any row is bad."""
    if request.method != "POST":
        return redirect("wup:wijk_import")
    pending = request.session.get(CBS_SESSION_KEY)
    if not pending or pending.get("sha") != request.POST.get("sha"):
        messages.error(request, _("There is no previewed file to import. Upload it again."))
        return redirect("wup:wijk_import")
    result = services.cbs_import(content=pending["content"], gemeentecode=settings.GEMEENTE_CODE)
    request.session.pop(CBS_SESSION_KEY, None)
    if not result.ok:
        messages.error(request, _("Nothing was imported: the file has errors."))
        return redirect("wup:wijk_import")
    messages.success(
        request,
        _("Imported: %(bn)s new and %(bu)s updated buurten, %(wn)s new wijken.")
        % {"bn": result.buurten_new, "bu": result.buurten_updated, "wn": result.wijken_new},
    )
    return redirect("wup:wijk_import")


@access(AMBTENAAR)
def geometrie_import(request):
    """Upload wijk/buurt boundaries (GeoJSON): atomic, every bad feature listed, nothing saved then."""
    form = GeometrieUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.geometrie_import(content=form.cleaned_data["bestand"].read())
        if result.ok:
            messages.success(
                request,
                _("Boundaries imported: %(w)s wijken and %(b)s buurten updated, %(u)s unchanged.")
                % {"w": result.wijken_updated, "b": result.buurten_updated, "u": result.unchanged},
            )
            return redirect("wup:geometrie_import")
    return render(request, "wup/geometrie_import.html", {"form": form, "result": result})


# --- Names of wijken and buurten ---------------------------------------------------------------

GEBIED_PAGE_SIZE = 50


@access(AMBTENAAR)
def gebied_list(request):
    """Wijken with their buurten, to give them a name (CBS's figures have no wijk names)."""
    zoek = (request.GET.get("q") or "").strip()[:100]
    zonder_naam = request.GET.get("zonder_naam") == "1"
    wijken = selectors.wijken_met_buurten(zoek=zoek, zonder_naam=zonder_naam)
    page = Paginator(wijken, GEBIED_PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "zoek": zoek,
        "zonder_naam": zonder_naam,
        "naamloos": selectors.wijken_zonder_naam_count(),
        "upload": NamenUploadForm(action=reverse("wup:gebied_namen_import")),
        "query": urlencode({k: v for k, v in (("q", zoek), ("zonder_naam", "1" if zonder_naam else "")) if v}),
    }
    return render(request, "wup/gebied_list.html", context)


def _gebied_naam(request, area, update, *, verplicht: bool):
    form = GebiedNaamForm(request.POST or None, initial={"naam": area.naam}, verplicht=verplicht)
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: update(form.cleaned_data["naam"])):
            messages.success(request, _("Name saved: %(naam)s.") % {"naam": area})
            return redirect(reverse("wup:gebied_list") + "?" + urlencode({"q": area.code}))
        area.refresh_from_db()
    return render(request, "wup/gebied_naam.html", {"form": form, "area": area})


@access(AMBTENAAR)
def wijk_naam(request, pk: int):
    wijk = get_object_or_404(Wijk, pk=pk)
    return _gebied_naam(request, wijk, lambda naam: services.wijk_update_naam(wijk=wijk, naam=naam), verplicht=False)


@access(AMBTENAAR)
def buurt_naam(request, pk: int):
    buurt = get_object_or_404(Buurt, pk=pk)
    return _gebied_naam(request, buurt, lambda naam: services.buurt_update_naam(buurt=buurt, naam=naam), verplicht=True)


@access(AMBTENAAR)
def gebied_namen_import(request):
    """Names from a CSV of code and name: atomic, every bad row listed, nothing saved then."""
    form = NamenUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.gebied_namen_import(content=form.cleaned_data["bestand"].read())
        if result.ok:
            messages.success(
                request,
                _("Names imported: %(w)s wijken and %(b)s buurten renamed, %(u)s unchanged.")
                % {"w": result.wijken_updated, "b": result.buurten_updated, "u": result.unchanged},
            )
            return redirect("wup:gebied_list")
    return render(request, "wup/gebied_namen_import.html", {"form": form, "result": result})
