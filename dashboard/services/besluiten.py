"""Council decisions (raadsbesluiten): recorded with the figures they were based on."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

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
    stuuracties: Iterable[int] = (),
    door,
):
    """Record the council's analysis and decision; *stoppen* moves the plan to *gestopt*.

    `stuuracties`: ids of the plan's open steering actions the decision asks for (issue 10);
    one that is not an open action of this plan refuses the whole decision."""

    from django.utils.translation import gettext

    from wup import selectors as wup_selectors
    from wup import services as wup_services

    from ..constants import Besluit, StuuractieStatus
    from ..models import Raadsbesluit, Stuuractie

    ids = set(stuuracties)
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ValidationError({"stuuracties": gettext("Choose open steering actions of this plan.")})
    acties = list(Stuuractie.objects.filter(id__in=ids, plan_id=plan_id, status=StuuractieStatus.OPEN).order_by("id"))
    if len(acties) != len(ids):
        raise ValidationError({"stuuracties": gettext("Choose open steering actions of this plan.")})

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
    besluit_obj.stuuracties.set(acties)
    if besluit == Besluit.STOPPEN:
        plan = wup_selectors.plan_list().get(pk=plan_id)
        try:
            wup_services.plan_transition(plan=plan, naar="gestopt", door=door, toelichting=motivering)
        except ValidationError as exc:
            raise ValidationError({"besluit": exc.messages}) from exc
    # Governance (sturing) depends on decisions, not only on events: force a recompute.
    recompute_forced_request(plan_id=plan_id)
    return besluit_obj
