"""Screens of the routekaart (route map): thin interfaces over the services and selectors.

One page per plan holds every section (like the kaders editor in `wup.views.kaders`): each section
lists its items and, for civil servants, an add form; edit, delete (after a confirmation
page), moving a forecast and completing have pages of their own. Council members read the
same page without any form (`INTERNAL_READ`); every write URL is `AMBTENAAR`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.constants import Role
from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, INTERNAL_READ, access, roles_of
from wup import selectors as wup_selectors
from wup import services as wup_services

from . import charts, selectors, services
from .forms import (
    AfrondenForm,
    AfspraakEditForm,
    AfspraakForm,
    FaseVoorstelFormSet,
    KoppelkansEditForm,
    KoppelkansForm,
    MijlpaalEditForm,
    MijlpaalForm,
    PartijForm,
    PrognoseForm,
    RoutekaartForm,
    VergunningEditForm,
    VergunningForm,
)
from .models import Afspraak, Koppelkans, Mijlpaal, Vergunning


def _apply(form, call):
    """Run a service; map its ValidationError onto the form's fields. None when refused."""
    try:
        return call()
    except ValidationError as exc:
        form_add_service_errors(form, exc)
        return None


def _plan_or_404(request, pk: int):
    return get_object_or_404(wup_selectors.plans_visible_for(user=request.user).select_related("wijk"), pk=pk)


def _page_url(plan, anchor: str = "") -> str:
    return reverse("routekaart:routekaart", kwargs={"pk": plan.pk}) + (f"#{anchor}" if anchor else "")


# --- The sections: one entry per kind of item ---------------------------------------------


@dataclass(frozen=True)
class Soort:
    titel: object
    naam: object  # the item's name in messages ("partij", "mijlpaal", ...)
    form: type
    edit_form: type
    items: Callable  # plan -> queryset the item is looked up in
    create: Callable  # (plan, data, user) -> item
    update: Callable  # (item, data) -> item
    delete: Callable  # item -> None


def _partij_queryset(plan):
    return wup_selectors.plan_partijen(plan=plan)


SOORTEN: dict[str, Soort] = {
    "partij": Soort(
        gettext_lazy("Parties"),
        gettext_lazy("party"),
        PartijForm,
        PartijForm,
        _partij_queryset,
        lambda plan, data, user: wup_services.partij_create(plan=plan, **data),
        lambda item, data: wup_services.partij_update(partij=item, **data),
        lambda item: wup_services.partij_delete(partij=item),
    ),
    "mijlpaal": Soort(
        gettext_lazy("Milestones"),
        gettext_lazy("milestone"),
        MijlpaalForm,
        MijlpaalEditForm,
        lambda plan: Mijlpaal.objects.filter(plan=plan),
        lambda plan, data, user: services.mijlpaal_create(plan=plan, door=user, **data),
        lambda item, data: services.mijlpaal_update(mijlpaal=item, **data),
        lambda item: services.mijlpaal_delete(mijlpaal=item),
    ),
    "afspraak": Soort(
        gettext_lazy("Agreements"),
        gettext_lazy("agreement"),
        AfspraakForm,
        AfspraakEditForm,
        lambda plan: Afspraak.objects.filter(plan=plan),
        lambda plan, data, user: services.afspraak_create(plan=plan, door=user, **data),
        lambda item, data: services.afspraak_update(afspraak=item, **data),
        lambda item: services.afspraak_delete(afspraak=item),
    ),
    "koppelkans": Soort(
        gettext_lazy("Coupling opportunities"),
        gettext_lazy("coupling opportunity"),
        KoppelkansForm,
        KoppelkansEditForm,
        lambda plan: Koppelkans.objects.filter(plan=plan),
        lambda plan, data, user: services.koppelkans_create(plan=plan, **data),
        lambda item, data: services.koppelkans_update(koppelkans=item, **data),
        lambda item: services.koppelkans_delete(koppelkans=item),
    ),
    "vergunning": Soort(
        gettext_lazy("Permits"),
        gettext_lazy("permit"),
        VergunningForm,
        VergunningEditForm,
        lambda plan: Vergunning.objects.filter(plan=plan),
        lambda plan, data, user: services.vergunning_create(plan=plan, **data),
        lambda item, data: services.vergunning_update(vergunning=item, **data),
        lambda item: services.vergunning_delete(vergunning=item),
    ),
}
# Milestones and agreements have a forecast that moves and an end that is recorded.
GEPLAND = ("mijlpaal", "afspraak")


