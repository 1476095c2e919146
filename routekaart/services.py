"""Writes of the routekaart. Every change that affects the schedule appends its typed event in
the same transaction (bron `routekaart`, extern_id from `constants.EXTERN_*`), exactly once:
the row is locked, the change compared with what is stored, and the event log's idempotency
key makes a second append of the same fact a no-op (double submit, second tab, retry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.dates import DATUM_MAX, DATUM_MIN
from core.services import model_create, model_update
from logboek import services as logboek_services
from logboek.constants import (
    PAYLOAD_GEPLAND,
    GebeurtenisBron,
)
from logboek.constants import GebeurtenisType as T
from wup import selectors as wup_selectors
from wup import services as wup_services
from wup.constants import STANDAARD_FASEN

from .constants import (
    EXTERN_AFGEROND,
    EXTERN_GEPLAND,
    EXTERN_VERSCHOVEN,
    EXTERN_VERVALLEN,
    AfspraakStatus,
    MijlpaalUitkomst,
)
from .models import Afspraak, Koppelkans, Mijlpaal, Routekaart, Vergunning, Verschuiving
from .planning import cyclus, fasen_spreiden

ROUTEKAART_FIELDS = ("rol_gemeente", "rol_toelichting", "waarom_route")
MIJLPAAL_FIELDS = ("naam", "fase", "verantwoordelijke", "besluitmoment")
AFSPRAAK_FIELDS = ("leverancier", "ontvanger", "wat", "toelichting", "mijlpaal")
KOPPELKANS_FIELDS = ("soort", "omschrijving", "verantwoordelijke", "venster_van", "venster_tot")
VERGUNNING_FIELDS = ("soort", "omschrijving", "aanvrager", "status", "verwachte_beslisdatum", "koppelkans")

# Which event each change of a milestone or an agreement appends.
EVENTS = {
    "mijlpaal": {
        "gepland": T.MIJLPAAL_GEPLAND,
        "verschoven": T.MIJLPAAL_VERSCHOVEN,
        MijlpaalUitkomst.BEREIKT: T.MIJLPAAL_BEREIKT,
        MijlpaalUitkomst.GEMIST: T.MIJLPAAL_GEMIST,
        "vervallen": T.MIJLPAAL_VERVALLEN,
    },
    "afspraak": {
        "gepland": T.AFSPRAAK_GEMAAKT,
        "verschoven": T.AFSPRAAK_VERSCHOVEN,
        AfspraakStatus.NAGEKOMEN: T.AFSPRAAK_NAGEKOMEN,
        AfspraakStatus.NIET_NAGEKOMEN: T.AFSPRAAK_GEMIST,
        "vervallen": T.AFSPRAAK_VERVALLEN,
    },
}


def _datum(value: dt.date) -> str:
    return date_format(value, "j F Y")


def _soort(item: Mijlpaal | Afspraak) -> str:
    return "mijlpaal" if isinstance(item, Mijlpaal) else "afspraak"


def _label(item: Mijlpaal | Afspraak) -> str:
    return item.naam if isinstance(item, Mijlpaal) else item.wat


def _append(item: Mijlpaal | Afspraak, wat: str, *, datum: dt.date, extern_id: str, door=None, **extra) -> None:
    soort = _soort(item)
    payload = {
        PAYLOAD_GEPLAND: item.basisdatum.isoformat(),
        soort: item.pk,
        "toelichting": _label(item)[:500],
        **extra,
    }
    logboek_services.gebeurtenis_append(
        type=EVENTS[soort][wat],
        plan_id=item.plan_id,
        datum=datum,
        bron=GebeurtenisBron.ROUTEKAART,
        extern_id=extern_id,
        payload=payload,
        door=door,
    )


def _check_in_range(field: str, value: dt.date | None) -> None:
    if value is not None and not (DATUM_MIN <= value <= DATUM_MAX):
        raise ValidationError({field: gettext("Enter a date between 1 January 2000 and 31 December 2100.")})


def _check_van_plan(plan_id: int, **items) -> None:
    """Parties, phases and milestones named by an item belong to the same plan."""
    for field, item in items.items():
        if item is not None and item.plan_id != plan_id:
            raise ValidationError({field: gettext("Choose one of this plan's own items.")})


# --- The route map itself ------------------------------------------------------------------


@transaction.atomic
def routekaart_opslaan(*, plan, **fields) -> Routekaart:
    """Create or change the plan's route map (role of the municipality, why this route)."""
    routekaart, _ = Routekaart.objects.select_for_update().get_or_create(plan=plan)
    routekaart, _ = model_update(instance=routekaart, fields=ROUTEKAART_FIELDS, data=fields)
    return routekaart


