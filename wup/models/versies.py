"""The adopted versions of a plan: what the council adopted, frozen.

Adopting a plan (and later each adopted change, a *wijzigingsvoorstel*) stores the whole plan
document as it was: per section its title, HTML and plain text, the kaders and interim goals
as data (the dashboard judges against them), and the rendered PDF. A database trigger refuses
any UPDATE or DELETE, so not even the application can rewrite what the council adopted; a
database dump holds it.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import DatumBereik, datum_bereik

from .plannen import Plan


class PlanVersie(models.Model):
    """One adopted version of a plan (1 = the first adoption, then one per adopted change)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveSmallIntegerField(_("version"))
    vastgesteld_op = models.DateField(_("adopted by the council on"), validators=[DatumBereik()])
    raadsbesluit_kenmerk = models.CharField(_("council decision reference"), max_length=100)
    # {"titel", "status", "secties": [{"id", "titel", "html", "tekst"}], "doelen": [...],
    #  "kernwaarden": [...]} (portaal.document builds it; wup.selectors reads the data parts)
    inhoud = models.JSONField(_("content"))
    pdf = models.BinaryField(_("PDF as adopted"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-nummer"]
        verbose_name = _("adopted version")
        verbose_name_plural = _("adopted versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_nummer_uniek"),
            models.CheckConstraint(condition=models.Q(nummer__gte=1), name="planversie_nummer_positief"),
            datum_bereik("vastgesteld_op", name="planversie_vastgesteld_op_bereik"),
        ]
        triggers = [
            pgtrigger.Protect(name="planversie_onveranderlijk", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.nummer}"
