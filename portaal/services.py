"""Writes of the top layer: the parties' calendar links (create, revoke)."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.logs import event

from .models import AgendaToken

# Active links per plan: enough for every party and team, small enough to review on one page.
MAX_ACTIEVE_TOKENS = 50


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def agenda_token_create(*, plan, label: str, door=None) -> tuple[AgendaToken, str]:
    """A new link for the plan's parties. Returns the row and the token itself: the only time
    it exists in clear (only its hash is stored), so the caller shows it once."""
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": gettext("Say for whom the link is, so it can be revoked later.")})
    # Lock the plan's links so two tabs cannot both pass the cap (rows in primary-key order).
    actief = list(
        AgendaToken.objects.select_for_update().filter(plan=plan, revoked_at__isnull=True).order_by("pk").values("pk")
    )
    if len(actief) >= MAX_ACTIEVE_TOKENS:
        raise ValidationError(
            {"label": gettext("This plan has %(n)d active links. Revoke one first.") % {"n": len(actief)}}
        )
    token = secrets.token_urlsafe(32)  # 256 random bits, 43 URL-safe characters
    row = AgendaToken(plan=plan, label=label, token_hash=token_hash(token), created_by=door)
    row.full_clean(exclude=["plan", "created_by", "revoked_by"])
    row.save()
    event("agenda_token_create", result="ok", object={"plan_id": plan.pk, "agenda_token_id": row.pk})
    return row, token


@transaction.atomic
def agenda_token_revoke(*, agenda_token: AgendaToken, door=None) -> bool:
    """Revoke a link: its feed answers 404 from now on. False when it was already revoked
    (a double submit, a second tab)."""
    row = AgendaToken.objects.select_for_update().get(pk=agenda_token.pk)
    if row.revoked_at is not None:
        return False
    row.revoked_at = timezone.now()
    row.revoked_by = door
    row.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    event("agenda_token_revoke", result="ok", object={"plan_id": row.plan_id, "agenda_token_id": row.pk})
    return True


# --- The adopted version ----------------------------------------------------------------------


def plan_vaststelling_vastleggen(*, plan, door, vastgesteld_op, raadsbesluit_kenmerk: str):
    """Freeze what the council adopts: the whole plan document as data and as PDF.

    Registered with wup (`vaststelling_register`, PortaalConfig.ready) and called inside the
    adoption's transaction, so a plan is never adopted without its frozen version.
    """
    from wup import selectors as wup_selectors
    from wup import services as wup_services

    from . import document

    volledig = wup_selectors.plan_get(pk=plan.pk)
    # The living parts (route map statuses, indicator figures) as they are when the adoption is
    # recorded: the sections say that date; the decision's own date is in the reference.
    secties = document.document_secties(plan=volledig, vandaag=timezone.localdate())
    nummer = wup_selectors.plan_versie_volgende_nummer(plan=volledig)
    kenmerk = document.versie_kenmerk(nummer=nummer, vastgesteld_op=vastgesteld_op, raadsbesluit=raadsbesluit_kenmerk)
    versie = wup_services.plan_versie_create(
        plan=volledig,
        door=door,
        nummer=nummer,
        vastgesteld_op=vastgesteld_op,
        raadsbesluit_kenmerk=raadsbesluit_kenmerk,
        inhoud=document.document_inhoud(plan=volledig, secties=secties),
        pdf=document.pdf_render(plan=volledig, secties=secties, kenmerk=kenmerk),
    )
    # The dashboard now judges against this version's kaders: recompute after commit.
    from dashboard import services as dashboard_services

    dashboard_services.recompute_forced_request(plan_id=plan.pk)
    event("plan_versie_vastleggen", result="ok", object={"plan_id": plan.pk, "versie": versie.nummer})
    return versie
