"""The plan's parties (partijen): one list per plan that agreements, milestones, ambitions and
investments refer to."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext

from core.services import model_update

from ..constants import PartijSoort
from ..models import Partij, Plan
from .versies import plan_open_check

PARTIJ_FIELDS = ("soort", "naam", "rol")


def _check_partij(partij: Partij) -> None:
    partij.full_clean(validate_constraints=False)
    if Partij.objects.filter(plan_id=partij.plan_id, naam__iexact=partij.naam).exclude(pk=partij.pk).exists():
        raise ValidationError({"naam": gettext("This plan already has a party with this name.")})


@transaction.atomic
def partij_create(*, plan: Plan, naam: str, soort: str = PartijSoort.OVERIG, rol: str = "") -> Partij:
    plan_open_check(plan)
    partij = Partij(plan=plan, naam=(naam or "").strip(), soort=soort, rol=(rol or "").strip())
    _check_partij(partij)
    partij.save()
    return partij


@transaction.atomic
def partij_update(*, partij: Partij, **fields) -> Partij:
    plan_open_check(partij.plan)
    partij, _ = model_update(instance=partij, fields=PARTIJ_FIELDS, data=fields, check=_check_partij, full_clean=False)
    return partij


@transaction.atomic
def partij_delete(*, partij: Partij) -> None:
    """Refused while an agreement, milestone, coupling opportunity or permit still names it."""
    plan_open_check(partij.plan)
    try:
        with transaction.atomic():
            partij.delete()
    except ProtectedError as exc:
        raise ValidationError(
            gettext(
                "%(naam)s is still named in %(n)d item(s) of the plan (route map, measures or investments). Change or delete those first."
            )
            % {"naam": partij.naam, "n": len(exc.protected_objects)}
        ) from exc


def partijen_check(*, plan: Plan | None, partijen: Iterable[Partij], veld: str) -> list[Partij]:
    """The parties as a list, all of `plan` (a party of another plan is a programming error
    or a tampered form: refused with a message at `veld`)."""
    partijen = list(partijen or [])
    if any(plan is None or p.plan_id != plan.pk for p in partijen):
        raise ValidationError({veld: gettext("Choose parties of this plan.")})
    return partijen
