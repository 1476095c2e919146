"""The kaders editor (per plan and municipality-wide) and the plan's Wgiw page, one editor driven by a page key."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import AMBTENAAR, INTERNAL_READ, access

from .. import selectors, services
from ..forms import (
    AmbitieForm,
    FaseForm,
    GasEinddatumBuurtForm,
    GelijkwaardigAlternatiefForm,
    InvesteringForm,
    KernwaardeForm,
    MaatregelForm,
    OverwogenAlternatiefForm,
    PlanWgiwForm,
    TechniekKaderForm,
    TussendoelForm,
    WaarborgForm,
)
from ..models import (
    Ambitie,
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
)
from ._gedeeld import _apply, _plan_or_404

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
        # Each add button its own id and a name that says what it adds (issue 13: five
        # "Toevoegen" buttons shared one id and one accessible name).
        submit = form.helper.inputs[0]
        submit.id = f"submit-{key}"
        submit.value = capfirst(_("Add %(what)s") % {"what": soort.model._meta.verbose_name})
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
