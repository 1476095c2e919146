"""Tables of the top layer: only what the combined pages need of their own.

`AgendaToken`: a link to the calendar feed of a plan's parties (partijen). Parties have no
accounts and calendar apps send no cookie, so the link itself is the key: unguessable,
stored as a hash only, revocable one by one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class AgendaToken(TimeStampedModel):
    """A revocable link to the parties' calendar feed of one plan (the token is shown once)."""

    plan = models.ForeignKey("wup.Plan", on_delete=models.CASCADE, related_name="agenda_tokens")
    label = models.CharField(
        _("label"), max_length=100, help_text=_("For whom the link is, e.g. “Netbeheerder Stedin, projectteam”.")
    )
    # SHA-256 of the token (hex). The token has 256 random bits, so a plain hash is enough: it
    # cannot be guessed or brute-forced from the hash; only the hash is ever stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-created_at", "-id"]
        verbose_name = _("calendar link for parties")
        verbose_name_plural = _("calendar links for parties")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("created_at")),
                name="agendatoken_revoked_after_created",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def actief(self) -> bool:
        return self.revoked_at is None
