"""Resident pages: no account, plain Dutch. The invite code is exchanged for a session entry.

Privacy (DESIGN.md): nothing here stores an IP address or browser details; the session holds the
survey id, the code (until it is used) and the answers so far, and is cleared of both on submit.
That session state and the anti-abuse rules (honeypot, minimum fill time, rate limit) are in
`services.invullen`; these views parse the request, call it and render.
"""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from core.client_ip import client_ip
from core.permissions import RESIDENT, access

from .. import selectors, services
from ..constants import Toegang, VragenlijstStatus
from ..forms import HONEYPOT, AntwoordenForm, CodeForm

PER_PAGINA = 4


def _unavailable(request, vragenlijst):
    """Unknown or draft survey: 404; closed survey: 410. A friendly page, nothing changed."""
    if vragenlijst is None or vragenlijst.status == VragenlijstStatus.CONCEPT:
        return render(request, "participatie/bewoner/onbekend.html", status=404)
    return render(request, "participatie/bewoner/gesloten.html", {"vragenlijst": vragenlijst}, status=410)


def _load(request, slug):
    """(survey, None) when it is open now, else (survey or None, friendly response)."""
    vragenlijst = selectors.vragenlijst_by_slug(slug=slug)
    if vragenlijst is None or not services.vragenlijst_is_open(vragenlijst):
        return vragenlijst, _unavailable(request, vragenlijst)
    return vragenlijst, None


def _begin(request, vragenlijst, code: str | None = None):
    """Start filling in. With a code (typed, or from the letter's link) the resident first sees
    the introduction on the start page; on an open link they just read it there and go on."""
    # The code lives only in the server-side session from here on; it leaves the URL.
    request.session.cycle_key()
    services.invulsessie_begin(request.session, vragenlijst=vragenlijst, code=code)
    if code is not None:
        return redirect("participatie:vragenlijst_start", slug=vragenlijst.slug)
    return redirect("participatie:vragenlijst_pagina", slug=vragenlijst.slug, pagina=1)


@access(RESIDENT)
def vragenlijst_start(request, slug):
    vragenlijst, unavailable = _load(request, slug)
    if unavailable:
        return unavailable
    if services.invulsessie_is_klaar(request.session, vragenlijst=vragenlijst):
        return render(request, "participatie/bewoner/al_ingevuld.html", {"vragenlijst": vragenlijst})
    code = request.GET.get("code")
    if code is not None and vragenlijst.toegang == Toegang.CODES:
        # Letter URL: exchange the code immediately and redirect, so it leaves the address bar.
        if services.code_poging_wacht(session=request.session, client=client_ip(request)):
            return redirect("participatie:vragenlijst_code", slug=slug)  # says how long to wait
        try:
            services.code_check(vragenlijst=vragenlijst, code=code)
        except ValidationError:
            services.code_poging_mislukt(session=request.session, client=client_ip(request))
            services.invulsessie_code_fout_set(request.session)
            return redirect("participatie:vragenlijst_code", slug=slug)
        return _begin(request, vragenlijst, code=services.code_normalise(code))
    state = services.invulsessie_get(request.session, vragenlijst=vragenlijst)
    bezig = state is not None  # a code was accepted, or filling in has started
    if request.method == "POST":
        if bezig:  # the introduction was read (after the code, or to go on): to the questions
            return redirect("participatie:vragenlijst_pagina", slug=slug, pagina=1)
        if vragenlijst.toegang == Toegang.CODES:
            return redirect("participatie:vragenlijst_code", slug=slug)
        return _begin(request, vragenlijst)
    context = {
        "vragenlijst": vragenlijst,
        "bezig": bezig,
        "intro": selectors.vragenlijst_intro(vragenlijst=vragenlijst),
    }
    if vragenlijst.toegang == Toegang.CODES:
        context["form"] = CodeForm()
    return render(request, "participatie/bewoner/start.html", context)


