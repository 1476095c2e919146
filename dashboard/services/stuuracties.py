"""Steering actions (stuuracties): what civil servants do about a red or amber signal (issue 10).

Create, update, mark done (with the outcome) and cancel. Each refuses, with Dutch messages at
the field and nothing saved: texts that are empty where required, too long or hold a NUL byte;
who given twice or not at all, or a party of another plan; dates outside 2000-2100; a done date
in the future or before the action was recorded; a change to an action that is no longer open;
a change to a stopped or completed plan. Every write asks for a forced recompute after commit:
the governance indicator counts the actions (indicators.mensen.opvolging, acties_op_tijd), and
no event tells the reconcile that they changed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import dates
from core.services import model_create, model_update
from wup import selectors as wup_selectors
from wup import services as wup_services

from ..constants import (
    STUURACTIE_UITKOMST_MAX,
    STUURACTIE_WAT_MAX,
    STUURACTIE_WIE_MAX,
    Indicator,
    Status,
    StuuractieStatus,
)
from ..indicators.basis import maand_van
from ..models import Stuuractie
from .recompute import recompute_forced_request

# What a civil servant may set when recording or editing an action.
STUURACTIE_FIELDS = ("wat", "wie", "wie_partij_id", "uiterlijk", "indicator", "aanleiding_periode", "aanleiding_status")
# A signal that asks for an action: off track or needing attention.
AANLEIDING_STATUSSEN = (Status.UIT_KOERS, Status.AANDACHT)


def _tekst(value, *, veld: str, maximum: int, verplicht_bericht: str | None, errors: dict) -> str:
    """A bounded text: a str without NUL bytes, at most `maximum` characters, required when
    `verplicht_bericht` is given (then that is the message for an empty one)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[veld] = gettext("Enter text.")
        return ""
    value = value.strip()
    if "\x00" in value:
        errors[veld] = gettext("The text contains a character that is not allowed.")
    elif len(value) > maximum:
        errors[veld] = gettext("At most %(max)s characters.") % {"max": maximum}
    elif not value and verplicht_bericht:
        errors[veld] = verplicht_bericht
    return value


def _datum(value, *, veld: str, errors: dict, verplicht: bool = True) -> dt.date | None:
    if value is None and not verplicht:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors[veld] = gettext("Enter a date.")
        return None
    if not dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31):
        errors[veld] = gettext("Enter a date between 1 January 2000 and 31 December 2100.")
        return None
    return value


def _check(actie: Stuuractie) -> None:
    """Every rule on an action's own fields, all messages at once (the service's, in Dutch)."""
    errors: dict[str, str] = {}
    actie.wat = _tekst(
        actie.wat,
        veld="wat",
        maximum=STUURACTIE_WAT_MAX,
        verplicht_bericht=gettext("Describe what will be done."),
        errors=errors,
    )
    actie.wie = _tekst(actie.wie, veld="wie", maximum=STUURACTIE_WIE_MAX, verplicht_bericht=None, errors=errors)
    if "wie" not in errors:
        if actie.wie and actie.wie_partij_id:
            errors["wie"] = gettext("Choose a party of the plan or type who does it, not both.")
        elif not actie.wie and not actie.wie_partij_id:
            errors["wie"] = gettext("Say who does it: choose a party of the plan or type a name.")
        elif actie.wie_partij_id and not (
            isinstance(actie.wie_partij_id, int)
            and wup_selectors.plan_partijen(plan=actie.plan).filter(id=actie.wie_partij_id).exists()
        ):
            errors["wie_partij"] = gettext("Choose a party of this plan.")
    actie.uiterlijk = _datum(actie.uiterlijk, veld="uiterlijk", errors=errors)
    if actie.indicator not in Indicator.values:
        errors["indicator"] = gettext("Choose one of the six indicators.")
    periode = _datum(actie.aanleiding_periode, veld="aanleiding_periode", errors=errors, verplicht=False)
    actie.aanleiding_periode = maand_van(periode) if periode else None
    actie.aanleiding_status = actie.aanleiding_status or ""
    if actie.aanleiding_status and actie.aanleiding_status not in AANLEIDING_STATUSSEN:
        errors["aanleiding_status"] = gettext("A signal is off track or needs attention.")
    if errors:
        raise ValidationError(errors)
    actie.full_clean(exclude=["plan", "created_by", "wie_partij"], validate_constraints=False)


def _plan(plan_id: int):
    plan = wup_selectors.plan_list().filter(id=plan_id).first()
    if plan is None:
        raise ValidationError({NON_FIELD_ERRORS: [gettext("This plan does not exist.")]})
    return plan


def _open_actie(stuuractie_id: int) -> Stuuractie:
    """The action, locked (SELECT ... FOR UPDATE), still open, of a plan that is still open."""
    actie = Stuuractie.objects.select_for_update().filter(id=stuuractie_id).first()
    if actie is None:
        raise ValidationError({NON_FIELD_ERRORS: [gettext("This steering action does not exist (any more).")]})
    wup_services.plan_open_check(actie.plan)
    if actie.status != StuuractieStatus.OPEN:
        bericht = gettext("This steering action is %(status)s: only an open one can change.") % {
            "status": actie.get_status_display().lower()
        }
        raise ValidationError({NON_FIELD_ERRORS: [bericht]})
    return actie


