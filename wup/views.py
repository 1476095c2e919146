"""Views of the `wup` app: thin interfaces over the services and selectors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, INTERNAL_READ, access

from . import selectors, services
from .constants import PlanStatus
from .forms import (
    AmbitieForm,
    CbsUploadForm,
    FaseForm,
    GasEinddatumBuurtForm,
    GebiedNaamForm,
    GelijkwaardigAlternatiefForm,
    GeometrieUploadForm,
    InvesteringForm,
    KernwaardeForm,
    MaatregelForm,
    NamenUploadForm,
    OverwogenAlternatiefForm,
    PlanFilterForm,
    PlanForm,
    PlanTransitionForm,
    PlanWgiwForm,
    TechniekKaderForm,
    TussendoelForm,
    WaarborgForm,
)
from .models import (
    Ambitie,
    Buurt,
    Fase,
    GasEinddatumBuurt,
    GelijkwaardigAlternatief,
    Investering,
    Kernwaarde,
    Maatregel,
    OverwogenAlternatief,
    Plan,
    TechniekKader,
    Tussendoel,
    Waarborg,
    Wijk,
)

PAGE_SIZE = 20
WGIW_CHECK_STATUSES = (PlanStatus.CONCEPT, PlanStatus.IN_CONSULTATIE)
CBS_SESSION_KEY = "wup_cbs_upload"


def _apply(form, call):
    """Run a service; map its ValidationError onto the form's fields. None when refused."""
    try:
        return call()
    except ValidationError as exc:
        form_add_service_errors(form, exc)
        return None


