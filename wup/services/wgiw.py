"""The Wgiw parts of an uitvoeringsplan: the plan-level fields and the related records
(gas end date per buurt, measures, investments, equivalent and considered alternatives,
safeguards). The rules that decide whether a plan may be adopted live in wup/wgiw.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.services import model_update

from ..models import (
    Buurt,
    GasEinddatumBuurt,
    GelijkwaardigAlternatief,
    Investering,
    Maatregel,
    OverwogenAlternatief,
    Partij,
    Plan,
    Waarborg,
)
from .versies import plan_wijzigbaar_check

PLAN_WGIW_FIELDS = (
    "gas_einddatum",
    "aanwijsbevoegdheid",
    "omgevingsplanregel_op",
    "keuzeruimte",
    "keuze_motivatie",
    "participatie_verantwoording",
)
GAS_EINDDATUM_BUURT_FIELDS = ("buurt", "datum")
MAATREGEL_FIELDS = ("soort", "wat", "waar", "wanneer", "partij")
INVESTERING_FIELDS = ("partij", "wat", "bedrag", "periode_van", "periode_tot", "zekerheid")
GELIJKWAARDIG_FIELDS = ("omschrijving", "voorwaarden")
OVERWOGEN_FIELDS = ("techniekrichting", "nationale_kosten", "eenheid", "bron", "gekozen")
WAARBORG_FIELDS = ("soort", "invulling")


@transaction.atomic
def plan_wgiw_update(*, plan: Plan, **fields) -> Plan:
    """Change the plan's own Wgiw fields (gas end date, aanwijsbevoegdheid, texts)."""
    plan_wijzigbaar_check(plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan, _ = model_update(instance=plan, fields=PLAN_WGIW_FIELDS, data=fields)
    return plan


def _partij_check(obj, partij: Partij | None) -> None:
    # A party of another plan is a tampered form or a programming error: refused at the field.
    if partij is not None and partij.plan_id != obj.plan_id:
        raise ValidationError({"partij": gettext("Choose parties of this plan.")})


def _validate(obj, check=None) -> None:
    """The service's own rules first (their Dutch messages at the field), then full_clean on the rest."""
    errors: dict[str, list[str]] = {}
    try:
        if check:
            check(obj)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        obj.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save(obj, check=None) -> None:
    _validate(obj, check)
    obj.save()


def _update(instance, fields, data, check=None):
    instance, _ = model_update(
        instance=instance, fields=fields, data=data, check=lambda o: _validate(o, check), full_clean=False
    )
    return instance


# --- Gas end date per buurt ----------------------------------------------------------------


def _check_gas_einddatum_buurt(obj: GasEinddatumBuurt) -> None:
    if obj.buurt_id and not obj.plan.buurten.filter(pk=obj.buurt_id).exists():
        raise ValidationError({"buurt": gettext("Choose a buurt of this plan's area.")})


@transaction.atomic
def gas_einddatum_buurt_create(*, plan: Plan, buurt: Buurt, datum: dt.date) -> GasEinddatumBuurt:
    plan_wijzigbaar_check(plan)
    obj = GasEinddatumBuurt(plan=plan, buurt=buurt, datum=datum)
    _save(obj, _check_gas_einddatum_buurt)
    return obj


@transaction.atomic
def gas_einddatum_buurt_update(*, gas_einddatum_buurt: GasEinddatumBuurt, **fields) -> GasEinddatumBuurt:
    plan_wijzigbaar_check(gas_einddatum_buurt.plan)
    return _update(gas_einddatum_buurt, GAS_EINDDATUM_BUURT_FIELDS, fields, _check_gas_einddatum_buurt)


@transaction.atomic
def gas_einddatum_buurt_delete(*, gas_einddatum_buurt: GasEinddatumBuurt) -> None:
    plan_wijzigbaar_check(gas_einddatum_buurt.plan)
    gas_einddatum_buurt.delete()


# --- Measures --------------------------------------------------------------------------------


@transaction.atomic
def maatregel_create(*, plan: Plan, soort: str, wat: str, waar: str, wanneer: str, partij: Partij) -> Maatregel:
    plan_wijzigbaar_check(plan)
    obj = Maatregel(plan=plan, soort=soort, wat=wat.strip(), waar=waar.strip(), wanneer=wanneer.strip(), partij=partij)
    _save(obj, lambda o: _partij_check(o, o.partij if o.partij_id else None))
    return obj


@transaction.atomic
def maatregel_update(*, maatregel: Maatregel, **fields) -> Maatregel:
    plan_wijzigbaar_check(maatregel.plan)
    return _update(maatregel, MAATREGEL_FIELDS, fields, lambda o: _partij_check(o, o.partij if o.partij_id else None))


@transaction.atomic
def maatregel_delete(*, maatregel: Maatregel) -> None:
    plan_wijzigbaar_check(maatregel.plan)
    maatregel.delete()


# --- Investments -----------------------------------------------------------------------------


def _check_investering(obj: Investering) -> None:
    _partij_check(obj, obj.partij if obj.partij_id else None)
    if obj.periode_van and obj.periode_tot and obj.periode_tot < obj.periode_van:
        raise ValidationError({"periode_tot": gettext("The end year is before the start year.")})


@transaction.atomic
def investering_create(
    *,
    plan: Plan,
    partij: Partij,
    wat: str,
    bedrag: Decimal | int,
    periode_van: int,
    periode_tot: int,
    zekerheid: str,
) -> Investering:
    plan_wijzigbaar_check(plan)
    obj = Investering(
        plan=plan,
        partij=partij,
        wat=wat.strip(),
        bedrag=Decimal(str(bedrag)),
        periode_van=periode_van,
        periode_tot=periode_tot,
        zekerheid=zekerheid,
    )
    _save(obj, _check_investering)
    return obj


@transaction.atomic
def investering_update(*, investering: Investering, **fields) -> Investering:
    plan_wijzigbaar_check(investering.plan)
    return _update(investering, INVESTERING_FIELDS, fields, _check_investering)


@transaction.atomic
def investering_delete(*, investering: Investering) -> None:
    plan_wijzigbaar_check(investering.plan)
    investering.delete()


# --- Equivalent alternatives ---------------------------------------------------------------


@transaction.atomic
def gelijkwaardig_alternatief_create(*, plan: Plan, omschrijving: str, voorwaarden: str) -> GelijkwaardigAlternatief:
    plan_wijzigbaar_check(plan)
    obj = GelijkwaardigAlternatief(plan=plan, omschrijving=omschrijving.strip(), voorwaarden=voorwaarden.strip())
    _save(obj)
    return obj


@transaction.atomic
def gelijkwaardig_alternatief_update(
    *, gelijkwaardig_alternatief: GelijkwaardigAlternatief, **fields
) -> GelijkwaardigAlternatief:
    plan_wijzigbaar_check(gelijkwaardig_alternatief.plan)
    return _update(gelijkwaardig_alternatief, GELIJKWAARDIG_FIELDS, fields)


@transaction.atomic
def gelijkwaardig_alternatief_delete(*, gelijkwaardig_alternatief: GelijkwaardigAlternatief) -> None:
    plan_wijzigbaar_check(gelijkwaardig_alternatief.plan)
    gelijkwaardig_alternatief.delete()


# --- Considered alternatives ---------------------------------------------------------------


def _check_overwogen(obj: OverwogenAlternatief) -> None:
    others = OverwogenAlternatief.objects.filter(plan_id=obj.plan_id).exclude(pk=obj.pk)
    if obj.gekozen and others.filter(gekozen=True).exists():
        raise ValidationError(
            {"gekozen": gettext("This plan already has a chosen alternative. Unmark that one first.")}
        )
    if others.filter(techniekrichting=obj.techniekrichting).exists():
        raise ValidationError({"techniekrichting": gettext("This heating direction has already been considered.")})


@transaction.atomic
def overwogen_alternatief_create(
    *,
    plan: Plan,
    techniekrichting: str,
    nationale_kosten: Decimal | int,
    eenheid: str,
    bron: str,
    gekozen: bool = False,
) -> OverwogenAlternatief:
    plan_wijzigbaar_check(plan)
    # Lock the plan: two requests that each mark an alternative as chosen are serialised here
    # (the partial unique constraint is the database's last word).
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    obj = OverwogenAlternatief(
        plan=plan,
        techniekrichting=techniekrichting,
        nationale_kosten=Decimal(str(nationale_kosten)),
        eenheid=eenheid,
        bron=bron.strip(),
        gekozen=gekozen,
    )
    _save(obj, _check_overwogen)
    return obj


@transaction.atomic
def overwogen_alternatief_update(*, overwogen_alternatief: OverwogenAlternatief, **fields) -> OverwogenAlternatief:
    plan_wijzigbaar_check(overwogen_alternatief.plan)
    Plan.objects.select_for_update().filter(pk=overwogen_alternatief.plan_id).first()
    return _update(overwogen_alternatief, OVERWOGEN_FIELDS, fields, _check_overwogen)


@transaction.atomic
def overwogen_alternatief_delete(*, overwogen_alternatief: OverwogenAlternatief) -> None:
    plan_wijzigbaar_check(overwogen_alternatief.plan)
    overwogen_alternatief.delete()


# --- Safeguards ------------------------------------------------------------------------------


def _check_waarborg(obj: Waarborg) -> None:
    if Waarborg.objects.filter(plan_id=obj.plan_id, soort=obj.soort).exclude(pk=obj.pk).exists():
        raise ValidationError({"soort": gettext("This plan already describes this safeguard.")})


@transaction.atomic
def waarborg_create(*, plan: Plan, soort: str, invulling: str) -> Waarborg:
    plan_wijzigbaar_check(plan)
    obj = Waarborg(plan=plan, soort=soort, invulling=invulling.strip())
    _save(obj, _check_waarborg)
    return obj


@transaction.atomic
def waarborg_update(*, waarborg: Waarborg, **fields) -> Waarborg:
    plan_wijzigbaar_check(waarborg.plan)
    return _update(waarborg, WAARBORG_FIELDS, fields, _check_waarborg)


@transaction.atomic
def waarborg_delete(*, waarborg: Waarborg) -> None:
    plan_wijzigbaar_check(waarborg.plan)
    waarborg.delete()
