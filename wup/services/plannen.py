"""Plans (wijkuitvoeringsplannen): create, edit, lifecycle; their phases; wijk names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core import dates
from core.services import model_update

from ..constants import (
    PLAN_TRANSITIONS,
    Focus,
    KeuzeSoort,
    PlanStatus,
    Techniekrichting,
)
from ..models import (
    Ambitie,
    Buurt,
    Fase,
    Gemeente,
    Kernwaarde,
    Plan,
    PlanStatusWijziging,
    TechniekKader,
    Wijk,
)
from ..selectors import plan_wgiw_check
from .versies import _vaststelling_vastleggen, plan_wijzigbaar_check

# Validation messages are English msgids translated with gettext (Dutch in locale/nl): they are
# shown to the civil servant at the field the rule is about.

PLAN_EDITABLE_FIELDS = (
    "titel",
    "samenvatting",
    "wijk",
    "focus",
    "techniekrichting",
    "startdatum",
    "doeljaar_aardgasvrij",
)


def plan_timeline(plan: Plan) -> tuple[dt.date | None, dt.date | None]:
    """The plan's timeline: its start date up to 31 December of the target year gas-free."""
    end = dt.date(plan.doeljaar_aardgasvrij, 12, 31) if plan.doeljaar_aardgasvrij else None
    return plan.startdatum, end


def _deadline_error(plan: Plan, deadline: dt.date) -> str | None:
    start, end = plan_timeline(plan)
    if start and deadline < start:
        return gettext("The deadline %(deadline)s is before the start of the plan (%(start)s).") % {
            "deadline": dates.datum_kort(deadline),
            "start": dates.datum_kort(start),
        }
    if end and deadline > end:
        return gettext("The deadline %(deadline)s is after the plan's target year natural-gas-free (%(year)s).") % {
            "deadline": dates.datum_kort(deadline),
            "year": end.year,
        }
    return None


def _excluded_techniek(plan: Plan) -> set[str]:
    return set(plan.techniekkaders.filter(soort=KeuzeSoort.UITGESLOTEN).values_list("techniekrichting", flat=True))


def _techniek_label(value: str) -> str:
    return str(Techniekrichting(value).label).lower()


def _check_plan(plan: Plan, *, buurten: Iterable[Buurt] | None) -> None:
    """Consistency rules of a plan with its kaders and goals (raises on the field concerned)."""
    errors: dict[str, list[str]] = {}
    if plan.pk and plan.techniekrichting in _excluded_techniek(plan):
        errors.setdefault("techniekrichting", []).append(
            gettext(
                "The kaders exclude the techniekrichting '%(techniek)s'. "
                "Choose another direction or change the kaders first."
            )
            % {"techniek": _techniek_label(plan.techniekrichting)}
        )
    if plan.startdatum and plan.doeljaar_aardgasvrij and plan.doeljaar_aardgasvrij < plan.startdatum.year:
        errors.setdefault("doeljaar_aardgasvrij", []).append(
            gettext("The target year natural-gas-free is before the start date.")
        )
    if plan.pk:
        for doel in plan.tussendoelen.all():
            if _deadline_error(plan, doel.deadline):
                field_name = (
                    "startdatum" if plan.startdatum and doel.deadline < plan.startdatum else "doeljaar_aardgasvrij"
                )
                errors.setdefault(field_name, []).append(
                    gettext(
                        "The tussendoel '%(omschrijving)s' (deadline %(deadline)s) would then fall outside "
                        "the plan's timeline."
                    )
                    % {"omschrijving": doel.omschrijving, "deadline": dates.datum_kort(doel.deadline)}
                )
    if buurten is not None and plan.wijk_id:
        buiten = [b for b in buurten if b.wijk_id != plan.wijk_id]
        if buiten:
            errors.setdefault("buurten", []).append(
                gettext("These buurten are not in the chosen wijk: %(buurten)s.")
                % {"buurten": ", ".join(b.naam for b in buiten)}
            )
    if errors:
        raise ValidationError(errors)


def _default_gemeente() -> Gemeente:
    gemeente, _ = Gemeente.objects.get_or_create(code=settings.GEMEENTE_CODE, defaults={"naam": settings.GEMEENTE_NAAM})
    return gemeente


def _copy_default_kaders(plan: Plan) -> None:
    """Copy the municipality-wide kaders (plan NULL, from the Transitievisie Warmte) into the plan."""
    for kader in TechniekKader.objects.filter(plan__isnull=True):
        TechniekKader.objects.create(
            plan=plan, techniekrichting=kader.techniekrichting, soort=kader.soort, reden=kader.reden
        )
    for waarde in Kernwaarde.objects.filter(plan__isnull=True):
        Kernwaarde.objects.create(
            plan=plan,
            pool_links=waarde.pool_links,
            pool_rechts=waarde.pool_rechts,
            positie=waarde.positie,
            waarom=waarde.waarom,
            volgorde=waarde.volgorde,
        )
    for ambitie in Ambitie.objects.filter(plan__isnull=True):
        Ambitie.objects.create(plan=plan, omschrijving=ambitie.omschrijving, partijen=ambitie.partijen)