@transaction.atomic
def stuuractie_create(
    *,
    plan_id: int,
    wat: str,
    uiterlijk: dt.date,
    indicator: str,
    wie: str = "",
    wie_partij_id: int | None = None,
    aanleiding_periode: dt.date | None = None,
    aanleiding_status: str = "",
    door,
    vandaag: dt.date | None = None,
) -> Stuuractie:
    """Record a steering action on a plan. Its due date lies today or later."""
    plan = _plan(plan_id)
    wup_services.plan_open_check(plan)
    vandaag = vandaag or timezone.localdate()

    def check(actie: Stuuractie) -> None:
        _check(actie)
        if actie.uiterlijk < vandaag:
            raise ValidationError({"uiterlijk": gettext("The due date has passed: choose today or a later date.")})

    data = {
        "wat": wat,
        "wie": wie,
        "wie_partij_id": wie_partij_id,
        "uiterlijk": uiterlijk,
        "indicator": indicator,
        "aanleiding_periode": aanleiding_periode,
        "aanleiding_status": aanleiding_status,
    }
    actie = model_create(model=Stuuractie, fields=STUURACTIE_FIELDS, data=data, check=check, plan=plan, created_by=door)
    recompute_forced_request(plan_id=plan.id)
    return actie


@transaction.atomic
def stuuractie_update(*, stuuractie_id: int, door, vandaag: dt.date | None = None, **fields) -> tuple[Stuuractie, bool]:
    """Change an open action's what, who, due date, indicator or signal; returns (action, changed).

    A due date that has passed is not moved: the action was not done on time, and moving the
    date would hide that from the count of actions done on time. Mark it done or cancel it and
    record a new one."""
    actie = _open_actie(stuuractie_id)
    vandaag = vandaag or timezone.localdate()
    oude_uiterlijk = actie.uiterlijk

    def check(a: Stuuractie) -> None:
        _check(a)
        if a.uiterlijk != oude_uiterlijk:
            if oude_uiterlijk < vandaag:
                raise ValidationError(
                    {"uiterlijk": gettext("The due date has passed and cannot be moved: mark it done or cancel it.")}
                )
            if a.uiterlijk < vandaag:
                raise ValidationError({"uiterlijk": gettext("The due date has passed: choose today or a later date.")})

    actie, changed = model_update(instance=actie, fields=STUURACTIE_FIELDS, data=fields, check=check, full_clean=False)
    if changed:
        recompute_forced_request(plan_id=actie.plan_id)
    return actie, changed


@transaction.atomic
def stuuractie_mark_done(
    *, stuuractie_id: int, gedaan_op: dt.date, uitkomst: str, door, vandaag: dt.date | None = None
) -> Stuuractie:
    """Mark an open action done on a date (today or earlier, not before it was recorded) with its outcome."""
    actie = _open_actie(stuuractie_id)
    vandaag = vandaag or timezone.localdate()
    errors: dict[str, str] = {}
    uitkomst = _tekst(
        uitkomst,
        veld="uitkomst",
        maximum=STUURACTIE_UITKOMST_MAX,
        verplicht_bericht=gettext("Describe the outcome: what did the action bring?"),
        errors=errors,
    )
    datum = _datum(gedaan_op, veld="gedaan_op", errors=errors)
    aangemaakt = timezone.localtime(actie.created_at).date()
    if datum is not None and datum > vandaag:
        errors["gedaan_op"] = gettext("The date it was done cannot lie in the future.")
    elif datum is not None and datum < aangemaakt:
        errors["gedaan_op"] = gettext("The date it was done lies before the action was recorded (%(datum)s).") % {
            "datum": dates.datum(aangemaakt)
        }
    if errors:
        raise ValidationError(errors)
    actie.status, actie.gedaan_op, actie.uitkomst = StuuractieStatus.GEDAAN, datum, uitkomst
    actie.save(update_fields=["status", "gedaan_op", "uitkomst", "updated_at"])
    recompute_forced_request(plan_id=actie.plan_id)
    return actie


@transaction.atomic
def stuuractie_cancel(*, stuuractie_id: int, door, vandaag: dt.date | None = None) -> Stuuractie:
    """Cancel an open action (it is no longer needed); it stays in the list as cancelled.

    Cancelled after its due date, it still counts as not done on time (acties_op_tijd)."""
    actie = _open_actie(stuuractie_id)
    actie.status, actie.vervallen_op = StuuractieStatus.VERVALLEN, vandaag or timezone.localdate()
    actie.save(update_fields=["status", "vervallen_op", "updated_at"])
    recompute_forced_request(plan_id=actie.plan_id)
    return actie
