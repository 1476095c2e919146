"""Meetings (bijeenkomsten): plan, edit and mark held (the attendance becomes an event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.services import model_update
from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append
from wup import services as wup_services

from ..models import Bijeenkomst

BIJEENKOMST_FIELDS = ("soort", "titel", "datum", "plaats", "aantal_bezoekers", "verslag")


@transaction.atomic
def bijeenkomst_create(
    *, plan, soort: str, datum: dt.datetime, plaats: str, titel: str = "", verslag: str = ""
) -> Bijeenkomst:
    wup_services.plan_open_check(plan)
    bijeenkomst = Bijeenkomst(plan=plan, soort=soort, datum=datum, plaats=plaats, titel=titel, verslag=verslag)
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def bijeenkomst_update(*, bijeenkomst: Bijeenkomst, **changes: Any) -> Bijeenkomst:
    """Edit a meeting; see BIJEENKOMST_FIELDS. Once held, its number of attendees is fixed."""
    wup_services.plan_open_check(bijeenkomst.plan)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if (
        bijeenkomst.gehouden
        and "aantal_bezoekers" in changes
        and changes["aantal_bezoekers"] != bijeenkomst.aantal_bezoekers
    ):
        # The event log is append-only: the attendance of a held meeting is already counted.
        raise ValidationError(
            {"aantal_bezoekers": gettext("The meeting is already registered as held; the number is fixed.")}
        )
    bijeenkomst, _ = model_update(instance=bijeenkomst, fields=BIJEENKOMST_FIELDS, data=changes)
    return bijeenkomst


@transaction.atomic
def bijeenkomst_mark_held(
    *, bijeenkomst: Bijeenkomst, aantal_bezoekers: int, verslag: str = "", door=None
) -> Bijeenkomst:
    """Record that a meeting took place and append its attendance to the event log (idempotent)."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.gehouden:
        raise ValidationError(gettext("This meeting is already registered as held."))
    if bijeenkomst.geannuleerd_op is not None:
        raise ValidationError(gettext("This meeting was cancelled; it cannot have been held."))
    if aantal_bezoekers is None or aantal_bezoekers < 0:
        raise ValidationError({"aantal_bezoekers": gettext("Enter the number of visitors (0 or more).")})
    if bijeenkomst.datum > timezone.now():
        raise ValidationError(gettext("A meeting in the future cannot have been held yet."))
    bijeenkomst.gehouden = True
    bijeenkomst.aantal_bezoekers = aantal_bezoekers
    if verslag:
        bijeenkomst.verslag = verslag
    bijeenkomst.full_clean()
    bijeenkomst.save()
    gebeurtenis_append(
        type=GebeurtenisType.BIJEENKOMST_GEHOUDEN,
        plan_id=bijeenkomst.plan_id,
        datum=timezone.localdate(bijeenkomst.datum),
        bron=GebeurtenisBron.BIJEENKOMST,
        extern_id=f"bijeenkomst-{bijeenkomst.pk}",
        hoeveelheid=aantal_bezoekers,
        payload={"soort": bijeenkomst.soort},
        door=door,
    )
    return bijeenkomst


@transaction.atomic
def bijeenkomst_annuleren(*, bijeenkomst: Bijeenkomst) -> bool:
    """Cancel a meeting that has not been held. False when it already was cancelled (a double
    submit); it stays in the lists and feeds, marked as cancelled."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.gehouden:
        raise ValidationError(gettext("This meeting was held; it can no longer be cancelled."))
    if bijeenkomst.geannuleerd_op is not None:
        return False
    bijeenkomst.geannuleerd_op = timezone.now()
    bijeenkomst.save(update_fields=["geannuleerd_op", "updated_at"])
    return True