# --- Milestones ------------------------------------------------------------------------------


def _check_mijlpaal(mijlpaal: Mijlpaal) -> None:
    _check_van_plan(mijlpaal.plan_id, fase=mijlpaal.fase, verantwoordelijke=mijlpaal.verantwoordelijke)
    mijlpaal.full_clean(exclude=["plan"], validate_constraints=False)


@transaction.atomic
def mijlpaal_create(
    *,
    plan,
    naam: str,
    basisdatum: dt.date,
    fase=None,
    verantwoordelijke=None,
    besluitmoment: bool = False,
    door=None,
) -> Mijlpaal:
    """A milestone, planned on its baseline date (forecast = baseline until it moves)."""
    _check_in_range("basisdatum", basisdatum)
    mijlpaal = Mijlpaal(
        plan=plan,
        naam=(naam or "").strip(),
        basisdatum=basisdatum,
        prognose=basisdatum,
        fase=fase,
        verantwoordelijke=verantwoordelijke,
        besluitmoment=besluitmoment,
    )
    _check_mijlpaal(mijlpaal)
    mijlpaal.save()
    _append(
        mijlpaal,
        "gepland",
        datum=timezone.localdate(),
        extern_id=EXTERN_GEPLAND.format(soort="mijlpaal", id=mijlpaal.pk),
        door=door,
    )
    return mijlpaal


@transaction.atomic
def mijlpaal_update(*, mijlpaal: Mijlpaal, **fields) -> Mijlpaal:
    """Name, phase, responsible party, decision milestone. Dates move through their own services."""
    mijlpaal, _ = model_update(
        instance=mijlpaal, fields=MIJLPAAL_FIELDS, data=fields, check=_check_mijlpaal, full_clean=False
    )
    return mijlpaal


@transaction.atomic
def mijlpaal_delete(*, mijlpaal: Mijlpaal, door=None) -> None:
    """Its events stay in the log (append-only), and a `mijlpaal_vervallen` records the removal:
    the schedule's history keeps what happened, and the plan is recomputed at once (an overdue
    milestone removed no longer counts)."""
    _vervallen(mijlpaal, door=door)


# --- Agreements ------------------------------------------------------------------------------


def _afhankelijkheden(plan_id: int) -> dict[int, list[int]]:
    rows = Afspraak.afhankelijk_van.through.objects.filter(from_afspraak__plan_id=plan_id)
    graaf: dict[int, list[int]] = {}
    for van, naar in rows.values_list("from_afspraak_id", "to_afspraak_id"):
        graaf.setdefault(van, []).append(naar)
    return graaf


def _check_afhankelijkheden(afspraak: Afspraak, voorgangers: list[Afspraak]) -> None:
    """No cycle, no prerequisite of another plan, and no date before an open prerequisite's."""
    for voorganger in voorgangers:
        if voorganger.plan_id != afspraak.plan_id:
            raise ValidationError({"afhankelijk_van": gettext("Choose agreements of this plan.")})
        if voorganger.pk == afspraak.pk:
            raise ValidationError({"afhankelijk_van": gettext("An agreement cannot depend on itself.")})
    graaf = _afhankelijkheden(afspraak.plan_id)
    graaf[afspraak.pk] = [v.pk for v in voorgangers]
    keten = cyclus(afspraak.pk, graaf)
    if keten:
        namen = dict(Afspraak.objects.filter(pk__in=keten).values_list("pk", "wat"))
        namen[afspraak.pk] = afspraak.wat
        raise ValidationError(
            {
                "afhankelijk_van": gettext(
                    "These dependencies go round in a circle: %(keten)s. One of them must be done first."
                )
                % {"keten": " → ".join(f"“{namen.get(pk, pk)}”" for pk in [*keten, afspraak.pk])}
            }
        )
    for voorganger in voorgangers:
        _check_datum_na(afspraak, voorganger)


