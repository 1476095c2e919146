"""Phases: the national process steps proposed over the plan's period, confirmed with decision milestones."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.dates import DATUM_MAX
from wup import selectors as wup_selectors
from wup import services as wup_services
from wup.constants import STANDAARD_FASEN

from ..planning import fasen_spreiden
from .mijlpalen import mijlpaal_create


def fasen_voorstel(*, plan) -> list[dict]:
    """The national process steps spread over the plan's start and target year, to confirm.

    Start: the plan's start date (else today); end: 31 December of the target year (else six
    years on). Nothing is saved: the civil servant confirms or edits (`fasen_vastleggen`).
    """
    begin = plan.startdatum or timezone.localdate()
    eind = dt.date(plan.doeljaar_aardgasvrij, 12, 31) if plan.doeljaar_aardgasvrij else None
    if eind is None or eind <= begin:
        eind = begin.replace(year=min(begin.year + 6, DATUM_MAX.year))
    spreiding = fasen_spreiden(begin=begin, eind=eind, aantal=len(STANDAARD_FASEN))
    return [
        {"naam": str(naam), "eindproduct": str(eindproduct), "startdatum": start, "einddatum": einde}
        for (naam, eindproduct), (start, einde) in zip(STANDAARD_FASEN, spreiding, strict=True)
    ]


@transaction.atomic
def fasen_vastleggen(*, plan, fasen: list[dict], door=None) -> list:
    """Create the confirmed phases, each ending in a decision milestone on its end date.

    Refused when the plan already has phases (one set of phases per plan: edit those).
    """
    if wup_selectors.plan_fasen(plan=plan):
        raise ValidationError(gettext("This plan already has phases. Edit those instead."))
    gemaakt = []
    for volgorde, fase in enumerate(fasen, start=1):
        rij = wup_services.fase_create(plan=plan, volgorde=volgorde, **fase)
        mijlpaal_create(
            plan=plan,
            naam=gettext("Decision: %(eindproduct)s") % {"eindproduct": rij.eindproduct or rij.naam},
            basisdatum=rij.einddatum,
            fase=rij,
            besluitmoment=True,
            door=door,
        )
        gemaakt.append(rij)
    return gemaakt
