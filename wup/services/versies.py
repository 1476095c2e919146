"""Adopted versions and change proposals (wijzigingsvoorstellen) of a plan.

The council adopts a plan once (plan_transition to "vastgesteld"); from then on its content
changes only through a change proposal, which needs its own adoption. Each adoption stores an
immutable PlanVersie. The document it freezes is assembled in the top layer (portaal), which
registers the function that builds and stores it (`vaststelling_register`, called in
PortaalConfig.ready): wup cannot read routekaart or participatie, and adoption must not happen
without its frozen version, so the hook runs inside the adoption's transaction.

A stopped or completed plan is read-only everywhere (`plan_open_check`); an adopted plan's own
content (plan, kaders, Wgiw parts, phases) is read-only unless a change proposal is open
(`plan_wijzigbaar_check`). The route map's progress, the parties, surveys and meetings remain
the living process after adoption.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from core import dates

from ..models import Plan, PlanVersie
from ..selectors import plan_wgiw_check

# fn(plan=..., door=..., vastgesteld_op=..., raadsbesluit_kenmerk=...) -> PlanVersie
_vaststelling_hooks: list[Callable[..., object]] = []


def vaststelling_register(fn: Callable[..., object]) -> None:
    """Register the function that freezes the adopted document (once per process)."""
    if fn not in _vaststelling_hooks:
        _vaststelling_hooks.append(fn)


def _vaststelling_vastleggen(*, plan: Plan, door, vastgesteld_op: dt.date, raadsbesluit_kenmerk: str) -> None:
    for fn in _vaststelling_hooks:
        fn(plan=plan, door=door, vastgesteld_op=vastgesteld_op, raadsbesluit_kenmerk=raadsbesluit_kenmerk)


def _actueel(plan: Plan) -> Plan:
    """The plan's status as stored now: a caller may hold a plan object read before a status
    change (e.g. `partij.plan`)."""
    return Plan.objects.only("status", "wijzigingsvoorstel_sinds").get(pk=plan.pk)


def plan_open_check(plan: Plan) -> None:
    """Refuse any change to a stopped or completed plan."""
    plan = _actueel(plan)
    if plan.afgesloten:
        raise ValidationError({NON_FIELD_ERRORS: [plan.alleen_lezen_reden]})


def plan_wijzigbaar_check(plan: Plan | None) -> None:
    """Refuse a change to the plan's own content while it is adopted without an open change
    proposal, or closed. `None` (the municipality-wide kaders) is always editable."""
    if plan is None:
        return
    plan = _actueel(plan)
    if plan.alleen_lezen_reden:
        raise ValidationError({NON_FIELD_ERRORS: [plan.alleen_lezen_reden]})


@transaction.atomic
def wijzigingsvoorstel_starten(*, plan: Plan, door) -> Plan:
    """Open a change proposal on an adopted plan: its content becomes editable again, while the
    council and residents keep reading the last adopted version."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.vastgelegd:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    gettext("Only an adopted plan that is not stopped or completed gets a change proposal.")
                ]
            }
        )
    if plan.wijzigingsvoorstel_sinds is not None:
        raise ValidationError({NON_FIELD_ERRORS: [gettext("This plan already has an open change proposal.")]})
    plan.wijzigingsvoorstel_sinds = timezone.now()
    plan.save(update_fields=["wijzigingsvoorstel_sinds", "updated_at"])
    return plan


@transaction.atomic
def wijziging_vaststellen(*, plan: Plan, door, vastgesteld_op: dt.date | None, raadsbesluit_kenmerk: str) -> Plan:
    """The council adopts the open change proposal: a new version is frozen and the plan is
    read-only again. The same Wgiw rules as the first adoption apply (the omgevingsplan rule's
    default date stays the plan's first adoption)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.wijzigingsvoorstel_sinds is None:
        raise ValidationError({NON_FIELD_ERRORS: [gettext("This plan has no open change proposal to adopt.")]})
    errors = {}
    if not vastgesteld_op:
        errors["vastgesteld_op"] = gettext("Enter the date of the council decision.")
    if not (raadsbesluit_kenmerk or "").strip():
        errors["raadsbesluit_kenmerk"] = gettext("Enter the reference of the council decision.")
    if errors:
        raise ValidationError(errors)
    vorige = PlanVersie.objects.filter(plan=plan).aggregate(d=Max("vastgesteld_op"))["d"]
    if vorige and vastgesteld_op < vorige:
        raise ValidationError(
            {
                "vastgesteld_op": gettext("The change cannot be adopted before the previous version (%(datum)s).")
                % {"datum": dates.datum_kort(vorige)}
            }
        )
    if vastgesteld_op > timezone.localdate():
        raise ValidationError({"vastgesteld_op": gettext("A council decision cannot be dated in the future.")})
    check = plan_wgiw_check(plan=plan)
    if not check.vaststelbaar:
        raise ValidationError({NON_FIELD_ERRORS: check.bezwaren})
    plan.wijzigingsvoorstel_sinds = None
    plan.save(update_fields=["wijzigingsvoorstel_sinds", "updated_at"])
    _vaststelling_vastleggen(
        plan=plan, door=door, vastgesteld_op=vastgesteld_op, raadsbesluit_kenmerk=raadsbesluit_kenmerk.strip()
    )
    return plan


def plan_versie_create(
    *, plan: Plan, door, nummer: int, vastgesteld_op: dt.date, raadsbesluit_kenmerk: str, inhoud: dict, pdf: bytes
) -> PlanVersie:
    """Store an adopted version (called by the registered hook, inside the adoption, which holds
    the plan's row lock). `nummer` is the next one (wup.selectors.plan_versie_volgende_nummer):
    the PDF prints it, so it is chosen before the PDF is made."""
    verwacht = (PlanVersie.objects.filter(plan=plan).aggregate(n=Max("nummer"))["n"] or 0) + 1
    if nummer != verwacht:
        raise ValidationError({NON_FIELD_ERRORS: [gettext("Another adoption of this plan was recorded meanwhile.")]})
    versie = PlanVersie(
        plan=plan,
        nummer=nummer,
        vastgesteld_op=vastgesteld_op,
        raadsbesluit_kenmerk=raadsbesluit_kenmerk,
        inhoud=inhoud,
        pdf=pdf,
        vastgelegd_door=door,
    )
    versie.full_clean()
    versie.save()
    return versie