@transaction.atomic
def plan_create(
    *,
    titel: str,
    samenvatting: str = "",
    wijk: Wijk | None = None,
    buurten: Iterable[Buurt] | None = None,
    focus: str = Focus.HOE,
    techniekrichting: str = Techniekrichting.OPEN,
    startdatum: dt.date | None = None,
    doeljaar_aardgasvrij: int | None = None,
    gemeente: Gemeente | None = None,
    kaders_overnemen: bool = False,
) -> Plan:
    """Create a plan (status concept), optionally inheriting the municipality-wide kaders."""
    buurten = list(buurten or [])
    if gemeente is None:
        gemeente = wijk.gemeente if wijk else _default_gemeente()
    plan = Plan(
        gemeente=gemeente,
        titel=titel,
        samenvatting=samenvatting,
        wijk=wijk,
        focus=focus,
        techniekrichting=techniekrichting,
        startdatum=startdatum,
        doeljaar_aardgasvrij=doeljaar_aardgasvrij,
        status=PlanStatus.CONCEPT,
    )
    plan.full_clean()
    _check_plan(plan, buurten=buurten)
    plan.save()
    plan.buurten.set(buurten)
    if kaders_overnemen:
        _copy_default_kaders(plan)
        _check_plan(plan, buurten=None)  # an inherited exclusion may rule out the chosen direction
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, buurten: Iterable[Buurt] | None = None, **fields) -> Plan:
    """Change a plan's editable fields (not its status: see plan_transition)."""
    plan_wijzigbaar_check(plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    buurten = list(buurten) if buurten is not None else None

    def check(changed: Plan) -> None:
        _check_plan(changed, buurten=buurten if buurten is not None else list(changed.buurten.all()))

    plan, changed = model_update(instance=plan, fields=PLAN_EDITABLE_FIELDS, data=fields, check=check)
    if buurten is not None:
        if not changed:
            check(plan)
        plan.buurten.set(buurten)
    return plan


def plan_allowed_transitions(*, plan: Plan) -> tuple[str, ...]:
    return PLAN_TRANSITIONS.get(plan.status, ())


@transaction.atomic
def plan_transition(
    *,
    plan: Plan,
    naar: str,
    door,
    vastgesteld_op: dt.date | None = None,
    raadsbesluit_kenmerk: str = "",
    toelichting: str = "",
) -> Plan:
    """Move a plan along its lifecycle; only PLAN_TRANSITIONS are allowed, each one recorded."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    van = plan.status
    if naar not in PLAN_TRANSITIONS.get(van, ()):
        raise ValidationError(
            {
                "naar": (
                    gettext("A plan with status '%(van)s' cannot move to '%(naar)s'.")
                    % {
                        "van": PlanStatus(van).label,
                        "naar": PlanStatus(naar).label if naar in PlanStatus.values else naar,
                    }
                )
            }
        )
    if naar == PlanStatus.VASTGESTELD:
        errors = {}
        if not vastgesteld_op:
            errors["vastgesteld_op"] = gettext("Enter the date of the council decision.")
        if not (raadsbesluit_kenmerk or "").strip():
            errors["raadsbesluit_kenmerk"] = gettext("Enter the reference of the council decision.")
        if errors:
            raise ValidationError(errors)
        # The Wgiw: a plan with a required part missing, or a gas end date the law does not
        # allow, cannot be adopted (wup/wgiw.py lists what and why, in plain Dutch).
        check = plan_wgiw_check(plan=plan, vastgesteld_op=vastgesteld_op)
        if not check.vaststelbaar:
            raise ValidationError({NON_FIELD_ERRORS: check.bezwaren})
        plan.vastgesteld_op = vastgesteld_op
        plan.raadsbesluit_kenmerk = raadsbesluit_kenmerk.strip()
    plan.status = naar
    plan.full_clean()
    plan.save()
    PlanStatusWijziging.objects.create(plan=plan, van=van, naar=naar, door=door, toelichting=toelichting)
    if naar == PlanStatus.VASTGESTELD:  # freeze what the council adopted (portaal builds it)
        _vaststelling_vastleggen(
            plan=plan, door=door, vastgesteld_op=plan.vastgesteld_op, raadsbesluit_kenmerk=plan.raadsbesluit_kenmerk
        )
    return plan


# --- Phases -------------------------------------------------------------------------------


FASE_EDITABLE_FIELDS = ("naam", "startdatum", "einddatum", "volgorde", "eindproduct")


def _check_fase(fase: Fase) -> None:
    if fase.startdatum and fase.einddatum and fase.einddatum < fase.startdatum:
        raise ValidationError({"einddatum": gettext("The end date is before the start date.")})
    fase.full_clean()


@transaction.atomic
def fase_create(
    *, plan: Plan, naam: str, startdatum: dt.date, einddatum: dt.date, volgorde: int = 0, eindproduct: str = ""
) -> Fase:
    plan_wijzigbaar_check(plan)
    fase = Fase(
        plan=plan,
        naam=naam.strip(),
        startdatum=startdatum,
        einddatum=einddatum,
        volgorde=volgorde,
        eindproduct=(eindproduct or "").strip(),
    )
    _check_fase(fase)
    fase.save()
    return fase


@transaction.atomic
def fase_update(*, fase: Fase, **fields) -> Fase:
    plan_wijzigbaar_check(fase.plan)
    fase, _ = model_update(instance=fase, fields=FASE_EDITABLE_FIELDS, data=fields, check=_check_fase, full_clean=False)
    return fase


@transaction.atomic
def fase_delete(*, fase: Fase) -> None:
    plan_wijzigbaar_check(fase.plan)
    fase.delete()
