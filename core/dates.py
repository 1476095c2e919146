"""The range every date and datetime in the product lies in: 1 January 2000 to 31 December 2100.

A date outside it is a typing error (a year 1 from a browser's date picker, 2O25 read as 202)
and, before the year 1, a value psycopg cannot even load: one such row made every page that
reads it answer 500. So each date field carries `DatumBereik` (forms and services: a Dutch
message at the field) and a `datum_bereik` check constraint (the database: nothing else can
write one either).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DATUM_MIN = dt.date(2000, 1, 1)
DATUM_MAX = dt.date(2100, 12, 31)
# A datetime is checked in local time by the validator; the database compares in UTC, so its
# bound is a day wider (a local 1 January 2000, 00:30 is still 1999 in UTC).
_MOMENT_MIN = dt.datetime(1999, 12, 31, tzinfo=dt.UTC)
_MOMENT_MAX = dt.datetime(2101, 1, 2, tzinfo=dt.UTC)


def datum_in_bereik(value: dt.date | dt.datetime | None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, dt.datetime) else value
    return DATUM_MIN <= day <= DATUM_MAX


@deconstructible
class DatumBereik:
    message = _("Enter a date between 1 January 2000 and 31 December 2100.")
    code = "datum_bereik"

    def __call__(self, value) -> None:
        if not datum_in_bereik(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, DatumBereik)


def datum_bereik(field: str, *, name: str, moment: bool = False) -> models.CheckConstraint:
    """The database's side of DatumBereik on `field` (NULL allowed; `moment` for a datetime)."""
    low, high = (_MOMENT_MIN, _MOMENT_MAX) if moment else (DATUM_MIN, DATUM_MAX)
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
        violation_error_message=DatumBereik.message,
    )
