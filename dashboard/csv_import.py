"""CSV import of events (e.g. the grid operator's monthly list of removed gas connections).

Atomic: one bad row and nothing is written; every error names row, column and reason.
Refused per row: a date after today (a fact has happened) and the types only a service writes
(withdrawals; milestones and agreements, which the routekaart records; the civil servants'
pulse, which only a pulse round's anonymous responses append).
Idempotent: the key is bron=csv_import + extern_id, so the same file twice counts once.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import redis_guard
from core.csv_reading import RowError, csv_read
from logboek import payloads as logboek_payloads
from logboek.constants import ROUTEKAART_TYPES, SERVICE_ONLY_TYPES, GebeurtenisBron, GebeurtenisType
from logboek.payloads import DATUM_MAX, DATUM_MIN
from logboek.services import gebeurtenis_append
from wup import selectors as wup_selectors

logger = logging.getLogger(__name__)

REQUIRED = ("type", "datum", "hoeveelheid", "extern_id")
PROGRESS_KEY = "event-import:{job}"
PROGRESS_TTL = 60 * 60
# Progress is reported every 200 rows; silence longer than the task's hard limit means it died.
PROGRESS_STALE = settings.CELERY_TASK_TIME_LIMIT + 60
MAX_ROWS = 20_000  # one import stays well inside the worker's time limit (bench/csv_import.py)
EXTERN_ID_MAX = 200  # the column's length
HOEVEELHEID_MAX = 2**31 - 1  # the column is a PostgreSQL integer


def typed_in_type_error(type: str) -> str | None:
    """Why a person may not log an event of this type by hand (form or CSV), or None.

    A withdrawal is made from the plan's event list; milestones and agreements are recorded in
    the plan's routekaart (route map), whose services append their events (issue 9).
    """
    if type in ROUTEKAART_TYPES:
        return gettext("Milestones and agreements are recorded in the plan's route map, not logged as events.")
    if type == GebeurtenisType.AMBTENAREN_PULS:
        return gettext(
            "The civil servants' pulse comes only from a pulse round (anonymous, with codes): "
            "start one on the plan's participation page."
        )
    if type in SERVICE_ONLY_TYPES:
        return gettext("A withdrawal is made from the plan's event list, not logged.")
    return None


def future_date_error(datum: dt.date, *, vandaag: dt.date) -> str | None:
    """A fact has happened: an event dated after today is refused (planned dates live in the
    routekaart, not in events; issue 9)."""
    if datum > vandaag:
        return gettext("This date lies in the future. Log an event once it has happened.")
    return None


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    total: int = 0
    created: int = 0
    duplicates: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "errors": [e.__dict__ for e in self.errors],
            "total": self.total,
            "created": self.created,
            "duplicates": self.duplicates,
        }


def progress_set(job: str | None, **values) -> None:
    if not job:
        return
    values["at"] = time.time()
    # Progress is cosmetic: never fail the import for it.
    redis_guard.call(
        lambda: cache.set(PROGRESS_KEY.format(job=job), values, timeout=PROGRESS_TTL),
        fallback=None,
        what="import progress",
    )


def progress_get(job: str) -> dict | None:
    """The job's progress; an unfinished job that stopped reporting (its worker was killed at
    the hard time limit, or dropped after redeliveries) counts as failed."""
    progress = redis_guard.call(lambda: cache.get(PROGRESS_KEY.format(job=job)), fallback=None, what="import progress")
    if progress and not progress.get("finished") and time.time() - progress.get("at", 0) > PROGRESS_STALE:
        progress = {**progress, "finished": True, "failed": True}
    return progress


def _parse(content: bytes | str, result: ImportResult) -> list[dict]:
    table, file_errors = csv_read(content, lower_header=True, max_rows=MAX_ROWS)
    if file_errors:
        result.errors.extend(file_errors)
        return []
    missing = table.missing(REQUIRED)
    if "plan_id" not in table.header and "wijkcode" not in table.header:
        missing.append(gettext("plan_id or wijkcode"))
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), gettext("required column is missing")))
        return []
    # Read-only lookup of plan ids and wijk codes through wup's selector (one query).
    plans: set[int] = set()
    by_wijk: dict[str, list[int]] = {}
    for pid, code in wup_selectors.plan_list().values_list("id", "wijk__code"):
        plans.add(pid)
        if code:
            by_wijk.setdefault(code, []).append(pid)
    types = set(GebeurtenisType.values)
    vandaag = timezone.localdate()  # a fact cannot lie in the future (issue 9)
    seen: dict[str, int] = {}
    rows = []
    for line, row in table.rows:
        errors = len(result.errors)
        plan_id = None
        if row.get("plan_id"):
            if not row["plan_id"].isdigit() or int(row["plan_id"]) not in plans:
                result.errors.append(
                    RowError(line, "plan_id", gettext("plan '%(plan)s' does not exist") % {"plan": row["plan_id"]})
                )
            else:
                plan_id = int(row["plan_id"])
        elif row.get("wijkcode"):
            matches = by_wijk.get(row["wijkcode"], [])
            if len(matches) != 1:
                if not matches:
                    reason = gettext("%(wijkcode)s: no plan in this wijk")
                else:
                    reason = gettext("%(wijkcode)s: more than one plan in this wijk: use plan_id")
                result.errors.append(RowError(line, "wijkcode", reason % {"wijkcode": row["wijkcode"]}))
            else:
                plan_id = matches[0]
        else:
            result.errors.append(RowError(line, "plan_id", gettext("plan_id or wijkcode is missing")))
        if row["type"] not in types:
            result.errors.append(RowError(line, "type", gettext("unknown type '%(type)s'") % {"type": row["type"]}))
        elif row["type"] in ROUTEKAART_TYPES:
            result.errors.append(
                RowError(
                    line,
                    "type",
                    gettext("milestones and agreements cannot be imported: record them in the plan's route map"),
                )
            )
        elif row["type"] == GebeurtenisType.AMBTENAREN_PULS:
            result.errors.append(
                RowError(
                    line,
                    "type",
                    gettext("a pulse cannot be imported: it comes only from a pulse round of the plan"),
                )
            )
        elif row["type"] in SERVICE_ONLY_TYPES:
            result.errors.append(
                RowError(
                    line,
                    "type",
                    gettext("a withdrawal cannot be imported: withdraw the event in its plan's event list"),
                )
            )
        try:
            datum = dt.date.fromisoformat(row["datum"])
        except ValueError:
            datum = None
            result.errors.append(
                RowError(line, "datum", gettext("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": row["datum"]})
            )
        if datum is not None and not (DATUM_MIN <= datum <= DATUM_MAX):
            result.errors.append(RowError(line, "datum", gettext("the date must be between 2000 and 2100")))
            datum = None
        if datum is not None and datum > vandaag:
            result.errors.append(
                RowError(
                    line,
                    "datum",
                    gettext("%(value)s lies in the future: import an event once it has happened")
                    % {"value": row["datum"]},
                )
            )
            datum = None
        try:
            hoeveelheid = int(row["hoeveelheid"] or "1")
        except ValueError:
            hoeveelheid = None
            result.errors.append(
                RowError(
                    line,
                    "hoeveelheid",
                    gettext("'%(value)s' is not a whole number") % {"value": row["hoeveelheid"]},
                )
            )
        if hoeveelheid is not None and abs(hoeveelheid) > HOEVEELHEID_MAX:
            result.errors.append(
                RowError(line, "hoeveelheid", gettext("%(value)s is too large") % {"value": row["hoeveelheid"]})
            )
            hoeveelheid = None
        if hoeveelheid is not None and hoeveelheid < 0 and row["type"] != GebeurtenisType.CORRECTIE:
            result.errors.append(RowError(line, "hoeveelheid", gettext("negative is only allowed for a correction")))
        if not row["extern_id"]:
            result.errors.append(RowError(line, "extern_id", gettext("is missing")))
        elif len(row["extern_id"]) > EXTERN_ID_MAX:
            result.errors.append(
                RowError(
                    line, "extern_id", gettext("is longer than %(maximum)s characters") % {"maximum": EXTERN_ID_MAX}
                )
            )
        elif row["extern_id"] in seen:
            result.errors.append(
                RowError(
                    line,
                    "extern_id",
                    gettext("is also on line %(line)s") % {"line": seen[row["extern_id"]]},
                )
            )
        else:
            seen[row["extern_id"]] = line
        payload: dict = {}
        if row["type"] in types and row["type"] not in SERVICE_ONLY_TYPES:
            # The payload columns are the ones the type declares (logboek/payloads.py).
            payload, payload_errors = logboek_payloads.payload_errors(
                row["type"], {key: row[key] for key in logboek_payloads.payload_fields(row["type"]) if row.get(key)}
            )
            for key, message in payload_errors.items():
                result.errors.append(RowError(line, key, message))
        if len(result.errors) == errors:
            rows.append(
                {
                    "plan_id": plan_id,
                    "type": row["type"],
                    "datum": datum,
                    "hoeveelheid": hoeveelheid,
                    "extern_id": row["extern_id"],
                    "payload": payload,
                }
            )
    if not table.rows:
        result.errors.append(RowError(2, "-", gettext("the file contains no rows")))
    return rows


@transaction.atomic
def events_csv_import(*, content: bytes | str, door=None, job: str | None = None) -> ImportResult:
    """Validate every row first; write only when all are good, all in one transaction."""
    result = ImportResult()
    rows = _parse(content, result)
    result.total = len(rows)
    if not result.ok:
        progress_set(job, done=0, total=0, finished=True, result=result.as_dict())
        return result
    for i, row in enumerate(rows, start=1):
        _, created = gebeurtenis_append(bron=GebeurtenisBron.CSV_IMPORT, door=door, **row)
        result.created += created
        result.duplicates += not created
        if i % 200 == 0:
            progress_set(job, done=i, total=len(rows), finished=False)
    progress_set(job, done=len(rows), total=len(rows), finished=True, result=result.as_dict())
    return result
