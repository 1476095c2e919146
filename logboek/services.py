"""Writes to the event log: append one event (the only write there is), withdraw one by appending
a compensating withdrawal, and the after-append hook."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .constants import PAYLOAD_INTREKT, PAYLOAD_REDEN, GebeurtenisBron, GebeurtenisType
from .models import Gebeurtenis
from .payloads import DATUM_MAX, DATUM_MIN, payload_errors, payload_validate
from .selectors import withdrawals_of

logger = logging.getLogger(__name__)

# Called after the commit of every append, with the plan's id. The dashboard registers its
# recompute request here in `DashboardConfig.ready` (explicit and followable: no dotted path
# in settings, no signal). A failing callback is logged, never raised: the event is saved.
_after_append: list[Callable[..., None]] = []


def after_append_register(callback: Callable[..., None]) -> None:
    """Register `callback(plan_id=...)` to run after the commit of each append (idempotent)."""
    if callback not in _after_append:
        _after_append.append(callback)


def _after_commit(plan_id: int) -> None:
    for callback in _after_append:
        transaction.on_commit(lambda cb=callback: cb(plan_id=plan_id), robust=True)


@transaction.atomic
def gebeurtenis_append(
    *,
    type: str,
    plan_id: int,
    datum: dt.date,
    bron: str,
    extern_id: str,
    hoeveelheid: int = 1,
    payload: dict | None = None,
    buurt_id: int | None = None,
    door=None,
) -> tuple[Gebeurtenis, bool]:
    """Append one event; a second append with the same (bron, extern_id) is a no-op.

    The payload is validated against the type's declared schema (`logboek.payloads`).
    Returns (event, created). Call inside the transaction that writes the fact it records.
    """
    if not isinstance(datum, dt.date) or not (DATUM_MIN <= datum <= DATUM_MAX):
        raise ValidationError({"datum": gettext("The date must be between 2000 and 2100.")})
    event = Gebeurtenis(
        type=type,
        plan_id=plan_id,
        buurt_id=buurt_id,
        datum=datum,
        hoeveelheid=hoeveelheid,
        bron=bron,
        extern_id=extern_id,
        payload=payload_validate(type, payload),
        geregistreerd_door=door,
    )
    event.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # A savepoint, so a duplicate key leaves the caller's transaction usable.
        with transaction.atomic():
            event.save(force_insert=True)
    except IntegrityError:
        existing = Gebeurtenis.objects.filter(bron=bron, extern_id=extern_id).first()
        if existing is None:  # not the idempotency key that failed: a real error
            raise
        return existing, False
    _after_commit(plan_id)
    return event, True


INTREKKING_EXTERN_ID = "intrekking:{id}"


@transaction.atomic
def gebeurtenis_intrekken(*, gebeurtenis_id: int, reden: str, door=None) -> Gebeurtenis:
    """Withdraw one event: append an `intrekking` for the same plan that names it and why.

    The log stays append-only: the withdrawn event stays, marked, and no longer counts in any
    reader (the aggregate, the route, the event list). `bron` + `extern_id`
    (`formulier`, `intrekking:<id>`) makes two concurrent withdrawals of one event one row.
    Refused (ValidationError, Dutch): an unknown event, a withdrawal itself (withdrawing a
    withdrawal would make counting depend on chains), an event already withdrawn, no reason.
    """
    event = Gebeurtenis.objects.filter(pk=gebeurtenis_id).only("id", "plan_id", "buurt_id", "type").first()
    if event is None:
        raise ValidationError({"gebeurtenis": gettext("This event does not exist.")})
    if event.type == GebeurtenisType.INTREKKING:
        raise ValidationError({"gebeurtenis": gettext("A withdrawal cannot be withdrawn.")})
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": gettext("Give the reason why this event is withdrawn.")})
    payload = {PAYLOAD_INTREKT: event.id, PAYLOAD_REDEN: reden}
    _, errors = payload_errors(GebeurtenisType.INTREKKING, payload)
    if errors:
        raise ValidationError(
            {key if key == PAYLOAD_REDEN else "gebeurtenis": message for key, message in errors.items()}
        )
    already = gettext("This event has already been withdrawn.")
    if withdrawals_of(plan_id=event.plan_id, gebeurtenis_ids=[event.id]):
        raise ValidationError({"gebeurtenis": already})
    intrekking, created = gebeurtenis_append(
        type=GebeurtenisType.INTREKKING,
        plan_id=event.plan_id,
        buurt_id=event.buurt_id,
        datum=timezone.localdate(),
        hoeveelheid=0,
        bron=GebeurtenisBron.FORMULIER,
        extern_id=INTREKKING_EXTERN_ID.format(id=event.id),
        payload=payload,
        door=door,
    )
    if not created:  # a concurrent withdrawal of the same event committed first
        raise ValidationError({"gebeurtenis": already})
    return intrekking
