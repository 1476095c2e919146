"""The Wgiw parts of an uitvoeringsplan: gas end date per buurt, measures, investments, alternatives, safeguards."""

from __future__ import annotations

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik, datum_kort
from core.models import TimeStampedModel

from ..constants import (
    KostenEenheid,
    MaatregelSoort,
    Techniekrichting,
    WaarborgSoort,
    Zekerheid,
)
from .gebieden import Buurt
from .plannen import Partij, Plan

# --- The Wgiw parts of an uitvoeringsplan (issue 12) -------------------------------------------

EURO_MAX = 10**11  # a hundred billion euros: anything above is a typing error


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class GasEinddatumBuurt(TimeStampedModel):
    """The end of the gas supply in one buurt of the plan, when the plan staggers it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="gas_einddata_buurt")
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, related_name="+", verbose_name=_("buurt"))
    datum = models.DateField(_("end of the gas supply"), validators=[DatumBereik()])

    class Meta:
        ordering = ["plan", "datum", "buurt"]
        verbose_name = _("end of the gas supply in a buurt")
        verbose_name_plural = _("end of the gas supply per buurt")
        constraints = [
            models.UniqueConstraint(fields=["plan", "buurt"], name="gaseinddatumbuurt_uniek_per_plan"),
            datum_bereik("datum", name="gaseinddatumbuurt_datum_bereik"),
        ]

    def __str__(self) -> str:
        return f"{self.buurt.naam}: {datum_kort(self.datum)}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Maatregel(TimeStampedModel):
    """A physical measure (maatregel) in the public space or in buildings: what, where, when, by whom."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="maatregelen")
    soort = models.CharField(_("kind"), max_length=20, choices=MaatregelSoort.choices)
    wat = models.CharField(_("what"), max_length=300)
    waar = models.CharField(_("where"), max_length=300)
    wanneer = models.CharField(_("when"), max_length=100, help_text=_("A date or a period, e.g. 2027-2029."))
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="maatregelen", verbose_name=_("by whom"))

    class Meta:
        ordering = ["plan", "soort", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.wat} ({self.waar}, {self.wanneer}; {self.partij})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Investering(TimeStampedModel):
    """An investment (investering) one of the plan's parties makes: what, how much, when, how certain."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="investeringen")
    partij = models.ForeignKey(Partij, on_delete=models.PROTECT, related_name="investeringen", verbose_name=_("party"))
    wat = models.CharField(_("what"), max_length=300)
    bedrag = models.DecimalField(
        _("amount (euro)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(EURO_MAX)],
    )
    periode_van = models.PositiveSmallIntegerField(
        _("from (year)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    periode_tot = models.PositiveSmallIntegerField(
        _("until (year)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    zekerheid = models.CharField(_("secured or expected"), max_length=10, choices=Zekerheid.choices)

    class Meta:
        ordering = ["plan", "periode_van", "id"]
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0, bedrag__lte=EURO_MAX), name="investering_bedrag_bereik"),
            models.CheckConstraint(
                condition=Q(periode_van__gte=2000, periode_tot__lte=2100, periode_tot__gte=models.F("periode_van")),
                name="investering_periode",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.partij}: {self.wat} (€ {self.bedrag:,.0f}, {self.periode_van}-{self.periode_tot}, "
            f"{self.get_zekerheid_display().lower()})".replace(",", ".")
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class GelijkwaardigAlternatief(TimeStampedModel):
    """An equivalent alternative for residents who do not want the chosen solution, with its conditions."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="gelijkwaardige_alternatieven")
    omschrijving = models.TextField(_("description"))
    voorwaarden = models.TextField(_("conditions"))

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("equivalent alternative")
        verbose_name_plural = _("equivalent alternatives")

    def __str__(self) -> str:
        return self.omschrijving[:120]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class OverwogenAlternatief(TimeStampedModel):
    """A considered alternative with its national (societal) cost as entered, its source, and
    whether it is the chosen one (at most one per plan)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="overwogen_alternatieven")
    techniekrichting = models.CharField(_("heating direction"), max_length=20, choices=Techniekrichting.choices)
    nationale_kosten = models.DecimalField(
        _("national cost"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(EURO_MAX)],
    )
    eenheid = models.CharField(_("unit"), max_length=20, choices=KostenEenheid.choices)
    bron = models.CharField(_("source"), max_length=300, help_text=_("E.g. PBL Startanalyse 2020."))
    gekozen = models.BooleanField(_("chosen alternative"), default=False)

    class Meta:
        ordering = ["plan", "-gekozen", "nationale_kosten", "id"]
        verbose_name = _("considered alternative")
        verbose_name_plural = _("considered alternatives")
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(gekozen=True),
                name="overwogenalternatief_een_gekozen",
                violation_error_message=_("This plan already has a chosen alternative."),
            ),
            models.UniqueConstraint(fields=["plan", "techniekrichting"], name="overwogenalternatief_uniek"),
            models.CheckConstraint(
                condition=Q(nationale_kosten__gte=0, nationale_kosten__lte=EURO_MAX),
                name="overwogenalternatief_kosten_bereik",
            ),
        ]

    def __str__(self) -> str:
        kosten = f"{self.nationale_kosten:,.0f}".replace(",", ".")
        return f"{self.get_techniekrichting_display()}: € {kosten} {self.get_eenheid_display()} ({self.bron})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Waarborg(TimeStampedModel):
    """One of the five safeguards (waarborgen) of the Wgiw, with how this plan meets it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="waarborgen")
    soort = models.CharField(_("safeguard"), max_length=20, choices=WaarborgSoort.choices)
    invulling = models.TextField(_("how this plan meets it"))

    class Meta:
        ordering = ["plan", "soort"]
        verbose_name = _("safeguard")
        verbose_name_plural = _("safeguards")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "soort"],
                name="waarborg_uniek_per_plan",
                violation_error_message=_("This plan already describes this safeguard."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.invulling[:120]}"
