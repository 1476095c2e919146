"""Civil servants' pages: survey builder, invite codes, results, meetings (policy AMBTENAAR)."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.permissions import AMBTENAAR, access

from .. import charts, selectors, services
from ..constants import KEUZE_TYPES, Doelgroep, VragenlijstStatus
from ..exports import SafeWriter
from ..forms import (
    BijeenkomstForm,
    BijeenkomstGehoudenForm,
    CodesForm,
    NieuweVragenlijstForm,
    PulsrondeForm,
    VraagForm,
    VragenlijstForm,
)
from ..models import Bijeenkomst, Vraag, Vragenlijst


def _plan_or_404(plan_pk: int):
    try:
        return selectors.plan_get(pk=plan_pk)
    except ObjectDoesNotExist as exc:  # wup's Plan.DoesNotExist (its model is not imported here)
        raise Http404 from exc


@access(AMBTENAAR)
def overzicht(request):
    return render(request, "participatie/overzicht.html", {"plans": selectors.plans_with_participatie()})


@access(AMBTENAAR)
def vragenlijst_list(request, plan_pk):
    plan = _plan_or_404(plan_pk)
    form = NieuweVragenlijstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["basis"] == "sjabloon":
                kwargs = {"titel": data["titel"]} if data["titel"] else {}
                vragenlijst = services.vragenlijst_from_template(plan=plan, toegang=data["toegang"], **kwargs)
            else:
                vragenlijst = services.vragenlijst_create(
                    plan=plan, titel=data["titel"] or _("New survey"), toegang=data["toegang"]
                )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Survey created."))
            return redirect("participatie:vragenlijst_detail", pk=vragenlijst.pk)
    context = {
        "plan": plan,
        "vragenlijsten": selectors.vragenlijst_list(plan=plan),
        "bijeenkomsten": selectors.bijeenkomst_list(plan=plan),
        "form": form,
    }
    return render(request, "participatie/vragenlijst_list.html", context)


@access(AMBTENAAR)
def vragenlijst_detail(request, pk):
    vragenlijst = get_object_or_404(Vragenlijst.objects.select_related("plan"), pk=pk)
    form = VragenlijstForm(
        request.POST or None,
        initial={f: getattr(vragenlijst, f) for f in services.VRAGENLIJST_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vragenlijst_update(vragenlijst=vragenlijst, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("participatie:vragenlijst_detail", pk=pk)
    context = {
        "vragenlijst": vragenlijst,
        "vragen": selectors.vragen_for(vragenlijst=vragenlijst),
        "heeft_antwoorden": selectors.vragenlijst_has_responses(vragenlijst=vragenlijst),
        "n_responsen": vragenlijst.responsen.count(),
        "form": form,
        "link": request.build_absolute_uri(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug])),
        "statussen": VragenlijstStatus,
        "puls_vast": services.PULS_VAST,  # a pulse round's questions are fixed: no edit buttons
    }
    return render(request, "participatie/vragenlijst_detail.html", context)


@access(AMBTENAAR)
def vragenlijst_status(request, pk):
    vragenlijst = get_object_or_404(Vragenlijst, pk=pk)
    if request.method == "POST":
        try:
            services.vragenlijst_status_set(vragenlijst=vragenlijst, status=request.POST.get("status", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status changed."))
    return redirect("participatie:vragenlijst_detail", pk=pk)


def _vraag_form_page(request, form, vragenlijst, vraag=None):
    return render(request, "participatie/vraag_form.html", {"form": form, "vragenlijst": vragenlijst, "vraag": vraag})


@access(AMBTENAAR)
def vraag_create(request, pk):
    vragenlijst = get_object_or_404(Vragenlijst, pk=pk)
    form = VraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vraag_create(vragenlijst=vragenlijst, **form.service_kwargs())
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Question added."))
            return redirect("participatie:vragenlijst_detail", pk=pk)
    return _vraag_form_page(request, form, vragenlijst)


@access(AMBTENAAR)
def vraag_update(request, pk):
    vraag = get_object_or_404(Vraag.objects.select_related("vragenlijst"), pk=pk)
    initial = {
        "tekst": vraag.tekst,
        "type": vraag.type,
        "helptekst": vraag.helptekst,
        "verplicht": vraag.verplicht,
        "dimensie": vraag.dimensie,
        "min_waarde": vraag.min_waarde,
        "max_waarde": vraag.max_waarde,
        "opties": "\n".join(o.tekst for o in vraag.opties.all()),
    }
    form = VraagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if kwargs["type"] not in KEUZE_TYPES:
            kwargs["opties"] = None
        try:
            services.vraag_update(vraag=vraag, **kwargs)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect("participatie:vragenlijst_detail", pk=vraag.vragenlijst_id)
    return _vraag_form_page(request, form, vraag.vragenlijst, vraag)


@access(AMBTENAAR)
def vraag_delete(request, pk):
    vraag = get_object_or_404(Vraag, pk=pk)
    if request.method == "POST":
        try:
            services.vraag_delete(vraag=vraag)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Question deleted."))
    return redirect("participatie:vragenlijst_detail", pk=vraag.vragenlijst_id)


@access(AMBTENAAR)
def vraag_move(request, pk):
    vraag = get_object_or_404(Vraag, pk=pk)
    if request.method == "POST" and request.POST.get("richting") in ("omhoog", "omlaag"):
        try:
            services.vraag_move(vraag=vraag, richting=request.POST["richting"])
        except ValidationError as exc:  # a pulse round's questions are fixed
            for message in exc.messages:
                messages.error(request, message)
    return redirect(reverse("participatie:vragenlijst_detail", args=[vraag.vragenlijst_id]) + f"#vraag-{vraag.pk}")


# --- Invite codes ---------------------------------------------------------------------------


def _code_page_url(request, vragenlijst) -> str:
    return request.build_absolute_uri(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]))


def _letter_url(request, vragenlijst, code: str) -> str:
    # The code goes in the URL fragment: browsers never send it, so no server or proxy logs
    # it; the code page's script (static/js/app.js) fills it in and sends the form. Without
    # script, the resident types the code printed next to the link.
    return f"{_code_page_url(request, vragenlijst)}#code={code}"


def _codes_download(request, vragenlijst, codes: list[str], formaat: str) -> HttpResponse:
    """The codes, shown this once: printable letters (PDF) or a CSV with each code's letter URL."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if formaat == "pdf":
        return _letters_pdf(request, vragenlijst, codes, f"brieven-{vragenlijst.pk}-{stamp}.pdf")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codes-{vragenlijst.pk}-{stamp}.csv"'
    writer = SafeWriter(response)
    writer.writerow(["code", "url"])
    for code in codes:
        writer.writerow([code, _letter_url(request, vragenlijst, code)])
    return response