def _soort_or_404(soort: str, allowed=None) -> Soort:
    if soort not in SOORTEN or (allowed is not None and soort not in allowed):
        raise Http404
    return SOORTEN[soort]


def _item_or_404(plan, soort: str, item_pk: int):
    return get_object_or_404(_soort_or_404(soort).items(plan), pk=item_pk)


def _add_form(plan, key: str, bound: tuple[str, object] | None):
    if bound and bound[0] == key:
        return bound[1]
    action = reverse("routekaart:item_add", kwargs={"pk": plan.pk, "soort": key})
    return SOORTEN[key].form(plan=plan, action=action, auto_id=f"id_{key}_%s")


def _routekaart_page(request, plan, bound: tuple[str, object] | None = None):
    vandaag = timezone.localdate()
    bewerken = Role.AMBTENAAR in roles_of(request)
    pagina = selectors.routekaart_pagina(plan=plan, fasen=wup_selectors.plan_fasen(plan=plan), vandaag=vandaag)
    pagina.partijen = list(wup_selectors.plan_partijen(plan=plan))
    context = {"plan": plan, "p": pagina, "vandaag": vandaag, "bewerken": bewerken, "forms": {}}
    if bewerken:
        if bound and bound[0] == "routekaart":
            context["routekaart_form"] = bound[1]
        else:
            context["routekaart_form"] = RoutekaartForm(
                instance=pagina.routekaart,
                plan=plan,
                action=reverse("routekaart:routekaart_opslaan", kwargs={"pk": plan.pk}),
                auto_id="id_routekaart_%s",
            )
        context["forms"] = {key: _add_form(plan, key, bound) for key in SOORTEN}
    return render(request, "routekaart/routekaart_detail.html", context)


@access(INTERNAL_READ)
def routekaart(request, pk: int):
    return _routekaart_page(request, _plan_or_404(request, pk))


@access(AMBTENAAR)
def routekaart_opslaan(request, pk: int):
    plan = _plan_or_404(request, pk)
    if request.method != "POST":
        return redirect(_page_url(plan))
    form = RoutekaartForm(request.POST, plan=plan, auto_id="id_routekaart_%s")
    if form.is_valid() and _apply(form, lambda: services.routekaart_opslaan(plan=plan, **form.cleaned_data)):
        messages.success(request, _("Saved: %(what)s.") % {"what": _("the municipality's role")})
        return redirect(_page_url(plan, "rol"))
    return _routekaart_page(request, plan, bound=("routekaart", form))


@access(AMBTENAAR)
def item_add(request, pk: int, soort: str):
    plan = _plan_or_404(request, pk)
    kind = _soort_or_404(soort)
    if request.method != "POST":
        return redirect(_page_url(plan, soort))
    action = reverse("routekaart:item_add", kwargs={"pk": plan.pk, "soort": soort})
    form = kind.form(request.POST, plan=plan, action=action, auto_id=f"id_{soort}_%s")
    if form.is_valid() and _apply(form, lambda: kind.create(plan, form.cleaned_data, request.user)):
        messages.success(request, _("Added: %(what)s.") % {"what": kind.naam})
        return redirect(_page_url(plan, soort))
    return _routekaart_page(request, plan, bound=(soort, form))


@access(AMBTENAAR)
def item_edit(request, pk: int, soort: str, item_pk: int):
    plan = _plan_or_404(request, pk)
    kind = _soort_or_404(soort)
    item = _item_or_404(plan, soort, item_pk)
    form = kind.edit_form(request.POST or None, instance=item, plan=plan, submit_label=gettext_lazy("Save"))
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: kind.update(item, form.cleaned_data)):
            messages.success(request, _("Saved: %(what)s.") % {"what": kind.naam})
            return redirect(_page_url(plan, soort))
    return render(
        request,
        "routekaart/item_form.html",
        {"plan": plan, "form": form, "kind": kind, "item": item, "back": _page_url(plan, soort)},
    )


@access(AMBTENAAR)
def item_delete(request, pk: int, soort: str, item_pk: int):
    """GET asks for confirmation; POST deletes (or shows why the service refused)."""
    plan = _plan_or_404(request, pk)
    kind = _soort_or_404(soort)
    item = _item_or_404(plan, soort, item_pk)
    error = None
    if request.method == "POST":
        try:
            kind.delete(item)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Deleted: %(what)s.") % {"what": kind.naam})
            return redirect(_page_url(plan, soort))
    return render(
        request,
        "routekaart/item_confirm_delete.html",
        {"plan": plan, "kind": kind, "item": item, "error": error, "back": _page_url(plan, soort)},
    )


