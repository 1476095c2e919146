"""The council's kaders of a plan (or municipality-wide: plan NULL)."""

from __future__ import annotations

import pghistory
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik
from core.models import TimeStampedModel
from core.tekst import inkorten

from ..constants import (
    KeuzeSoort,
    Metriek,
    Techniekrichting,
)
from .plannen import Partij, Plan


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
        return inkorten(self.omschrijving)

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
