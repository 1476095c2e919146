"""Routekaart (route map) of a plan: the municipality's role, milestones, agreements between the
plan's parties, coupling opportunities in the public space and the permits they need.

Parties (`wup.Partij`) and phases (`wup.Fase`) belong to the plan in `wup`; everything here refers
to them. Statuses such as "overdue" are derived from the dates against today
(`routekaart.planning`), never stored.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik
from core.models import TimeStampedModel

from .constants import (
    AfspraakStatus,
    GemeenteRol,
    KoppelkansSoort,
    MijlpaalUitkomst,
    VergunningSoort,
    VergunningStatus,
)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Routekaart(TimeStampedModel):
    """One per plan: the municipality's role in the process and why this route."""

    plan = models.OneToOneField("wup.Plan", on_delete=models.CASCADE, related_name="routekaart")
    rol_gemeente = models.CharField(
        _("role of the municipality"), max_length=20, choices=GemeenteRol.choices, default=GemeenteRol.REGISSEUR
    )
    rol_toelichting = models.TextField(_("explanation of that role"), max_length=2000, blank=True)
    waarom_route = models.TextField(_("why this route"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("route map")
        verbose_name_plural = _("route maps")

    def __str__(self) -> str:
        return str(self.plan)


class _Gepland(TimeStampedModel):
    """What milestones and agreements share: a baseline, a forecast and how it ended."""

    basisdatum = models.DateField(
        _("baseline date (as first agreed)"), validators=[DatumBereik()], help_text=_("Cannot be changed later.")
    )
    prognose = models.DateField(_("forecast date (current expectation)"), validators=[DatumBereik()])
    prognose_reden = models.CharField(_("reason for the latest forecast"), max_length=500, blank=True)
    afgerond_op = models.DateField(_("date completed"), null=True, blank=True, validators=[DatumBereik()])

    class Meta:
        abstract = True


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Mijlpaal(_Gepland):
    """A milestone on the route; a decision milestone ends a phase ("go to the next phase")."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="mijlpalen")
    fase = models.ForeignKey(
        "wup.Fase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mijlpalen",
        verbose_name=_("phase"),
    )
    naam = models.CharField(_("name"), max_length=200)
    verantwoordelijke = models.ForeignKey(
        "wup.Partij",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mijlpalen",
        verbose_name=_("responsible party"),
    )
    besluitmoment = models.BooleanField(
        _("decision milestone"),
        default=False,
        help_text=_("The parties decide together on the phase's end product and on going to the next phase."),
    )
    uitkomst = models.CharField(
        _("outcome"), max_length=10, choices=MijlpaalUitkomst.choices, default=MijlpaalUitkomst.OPEN
    )

    class Meta:
        ordering = ["plan", "prognose", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            datum_bereik("basisdatum", name="mijlpaal_basisdatum_bereik"),
            datum_bereik("prognose", name="mijlpaal_prognose_bereik"),
            datum_bereik("afgerond_op", name="mijlpaal_afgerond_op_bereik"),
            models.CheckConstraint(
                condition=Q(uitkomst=MijlpaalUitkomst.OPEN, afgerond_op__isnull=True)
                | (~Q(uitkomst=MijlpaalUitkomst.OPEN) & Q(afgerond_op__isnull=False)),
                name="mijlpaal_afgerond_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def afgerond(self) -> bool:
        return self.uitkomst != MijlpaalUitkomst.OPEN


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Afspraak(_Gepland):
    """An agreement: party A (leverancier) delivers X (wat) to party B (ontvanger) by a date."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="afspraken")
    leverancier = models.ForeignKey(
        "wup.Partij", on_delete=models.PROTECT, related_name="afspraken_levert", verbose_name=_("who delivers")
    )
    ontvanger = models.ForeignKey(
        "wup.Partij", on_delete=models.PROTECT, related_name="afspraken_ontvangt", verbose_name=_("to whom")
    )
    wat = models.CharField(_("what"), max_length=300)
    toelichting = models.TextField(_("explanation"), max_length=2000, blank=True)
    mijlpaal = models.ForeignKey(
        Mijlpaal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="afspraken",
        verbose_name=_("milestone it serves"),
    )
    afhankelijk_van = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="nodig_voor",
        verbose_name=_("depends on (cannot be done before these)"),
    )
    status = models.CharField(_("status"), max_length=20, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN)

    class Meta:
        ordering = ["plan", "prognose", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            datum_bereik("basisdatum", name="afspraak_basisdatum_bereik"),
            datum_bereik("prognose", name="afspraak_prognose_bereik"),
            datum_bereik("afgerond_op", name="afspraak_afgerond_op_bereik"),
            models.CheckConstraint(
                condition=Q(status=AfspraakStatus.OPEN, afgerond_op__isnull=True)
                | (~Q(status=AfspraakStatus.OPEN) & Q(afgerond_op__isnull=False)),
                name="afspraak_afgerond_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(leverancier=models.F("ontvanger")), name="afspraak_tussen_twee_partijen"
            ),
        ]

    def __str__(self) -> str:
        return self.wat

    @property
    def afgerond(self) -> bool:
        return self.status != AfspraakStatus.OPEN


class Verschuiving(models.Model):
    """History of a forecast: who moved it, when, from what to what, and why. Never edited."""

    mijlpaal = models.ForeignKey(
        Mijlpaal, on_delete=models.CASCADE, null=True, blank=True, related_name="verschuivingen"
    )
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.CASCADE, null=True, blank=True, related_name="verschuivingen"
    )
    van = models.DateField(_("from"))
    naar = models.DateField(_("to"))
    reden = models.CharField(_("reason"), max_length=500)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["op", "id"]
        verbose_name = _("forecast change")
        verbose_name_plural = _("forecast changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(mijlpaal__isnull=False, afspraak__isnull=True)
                | Q(mijlpaal__isnull=True, afspraak__isnull=False),
                name="verschuiving_van_een_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Koppelkans(TimeStampedModel):
    """Coupling opportunity: planned works in the public space with their time window."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="koppelkansen")
    soort = models.CharField(_("kind of works"), max_length=20, choices=KoppelkansSoort.choices)
    omschrijving = models.CharField(_("description"), max_length=300)
    verantwoordelijke = models.ForeignKey(
        "wup.Partij",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="koppelkansen",
        verbose_name=_("responsible party"),
    )
    venster_van = models.DateField(_("window from"), validators=[DatumBereik()])
    venster_tot = models.DateField(_("window until"), validators=[DatumBereik()])
    mijlpalen = models.ManyToManyField(
        Mijlpaal, blank=True, related_name="koppelkansen", verbose_name=_("milestones that depend on this window")
    )

    class Meta:
        ordering = ["plan", "venster_van", "id"]
        verbose_name = _("coupling opportunity")
        verbose_name_plural = _("coupling opportunities")
        constraints = [
            datum_bereik("venster_van", name="koppelkans_venster_van_bereik"),
            datum_bereik("venster_tot", name="koppelkans_venster_tot_bereik"),
            models.CheckConstraint(
                condition=Q(venster_tot__gte=models.F("venster_van")), name="koppelkans_venster_volgorde"
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Vergunning(TimeStampedModel):
    """A permit the plan or one of its coupling opportunities needs."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="vergunningen")
    koppelkans = models.ForeignKey(
        Koppelkans,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vergunningen",
        verbose_name=_("for coupling opportunity"),
    )
    soort = models.CharField(_("kind of permit"), max_length=30, choices=VergunningSoort.choices)
    omschrijving = models.CharField(_("description"), max_length=300)
    aanvrager = models.ForeignKey(
        "wup.Partij",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vergunningen",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VergunningStatus.choices, default=VergunningStatus.AAN_TE_VRAGEN
    )
    verwachte_beslisdatum = models.DateField(
        _("expected decision date"), null=True, blank=True, validators=[DatumBereik()]
    )

    class Meta:
        ordering = ["plan", "verwachte_beslisdatum", "id"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        constraints = [datum_bereik("verwachte_beslisdatum", name="vergunning_beslisdatum_bereik")]

    def __str__(self) -> str:
        return self.omschrijving
