"""Dashboard: indicator snapshots per plan and period, the recompute watermark, council decisions,
saved scenarios."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from . import scenario
from .constants import Besluit, Indicator, Status


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
        return f"{self.get_besluit_display()} ({self.datum})"


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
