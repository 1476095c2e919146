"""Council decisions (raadsbesluiten): recorded with the figures they were based on."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import selectors
from .recompute import recompute_forced_request

logger = logging.getLogger(__name__)

# --- Council decisions ---------------------------------------------------------------------


def indicator_snapshot_for_decision(*, plan_id: int) -> dict:
    """The latest figure per indicator, frozen into the decision (what it was based on)."""
    latest = selectors.latest_snapshots(plan_ids=[plan_id]).get(plan_id, {})
    return {
        ind: {
            "periode": s.periode.isoformat(),
            "waarde": s.waarde,
            "status": s.status,
            "n": s.n,
            "computed_at": s.computed_at.isoformat(),
        }
        for ind, s in sorted(latest.items())
    }


@transaction.atomic
def raadsbesluit_record(
    *,
    plan_id: int,
    datum: dt.date,
    doen_we_het_goede: str,
    wat_is_nodig: str,
    besluit: str,
    motivering: str,
    kenmerk: str = "",
    door,
):
    """Record the council's analysis and decision; *stoppen* moves the plan to *gestopt*."""

    from wup import selectors as wup_selectors
    from wup import services as wup_services

    from ..constants import Besluit
    from ..models import Raadsbesluit

    besluit_obj = Raadsbesluit(
        plan_id=plan_id,
        datum=datum,
        doen_we_het_goede=doen_we_het_goede,
        wat_is_nodig=wat_is_nodig,
        besluit=besluit,
        motivering=motivering,
        kenmerk=kenmerk,
        snapshot=indicator_snapshot_for_decision(plan_id=plan_id),
        geregistreerd_door=door,
    )
    besluit_obj.full_clean()
    besluit_obj.save()
    if besluit == Besluit.STOPPEN:
        plan = wup_selectors.plan_list().get(pk=plan_id)
        try:
            wup_services.plan_transition(plan=plan, naar="gestopt", door=door, toelichting=motivering)
        except ValidationError as exc:
            raise ValidationError({"besluit": exc.messages}) from exc
    # Governance (sturing) depends on decisions, not only on events: force a recompute.
    recompute_forced_request(plan_id=plan_id)
    return besluit_obj
