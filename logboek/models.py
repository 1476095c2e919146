import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models.fields.json import KeyTextTransform
from django.utils.translation import gettext_lazy as _

from core.dates import datum_kort

from .constants import PAYLOAD_INTREKT, GebeurtenisBron, GebeurtenisType


class Gebeurtenis(models.Model):
    """Event (gebeurtenis): an append-only fact in the event log, the outbox of every app.

    Never updated or deleted by the application (a database trigger refuses it); a correction
    is a new, compensating event; a wrong event is withdrawn by an `intrekking` that names it. `bron` + `extern_id` is the idempotency key, so an import
    run twice counts once (DESIGN.md, "The event log is the outbox").
    """

    type = models.CharField(_("type"), max_length=40, choices=GebeurtenisType.choices)
    plan = models.ForeignKey("wup.Plan", on_delete=models.PROTECT, related_name="gebeurtenissen")
    buurt = models.ForeignKey(
        "wup.Buurt", on_delete=models.PROTECT, related_name="gebeurtenissen", null=True, blank=True
    )
    datum = models.DateField(_("date it happened"))
    hoeveelheid = models.IntegerField(_("quantity"), default=1)
    bron = models.CharField(_("source"), max_length=40, choices=GebeurtenisBron.choices)
    extern_id = models.CharField(_("external id"), max_length=200)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        # The table keeps the name it had in core: moving the model changed no data.
        db_table = "core_gebeurtenis"
        ordering = ["-datum", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["bron", "extern_id"], name="gebeurtenis_idempotency_key"),
        ]
        indexes = [
            models.Index(fields=["plan", "type", "datum"], name="gebeurtenis_plan_type_datum"),
            # The watermark check (max id and count per plan) reads only this index.
            models.Index(fields=["plan", "id"], name="gebeurtenis_plan_id"),
            # Withdrawals by the event they name: the aggregate's join, "is it withdrawn?"
            # and the event list read only these few rows (logboek.selectors).
            models.Index(
                models.F("plan"),
                KeyTextTransform(PAYLOAD_INTREKT, "payload"),
                name="gebeurtenis_intrekking",
                condition=models.Q(type=GebeurtenisType.INTREKKING),
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="gebeurtenis_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({datum_kort(self.datum)})"
