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
    KostenEenheid,
    MaatregelSoort,
    Metriek,
    PartijSoort,
    PlanStatus,
    Techniekrichting,
    WaarborgSoort,
    Zekerheid,
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
        return f"{self.buurt.naam}: {self.datum:%d-%m-%Y}"


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
