"""Wijken (neighbourhoods), buurten (sub-neighbourhoods), plans (WUP) and the council's kaders.

Facts are NULL when CBS does not know them (suppressed), never 0.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik
from core.models import TimeStampedModel

from .constants import (
    BUURTCODE_REGEX,
    GEMEENTECODE_REGEX,
    WIJKCODE_REGEX,
    Focus,
    KeuzeSoort,
    Metriek,
    PartijSoort,
    PlanStatus,
    Techniekrichting,
)

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Gemeente(TimeStampedModel):
    """Municipality. One per installation for now; codes kept so several can share one later."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[RegexValidator(GEMEENTECODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.naam


class AreaFacts(models.Model):
    """Facts shared by wijk and buurt (CBS Kerncijfers wijken en buurten). NULL = unknown."""

    inwoners = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    woningvoorraad = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    pct_koopwoningen = models.DecimalField(
        # xgettext:no-python-format
        _("% owner-occupied"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    pct_meergezinswoningen = models.DecimalField(
        # xgettext:no-python-format
        _("% multi-family"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    pct_bouwjaar_vanaf_2000 = models.DecimalField(
        # xgettext:no-python-format
        _("% built since 2000"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    gem_aardgasverbruik_m3 = models.PositiveIntegerField(_("mean gas use (m3/year)"), null=True, blank=True)
    geometrie = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)

    class Meta:
        abstract = True


class Wijk(AreaFacts, TimeStampedModel):
    """Neighbourhood (CBS wijk, WKxxxxyy). Its facts are the sums/weighted means of its buurten."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="wijken")
    code = models.CharField(_("CBS code"), max_length=8, unique=True, validators=[RegexValidator(WIJKCODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=WIJKCODE_REGEX), name="wijk_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})" if self.naam else self.code


class Buurt(AreaFacts, TimeStampedModel):
    """Sub-neighbourhood (CBS buurt, BUxxxxyyzz), always inside one wijk."""

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="buurten")
    code = models.CharField(_("CBS code"), max_length=10, unique=True, validators=[RegexValidator(BUURTCODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=BUURTCODE_REGEX), name="buurt_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


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
        ]

    def __str__(self) -> str:
        return self.titel


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


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class TechniekKader(TimeStampedModel):
    """Kader: a techniekrichting chosen or excluded for the plan, with its reason."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="techniekkaders", null=True, blank=True)
    techniekrichting = models.CharField(_("heating direction"), max_length=20, choices=Techniekrichting.choices)
    soort = models.CharField(_("chosen or excluded"), max_length=12, choices=KeuzeSoort.choices)
    reden = models.TextField(_("reason"))

    class Meta:
        ordering = ["plan", "soort", "techniekrichting"]
        verbose_name = _("technique frame")
        verbose_name_plural = _("technique frames")
        constraints = [
            # plan NULL = municipality-wide default from the Transitievisie Warmte.
            models.UniqueConstraint(
                fields=["plan", "techniekrichting"], name="techniekkader_unique_per_plan", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.get_techniekrichting_display()}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Kernwaarde(TimeStampedModel):
    """Core value: a position between two poles (0 = pool_links .. 100 = pool_rechts), with why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="kernwaarden", null=True, blank=True)
    pool_links = models.CharField(_("left pole"), max_length=100)
    pool_rechts = models.CharField(_("right pole"), max_length=100)
    positie = models.PositiveSmallIntegerField(
        _("position (0 = left pole, 100 = right pole)"), default=50, validators=[MaxValueValidator(100)]
    )
    waarom = models.TextField(_("why"))
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "volgorde", "id"]
        verbose_name = _("core value")
        verbose_name_plural = _("core values")
        constraints = [
            models.CheckConstraint(condition=Q(positie__lte=100), name="kernwaarde_positie_range"),
        ]

    def __str__(self) -> str:
        return f"{self.pool_links} ↔ {self.pool_rechts}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Ambitie(TimeStampedModel):
    """Gezamenlijke ambitie: a shared ambition of the executing parties."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ambities", null=True, blank=True)
    omschrijving = models.TextField(_("description"))
    betrokken_partijen = models.ManyToManyField(
        Partij, related_name="ambities", blank=True, verbose_name=_("parties of the plan that share it")
    )
    # Municipality-wide ambitions have no plan and so no parties to choose from; for them (and
    # for names that matched no party when the parties were introduced) the free text stays.
    partijen = models.CharField(_("other parties (free text)"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("shared ambition")
        verbose_name_plural = _("shared ambitions")

    def __str__(self) -> str:
        return self.omschrijving[:60]

    @property
    def partijen_label(self) -> str:
        """The parties that share it, for display: the plan's parties, then the free text."""
        namen = [p.naam for p in self.betrokken_partijen.all()]
        return ", ".join([*namen, self.partijen] if self.partijen else namen)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Tussendoel(TimeStampedModel):
    """(Interim) goal with a measurable metric, target, deadline, owner and the kernwaarde it serves."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tussendoelen")
    omschrijving = models.CharField(_("description"), max_length=300)
    metriek = models.CharField(_("metric"), max_length=30, choices=Metriek.choices)
    streefwaarde = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    deadline = models.DateField(_("deadline"), validators=[DatumBereik()])
    eigenaar = models.CharField(_("owner"), max_length=200)
    kernwaarde = models.ForeignKey(
        Kernwaarde,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tussendoelen",
        verbose_name=_("core value it serves"),
    )

    class Meta:
        ordering = ["plan", "deadline", "id"]
        verbose_name = _("interim goal")
        verbose_name_plural = _("interim goals")
        constraints = [datum_bereik("deadline", name="tussendoel_deadline_bereik")]

    def __str__(self) -> str:
        return self.omschrijving
