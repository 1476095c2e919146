"""What the routekaart's writes share: the event each change appends, locking, plan checks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from core import dates
from core.dates import DATUM_MAX, DATUM_MIN
from logboek import services as logboek_services
from logboek.constants import PAYLOAD_GEPLAND, GebeurtenisBron
from logboek.constants import GebeurtenisType as T

from ..constants import EXTERN_VERVALLEN, AfspraakStatus, MijlpaalUitkomst
from ..models import Afspraak, Mijlpaal

# Which event each change of a milestone or an agreement appends.
EVENTS = {
    "mijlpaal": {
        "gepland": T.MIJLPAAL_GEPLAND,
        "verschoven": T.MIJLPAAL_VERSCHOVEN,
        MijlpaalUitkomst.BEREIKT: T.MIJLPAAL_BEREIKT,
        MijlpaalUitkomst.GEMIST: T.MIJLPAAL_GEMIST,
        "vervallen": T.MIJLPAAL_VERVALLEN,
    },
    "afspraak": {
        "gepland": T.AFSPRAAK_GEMAAKT,
        "verschoven": T.AFSPRAAK_VERSCHOVEN,
        AfspraakStatus.NAGEKOMEN: T.AFSPRAAK_NAGEKOMEN,
        AfspraakStatus.NIET_NAGEKOMEN: T.AFSPRAAK_GEMIST,
        "vervallen": T.AFSPRAAK_VERVALLEN,
    },
}


def _datum(value: dt.date) -> str:
    return dates.datum(value)


def _soort(item: Mijlpaal | Afspraak) -> str:
    return "mijlpaal" if isinstance(item, Mijlpaal) else "afspraak"


def _label(item: Mijlpaal | Afspraak) -> str:
    return item.naam if isinstance(item, Mijlpaal) else item.wat


def _append(item: Mijlpaal | Afspraak, wat: str, *, datum: dt.date, extern_id: str, door=None, **extra) -> None:
    soort = _soort(item)
    payload = {
        PAYLOAD_GEPLAND: item.basisdatum.isoformat(),
        soort: item.pk,
        "toelichting": _label(item)[:500],
        **extra,
    }
    logboek_services.gebeurtenis_append(
        type=EVENTS[soort][wat],
        plan_id=item.plan_id,
        datum=datum,
        bron=GebeurtenisBron.ROUTEKAART,
        extern_id=extern_id,
        payload=payload,
        door=door,
    )


def _check_in_range(field: str, value: dt.date | None) -> None:
    if value is not None and not (DATUM_MIN <= value <= DATUM_MAX):
        raise ValidationError({field: gettext("Enter a date between 1 January 2000 and 31 December 2100.")})


def _check_van_plan(plan_id: int, **items) -> None:
    """Parties, phases and milestones named by an item belong to the same plan."""
    for field, item in items.items():
        if item is not None and item.plan_id != plan_id:
            raise ValidationError({field: gettext("Choose one of this plan's own items.")})


def _locked(item: Mijlpaal | Afspraak) -> Mijlpaal | Afspraak:
    return type(item).objects.select_for_update().get(pk=item.pk)


def _vervallen(item: Mijlpaal | Afspraak, *, door=None) -> None:
    item = _locked(item)
    _append(
        item,
        "vervallen",
        datum=timezone.localdate(),
        extern_id=EXTERN_VERVALLEN.format(soort=_soort(item), id=item.pk),
        door=door,
    )
    item.delete()
