"""Demo data of the `participatie` app: one open survey with generated responses, two meetings.

Idempotent: a second run finds the demo survey and meetings and creates nothing new.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from wup import selectors as wup_selectors

from . import selectors, services
from .constants import BijeenkomstSoort, Dimensie, Toegang, VraagType, VragenlijstStatus
from .models import Bijeenkomst, Vragenlijst

DEMO_TITEL = "Waardendriehoek en vertrouwen (demo)"
N_RESPONSEN = 300
# Mean leaning per dimension on the 1-5 scale: trust somewhat low, legitimacy mid, return higher.
LEANING = {Dimensie.VERTROUWEN: 2.9, Dimensie.LEGITIMITEIT: 3.2, Dimensie.BETROKKENHEID: 3.0, Dimensie.RENDEMENT: 3.5}


def _avond(*, dagen: int) -> dt.datetime:
    """19:30 in Amsterdam, `dagen` days from today: a meeting at a time people come to, not the
    clock time at which the demo loads (which once showed an information evening at 22:00).
    `make_aware` applies the offset of that day, so it stays 19:30 across the DST change."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=dagen), dt.time(19, 30)))


def _likert(rng: random.Random, mean: float) -> str:
    return str(min(5, max(1, round(rng.gauss(mean, 1.0)))))


def _answers(rng: random.Random, vragen) -> dict:
    personal = rng.gauss(0, 0.6)  # one resident answers consistently more or less positively
    answers = {}
    for v in vragen:
        opties = [str(o.pk) for o in v.opties.all()]
        if v.type == VraagType.LIKERT:
            answers[v.pk] = _likert(rng, LEANING.get(v.dimensie, 3.0) + personal)
        elif v.type == VraagType.ENKELE_KEUZE:
            answers[v.pk] = rng.choices(opties, weights=[55, 30, 12, 3][: len(opties)])[0]
        elif v.type == VraagType.MEERKEUZE:
            answers[v.pk] = rng.sample(opties, rng.randint(1, min(3, len(opties))))
        elif v.type == VraagType.JA_NEE:
            answers[v.pk] = "ja" if rng.random() < 0.3 else "nee"
        elif v.type == VraagType.LANGE_TEKST and rng.random() < 0.15:
            answers[v.pk] = rng.choice(
                ["Graag meer uitleg over de kosten.", "Houd rekening met ouderen in de straat.", "Goed initiatief!"]
            )
    return answers


@transaction.atomic
def load() -> str:
    plan = wup_selectors.plan_list().order_by("id").first()
    if plan is None:
        return "skipped: no plans (load wup demo data first)"
    vragenlijst = Vragenlijst.objects.filter(plan=plan, titel=DEMO_TITEL).first()
    created = 0
    if vragenlijst is None:
        vragenlijst = services.vragenlijst_from_template(plan=plan, titel=DEMO_TITEL, toegang=Toegang.OPEN_LINK)
        services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
        vragenlijst.refresh_from_db()
        rng = random.Random(2024)
        vragen = selectors.vragen_for(vragenlijst=vragenlijst)
        for _ in range(N_RESPONSEN):
            services.respons_submit(vragenlijst=vragenlijst, answers=_answers(rng, vragen))
        created = N_RESPONSEN
    meetings = 0
    if not Bijeenkomst.objects.filter(plan=plan, titel="Informatieavond aardgasvrij").exists():
        avond = services.bijeenkomst_create(
            plan=plan,
            soort=BijeenkomstSoort.INFORMATIEAVOND,
            titel="Informatieavond aardgasvrij",
            datum=_avond(dagen=-21),
            plaats="Buurthuis De Linde",
        )
        services.bijeenkomst_mark_held(bijeenkomst=avond, aantal_bezoekers=64, verslag="Veel vragen over kosten.")
        meetings += 1
    if not Bijeenkomst.objects.filter(plan=plan, titel="Buurtwandeling warmte").exists():
        services.bijeenkomst_create(
            plan=plan,
            soort=BijeenkomstSoort.BUURTWANDELING,
            titel="Buurtwandeling warmte",
            datum=_avond(dagen=14),
            plaats="Start bij de speeltuin",
        )
        meetings += 1
    return f"plan {plan.pk}: {created} responses, {meetings} meetings created"
