"""Coupling opportunities (planned works in the public space) and the permits they or the plan need."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.services import model_create, model_update
from wup import services as wup_services

from ..models import Koppelkans, Mijlpaal, Vergunning
from ._gedeeld import _check_van_plan

KOPPELKANS_FIELDS = ("soort", "omschrijving", "verantwoordelijke", "venster_van", "venster_tot")
VERGUNNING_FIELDS = ("soort", "omschrijving", "aanvrager", "status", "verwachte_beslisdatum", "koppelkans")


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
    wup_services.plan_open_check(plan)
    kans = model_create(model=Koppelkans, fields=KOPPELKANS_FIELDS, data=fields, check=_check_koppelkans, plan=plan)
    _set_mijlpalen(kans, mijlpalen)
    return kans


@transaction.atomic
def koppelkans_update(*, koppelkans: Koppelkans, mijlpalen: Iterable[Mijlpaal] | None = None, **fields) -> Koppelkans:
    wup_services.plan_open_check(koppelkans.plan)
    kans, _ = model_update(
        instance=koppelkans, fields=KOPPELKANS_FIELDS, data=fields, check=_check_koppelkans, full_clean=False
    )
    if mijlpalen is not None:
        _set_mijlpalen(kans, mijlpalen)
    return kans


@transaction.atomic
def koppelkans_delete(*, koppelkans: Koppelkans) -> None:
    """Its permits stay, no longer tied to it."""
    wup_services.plan_open_check(koppelkans.plan)
    koppelkans.delete()


def _check_vergunning(vergunning: Vergunning) -> None:
    _check_van_plan(vergunning.plan_id, aanvrager=vergunning.aanvrager, koppelkans=vergunning.koppelkans)
    vergunning.full_clean(exclude=["plan"], validate_constraints=False)


@transaction.atomic
def vergunning_create(*, plan, **fields) -> Vergunning:
    wup_services.plan_open_check(plan)
    return model_create(model=Vergunning, fields=VERGUNNING_FIELDS, data=fields, check=_check_vergunning, plan=plan)


@transaction.atomic
def vergunning_update(*, vergunning: Vergunning, **fields) -> Vergunning:
    wup_services.plan_open_check(vergunning.plan)
    vergunning, _ = model_update(
        instance=vergunning, fields=VERGUNNING_FIELDS, data=fields, check=_check_vergunning, full_clean=False
    )
    return vergunning


@transaction.atomic
def vergunning_delete(*, vergunning: Vergunning) -> None:
    wup_services.plan_open_check(vergunning.plan)
    vergunning.delete()