def _plan_or_404(request, pk: int) -> Plan:
    try:
        return selectors.plan_get(pk=pk, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


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
    form = PlanForm(request.POST or None, submit_label=gettext_lazy("Create plan"))
    if request.method == "POST" and form.is_valid():
        plan = _apply(form, lambda: services.plan_create(**form.cleaned_data))
        if plan:
            messages.success(request, _("The plan has been created."))
            return redirect("portaal:plan_document", pk=plan.pk)
    return render(request, "wup/plan_form.html", {"form": form, "plan": None})


@access(AMBTENAAR)
def plan_update(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
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


@access(INTERNAL_READ)
def plan_history(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_for(user=request.user), pk=pk)
    return render(request, "wup/plan_history.html", {"plan": plan, "entries": selectors.plan_history(plan=plan)})


# --- Kaders editor --------------------------------------------------------------------------


@dataclass(frozen=True)
class KaderSoort:
    model: type
    form: type
    create: object
    update: object
    delete: object
    kwarg: str
    related: str
    titel: str


KADER_SOORTEN = {
    "techniek": KaderSoort(
        TechniekKader,
        TechniekKaderForm,
        services.techniekkader_create,
        services.techniekkader_update,
        services.techniekkader_delete,
        "kader",
        "techniekkaders",
        gettext_lazy("Heating directions chosen or excluded"),
    ),
    "kernwaarde": KaderSoort(
        Kernwaarde,
        KernwaardeForm,
        services.kernwaarde_create,
        services.kernwaarde_update,
        services.kernwaarde_delete,
        "kernwaarde",
        "kernwaarden",
        gettext_lazy("Core values"),
    ),
    "ambitie": KaderSoort(
        Ambitie,
        AmbitieForm,
        services.ambitie_create,
        services.ambitie_update,
        services.ambitie_delete,
        "ambitie",
        "ambities",
        gettext_lazy("Shared ambitions"),
    ),
    "tussendoel": KaderSoort(
        Tussendoel,
        TussendoelForm,
        services.tussendoel_create,
        services.tussendoel_update,
        services.tussendoel_delete,
        "tussendoel",
        "tussendoelen",
        gettext_lazy("Interim goals"),
    ),
    "fase": KaderSoort(
        Fase,
        FaseForm,
        services.fase_create,
        services.fase_update,
        services.fase_delete,
        "fase",
        "fasen",
        gettext_lazy("Phases"),
    ),
}


# The Wgiw parts of an uitvoeringsplan, edited with the same machinery on their own page.
WGIW_SOORTEN = {
    "gaseinddatum": KaderSoort(
        GasEinddatumBuurt,
        GasEinddatumBuurtForm,
        services.gas_einddatum_buurt_create,
        services.gas_einddatum_buurt_update,
        services.gas_einddatum_buurt_delete,
        "gas_einddatum_buurt",
        "gas_einddata_buurt",
        gettext_lazy("End of the gas supply per buurt (when staggered)"),
    ),
    "maatregel": KaderSoort(
        Maatregel,
        MaatregelForm,
        services.maatregel_create,
        services.maatregel_update,
        services.maatregel_delete,
        "maatregel",
        "maatregelen",
        gettext_lazy("Physical measures"),
    ),
    "investering": KaderSoort(
        Investering,
        InvesteringForm,
        services.investering_create,
        services.investering_update,
        services.investering_delete,
        "investering",
        "investeringen",
        gettext_lazy("Investments per party"),
    ),
    "overwogen": KaderSoort(
        OverwogenAlternatief,
        OverwogenAlternatiefForm,
        services.overwogen_alternatief_create,
        services.overwogen_alternatief_update,
        services.overwogen_alternatief_delete,
        "overwogen_alternatief",
        "overwogen_alternatieven",
        gettext_lazy("Considered alternatives and their national cost"),
    ),
    "gelijkwaardig": KaderSoort(
        GelijkwaardigAlternatief,
        GelijkwaardigAlternatiefForm,
        services.gelijkwaardig_alternatief_create,
        services.gelijkwaardig_alternatief_update,
        services.gelijkwaardig_alternatief_delete,
        "gelijkwaardig_alternatief",
        "gelijkwaardige_alternatieven",
        gettext_lazy("Equivalent alternatives"),
    ),
    "waarborg": KaderSoort(
        Waarborg,
        WaarborgForm,
        services.waarborg_create,
        services.waarborg_update,
        services.waarborg_delete,
        "waarborg",
        "waarborgen",
        gettext_lazy("Safeguards"),
    ),
}


@dataclass(frozen=True)
class EditorPagina:
    """One page of the editor: its kinds of record, its URL names (per plan, municipality-wide
    or None) and its template."""

    soorten: dict
    urls: dict
    template: str
    titel: str
    gemeente_soorten: tuple[str, ...] = ()


# The municipality-wide kaders (plan None, from the Transitievisie Warmte) are edited with the
# same editor; tussendoelen and fasen only exist inside a plan, and so do the Wgiw parts.
GEMEENTE_SOORTEN = ("techniek", "kernwaarde", "ambitie")
PAGINAS = {
    "kaders": EditorPagina(
        soorten=KADER_SOORTEN,
        urls={
            "page": ("wup:plan_kaders", "wup:gemeente_kaders"),
            "add": ("wup:kader_add", "wup:gemeente_kader_add"),
            "edit": ("wup:kader_edit", "wup:gemeente_kader_edit"),
            "delete": ("wup:kader_delete", "wup:gemeente_kader_delete"),
        },
        template="wup/plan_kaders.html",
        titel=gettext_lazy("Kaders"),
        gemeente_soorten=GEMEENTE_SOORTEN,
    ),
    "wgiw": EditorPagina(
        soorten=WGIW_SOORTEN,
        urls={
            "page": ("wup:plan_wgiw", None),
            "add": ("wup:wgiw_add", None),
            "edit": ("wup:wgiw_edit", None),
            "delete": ("wup:wgiw_delete", None),
        },
        template="wup/plan_wgiw.html",
        titel=gettext_lazy("Implementation plan (Wgiw)"),
    ),
}


def _soorten(plan: Plan | None, pagina: str = "kaders") -> dict[str, KaderSoort]:
    page = PAGINAS[pagina]
    return page.soorten if plan is not None else {k: page.soorten[k] for k in page.gemeente_soorten}


def _soort_or_404(soort: str, plan: Plan | None, pagina: str = "kaders") -> KaderSoort:
    soorten = _soorten(plan, pagina)
    if soort not in soorten:
        raise Http404
    return soorten[soort]


def _kader_url(plan: Plan | None, action: str, anchor: str = "", pagina: str = "kaders", **kwargs) -> str:
    """URL of an editor page of a plan, or of the municipality-wide kaders when plan is None."""
    per_plan, gemeente = PAGINAS[pagina].urls[action]
    if plan is None:
        url = reverse(gemeente, kwargs=kwargs)
    else:
        url = reverse(per_plan, kwargs={"pk": plan.pk, **kwargs})
    return url + (f"#{anchor}" if anchor else "")


def _kader_items(plan: Plan | None, soort: KaderSoort):
    if plan is not None:
        return getattr(plan, soort.related).all()  # prefetched by selectors.plan_get
    return selectors.gemeente_kaders(model=soort.model)


def _kaders_page(
    request,
    plan: Plan | None,
    bound: tuple[str, object] | None = None,
    status: int = 200,
    pagina: str = "kaders",
    plan_form=None,
):
    sections = []
    for key, soort in _soorten(plan, pagina).items():
        action = _kader_url(plan, "add", pagina=pagina, soort=key)
        if bound and bound[0] == key:
            form = bound[1]
        else:
            form = soort.form(plan=plan, action=action, auto_id=f"id_{key}_%s")
        form.helper.form_action = action
        items = [
            {
                "obj": item,
                "edit": _kader_url(plan, "edit", pagina=pagina, soort=key, item_pk=item.pk),
                "delete": _kader_url(plan, "delete", pagina=pagina, soort=key, item_pk=item.pk),
            }
            for item in _kader_items(plan, soort)
        ]
        sections.append({"key": key, "titel": soort.titel, "items": items, "form": form})
    context = {"plan": plan, "sections": sections}
    if pagina == "wgiw":
        context["check"] = selectors.plan_wgiw_check(plan=plan)
        context["plan_form"] = plan_form or PlanWgiwForm(
            instance=plan, action=reverse("wup:plan_wgiw_update", kwargs={"pk": plan.pk}), auto_id="id_plan_%s"
        )
    return render(request, PAGINAS[pagina].template, context, status=status)


def _kader_add(request, plan: Plan | None, soort: str, pagina: str = "kaders"):
    kind = _soort_or_404(soort, plan, pagina)
    if request.method != "POST":
        return redirect(_kader_url(plan, "page", pagina=pagina))
    form = kind.form(request.POST, plan=plan, auto_id=f"id_{soort}_%s")
    if form.is_valid() and _apply(form, lambda: kind.create(plan=plan, **form.cleaned_data)):
        messages.success(request, _("Added: %(what)s.") % {"what": kind.model._meta.verbose_name})
        return redirect(_kader_url(plan, "page", anchor=soort, pagina=pagina))
    if plan is not None:
        plan = _plan_or_404(request, plan.pk)
    return _kaders_page(request, plan, bound=(soort, form), pagina=pagina)


def _kader_edit(request, plan: Plan | None, soort: str, item_pk: int, pagina: str = "kaders"):
    kind = _soort_or_404(soort, plan, pagina)
    item = get_object_or_404(kind.model, pk=item_pk, plan=plan)
    form = kind.form(request.POST or None, instance=item, plan=plan, submit_label=gettext_lazy("Save"))
    back = _kader_url(plan, "page", anchor=soort, pagina=pagina)
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: kind.update(**{kind.kwarg: item}, **form.cleaned_data)):
            messages.success(request, _("Saved: %(what)s.") % {"what": kind.model._meta.verbose_name})
            return redirect(back)
        item.refresh_from_db()
    return render(
        request,
        "wup/kader_form.html",
        {
            "plan": plan,
            "form": form,
            "kind": kind,
            "soort": soort,
            "back": back,
            "back_label": PAGINAS[pagina].titel,
        },
    )


def _kader_delete(request, plan: Plan | None, soort: str, item_pk: int, pagina: str = "kaders"):
    kind = _soort_or_404(soort, plan, pagina)
    if request.method == "POST":
        item = get_object_or_404(kind.model, pk=item_pk, plan=plan)
        if _delete(request, lambda: kind.delete(**{kind.kwarg: item})):
            messages.success(request, _("Deleted: %(what)s.") % {"what": kind.model._meta.verbose_name})
    return redirect(_kader_url(plan, "page", anchor=soort, pagina=pagina))


def _delete(request, call) -> bool:
    try:
        call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


@access(AMBTENAAR)
def plan_kaders(request, pk: int):
    return _kaders_page(request, _plan_or_404(request, pk))


@access(AMBTENAAR)
def kader_add(request, pk: int, soort: str):
    return _kader_add(request, get_object_or_404(Plan, pk=pk), soort)


@access(AMBTENAAR)
def kader_edit(request, pk: int, soort: str, item_pk: int):
    return _kader_edit(request, get_object_or_404(Plan, pk=pk), soort, item_pk)


@access(AMBTENAAR)
def kader_delete(request, pk: int, soort: str, item_pk: int):
    return _kader_delete(request, get_object_or_404(Plan, pk=pk), soort, item_pk)


# --- The Wgiw page of a plan: council members read, civil servants edit -----------------------


@access(INTERNAL_READ)
def plan_wgiw(request, pk: int):
    return _kaders_page(request, _plan_or_404(request, pk), pagina="wgiw")


@access(AMBTENAAR)
def plan_wgiw_update(request, pk: int):
    """The plan's own Wgiw fields; on an error the page comes back with the input kept."""
    plan = get_object_or_404(Plan, pk=pk)
    if request.method != "POST":
        return redirect("wup:plan_wgiw", pk=pk)
    action = reverse("wup:plan_wgiw_update", kwargs={"pk": pk})
    form = PlanWgiwForm(request.POST, instance=plan, action=action, auto_id="id_plan_%s")
    if form.is_valid() and _apply(form, lambda: services.plan_wgiw_update(plan=plan, **form.cleaned_data)):
        messages.success(request, _("The plan has been saved."))
        return redirect(reverse("wup:plan_wgiw", kwargs={"pk": pk}) + "#plan")
    return _kaders_page(request, _plan_or_404(request, pk), pagina="wgiw", plan_form=form)


@access(AMBTENAAR)
def wgiw_add(request, pk: int, soort: str):
    return _kader_add(request, get_object_or_404(Plan, pk=pk), soort, pagina="wgiw")


@access(AMBTENAAR)
def wgiw_edit(request, pk: int, soort: str, item_pk: int):
    return _kader_edit(request, get_object_or_404(Plan, pk=pk), soort, item_pk, pagina="wgiw")


@access(AMBTENAAR)
def wgiw_delete(request, pk: int, soort: str, item_pk: int):
    return _kader_delete(request, get_object_or_404(Plan, pk=pk), soort, item_pk, pagina="wgiw")


@access(INTERNAL_READ)
def gemeente_kaders(request):
    """Municipality-wide kaders (Transitievisie Warmte): council members read, civil servants edit."""
    return _kaders_page(request, None)


@access(AMBTENAAR)
def gemeente_kader_add(request, soort: str):
    return _kader_add(request, None, soort)


@access(AMBTENAAR)
def gemeente_kader_edit(request, soort: str, item_pk: int):
    return _kader_edit(request, None, soort, item_pk)


@access(AMBTENAAR)
def gemeente_kader_delete(request, soort: str, item_pk: int):
    return _kader_delete(request, None, soort, item_pk)


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
