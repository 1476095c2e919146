"""Saved scenarios (wat-als): a plan's named what-if parameters, made by civil servants.

Only the parameters are stored (the page computes the scenario again against the latest
figures). The ranges are those of the pure projection (`dashboard.scenario`), checked here
again whatever the form did: a tampered POST gets the same Dutch messages at the field.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from wup import selectors as wup_selectors

from .. import scenario
from ..indicators.basis import maand_van
from ..models import Scenario

NAAM_MAX = 120


def _geheel(waarde, veld: str, laag: int, hoog: int, errors: dict) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        errors[veld] = gettext("Enter a whole number.")
        return 0
    if not laag <= waarde <= hoog:
        errors[veld] = gettext("Enter a number from %(laag)s to %(hoog)s.") % {"laag": laag, "hoog": hoog}
    return waarde


def scenario_parameters_check(
    *,
    woningen: int | None,
    warmtenet_woningen,
    warmtenet_vanaf,
    uitstel_maanden,
    tempo_pct,
) -> scenario.WhatIf:
    """The what-if parameters as `scenario.WhatIf`, or a ValidationError per field in Dutch.

    `woningen` is the plan area's homes (None: unknown, then at most WARMTENET_MAX_ONBEKEND
    extra homes on the heat network). Shared by the form and the service."""
    errors: dict[str, str] = {}
    hoog = woningen if woningen else scenario.WARMTENET_MAX_ONBEKEND
    extra = _geheel(warmtenet_woningen, "warmtenet_woningen", 0, hoog, errors)
    uitstel = _geheel(uitstel_maanden, "uitstel_maanden", 0, scenario.UITSTEL_MAX, errors)
    tempo = _geheel(tempo_pct, "tempo_pct", scenario.TEMPO_PCT_MIN, scenario.TEMPO_PCT_MAX, errors)
    vanaf = None
    if warmtenet_vanaf is not None:
        if not isinstance(warmtenet_vanaf, dt.date) or not (
            scenario.MAAND_MIN <= maand_van(warmtenet_vanaf) <= scenario.MAAND_MAX
        ):
            errors["warmtenet_vanaf"] = gettext("Enter a month from 2000-01 to 2100-12.")
        else:
            vanaf = maand_van(warmtenet_vanaf)
    if extra and vanaf is None and "warmtenet_vanaf" not in errors and "warmtenet_woningen" not in errors:
        errors["warmtenet_vanaf"] = gettext("Enter the month from which the heat network connects these homes.")
    if errors:
        raise ValidationError(errors)
    # Without extra homes the month means nothing: left out, so equal parameters compare equal.
    return scenario.WhatIf(
        warmtenet_woningen=extra, warmtenet_vanaf=vanaf if extra else None, uitstel_maanden=uitstel, tempo_pct=tempo
    )


def _clean_naam(naam) -> str:
    naam = naam.strip() if isinstance(naam, str) else ""
    if "\x00" in naam:
        raise ValidationError({"naam": gettext("The name contains a character that is not allowed.")})
    if not naam:
        raise ValidationError({"naam": gettext("Give the scenario a name.")})
    if len(naam) > NAAM_MAX:
        raise ValidationError({"naam": gettext("A name has at most 120 characters.")})
    return naam


@transaction.atomic
def scenario_opslaan(
    *,
    plan_id: int,
    naam: str,
    warmtenet_woningen: int = 0,
    warmtenet_vanaf: dt.date | None = None,
    uitstel_maanden: int = 0,
    tempo_pct: int = 0,
    door,
) -> Scenario:
    """Save a plan's what-if under a name (unique per plan). Refuses, with Dutch messages at
    the field: an unknown plan, an empty or too long name or one with a NUL byte, a name the
    plan already uses, and any parameter out of its range (scenario_parameters_check)."""
    plan = wup_selectors.plan_list().filter(id=plan_id).first()
    if plan is None:
        raise ValidationError(gettext("This plan does not exist."))
    naam = _clean_naam(naam)
    woningen = wup_selectors.plan_gebieden(plans=[plan])[plan.id].woningen
    what_if = scenario_parameters_check(
        woningen=woningen,
        warmtenet_woningen=warmtenet_woningen,
        warmtenet_vanaf=warmtenet_vanaf,
        uitstel_maanden=uitstel_maanden,
        tempo_pct=tempo_pct,
    )
    dubbel = ValidationError({"naam": gettext("This plan already has a scenario with this name.")})
    if Scenario.objects.filter(plan_id=plan.id, naam=naam).exists():
        raise dubbel
    obj = Scenario(
        plan_id=plan.id,
        naam=naam,
        warmtenet_woningen=what_if.warmtenet_woningen,
        warmtenet_vanaf=what_if.warmtenet_vanaf,
        uitstel_maanden=what_if.uitstel_maanden,
        tempo_pct=what_if.tempo_pct,
        created_by=door,
    )
    obj.full_clean(validate_constraints=False)  # the constraints are the checks above
    try:
        with transaction.atomic():  # a savepoint: two tabs saving the same name at once
            obj.save()
    except IntegrityError:
        raise dubbel from None
    return obj


@transaction.atomic
def scenario_verwijderen(*, scenario_id: int, door) -> int:
    """Delete a saved scenario; returns its plan's id. An unknown one: a Dutch message."""
    obj = Scenario.objects.select_for_update().filter(id=scenario_id).first()
    if obj is None:
        raise ValidationError(gettext("This scenario does not exist (any more)."))
    plan_id = obj.plan_id
    obj.delete()
    return plan_id