def _check_datum_na(afspraak: Afspraak, voorganger: Afspraak) -> None:
    if voorganger.status == AfspraakStatus.OPEN and afspraak.prognose < voorganger.prognose:
        raise ValidationError(
            {
                "prognose": gettext(
                    "This agreement is due on %(datum)s, but it depends on “%(wat)s”, which is only "
                    "expected on %(voor)s. Move one of the two dates."
                )
                % {"datum": _datum(afspraak.prognose), "wat": voorganger.wat, "voor": _datum(voorganger.prognose)}
            }
        )


def _check_afspraak(afspraak: Afspraak) -> None:
    _check_van_plan(
        afspraak.plan_id,
        leverancier=afspraak.leverancier if afspraak.leverancier_id else None,
        ontvanger=afspraak.ontvanger if afspraak.ontvanger_id else None,
        mijlpaal=afspraak.mijlpaal,
    )
    if afspraak.leverancier_id and afspraak.leverancier_id == afspraak.ontvanger_id:
        raise ValidationError({"ontvanger": gettext("An agreement is between two different parties.")})
    afspraak.full_clean(exclude=["plan"], validate_constraints=False)


@transaction.atomic
def afspraak_create(
    *,
    plan,
    leverancier,
    ontvanger,
    wat: str,
    basisdatum: dt.date,
    toelichting: str = "",
    mijlpaal=None,
    afhankelijk_van: Iterable[Afspraak] = (),
    door=None,
) -> Afspraak:
    """Party A (leverancier) delivers X (wat) to party B (ontvanger) by `basisdatum`."""
    _check_in_range("basisdatum", basisdatum)
    afspraak = Afspraak(
        plan=plan,
        leverancier=leverancier,
        ontvanger=ontvanger,
        wat=(wat or "").strip(),
        toelichting=(toelichting or "").strip(),
        basisdatum=basisdatum,
        prognose=basisdatum,
        mijlpaal=mijlpaal,
    )
    _check_afspraak(afspraak)
    afspraak.save()
    voorgangers = list(afhankelijk_van or [])
    _check_afhankelijkheden(afspraak, voorgangers)
    afspraak.afhankelijk_van.set(voorgangers)
    _append(
        afspraak,
        "gepland",
        datum=timezone.localdate(),
        extern_id=EXTERN_GEPLAND.format(soort="afspraak", id=afspraak.pk),
        door=door,
    )
    return afspraak


@transaction.atomic
def afspraak_update(*, afspraak: Afspraak, afhankelijk_van: Iterable[Afspraak] | None = None, **fields) -> Afspraak:
    """Parties, what, explanation, milestone and dependencies. The date moves through its own service."""
    afspraak = Afspraak.objects.select_for_update().get(pk=afspraak.pk)
    afspraak, _ = model_update(
        instance=afspraak, fields=AFSPRAAK_FIELDS, data=fields, check=_check_afspraak, full_clean=False
    )
    if afhankelijk_van is not None:
        voorgangers = list(afhankelijk_van)
        _check_afhankelijkheden(afspraak, voorgangers)
        afspraak.afhankelijk_van.set(voorgangers)
    return afspraak


@transaction.atomic
def afspraak_delete(*, afspraak: Afspraak, door=None) -> None:
    """Agreements that depended on it lose that dependency; its events stay in the log, and an
    `afspraak_vervallen` records the removal (and so triggers the recompute)."""
    _vervallen(afspraak, door=door)


def _vervallen(item: Mijlpaal | Afspraak, *, door=None) -> None:
    item = _locked(item)
    _append(
        item,
        "vervallen",
        datum=timezone.localdate(),
        extern_id=EXTERN_VERVALLEN.format(soort=_soort(item), id=item.pk),
        door=door,
    )
    item.delete()


# --- Forecasts and completion (milestones and agreements alike) ------------------------------


