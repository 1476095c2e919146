"""Forecasts and completion, for milestones and agreements alike: each change appends its event once."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wup import services as wup_services

from ..constants import EXTERN_AFGEROND, EXTERN_VERSCHOVEN, AfspraakStatus, MijlpaalUitkomst
from ..models import Afspraak, Mijlpaal, Verschuiving
from ._gedeeld import _append, _check_in_range, _datum, _locked, _soort
from .afspraken import _check_datum_na


@transaction.atomic
def prognose_verplaatsen(*, item: Mijlpaal | Afspraak, prognose: dt.date, reden: str, door=None) -> bool:
    """Move the forecast of a milestone or an agreement, keeping who, when and why.

    Returns False (and appends nothing) when the forecast already is `prognose`: a double
    submit or a second tab. Refused: a completed item, no reason, a date out of range, an
    agreement moved before an open prerequisite or after an open agreement that needs it.
    """
    wup_services.plan_open_check(item.plan)
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
    wup_services.plan_open_check(item.plan)
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