@access(AMBTENAAR)
def codes_generate(request, pk):
    """Generate N codes; they are shown exactly once: in the CSV or PDF this response returns."""
    vragenlijst = get_object_or_404(Vragenlijst.objects.select_related("plan"), pk=pk)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.codes_generate(vragenlijst=vragenlijst, n=form.cleaned_data["n"])
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            return _codes_download(request, vragenlijst, codes, form.cleaned_data["formaat"])
    context = {"vragenlijst": vragenlijst, "form": form, "n_codes": vragenlijst.codes.count()}
    return render(request, "participatie/codes_form.html", context)


@access(AMBTENAAR)
def pulsronde_create(request, plan_pk):
    """Start a pulse round of the plan's civil servants; the response is its codes (shown once)."""
    plan = _plan_or_404(plan_pk)
    form = PulsrondeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vragenlijst, codes = services.pulsronde_create(plan=plan, n_codes=form.cleaned_data["n"], door=request.user)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            return _codes_download(request, vragenlijst, codes, form.cleaned_data["formaat"])
    context = {
        "plan": plan,
        "form": form,
        "pulsrondes": selectors.vragenlijst_list(plan=plan, doelgroep=Doelgroep.AMBTENAREN_PULS),
        "vragen": services.PULS_VRAGEN,
    }
    return render(request, "participatie/pulsronde_create.html", context)


