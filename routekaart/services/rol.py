"""The route map itself: the municipality's role in this process and why this route."""

from __future__ import annotations

from django.db import transaction

from core.services import model_update
from wup import services as wup_services

from ..models import Routekaart

ROUTEKAART_FIELDS = ("rol_gemeente", "rol_toelichting", "waarom_route")


@transaction.atomic
def routekaart_opslaan(*, plan, **fields) -> Routekaart:
    """Create or change the plan's route map (role of the municipality, why this route)."""
    wup_services.plan_open_check(plan)
    routekaart, _ = Routekaart.objects.select_for_update().get_or_create(plan=plan)
    routekaart, _ = model_update(instance=routekaart, fields=ROUTEKAART_FIELDS, data=fields)
    return routekaart
