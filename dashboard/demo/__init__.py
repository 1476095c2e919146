"""Demo data of the `dashboard` app: events and council decisions that tell one story.

The story (the overview of the council dashboard):
- one plan in trouble (the last plan by title): momentum fades halfway the year, trust is
  low, its grid reinforcement is late and an agreement on it overdue (its routekaart,
  `routekaart.py`), and the council answers only one red signal (with *bijsturen*);
- the other plans are healthy: results at the pace their tussendoelen (interim goals) and
  target year ask for, milestones and agreements on time, and every red signal of their
  start-up months answered by the council with *doorgaan* within the reaction time;
- one healthy plan (the first by title) needs attention: homes go gas-free a little too
  slowly for its target year.

Milestones and agreements are not typed in as events: each plan's routekaart is built
through the routekaart's services, which append them (`routekaart.py`).

Idempotent: every event has a stable extern_id ("demo-<plan>-<type>-<month>-<n>", bron
demo) and every decision a stable reference (get_or_create by plan and kenmerk), so a
second run adds nothing. Every plan is recomputed synchronously afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from logboek.constants import GebeurtenisBron
from logboek.constants import GebeurtenisType as T
from logboek.services import gebeurtenis_append
from wup import selectors as wup_selectors

from ..constants import STURING_REACTIE_DAGEN, Besluit, Indicator
from ..indicators import maand_plus, maand_van, maanden_tussen, rode_signalen
from ..models import IndicatorSnapshot, Raadsbesluit, Stuuractie
from ..selectors import event_states
from ..services import plans_recompute_all, stuuractie_create
from .routekaart import routekaart_load

MAX_MAANDEN = 36  # at most three years of history per plan
# Tussendoel metric -> the event type that counts towards it (indicators.CUMULATIEF).
METRIEK_TYPE = {
    "woningen_geisoleerd": T.WONING_GEISOLEERD,
    "warmtepompen": T.WARMTEPOMP_GEINSTALLEERD,
    "warmtenet_aansluitingen": T.WARMTENET_AANSLUITING,
    "woningen_aardgasvrij": T.WONING_AARDGASVRIJ,
    "bijeenkomst_bezoekers": T.BIJEENKOMST_GEHOUDEN,
}
DEFAULT_WONINGEN = 3000
# The five indicators whose turning red is a signal (indicators.bereken; sturing is not one).
SIGNAAL_INDICATOREN = (
    Indicator.VERTROUWEN,
    Indicator.BEWEGING,
    Indicator.RESULTATEN,
    Indicator.SCHEMA,
    Indicator.KOERS,
)


def _trust(score: int) -> dict:
    """A survey response's payload as participatie writes it (logboek/payloads.py)."""
    return {"dimensies": {"vertrouwen": {"gemiddelde": score, "items": 1}}}


def _maanden(begin: dt.date, eind: dt.date) -> int:
    return max(len(maanden_tussen(begin, eind)), 1)


def _tempo(plan, today: dt.date, *, ruim: float) -> dict[str, float]:
    """Per event type: the monthly quantity that keeps up with the plan's goals.

    Cumulative tussendoelen give streefwaarde / months from plan start to deadline; homes
    gas-free follow the target year (all homes gas-free by then, at `ruim` times the pace
    needed); participatiegraad (share of homes taking part) becomes meeting attendees.
    """
    # The plan area's homes (its buurten), never the whole wijk's: counts stay within the area.
    woningen = wup_selectors.plan_gebieden(plans=[plan])[plan.pk].woningen or DEFAULT_WONINGEN
    start = plan.startdatum or today
    jaren = max((plan.doeljaar_aardgasvrij or today.year + 15) - today.year, 1)
    tempo = {
        T.WONING_AARDGASVRIJ: woningen / jaren / 12 * ruim,
        T.WONING_GEISOLEERD: woningen * 0.004,
        T.WARMTEPOMP_GEINSTALLEERD: woningen * 0.0015,
        T.BIJEENKOMST_GEHOUDEN: 40.0,
    }
    for doel in plan.tussendoelen.all():
        per_maand = float(doel.streefwaarde) / _maanden(start, doel.deadline) * 1.15
        if doel.metriek in METRIEK_TYPE:
            type_ = METRIEK_TYPE[doel.metriek]
            tempo[type_] = max(tempo.get(type_, 0.0), per_maand)
        elif doel.metriek == "participatiegraad":
            deelnemers = float(doel.streefwaarde) * woningen / 100
            per_maand = deelnemers / _maanden(start, doel.deadline) * 1.2
            tempo[T.BIJEENKOMST_GEHOUDEN] = max(tempo[T.BIJEENKOMST_GEHOUDEN], per_maand)
    return tempo


