"""Kaders, the council's frameworks of a plan: techniekkeuze, kernwaarden, ambities, tussendoelen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.services import model_update

from ..constants import (
    METRIEK_BEREIK,
    KeuzeSoort,
    Metriek,
)
from ..models import (
    Ambitie,
    Kernwaarde,
    Partij,
    Plan,
    TechniekKader,
    Tussendoel,
)
from .partijen import partijen_check
from .plannen import _deadline_error, _techniek_label
from .versies import plan_wijzigbaar_check

TECHNIEKKADER_FIELDS = ("techniekrichting", "soort", "reden")
KERNWAARDE_FIELDS = ("pool_links", "pool_rechts", "positie", "waarom", "volgorde")
AMBITIE_FIELDS = ("omschrijving", "partijen")
TUSSENDOEL_FIELDS = ("omschrijving", "metriek", "streefwaarde", "deadline", "eigenaar", "kernwaarde")


def _check_techniekkader(kader: TechniekKader) -> None:
    kader.full_clean(validate_constraints=False)
    duplicate = TechniekKader.objects.filter(plan=kader.plan, techniekrichting=kader.techniekrichting).exclude(
        pk=kader.pk
    )
    if duplicate.exists():
        raise ValidationError(
            {
                "techniekrichting": gettext("There already is a kader for '%(techniek)s'.")
                % {"techniek": _techniek_label(kader.techniekrichting)}
            }
        )
    if kader.plan and kader.soort == KeuzeSoort.UITGESLOTEN and kader.plan.techniekrichting == kader.techniekrichting:
        raise ValidationError(
            {
                "soort": (
                    gettext(
                        "The plan itself now chooses '%(techniek)s'. "
                        "Change the plan's techniekrichting first before you exclude it."
                    )
                    % {"techniek": _techniek_label(kader.techniekrichting)}
                )
            }
        )


@transaction.atomic
def techniekkader_create(*, plan: Plan | None, techniekrichting: str, soort: str, reden: str) -> TechniekKader:
    """A techniekrichting chosen or excluded, with its reason; plan None = municipality-wide default."""
    plan_wijzigbaar_check(plan)
    kader = TechniekKader(plan=plan, techniekrichting=techniekrichting, soort=soort, reden=reden.strip())
    _check_techniekkader(kader)
    kader.save()
    return kader


@transaction.atomic
def techniekkader_update(*, kader: TechniekKader, **fields) -> TechniekKader:
    plan_wijzigbaar_check(kader.plan)
    kader, _ = model_update(
        instance=kader, fields=TECHNIEKKADER_FIELDS, data=fields, check=_check_techniekkader, full_clean=False
    )
    return kader


@transaction.atomic
def techniekkader_delete(*, kader: TechniekKader) -> None:
    plan_wijzigbaar_check(kader.plan)
    kader.delete()


def _check_kernwaarde(waarde: Kernwaarde) -> None:
    errors = {}
    if not (waarde.waarom or "").strip():
        errors["waarom"] = gettext("Explain why the plan chooses this position between the two poles.")
    if waarde.pool_links and waarde.pool_links.strip().lower() == (waarde.pool_rechts or "").strip().lower():
        errors["pool_rechts"] = gettext("The two poles must differ.")
    if errors:
        raise ValidationError(errors)
    waarde.full_clean()


@transaction.atomic
def kernwaarde_create(
    *, plan: Plan | None, pool_links: str, pool_rechts: str, waarom: str, positie: int = 50, volgorde: int = 0
) -> Kernwaarde:
    """A core value: a position between two poles, with a required why."""
    plan_wijzigbaar_check(plan)
    waarde = Kernwaarde(
        plan=plan,
        pool_links=pool_links.strip(),
        pool_rechts=pool_rechts.strip(),
        positie=positie,
        waarom=(waarom or "").strip(),
        volgorde=volgorde,
    )
    _check_kernwaarde(waarde)
    waarde.save()
    return waarde


@transaction.atomic
def kernwaarde_update(*, kernwaarde: Kernwaarde, **fields) -> Kernwaarde:
    plan_wijzigbaar_check(kernwaarde.plan)
    kernwaarde, _ = model_update(
        instance=kernwaarde, fields=KERNWAARDE_FIELDS, data=fields, check=_check_kernwaarde, full_clean=False
    )
    return kernwaarde


@transaction.atomic
def kernwaarde_delete(*, kernwaarde: Kernwaarde) -> None:
    plan_wijzigbaar_check(kernwaarde.plan)
    # Tussendoelen that served it keep existing without a kernwaarde (SET_NULL); the dashboard's
    # 'koers' indicator then shows them as unaligned.
    kernwaarde.delete()


def _check_ambitie(ambitie: Ambitie, gekozen: list[Partij]) -> None:
    """Description required, and at least one party: of the plan's list or as free text."""
    errors: dict[str, list[str]] = {}
    try:
        ambitie.full_clean(exclude=["partijen"] if not ambitie.partijen else None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not gekozen and not ambitie.partijen:
        errors["betrokken_partijen"] = [gettext("Name at least one party that shares this ambition.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ambitie_create(
    *, plan: Plan | None, omschrijving: str, partijen: str = "", betrokken_partijen: Iterable[Partij] = ()
) -> Ambitie:
    """A gezamenlijke ambitie (shared ambition) with the plan's parties that share it.

    `partijen` (free text) is for parties outside the plan's list, and for municipality-wide
    ambitions, which have no plan and so no parties to choose from.
    """
    plan_wijzigbaar_check(plan)
    gekozen = partijen_check(plan=plan, partijen=betrokken_partijen, veld="betrokken_partijen")
    ambitie = Ambitie(plan=plan, omschrijving=omschrijving.strip(), partijen=(partijen or "").strip())
    _check_ambitie(ambitie, gekozen)
    ambitie.save()
    ambitie.betrokken_partijen.set(gekozen)
    return ambitie


@transaction.atomic
def ambitie_update(*, ambitie: Ambitie, betrokken_partijen: Iterable[Partij] | None = None, **fields) -> Ambitie:
    plan_wijzigbaar_check(ambitie.plan)
    if betrokken_partijen is not None:
        gekozen = partijen_check(plan=ambitie.plan, partijen=betrokken_partijen, veld="betrokken_partijen")
    else:
        gekozen = list(ambitie.betrokken_partijen.all())
    ambitie, _ = model_update(
        instance=ambitie,
        fields=AMBITIE_FIELDS,
        data=fields,
        check=lambda a: _check_ambitie(a, gekozen),
        full_clean=False,
    )
    if betrokken_partijen is not None:
        ambitie.betrokken_partijen.set(gekozen)
    return ambitie


@transaction.atomic
def ambitie_delete(*, ambitie: Ambitie) -> None:
    plan_wijzigbaar_check(ambitie.plan)
    ambitie.delete()


def _check_tussendoel(doel: Tussendoel) -> None:
    errors: dict[str, str] = {}
    if doel.metriek in METRIEK_BEREIK and doel.streefwaarde is not None:
        minimum, maximum = METRIEK_BEREIK[doel.metriek]
        waarde = Decimal(doel.streefwaarde)
        label = str(Metriek(doel.metriek).label)
        if waarde < Decimal(str(minimum)) or (maximum is not None and waarde > Decimal(str(maximum))):
            if maximum is not None:
                message = gettext("The target value for '%(label)s' must be between %(minimum)s and %(maximum)s.")
            else:
                message = gettext("The target value for '%(label)s' must be at least %(minimum)s.")
            errors["streefwaarde"] = message % {
                "label": label,
                "minimum": f"{minimum:g}",
                "maximum": f"{maximum:g}" if maximum is not None else "",
            }
    if doel.deadline and doel.plan_id:
        error = _deadline_error(doel.plan, doel.deadline)
        if error:
            errors["deadline"] = error
    if doel.kernwaarde_id and doel.kernwaarde.plan_id != doel.plan_id:
        errors["kernwaarde"] = gettext("This kernwaarde does not belong to this plan.")
    if errors:
        raise ValidationError(errors)
    doel.full_clean()


@transaction.atomic
def tussendoel_create(
    *,
    plan: Plan,
    omschrijving: str,
    metriek: str,
    streefwaarde: Decimal | int | float,
    deadline: dt.date,
    eigenaar: str,
    kernwaarde: Kernwaarde | None = None,
) -> Tussendoel:
    """An (interim) goal on a metric the dashboard measures, inside the plan's timeline."""
    plan_wijzigbaar_check(plan)
    doel = Tussendoel(
        plan=plan,
        omschrijving=omschrijving.strip(),
        metriek=metriek,
        streefwaarde=Decimal(str(streefwaarde)),
        deadline=deadline,
        eigenaar=eigenaar.strip(),
        kernwaarde=kernwaarde,
    )
    _check_tussendoel(doel)
    doel.save()
    return doel


@transaction.atomic
def tussendoel_update(*, tussendoel: Tussendoel, **fields) -> Tussendoel:
    plan_wijzigbaar_check(tussendoel.plan)
    tussendoel, _ = model_update(
        instance=tussendoel, fields=TUSSENDOEL_FIELDS, data=fields, check=_check_tussendoel, full_clean=False
    )
    return tussendoel


@transaction.atomic
def tussendoel_delete(*, tussendoel: Tussendoel) -> None:
    plan_wijzigbaar_check(tussendoel.plan)
    tussendoel.delete()