@access(RESIDENT)
def vragenlijst_code(request, slug):
    vragenlijst, unavailable = _load(request, slug)
    if unavailable:
        return unavailable
    if vragenlijst.toegang != Toegang.CODES:
        return redirect("participatie:vragenlijst_start", slug=slug)
    if services.invulsessie_is_klaar(request.session, vragenlijst=vragenlijst):
        return render(request, "participatie/bewoner/al_ingevuld.html", {"vragenlijst": vragenlijst})
    form = CodeForm(request.POST or None)
    melding = services.CODE_ONGELDIG if services.invulsessie_code_fout_pop(request.session) else None
    client = client_ip(request)
    wacht = services.code_poging_wacht(session=request.session, client=client)
    if request.method == "POST" and not wacht and form.is_valid():
        try:
            services.code_check(vragenlijst=vragenlijst, code=form.cleaned_data["code"])
        except ValidationError as exc:
            services.code_poging_mislukt(session=request.session, client=client)
            for message in exc.message_dict.get("code", exc.messages):
                form.add_error("code", message)
            wacht = services.code_poging_wacht(session=request.session, client=client)
        else:
            return _begin(request, vragenlijst, code=services.code_normalise(form.cleaned_data["code"]))
    context = {"vragenlijst": vragenlijst, "form": form, "melding": melding, "wacht_minuten": 0}
    if wacht:
        # Too many wrong codes: say how long to wait; the typed code stays in the field.
        context["wacht_minuten"] = max(1, math.ceil(wacht / 60))
        response = render(request, "participatie/bewoner/code.html", context, status=429)
        response["Retry-After"] = str(wacht)
        return response
    return render(request, "participatie/bewoner/code.html", context)


@access(RESIDENT)
def vragenlijst_pagina(request, slug, pagina):
    vragenlijst, unavailable = _load(request, slug)
    if unavailable:
        return unavailable
    if services.invulsessie_is_klaar(request.session, vragenlijst=vragenlijst):
        return render(request, "participatie/bewoner/al_ingevuld.html", {"vragenlijst": vragenlijst})
    state = services.invulsessie_get(request.session, vragenlijst=vragenlijst)
    if state is None:
        return redirect("participatie:vragenlijst_start", slug=slug)
    vragen = selectors.vragen_for(vragenlijst=vragenlijst)
    aantal = max(1, math.ceil(len(vragen) / PER_PAGINA))
    if not 1 <= pagina <= aantal:
        return redirect("participatie:vragenlijst_pagina", slug=slug, pagina=1)
    deze = vragen[(pagina - 1) * PER_PAGINA : pagina * PER_PAGINA]
    laatste = pagina == aantal
    kwargs = {"vragen": deze, "laatste": laatste, "eerste": pagina == 1}
    saved = services.invulsessie_antwoorden(state)
    fout = None
    if request.method == "POST":
        form = AntwoordenForm(request.POST, **kwargs)
        terug = "vorige" in request.POST
        if terug:
            # Going back keeps what was typed, valid or not yet.
            typed = {}
            for v in deze:
                name = f"vraag_{v.pk}"
                typed[str(v.pk)] = request.POST.getlist(name) if v.type == "meerkeuze" else request.POST.get(name, "")
            services.invulsessie_antwoorden_bewaar(request.session, state=state, antwoorden=typed)
            return redirect("participatie:vragenlijst_pagina", slug=slug, pagina=max(1, pagina - 1))
        if form.is_valid():
            services.invulsessie_antwoorden_bewaar(request.session, state=state, antwoorden=form.raw_answers())
            if not laatste:
                return redirect("participatie:vragenlijst_pagina", slug=slug, pagina=pagina + 1)
            result = _submit(request, vragenlijst, state, form)
            if result is not None:
                return result
            fout = form.non_field_errors()
    elif fouten := services.invulsessie_fouten_pop(request.session):
        # The final submit refused an answer on this page: show it as typed, with the message.
        form = AntwoordenForm(_as_data(saved, deze), **kwargs)
        form.is_valid()
        for name, messages in fouten.items():
            if name in form.fields and name not in form.errors:
                for message in messages:
                    form.add_error(name, message)
    else:
        initial = {f"vraag_{v.pk}": saved.get(str(v.pk)) for v in deze if saved.get(str(v.pk)) not in (None, "")}
        form = AntwoordenForm(initial=initial, **kwargs)
    context = {
        "vragenlijst": vragenlijst,
        "form": form,
        "pagina": pagina,
        "aantal": aantal,
        "procent": round(100 * (pagina - 1) / aantal),
        "laatste": laatste,
        "fout": fout,
    }
    return render(request, "participatie/bewoner/pagina.html", context)


