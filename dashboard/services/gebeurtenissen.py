"""Events from civil servants: one by form, or a CSV file (now, or queued with progress)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import redis_guard
from logboek.constants import GebeurtenisType

# The CSV import is a service too; the rules a typed-in event shares with it live beside the
# import (this package's __init__ imports that module first).
from ..csv_import import ImportResult, events_csv_import, future_date_error, progress_set, typed_in_type_error

logger = logging.getLogger(__name__)

# --- Events entered by civil servants -----------------------------------------------------


@transaction.atomic
def gebeurtenis_record(
    *,
    plan_id: int,
    type: str,
    datum: dt.date,
    hoeveelheid: int = 1,
    payload: dict | None = None,
    door=None,
):
    """A civil servant logs one event by form. Corrections are compensating events.

    Refused: a type only a service writes (withdrawals, the routekaart's milestones and
    agreements) and a date after today (a fact cannot lie in the future).

    The payload is checked against the type's declared schema first, so each bad key is
    reported on its own form field (and `gebeurtenis_append` checks it again).
    """
    from logboek.constants import GebeurtenisBron
    from logboek.payloads import payload_errors
    from logboek.services import gebeurtenis_append

    payload = dict(payload or {})
    if (reason := typed_in_type_error(type)) is not None:
        raise ValidationError({"type": reason})
    if isinstance(datum, dt.date) and (reason := future_date_error(datum, vandaag=timezone.localdate())):
        raise ValidationError({"datum": reason})
    if type == GebeurtenisType.CORRECTIE:
        if payload.get("corrigeert_type") in (None, "", GebeurtenisType.CORRECTIE):
            raise ValidationError(
                {"corrigeert_type": gettext("Choose which type of event this correction compensates.")}
            )
    elif hoeveelheid < 0:
        raise ValidationError({"hoeveelheid": gettext("A negative quantity is only allowed for a correction.")})
    _, errors = payload_errors(type, payload)
    if errors:
        raise ValidationError(errors)
    event, _ = gebeurtenis_append(
        type=type,
        plan_id=plan_id,
        datum=datum,
        bron=GebeurtenisBron.FORMULIER,
        extern_id=f"formulier-{uuid.uuid4()}",
        hoeveelheid=hoeveelheid,
        payload=payload,
        door=door,
    )
    return event


# --- Starting an events CSV import ------------------------------------------------------

# Files with more lines than this are imported by a Celery task with a progress bar; smaller
# ones are imported at once, within the request.
SYNC_IMPORT_MAX_LINES = 500


def events_import_start(*, content: bytes, door=None) -> tuple[ImportResult | None, str | None]:
    """Import a small file now, or store a large one and queue it: (result, None) or (None, job).

    The job's progress is in the cache under its id (`csv_import.progress_get`). When the task
    cannot be queued (broker down) the stored file is removed and a ValidationError says to
    try again: nothing is imported.
    """
    if max(content.count(b"\n"), content.count(b"\r")) <= SYNC_IMPORT_MAX_LINES:  # any line ending
        return events_csv_import(content=content, door=door), None
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ..tasks import events_csv_import_task

    job = uuid.uuid4().hex
    path = default_storage.save(f"event-imports/{job}.csv", ContentFile(content))
    progress_set(job, done=0, total=0, finished=False)
    try:
        redis_guard.enqueue(
            lambda: events_csv_import_task.apply_async(
                kwargs={"path": path, "job": job, "user_id": getattr(door, "id", None)}
            ),
            what="events import enqueue",
        )
    except redis_guard.RedisUnavailable as exc:  # broker down: say so, nothing imported
        default_storage.delete(path)
        logger.warning("events import: enqueue failed for job %s", job, exc_info=True)
        raise ValidationError(gettext("The import could not be started. Try again in a few minutes.")) from exc
    return None, job


def events_import_run(*, path: str, job: str, user_id: int | None = None) -> dict:
    """The worker's half of `events_import_start`: import the stored file, then remove it.

    Any failure (the file missing because web and worker do not share MEDIA_ROOT, the soft
    time limit, a database error) is logged and shown on the progress page as failed, with
    nothing imported; the stored file is removed in every outcome.
    """
    from django.contrib.auth import get_user_model
    from django.core.files.storage import default_storage

    try:
        with default_storage.open(path, "rb") as fh:
            content = fh.read()
        door = get_user_model().objects.filter(id=user_id).first() if user_id else None
        return events_csv_import(content=content, door=door, job=job).as_dict()
    except Exception:
        logger.exception("events import: job %s failed, nothing imported", job)
        progress_set(job, done=0, total=0, finished=True, failed=True)
        raise
    finally:
        try:
            default_storage.delete(path)
        except Exception:  # noqa: BLE001 - already gone or storage down: nothing more to do
            logger.warning("events import: could not remove %s", path, exc_info=True)
