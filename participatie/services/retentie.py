"""Retention (AVG): free-text answers and unused invite codes are kept for a limited time."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..constants import VraagType
from ..models import Antwoord, Uitnodigingscode

logger = logging.getLogger(__name__)


def retention_days() -> int:
    return int(getattr(settings, "PARTICIPATIE_RETENTION_DAYS", 365))


@transaction.atomic
def retention_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Blank free-text answers and delete unused invite codes older than the retention period.

    Idempotent: a second run finds nothing. Logs counts only, never content.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    blanked = (
        Antwoord.objects.filter(
            respons__submitted_at__lt=cutoff, vraag__type__in=[VraagType.KORTE_TEKST, VraagType.LANGE_TEKST]
        )
        .exclude(tekst="")
        .update(tekst="")
    )
    deleted, _ = Uitnodigingscode.objects.filter(created_at__lt=cutoff, used_at__isnull=True).delete()
    result = {"tekst_gewist": blanked, "codes_verwijderd": deleted}
    logger.info("participatie retention: %s free-text answers blanked, %s unused codes deleted", blanked, deleted)
    return result
