"""The plan (WUP), its plan area, phases, parties and status changes."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik
from core.models import TimeStampedModel

from ..constants import (
    Focus,
    PartijSoort,
    PlanStatus,
    Techniekrichting,
)
from .gebieden import Buurt, Gemeente, Wijk


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Plan(TimeStampedModel):
    """Wijkuitvoeringsplan (WUP): the plan that takes a plangebied (one or more buurten) off gas."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="plannen")
    titel = models.CharField(_("title"), max_length=200)
    samenvatting = models.TextField(_("summary"), blank=True)
    wijk = models.ForeignKey(
        Wijk, on_delete=models.PROTECT, related_name="plannen", null=True, blank=True, verbose_name=_("wijk")
    )
    buurten = models.ManyToManyField(Buurt, related_name="plannen", blank=True, verbose_name=_("plan area (buurten)"))
    focus = models.CharField(_("focus"), max_length=10, choices=Focus.choices, default=Focus.HOE)
    techniekrichting = models.CharField(
        _("heating direction"), max_length=20, choices=Techniekrichting.choices, default=Techniekrichting.OPEN
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    startdatum = models.DateField(_("start date"), null=True, blank=True, validators=[DatumBereik()])
    doeljaar_aardgasvrij = models.PositiveSmallIntegerField(
        _("target year gas-free"), null=True, blank=True, validators=[MinValueValidator(2020), MaxValueValidator(2050)]
    )
    vastgesteld_op = models.DateField(_("adopted by the council on"), null=True, blank=True, validators=[DatumBereik()])
    raadsbesluit_kenmerk = models.CharField(_("council decision reference"), max_length=100, blank=True)
    # The Wgiw parts of an uitvoeringsplan that are one value per plan (wup/wgiw.py checks them).
    # gas_einddatum is the day the gas supply ends, not doeljaar_aardgasvrij (the year homes
    # should be gas-free): with the aanwijsbevoegdheid it is a legal date in the omgevingsplan.
    gas_einddatum = models.DateField(_("end of the gas supply"), null=True, blank=True, validators=[DatumBereik()])
    aanwijsbevoegdheid = models.BooleanField(
        _("uses the aanwijsbevoegdheid"),
        default=False,
        help_text=_("The municipality ends the gas supply by a rule in the omgevingsplan."),
    )
    omgevingsplanregel_op = models.DateField(
        _("rule in the omgevingsplan adopted on"),
        null=True,
        blank=True,
        validators=[DatumBereik()],
        help_text=_("Empty: the date the council adopts the plan."),
    )
    keuzeruimte = models.TextField(_("room for choice of owners and residents"), blank=True)
    keuze_motivatie = models.TextField(
        _("how the choice was made, and why"),
        blank=True,
        help_text=_("Required when the chosen alternative is not the one with the lowest national cost."),
    )
    participatie_verantwoording = models.TextField(_("account of how participation took place"), blank=True)
    # Set while an adopted plan is being changed: the change (wijzigingsvoorstel) needs its own
    # adoption; until then the council and residents read the last adopted version (PlanVersie).
    wijzigingsvoorstel_sinds = models.DateTimeField(_("change proposal open since"), null=True, blank=True)

    class Meta:
        ordering = ["titel"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.VASTGESTELD) | Q(vastgesteld_op__isnull=False),
                name="plan_vastgesteld_has_date",
            ),
            datum_bereik("startdatum", name="plan_startdatum_bereik"),
            datum_bereik("vastgesteld_op", name="plan_vastgesteld_op_bereik"),
            datum_bereik("gas_einddatum", name="plan_gas_einddatum_bereik"),
            datum_bereik("omgevingsplanregel_op", name="plan_omgevingsplanregel_op_bereik"),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def afgesloten(self) -> bool:
        """Stopped or completed: nothing about the plan changes any more."""
        return self.status in (PlanStatus.GESTOPT, PlanStatus.AFGEROND)

    @property
    def vastgelegd(self) -> bool:
        """Adopted by the council and not closed: its content changes only through a change proposal."""
        return self.status in (PlanStatus.VASTGESTELD, PlanStatus.IN_UITVOERING)

    @property
    def alleen_lezen_reden(self) -> str:
        """Why the plan's own content (plan, kaders, Wgiw parts, phases) cannot be edited now;
        "" when it can. Services refuse with this text (wup.services.plan_wijzigbaar_check)."""
        if self.afgesloten:
            return gettext("This plan is %(status)s: it can no longer be changed.") % {
                "status": PlanStatus(self.status).label.lower()
            }
        if self.vastgelegd and self.wijzigingsvoorstel_sinds is None:
            return gettext(
                "The council adopted this plan. Start a change proposal to change it: "
                "the adopted version stays readable as adopted until the council adopts the change."
            )
        return ""


# The plan area (plan <-> buurten) is audited too: a row added to or removed from the M2M table
# is a "buurt added/removed" event (DESIGN.md: audit trail on plans). The auto-created through
# model has no update, so insert and delete are all there is to track.
# A proxy of the through model carries the triggers, so that they land in a migration
# (django-pghistory's documented way to track many-to-many changes).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.DeleteEvent(),
    obj_field=None,
    model_name="PlanBuurtEvent",
)
class PlanBuurt(Plan.buurten.through):
    class Meta:
        proxy = True


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Fase(TimeStampedModel):
    """A phase in the plan's timeline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="fasen")
    naam = models.CharField(_("name"), max_length=100)
    startdatum = models.DateField(_("start"), validators=[DatumBereik()])
    einddatum = models.DateField(_("end"), validators=[DatumBereik()])
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    eindproduct = models.CharField(
        _("end product decided on together"),
        max_length=300,
        blank=True,
        help_text=_("What the parties decide on at the end of this phase, before the next one starts."),
    )

    class Meta:
        ordering = ["plan", "volgorde", "startdatum"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(condition=Q(einddatum__gte=models.F("startdatum")), name="fase_end_after_start"),
            datum_bereik("startdatum", name="fase_startdatum_bereik"),
            datum_bereik("einddatum", name="fase_einddatum_bereik"),
        ]

    def __str__(self) -> str:
        return self.naam


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Partij(TimeStampedModel):
    """A party in the plan (netbeheerder, woningcorporatie, bewoners...): one list per plan.

    The routekaart's agreements and milestones, the shared ambitions and the investments refer
    to these rows (docs/architecture.md, "Where shared things live").
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partijen")
    soort = models.CharField(_("kind"), max_length=20, choices=PartijSoort.choices, default=PartijSoort.OVERIG)
    naam = models.CharField(_("name"), max_length=200)
    rol = models.TextField(_("role in this plan"), max_length=2000, blank=True)

    class Meta:
        ordering = ["plan", "naam"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                Lower("naam"),
                "plan",
                name="partij_naam_uniek_per_plan",
                violation_error_message=_("This plan already has a party with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class PlanStatusWijziging(models.Model):
    """A recorded status transition: who moved the plan, from what, to what, when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField(_("from"), max_length=20, choices=PlanStatus.choices)
    naar = models.CharField(_("to"), max_length=20, choices=PlanStatus.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("at"), auto_now_add=True)
    toelichting = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["plan", "op"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.plan}: {self.van} → {self.naar}"
