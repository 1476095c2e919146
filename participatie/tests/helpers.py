"""Test helpers: an open survey from the template and valid answers for it."""

from __future__ import annotations

import random

from django.urls import reverse

from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus
from participatie.tests.factories import VragenlijstFactory
from participatie.views.bewoner import PER_PAGINA
from wup.tests.factories import PlanFactory


def template_survey(*, toegang=Toegang.CODES, plan=None):
    vragenlijst = services.vragenlijst_from_template(plan=plan or PlanFactory(), toegang=toegang)
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    vragenlijst.refresh_from_db()
    return vragenlijst


def answers_for(vragenlijst, rng: random.Random | None = None, tekst: str = "Vrije tekst") -> dict:
    rng = rng or random.Random(1)
    answers = {}
    for v in vragenlijst.vragen.prefetch_related("opties"):
        opties = [str(o.pk) for o in v.opties.all()]
        if v.type == VraagType.LIKERT:
            answers[v.pk] = str(rng.randint(1, 5))
        elif v.type == VraagType.ENKELE_KEUZE:
            answers[v.pk] = rng.choice(opties)
        elif v.type == VraagType.MEERKEUZE:
            answers[v.pk] = rng.sample(opties, 2)
        elif v.type == VraagType.JA_NEE:
            answers[v.pk] = rng.choice(["ja", "nee"])
        elif v.type == VraagType.GETAL:
            answers[v.pk] = "3"
        else:
            answers[v.pk] = tekst
    return answers


def submit_many(vragenlijst, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    codes = (
        services.codes_generate(vragenlijst=vragenlijst, n=n) if vragenlijst.toegang == Toegang.CODES else [None] * n
    )
    for code in codes:
        services.respons_submit(vragenlijst=vragenlijst, answers=answers_for(vragenlijst, rng), code=code)


def walk_pages(client, vragenlijst, answers: dict, *, extra: dict | None = None):
    """Answer every page of the survey through the resident pages; returns the last response."""
    vragen = list(vragenlijst.vragen.order_by("volgorde", "id"))
    pages = [vragen[i : i + PER_PAGINA] for i in range(0, len(vragen), PER_PAGINA)]
    response = None
    for number, page in enumerate(pages, start=1):
        data = {f"vraag_{v.pk}": answers.get(v.pk, "") for v in page}
        data.update(extra or {})
        url = reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, number])
        response = client.post(url, data)
    return response


def survey_with_question(toegang=Toegang.OPEN_LINK, **vraag_kwargs):
    vragenlijst = VragenlijstFactory(open=True, toegang=toegang)
    vraag = services.vraag_create(vragenlijst=vragenlijst, **vraag_kwargs)
    return vragenlijst, vraag