def _healthy_events(plan, today: dt.date, *, aandacht: bool):
    """(type, date, quantity, payload) per month from the plan's start (at most 3 years)."""
    rnd = random.Random(1000 + plan.id)  # noqa: S311 - demo data, not security
    laatste = maand_van(today)
    begin = max(maand_van(plan.startdatum or today), maand_plus(laatste, -(MAX_MAANDEN - 1)))
    # The plan that needs attention makes homes gas-free a little too slowly for its target year.
    tempo = _tempo(plan, today, ruim=0.78 if aandacht else 1.15)
    for maand in maanden_tussen(begin, laatste):

        def dag(maand=maand):
            return maand.replace(day=rnd.randint(1, 28))

        def hoeveel(type_, spreiding=0.1):
            return max(round(tempo[type_] * rnd.uniform(1 - spreiding, 1 + spreiding)), 0)

        yield T.BIJEENKOMST_GEHOUDEN, dag(), hoeveel(T.BIJEENKOMST_GEHOUDEN, 0.2), {}
        for _ in range(rnd.randint(4, 9)):
            yield T.ENQUETE_RESPONS, dag(), 1, _trust(rnd.choice([3, 4, 4, 4, 5]))
        for type_ in (T.WONING_GEISOLEERD, T.WONING_AARDGASVRIJ, T.WARMTEPOMP_GEINSTALLEERD):
            yield type_, dag(), hoeveel(type_), {}
        if T.WARMTENET_AANSLUITING in tempo:
            yield T.WARMTENET_AANSLUITING, dag(), hoeveel(T.WARMTENET_AANSLUITING), {}
        for _ in range(2):
            yield T.AMBTENAREN_PULS, dag(), 1, {"score": rnd.choice([3, 4, 4])}


def _trouble_events(plan, today: dt.date):
    """The plan in trouble: a year whose momentum fades after six months."""
    rnd = random.Random(1000 + plan.id)  # noqa: S311 - demo data, not security
    start = maand_plus(maand_van(today), -11)
    for m in range(12):
        maand = maand_plus(start, m)

        def dag(maand=maand):
            return maand.replace(day=rnd.randint(1, 28))

        fading = m >= 6
        if m % 2 == 0:
            yield T.BIJEENKOMST_GEHOUDEN, dag(), rnd.randint(5, 12) if fading else rnd.randint(25, 70), {}
        for _ in range(rnd.randint(0, 2) if fading else rnd.randint(4, 9)):
            yield T.ENQUETE_RESPONS, dag(), 1, _trust(rnd.choice([1, 2, 2, 3]))
        yield T.WONING_GEISOLEERD, dag(), rnd.randint(0, 2) if fading else rnd.randint(5, 15), {}
        yield T.WONING_AARDGASVRIJ, dag(), 0 if fading else rnd.randint(4, 12), {}
        yield T.WARMTENET_AANSLUITING, dag(), 0 if fading else rnd.randint(3, 10), {}
        yield T.WARMTEPOMP_GEINSTALLEERD, dag(), rnd.randint(0, 1) if fading else rnd.randint(2, 6), {}
        if fading:
            yield T.KLACHT, dag(), rnd.randint(1, 3), {}
        for _ in range(2):
            yield T.AMBTENAREN_PULS, dag(), 1, {"score": rnd.choice([2, 3])}


def _events_load(plan, today: dt.date, *, in_trouble: bool, aandacht: bool) -> int:
    events = _trouble_events(plan, today) if in_trouble else _healthy_events(plan, today, aandacht=aandacht)
    volgnummer: dict[tuple, int] = defaultdict(int)
    created = 0
    for type_, datum, hoeveelheid, payload in events:
        if datum > today:
            continue
        key = (type_, datum.strftime("%Y%m"))
        volgnummer[key] += 1
        _, new = gebeurtenis_append(
            type=type_,
            plan_id=plan.id,
            datum=datum,
            bron=GebeurtenisBron.DEMO,
            extern_id=f"demo-{plan.id}-{type_}-{key[1]}-{volgnummer[key]}",
            hoeveelheid=hoeveelheid,
            payload=payload,
        )
        created += new
    return created