def letters_document(request, vragenlijst, codes: list[str]):
    """The letters as a rendered WeasyPrint document: one A4 page per code (household)."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML  # heavy import: only when letters are printed
    from weasyprint.urls import URLFetcher

    brieven = []
    for code in codes:
        url = _letter_url(request, vragenlijst, code)
        brieven.append({"code": code, "url": url, "qr": segno.make(url, error="m").svg_data_uri(scale=4)})
    html = render_to_string(
        "participatie/brieven_pdf.html",
        {
            "vragenlijst": vragenlijst,
            "brieven": brieven,
            "start_url": _code_page_url(request, vragenlijst),
            "puls": services.is_pulsronde(vragenlijst),
        },
        request=request,
    )
    # No URL fetching: the stylesheet is read from disk and the QR codes are data URIs.
    stylesheet = CSS(filename=finders.find("participatie/brieven.css"))
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).render(stylesheets=[stylesheet])


def _letters_pdf(request, vragenlijst, codes: list[str], filename: str) -> HttpResponse:
    # Tagged PDF/UA-1 (language, title, structure): the letters go to residents (EN 301 549).
    pdf = letters_document(request, vragenlijst, codes).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=False)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Results ----------------------------------------------------------------------------------


@access(AMBTENAAR)
def vragenlijst_resultaten(request, pk):
    vragenlijst = get_object_or_404(Vragenlijst.objects.select_related("plan"), pk=pk)
    resultaten = selectors.vragenlijst_results(vragenlijst=vragenlijst)
    figuren = {r.chart_id: charts.verdeling_figure(r) for r in resultaten.vragen if r.rijen}
    context = {
        "vragenlijst": vragenlijst,
        "resultaten": resultaten,
        "figuren": figuren,
        "dimensie_figuur": charts.dimensies_figure(resultaten.dimensies),
    }
    return render(request, "participatie/vragenlijst_resultaten.html", context)


@access(AMBTENAAR)
def vragenlijst_export(request, pk):
    """CSV of the answers: no codes, no invite link, no free text (DESIGN.md privacy)."""
    vragenlijst = get_object_or_404(Vragenlijst, pk=pk)
    header, rows = selectors.antwoorden_export_rows(vragenlijst=vragenlijst)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="antwoorden-{vragenlijst.pk}.csv"'
    return response


# --- Meetings ---------------------------------------------------------------------------------


@access(AMBTENAAR)
def bijeenkomst_create(request, plan_pk):
    plan = _plan_or_404(plan_pk)
    form = BijeenkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_create(plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("participatie:vragenlijst_list", plan_pk=plan.pk)
    return render(request, "participatie/bijeenkomst_form.html", {"form": form, "plan": plan})


@access(AMBTENAAR)
def bijeenkomst_update(request, pk):
    bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("plan"), pk=pk)
    initial = {f: getattr(bijeenkomst, f) for f in ("soort", "titel", "datum", "plaats", "verslag")}
    initial["datum"] = timezone.localtime(bijeenkomst.datum).strftime("%Y-%m-%dT%H:%M")
    form = BijeenkomstForm(request.POST or None, initial=initial)
    gehouden_form = BijeenkomstGehoudenForm(initial={"verslag": bijeenkomst.verslag})
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_update(bijeenkomst=bijeenkomst, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("participatie:vragenlijst_list", plan_pk=bijeenkomst.plan_id)
    context = {"form": form, "plan": bijeenkomst.plan, "bijeenkomst": bijeenkomst, "gehouden_form": gehouden_form}
    return render(request, "participatie/bijeenkomst_form.html", context)


@access(AMBTENAAR)
def bijeenkomst_gehouden(request, pk):
    bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("plan"), pk=pk)
    form = BijeenkomstGehoudenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_mark_held(bijeenkomst=bijeenkomst, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting marked as held."))
            return redirect("participatie:vragenlijst_list", plan_pk=bijeenkomst.plan_id)
    initial_form = BijeenkomstForm(
        initial={f: getattr(bijeenkomst, f) for f in ("soort", "titel", "datum", "plaats", "verslag")}
    )
    context = {"form": initial_form, "plan": bijeenkomst.plan, "bijeenkomst": bijeenkomst, "gehouden_form": form}
    return render(request, "participatie/bijeenkomst_form.html", context)


@access(AMBTENAAR)
def bijeenkomst_annuleren(request, pk):
    """Confirmation page, then the cancellation (residents and calendar subscribers see it)."""
    bijeenkomst = get_object_or_404(Bijeenkomst.objects.select_related("plan"), pk=pk)
    if request.method == "POST":
        try:
            services.bijeenkomst_annuleren(bijeenkomst=bijeenkomst)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The meeting is cancelled. Residents see that it does not take place."))
        return redirect("participatie:vragenlijst_list", plan_pk=bijeenkomst.plan_id)
    return render(
        request, "participatie/bijeenkomst_annuleren.html", {"bijeenkomst": bijeenkomst, "plan": bijeenkomst.plan}
    )
