"""Agreements between two parties of the plan, and their dependencies (no cycles, no contradicting dates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import model_update
from wup import services as wup_services

from ..constants import EXTERN_GEPLAND, AfspraakStatus
from ..models import Afspraak
from ..planning import cyclus
from ._gedeeld import _append, _check_in_range, _check_van_plan, _datum, _vervallen

AFSPRAAK_FIELDS = ("leverancier", "ontvanger", "wat", "toelichting", "mijlpaal")


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
    wup_services.plan_open_check(plan)
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
    wup_services.plan_open_check(afspraak.plan)
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
    wup_services.plan_open_check(afspraak.plan)
    _vervallen(afspraak, door=door)