def _demo_griffie():
    user, created = get_user_model().objects.get_or_create(
        username="demo-griffie", defaults={"first_name": "Demo", "last_name": "Griffie"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _signalen(plan_id: int) -> tuple[list[dt.date], dict[dt.date, dict]]:
    """The plan's red signals as the recompute sees them, and the stored figures per period."""
    per_periode: dict[dt.date, dict] = defaultdict(dict)
    for snap in IndicatorSnapshot.objects.filter(plan_id=plan_id).order_by("periode"):
        per_periode[snap.periode][snap.indicator] = snap
    statussen = [
        (periode, [per_ind[i].status if i in per_ind else "" for i in SIGNAAL_INDICATOREN])
        for periode, per_ind in sorted(per_periode.items())
    ]
    return rode_signalen(statussen), per_periode


def _besluit(plan, *, signaal: dt.date, figures: dict, besluit: str, door, today: dt.date, **tekst) -> int:
    datum = min(signaal + dt.timedelta(days=STURING_REACTIE_DAGEN // 2), today)
    snapshot = {
        ind: {"periode": s.periode.isoformat(), "waarde": s.waarde, "status": s.status, "n": s.n}
        for ind, s in sorted(figures.items())
    }
    _, created = Raadsbesluit.objects.get_or_create(
        plan=plan,
        kenmerk=f"DEMO-RB-{plan.id}-{signaal:%Y%m}",
        defaults={
            "datum": datum,
            "besluit": besluit,
            "snapshot": snapshot,
            "geregistreerd_door": door,
            **tekst,
        },
    )
    return created


def _besluiten_load(plans, trouble, today: dt.date) -> int:
    """The council answers every red signal of a healthy plan (doorgaan); the plan in
    trouble gets one answer (bijsturen) to its first signal and none to the later ones."""
    door = _demo_griffie()
    created = 0
    for plan in plans:
        signalen, per_periode = _signalen(plan.id)
        if plan == trouble:
            signalen = signalen[:1]
        for signaal in signalen:
            if signaal + dt.timedelta(days=7) > today:
                continue  # too recent: the council has not met yet
            if plan == trouble:
                tekst = {
                    "doen_we_het_goede": "Het doel blijft goed, maar bewoners haken af en mijlpalen schuiven.",
                    "wat_is_nodig": "Een onafhankelijke procesbegeleider en een herziene planning met de netbeheerder.",
                    "motivering": "Bijsturen: draagvlak herstellen voordat de aanleg verder gaat.",
                }
                besluit = Besluit.BIJSTUREN
            else:
                tekst = {
                    "doen_we_het_goede": "Ja: de aanloop is traag, zoals verwacht in de eerste maanden.",
                    "wat_is_nodig": "Het tempo volgen; over een half jaar opnieuw bekijken.",
                    "motivering": "Doorgaan: het rode signaal past bij de opstartfase van het plan.",
                }
                besluit = Besluit.DOORGAAN
            figures = per_periode.get(signaal, {})
            created += _besluit(
                plan, signaal=signaal, figures=figures, besluit=besluit, door=door, today=today, **tekst
            )
    return created


# The plan in trouble's steering actions after its council decision (bijsturen): what the
# decision asked for, each with the indicator it should move.
STUURACTIES = (
    ("Een onafhankelijke procesbegeleider aanstellen voor de bewonersavonden", Indicator.VERTROUWEN, 30),
    ("Een herziene planning voor de netverzwaring afspreken met de netbeheerder", Indicator.SCHEMA, 60),
)


def _stuuracties_load(plan, today: dt.date) -> int:
    """Open steering actions on the plan in trouble (idempotent: by what)."""
    door = _demo_griffie()
    created = 0
    for wat, indicator, dagen in STUURACTIES:
        if Stuuractie.objects.filter(plan_id=plan.id, wat=wat).exists():
            continue
        stuuractie_create(
            plan_id=plan.id,
            wat=wat,
            uiterlijk=today + dt.timedelta(days=dagen),
            indicator=indicator,
            wie="Projectleider warmtetransitie",
            door=door,
        )
        created += 1
    return created


def load() -> str:
    plans = list(wup_selectors.plan_list().prefetch_related("tussendoelen"))
    if not plans:
        return "no plans: load the wup demo first; no events created"
    today = timezone.localdate()
    trouble = plans[-1] if len(plans) > 1 else None
    aandacht = plans[0] if len(plans) > 2 else None
    before = sum(count for _, count in event_states().values())
    with transaction.atomic():
        # The schedule's facts come from each plan's routekaart (its services append the events).
        routekaarten = sum(
            routekaart_load(plan, today, in_trouble=plan == trouble, aandacht=plan == aandacht) for plan in plans
        )
        for plan in plans:
            _events_load(plan, today, in_trouble=plan == trouble, aandacht=plan == aandacht)
    created = sum(count for _, count in event_states().values()) - before
    plans_recompute_all(force=True)
    with transaction.atomic():
        besluiten = _besluiten_load(plans, trouble, today)
        if trouble is not None:
            _stuuracties_load(trouble, today)
    computed = plans_recompute_all(force=True)
    naam = trouble.titel if trouble else "-"
    return (
        f"{created} events created for {len(plans)} plans (in trouble: {naam}); "
        f"{routekaarten} route maps; {besluiten} council decisions; {computed} plans recomputed"
    )