def _locked(item: Mijlpaal | Afspraak) -> Mijlpaal | Afspraak:
    return type(item).objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def prognose_verplaatsen(*, item: Mijlpaal | Afspraak, prognose: dt.date, reden: str, door=None) -> bool:
    """Move the forecast of a milestone or an agreement, keeping who, when and why.

    Returns False (and appends nothing) when the forecast already is `prognose`: a double
    submit or a second tab. Refused: a completed item, no reason, a date out of range, an
    agreement moved before an open prerequisite or after an open agreement that needs it.
    """
    item = _locked(item)
    if item.afgerond:
        raise ValidationError({"prognose": gettext("This item is completed; its dates can no longer move.")})
    if not isinstance(prognose, dt.date):
        raise ValidationError({"prognose": gettext("Enter a date.")})
    _check_in_range("prognose", prognose)
    if prognose == item.prognose:
        return False
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": gettext("Say why the date moves: the history keeps it.")})
    if len(reden) > 500 or "\x00" in reden:
        raise ValidationError({"reden": gettext("Keep the reason under 500 characters.")})
    van = item.prognose
    item.prognose = prognose
    item.prognose_reden = reden
    if isinstance(item, Afspraak):
        for voorganger in item.afhankelijk_van.all():
            _check_datum_na(item, voorganger)
        for opvolger in item.nodig_voor.filter(status=AfspraakStatus.OPEN):
            if opvolger.prognose < prognose:
                raise ValidationError(
                    {
                        "prognose": gettext(
                            "“%(wat)s” depends on this agreement and is due on %(datum)s, before this "
                            "new date. Move that agreement first."
                        )
                        % {"wat": opvolger.wat, "datum": _datum(opvolger.prognose)}
                    }
                )
    item.save(update_fields=["prognose", "prognose_reden", "updated_at"])
    soort = _soort(item)
    verschuiving = Verschuiving.objects.create(**{soort: item}, van=van, naar=prognose, reden=reden, door=door)
    _append(
        item,
        "verschoven",
        datum=timezone.localdate(),
        extern_id=EXTERN_VERSCHOVEN.format(soort=soort, id=item.pk, verschuiving=verschuiving.pk),
        door=door,
        van=van.isoformat(),
        naar=prognose.isoformat(),
        reden=reden,
    )
    return True


@transaction.atomic
def afronden(*, item: Mijlpaal | Afspraak, uitkomst: str, datum: dt.date, door=None) -> bool:
    """Record a milestone as reached or missed, an agreement as kept or not kept, on `datum`.

    A fact: `datum` lies between 2000 and today (a date in the future is a forecast, not a
    fact). Returns False when it was already recorded with this outcome (double submit,
    second tab, retry: one event); another outcome than the recorded one is refused.
    """
    item = _locked(item)
    is_mijlpaal = isinstance(item, Mijlpaal)
    veld = "uitkomst" if is_mijlpaal else "status"
    keuzes = (
        (MijlpaalUitkomst.BEREIKT, MijlpaalUitkomst.GEMIST)
        if is_mijlpaal
        else (AfspraakStatus.NAGEKOMEN, AfspraakStatus.NIET_NAGEKOMEN)
    )
    if uitkomst not in keuzes:
        raise ValidationError({veld: gettext("Choose how it ended.")})
    if not isinstance(datum, dt.date):
        raise ValidationError({"afgerond_op": gettext("Enter a date.")})
    _check_in_range("afgerond_op", datum)
    if datum > timezone.localdate():
        raise ValidationError({"afgerond_op": gettext("This date lies in the future. Record it when it has happened.")})
    if item.afgerond:
        if getattr(item, veld) == uitkomst and item.afgerond_op == datum:
            return False
        raise ValidationError({veld: gettext("This item was already completed; its outcome cannot change.")})
    if not is_mijlpaal and uitkomst == AfspraakStatus.NAGEKOMEN:
        open_voor = [v.wat for v in item.afhankelijk_van.all() if v.status == AfspraakStatus.OPEN]
        if open_voor:
            raise ValidationError(
                {
                    veld: gettext("This agreement depends on “%(wat)s”, which is still open. Record that one first.")
                    % {"wat": open_voor[0]}
                }
            )
    setattr(item, veld, uitkomst)
    item.afgerond_op = datum
    item.save(update_fields=[veld, "afgerond_op", "updated_at"])
    soort = _soort(item)
    _append(item, uitkomst, datum=datum, extern_id=EXTERN_AFGEROND.format(soort=soort, id=item.pk), door=door)
    return True


# --- Coupling opportunities and permits --------------------------------------------------------


def _check_koppelkans(kans: Koppelkans) -> None:
    _check_van_plan(kans.plan_id, verantwoordelijke=kans.verantwoordelijke)
    if kans.venster_van and kans.venster_tot and kans.venster_tot < kans.venster_van:
        raise ValidationError({"venster_tot": gettext("The window ends before it starts.")})
    kans.full_clean(exclude=["plan"], validate_constraints=False)


