"""Dashboard: indicator snapshots per plan and period, the recompute watermark, council decisions,
steering actions (stuuracties), saved scenarios."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik, datum_kort
from core.models import TimeStampedModel

from . import scenario
from .constants import (
    STUURACTIE_UITKOMST_MAX,
    STUURACTIE_WAT_MAX,
    STUURACTIE_WIE_MAX,
    Besluit,
    Indicator,
    Status,
    StuuractieStatus,
)


class IndicatorSnapshot(models.Model):
    """The value of one indicator for one plan in one period (a month), as last computed.

    Written only by `services.plan_recompute` (upsert on plan + indicator + period); readers
    see the old or the new set, never a mix, because a recompute is one transaction.
    """

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="indicator_snapshots")
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    periode = models.DateField(_("period (first day of the month)"))
    waarde = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ONBEKEND)
    n = models.PositiveIntegerField(_("number of observations"), default=0)
    projectie = models.JSONField(_("projection"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["plan", "indicator", "periode"]
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "periode"], name="snapshot_plan_indicator_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.indicator} {self.periode}: {self.waarde}"


class PlanWatermark(models.Model):
    """How far the plan's snapshots have read the event log.

    Event ids are not commit-ordered (a transaction that took id 100 may commit after one
    that took id 101), so the watermark keeps both the highest id AND the number of events
    seen: events are append-only (a trigger refuses deletes), so the count grows with every
    commit and a late-committing lower id is still noticed.

    It also records a recompute that failed (`failed_at`, `failure`, `failed_attempts` in a
    row, the plan's event count at that moment), cleared by the next one that succeeds: the
    plan page then says its figures are the last good state of `computed_at`, and the
    reconcile stops retrying a plan after MAX_FAILED_ATTEMPTS until an event arrives
    (dashboard.services, docs/architecture.md).
    """

    plan = models.OneToOneField("wup.Plan", on_delete=models.CASCADE, related_name="watermark")
    last_event_id = models.BigIntegerField(_("highest event id seen"), default=0)
    event_count = models.BigIntegerField(_("events seen"), default=0)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("last recompute failed at"), null=True, blank=True)
    failure = models.TextField(_("why the last recompute failed"), blank=True)
    failed_attempts = models.PositiveIntegerField(_("failed recomputes in a row"), default=0)
    failed_event_count = models.BigIntegerField(_("events in the log at the last failure"), null=True, blank=True)

    class Meta:
        verbose_name = _("recompute watermark")
        verbose_name_plural = _("recompute watermarks")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.last_event_id}/{self.event_count}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Raadsbesluit(models.Model):
    """Council decision (raadsbesluit) on a plan: the analysis and continue / adjust / stop."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.PROTECT, related_name="raadsbesluiten")
    datum = models.DateField(_("date of the decision"))
    doen_we_het_goede = models.TextField(_("Are we still doing the right thing?"))
    wat_is_nodig = models.TextField(_("What is needed to do it well?"))
    besluit = models.CharField(_("decision"), max_length=10, choices=Besluit.choices)
    motivering = models.TextField(_("rationale"))
    kenmerk = models.CharField(_("reference"), max_length=100, blank=True)
    snapshot = models.JSONField(_("indicators the decision was based on"), default=dict, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-datum", "-id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self) -> str:
        return f"{self.get_besluit_display()} ({datum_kort(self.datum)})"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Stuuractie(TimeStampedModel):
    """A steering action (stuuractie): what the civil servants do about a red or amber signal.

    Who does it is a party of the plan (`wup.Partij`) or, for someone who is not one, free
    text: exactly one of the two. Done needs the date and the outcome; "overdue" (open past
    `uiterlijk`) is derived against today, never stored. A council decision may ask for some
    (`raadsbesluiten`). Written only by `services.stuuracties`; every write forces a recompute,
    because the governance indicator counts them (indicators.mensen.opvolging, acties_op_tijd).
    """

    plan = models.ForeignKey("wup.Plan", on_delete=models.PROTECT, related_name="stuuracties")
    wat = models.CharField(_("what"), max_length=STUURACTIE_WAT_MAX)
    wie = models.CharField(_("who (not a party of the plan)"), max_length=STUURACTIE_WIE_MAX, blank=True)
    wie_partij = models.ForeignKey(
        "wup.Partij",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stuuracties",
        verbose_name=_("who (party of the plan)"),
    )
    uiterlijk = models.DateField(_("done by"), validators=[DatumBereik()])
    indicator = models.CharField(_("indicator it should move"), max_length=20, choices=Indicator.choices)
    # The signal it answers: the period (first day of the month) and the status it had then.
    aanleiding_periode = models.DateField(_("signal of (month)"), null=True, blank=True, validators=[DatumBereik()])
    aanleiding_status = models.CharField(_("status of the signal"), max_length=12, choices=Status.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StuuractieStatus.choices, default=StuuractieStatus.OPEN
    )
    gedaan_op = models.DateField(_("done on"), null=True, blank=True, validators=[DatumBereik()])
    vervallen_op = models.DateField(_("cancelled on"), null=True, blank=True, validators=[DatumBereik()])
    uitkomst = models.TextField(_("outcome"), max_length=STUURACTIE_UITKOMST_MAX, blank=True)
    raadsbesluiten = models.ManyToManyField(
        Raadsbesluit, related_name="stuuracties", blank=True, verbose_name=_("council decisions asking for it")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["plan", "uiterlijk", "id"]
        verbose_name = _("steering action")
        verbose_name_plural = _("steering actions")
        constraints = [
            datum_bereik("uiterlijk", name="stuuractie_uiterlijk_bereik"),
            datum_bereik("aanleiding_periode", name="stuuractie_aanleiding_bereik"),
            datum_bereik("gedaan_op", name="stuuractie_gedaan_op_bereik"),
            datum_bereik("vervallen_op", name="stuuractie_vervallen_op_bereik"),
            models.CheckConstraint(condition=~Q(wat=""), name="stuuractie_wat_verplicht"),
            models.CheckConstraint(condition=Q(indicator__in=Indicator.values), name="stuuractie_indicator_keuze"),
            models.CheckConstraint(condition=Q(status__in=StuuractieStatus.values), name="stuuractie_status_keuze"),
            models.CheckConstraint(
                condition=Q(aanleiding_status="") | Q(aanleiding_status__in=Status.values),
                name="stuuractie_aanleiding_status_keuze",
            ),
            # who: a party of the plan or free text, exactly one
            models.CheckConstraint(
                condition=(Q(wie_partij__isnull=False) & Q(wie="")) | (Q(wie_partij__isnull=True) & ~Q(wie="")),
                name="stuuractie_wie_een",
            ),
            # done needs its date and outcome; only done has them; only cancelled has its date
            models.CheckConstraint(
                condition=(Q(status=StuuractieStatus.GEDAAN) & Q(gedaan_op__isnull=False) & ~Q(uitkomst=""))
                | (~Q(status=StuuractieStatus.GEDAAN) & Q(gedaan_op__isnull=True)),
                name="stuuractie_gedaan_met_datum",
            ),
            models.CheckConstraint(
                condition=Q(status=StuuractieStatus.VERVALLEN, vervallen_op__isnull=False)
                | (~Q(status=StuuractieStatus.VERVALLEN) & Q(vervallen_op__isnull=True)),
                name="stuuractie_vervallen_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.wat


# Which decision asks for which action: insert and delete tracked, as wup.PlanBuurt does
# (django-pghistory's documented way to track many-to-many changes).
@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.DeleteEvent(),
    obj_field=None,
    model_name="StuuractieRaadsbesluitEvent",
)
class StuuractieRaadsbesluit(Stuuractie.raadsbesluiten.through):
    class Meta:
        proxy = True


class Scenario(TimeStampedModel):
    """A saved what-if of a plan (dashboard/scenario.py says what each parameter does).

    Only its parameters are stored: the page computes it again against the latest figures,
    so a saved scenario shows what it means today. Written by `services.scenario_opslaan`.
    """

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="scenarios")
    naam = models.CharField(_("name"), max_length=120)
    warmtenet_woningen = models.PositiveIntegerField(_("extra homes on the heat network"), default=0)
    warmtenet_vanaf = models.DateField(_("heat network connects from (month)"), null=True, blank=True)
    uitstel_maanden = models.PositiveSmallIntegerField(_("delay of the start (months)"), default=0)
    tempo_pct = models.SmallIntegerField(_("change of pace (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["plan", "naam"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "naam"],
                name="scenario_plan_naam",
                violation_error_message=_("This plan already has a scenario with this name."),
            ),
            models.CheckConstraint(
                condition=Q(uitstel_maanden__lte=scenario.UITSTEL_MAX), name="scenario_uitstel_bereik"
            ),
            models.CheckConstraint(
                condition=Q(tempo_pct__gte=scenario.TEMPO_PCT_MIN, tempo_pct__lte=scenario.TEMPO_PCT_MAX),
                name="scenario_tempo_bereik",
            ),
            models.CheckConstraint(
                condition=Q(warmtenet_woningen=0)
                | Q(warmtenet_vanaf__gte=scenario.MAAND_MIN, warmtenet_vanaf__lte=scenario.MAAND_MAX),
                name="scenario_warmtenet_maand",
            ),
        ]

    def __str__(self) -> str:
        return self.naam
