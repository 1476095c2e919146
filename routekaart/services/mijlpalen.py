"""Milestones: planned on a baseline (the forecast starts there), edited, removed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.services import model_update
from wup import services as wup_services

from ..constants import EXTERN_GEPLAND
from ..models import Mijlpaal
from ._gedeeld import _append, _check_in_range, _check_van_plan, _vervallen

MIJLPAAL_FIELDS = ("naam", "fase", "verantwoordelijke", "besluitmoment")


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
    wup_services.plan_open_check(plan)
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
    wup_services.plan_open_check(mijlpaal.plan)
    mijlpaal, _ = model_update(
        instance=mijlpaal, fields=MIJLPAAL_FIELDS, data=fields, check=_check_mijlpaal, full_clean=False
    )
    return mijlpaal


@transaction.atomic
def mijlpaal_delete(*, mijlpaal: Mijlpaal, door=None) -> None:
    """Its events stay in the log (append-only), and a `mijlpaal_vervallen` records the removal:
    the schedule's history keeps what happened, and the plan is recomputed at once (an overdue
    milestone removed no longer counts)."""
    wup_services.plan_open_check(mijlpaal.plan)
    _vervallen(mijlpaal, door=door)