def _set_mijlpalen(kans: Koppelkans, mijlpalen: Iterable[Mijlpaal]) -> None:
    mijlpalen = list(mijlpalen)
    if any(m.plan_id != kans.plan_id for m in mijlpalen):
        raise ValidationError({"mijlpalen": gettext("Choose milestones of this plan.")})
    kans.mijlpalen.set(mijlpalen)


@transaction.atomic
def koppelkans_create(*, plan, mijlpalen: Iterable[Mijlpaal] = (), **fields) -> Koppelkans:
    kans = model_create(model=Koppelkans, fields=KOPPELKANS_FIELDS, data=fields, check=_check_koppelkans, plan=plan)
    _set_mijlpalen(kans, mijlpalen)
    return kans


@transaction.atomic
def koppelkans_update(*, koppelkans: Koppelkans, mijlpalen: Iterable[Mijlpaal] | None = None, **fields) -> Koppelkans:
    kans, _ = model_update(
        instance=koppelkans, fields=KOPPELKANS_FIELDS, data=fields, check=_check_koppelkans, full_clean=False
    )
    if mijlpalen is not None:
        _set_mijlpalen(kans, mijlpalen)
    return kans


@transaction.atomic
def koppelkans_delete(*, koppelkans: Koppelkans) -> None:
    """Its permits stay, no longer tied to it."""
    koppelkans.delete()


def _check_vergunning(vergunning: Vergunning) -> None:
    _check_van_plan(vergunning.plan_id, aanvrager=vergunning.aanvrager, koppelkans=vergunning.koppelkans)
    vergunning.full_clean(exclude=["plan"], validate_constraints=False)


@transaction.atomic
def vergunning_create(*, plan, **fields) -> Vergunning:
    return model_create(model=Vergunning, fields=VERGUNNING_FIELDS, data=fields, check=_check_vergunning, plan=plan)


@transaction.atomic
def vergunning_update(*, vergunning: Vergunning, **fields) -> Vergunning:
    vergunning, _ = model_update(
        instance=vergunning, fields=VERGUNNING_FIELDS, data=fields, check=_check_vergunning, full_clean=False
    )
    return vergunning


@transaction.atomic
def vergunning_delete(*, vergunning: Vergunning) -> None:
    vergunning.delete()


# --- Phases: the national process steps as a proposal ----------------------------------------


def fasen_voorstel(*, plan) -> list[dict]:
    """The national process steps spread over the plan's start and target year, to confirm.

    Start: the plan's start date (else today); end: 31 December of the target year (else six
    years on). Nothing is saved: the civil servant confirms or edits (`fasen_vastleggen`).
    """
    begin = plan.startdatum or timezone.localdate()
    eind = dt.date(plan.doeljaar_aardgasvrij, 12, 31) if plan.doeljaar_aardgasvrij else None
    if eind is None or eind <= begin:
        eind = begin.replace(year=min(begin.year + 6, DATUM_MAX.year))
    spreiding = fasen_spreiden(begin=begin, eind=eind, aantal=len(STANDAARD_FASEN))
    return [
        {"naam": str(naam), "eindproduct": str(eindproduct), "startdatum": start, "einddatum": einde}
        for (naam, eindproduct), (start, einde) in zip(STANDAARD_FASEN, spreiding, strict=True)
    ]


@transaction.atomic
def fasen_vastleggen(*, plan, fasen: list[dict], door=None) -> list:
    """Create the confirmed phases, each ending in a decision milestone on its end date.

    Refused when the plan already has phases (one set of phases per plan: edit those).
    """
    if wup_selectors.plan_fasen(plan=plan):
        raise ValidationError(gettext("This plan already has phases. Edit those instead."))
    gemaakt = []
    for volgorde, fase in enumerate(fasen, start=1):
        rij = wup_services.fase_create(plan=plan, volgorde=volgorde, **fase)
        mijlpaal_create(
            plan=plan,
            naam=gettext("Decision: %(eindproduct)s") % {"eindproduct": rij.eindproduct or rij.naam},
            basisdatum=rij.einddatum,
            fase=rij,
            besluitmoment=True,
            door=door,
        )
        gemaakt.append(rij)
    return gemaakt