def _as_data(saved: dict, vragen) -> QueryDict:
    data = QueryDict(mutable=True)
    for vraag in vragen:
        value = saved.get(str(vraag.pk))
        if value not in (None, ""):
            data.setlist(f"vraag_{vraag.pk}", value if isinstance(value, list) else [value])
    return data


def _submit(request, vragenlijst, state, form):
    """Submit all answers. Returns a response, or None to re-show the page with form errors."""
    refusal = services.respons_refusal(
        vragenlijst=vragenlijst,
        honeypot=form.cleaned_data.get(HONEYPOT),
        gestart_op=services.invulsessie_gestart_op(state),
        client=client_ip(request),
    )
    if refusal is not None:
        if refusal.reason == services.RefusalReason.HONEYPOT:
            # A bot filled the hidden field: thank it, store nothing.
            return redirect("participatie:vragenlijst_bedankt", slug=vragenlijst.slug)
        if refusal.reason == services.RefusalReason.TE_DRUK:
            # The answers stay in the session: the link goes back to this page to send them again.
            context = {
                "vragenlijst": vragenlijst,
                "minuten": math.ceil(refusal.retry_after / 60),
                "terug_url": request.path,
            }
            response = render(request, "participatie/bewoner/druk.html", context, status=429)
            response["Retry-After"] = str(refusal.retry_after)
            return response
        form.add_error(None, refusal.message)
        return None
    try:
        services.invulsessie_submit(request.session, vragenlijst=vragenlijst, state=state)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        if "code" in errors:
            return render(
                request,
                "participatie/bewoner/code_ongeldig.html",
                {"vragenlijst": vragenlijst, "melding": services.CODE_ONGELDIG},
                status=409,
            )
        vraag_ids = [v.pk for v in selectors.vragen_for(vragenlijst=vragenlijst)]
        earlier = services.fout_pagina(
            vraag_ids=vraag_ids, fouten={n: m for n, m in errors.items() if n not in form.fields}, per_pagina=PER_PAGINA
        )
        if earlier is not None:
            # Back to the page with the offending answer, so the resident can correct it there.
            services.invulsessie_fouten_bewaar(request.session, fouten=errors)
            return redirect("participatie:vragenlijst_pagina", slug=vragenlijst.slug, pagina=earlier)
        for name, messages in errors.items():
            if name in form.fields:
                for message in messages:
                    form.add_error(name, message)
            else:
                for message in messages:
                    form.add_error(
                        None,
                        message
                        if name == "__all__"
                        else gettext("%(message)s (a previous page)") % {"message": message},
                    )
        return None
    return redirect("participatie:vragenlijst_bedankt", slug=vragenlijst.slug)


@access(RESIDENT)
def vragenlijst_bedankt(request, slug):
    vragenlijst = selectors.vragenlijst_by_slug(slug=slug)
    if vragenlijst is None:
        return _unavailable(request, None)
    context = {
        "vragenlijst": vragenlijst,
        "publiek_url": reverse("portaal:publiek", kwargs={"plan_pk": vragenlijst.plan_id}),
    }
    return render(request, "participatie/bewoner/bedankt.html", context)
