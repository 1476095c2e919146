"""Django's own date formats (a raw `{{ date }}`, the admin) set to the named formats of
core/dates.py, so what the filters do not reach shows the same style (FORMAT_MODULE_PATH).
Only these names are overridden; the rest (input formats, numbers) stays Django's."""

from core.dates import DATUM, DATUM_KORT, DATUM_TIJD, DATUM_TIJD_KORT, MAAND

DATE_FORMAT = DATUM
DATETIME_FORMAT = DATUM_TIJD
SHORT_DATE_FORMAT = DATUM_KORT
SHORT_DATETIME_FORMAT = DATUM_TIJD_KORT
YEAR_MONTH_FORMAT = MAAND