@access(AMBTENAAR)
def prognose_verschuiven(request, pk: int, soort: str, item_pk: int):
    """Move the forecast of a milestone or an agreement, with the reason; shows its history."""
    plan = _plan_or_404(request, pk)
    kind = _soort_or_404(soort, GEPLAND)
    item = _item_or_404(plan, soort, item_pk)
    form = PrognoseForm(request.POST or None, initial={"prognose": item.prognose})
    if request.method == "POST" and form.is_valid():
        moved = _apply(
            form,
            lambda: (
                services.prognose_verplaatsen(
                    item=item,
                    prognose=form.cleaned_data["prognose"],
                    reden=form.cleaned_data["reden"],
                    door=request.user,
                )
                or "unchanged"
            ),
        )
        if moved:
            if moved == "unchanged":
                messages.info(request, _("The forecast already was this date; nothing changed."))
            else:
                messages.success(request, _("Forecast moved: %(what)s.") % {"what": item})
            return redirect(_page_url(plan, soort))
    return render(
        request,
        "routekaart/prognose_form.html",
        {
            "plan": plan,
            "kind": kind,
            "item": item,
            "form": form,
            "historie": selectors.verschuivingen_list(item=item),
            "back": _page_url(plan, soort),
        },
    )


@access(AMBTENAAR)
def afronden(request, pk: int, soort: str, item_pk: int):
    """Record a milestone as reached or missed, an agreement as kept or not kept."""
    plan = _plan_or_404(request, pk)
    kind = _soort_or_404(soort, GEPLAND)
    item = _item_or_404(plan, soort, item_pk)
    form = AfrondenForm(request.POST or None, soort=soort)
    if request.method == "POST" and form.is_valid():
        done = _apply(
            form,
            lambda: (
                services.afronden(
                    item=item,
                    uitkomst=form.cleaned_data["uitkomst"],
                    datum=form.cleaned_data["datum"],
                    door=request.user,
                )
                or "unchanged"
            ),
        )
        if done:
            messages.success(request, _("Recorded: %(what)s.") % {"what": item})
            return redirect(_page_url(plan, soort))
    return render(
        request,
        "routekaart/afronden_form.html",
        {"plan": plan, "kind": kind, "item": item, "form": form, "back": _page_url(plan, soort)},
    )


# --- Phases: the national process steps as a proposal -----------------------------------------


@access(AMBTENAAR)
def fasen_voorstel(request, pk: int):
    """A plan without phases: the national process steps, editable, confirmed in one go."""
    plan = _plan_or_404(request, pk)
    if wup_selectors.plan_fasen(plan=plan):
        messages.info(request, _("This plan already has phases. Edit those on the kaders page."))
        return redirect(_page_url(plan, "fasen"))
    formset = FaseVoorstelFormSet(request.POST or None, initial=services.fasen_voorstel(plan=plan), prefix="fase")
    if request.method == "POST" and formset.is_valid():
        rijen = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        fasen = [{k: v for k, v in rij.items() if k != "DELETE"} for rij in rijen]
        try:
            services.fasen_vastleggen(plan=plan, fasen=fasen, door=request.user)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages, renderer=formset.renderer)
        else:
            messages.success(request, _("The phases and their decision milestones are recorded."))
            return redirect(_page_url(plan, "fasen"))
    return render(
        request,
        "routekaart/fasen_voorstel.html",
        {"plan": plan, "formset": formset, "back": _page_url(plan, "fasen")},
    )


# --- Timeline and agreements matrix (read) --------------------------------------------------


@access(INTERNAL_READ)
def tijdlijn(request, pk: int):
    plan = _plan_or_404(request, pk)
    vandaag = timezone.localdate()
    data = selectors.tijdlijn(plan=plan, fasen=wup_selectors.plan_fasen(plan=plan), vandaag=vandaag)
    return render(
        request,
        "routekaart/tijdlijn.html",
        {"plan": plan, "t": data, "figuur": charts.tijdlijn_figure(data), "vandaag": vandaag},
    )


@access(INTERNAL_READ)
def afspraken_matrix(request, pk: int):
    plan = _plan_or_404(request, pk)
    vandaag = timezone.localdate()
    return render(
        request,
        "routekaart/afspraken_matrix.html",
        {"plan": plan, "afspraken": selectors.afspraken_matrix(plan=plan, vandaag=vandaag), "vandaag": vandaag},
    )
