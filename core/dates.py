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
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
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


# --- The named formats: the one date and time style of the UI, the PDFs and the letters ----
# (issue 13). Templates use the filters of the same names (core/templatetags/datums.py, a
# template builtin); code that builds sentences calls these functions. No other format string
# is used for a date a person reads; machine formats (ISO in CSV, JSON, iCalendar, the values
# of <input type="date"> and of <time datetime="...">) stay ISO 8601.
#
# - `datum`: long, the month in full, for documents and sentences: "31 december 2027".
# - `datum_kort`: short, for tables and lists: "31-12-2027". Chosen over "31 dec. 2027"
#   because it is the Dutch numeric notation (dd-mm-jjjj) that the date fields accept and
#   show, it has a fixed width so a table's column lines up and reads at a glance, and it
#   needs no abbreviated month names, which is where "1 Mrt 2023" and "1 Dec 2026" came from.
# - `datum_tijd` / `datum_tijd_kort`: the same with the clock time (24 hours), always in
#   Europe/Amsterdam (settings.TIME_ZONE, USE_TZ): "31 december 2027, 19:30", "31-12-2027 19:30".
# - `maand`: month and year: "december 2027".
DATUM = "j F Y"
DATUM_KORT = "d-m-Y"
DATUM_TIJD = "j F Y, H:i"
DATUM_TIJD_KORT = "d-m-Y H:i"
MAAND = "F Y"


def _format(value: dt.date | dt.datetime | None, fmt: str) -> str:
    """`value` in `fmt` in the active language; an aware datetime first in Amsterdam time.

    An ISO 8601 string (a date kept in a JSON payload, such as a tussendoel's deadline in the
    indicator details) is read first; any other string is returned as it is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value) if "T" in value or " " in value else parse_date(value)
        except ValueError:  # well formed but no such day ("2027-02-30")
            parsed = None
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)


def datum(value: dt.date | dt.datetime | None) -> str:
    return _format(value, DATUM)


def datum_kort(value: dt.date | dt.datetime | None) -> str:
    """Short, for tables and lists: "31-12-2027" rather than "31 dec. 2027". The Dutch numeric
    notation (dd-mm-jjjj) the date fields accept and show, a fixed width so a column lines up,
    and no abbreviated month names (where "1 Mrt 2023" and "1 Dec 2026" came from)."""
    return _format(value, DATUM_KORT)


def datum_tijd(value: dt.datetime | None) -> str:
    return _format(value, DATUM_TIJD)


def datum_tijd_kort(value: dt.datetime | None) -> str:
    return _format(value, DATUM_TIJD_KORT)


def maand(value: dt.date | dt.datetime | None) -> str:
    return _format(value, MAAND)
