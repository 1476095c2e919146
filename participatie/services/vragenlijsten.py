"""Surveys (vragenlijsten) and their questions: create, edit, open or close, reorder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.services import model_update
from wup import services as wup_services

from ..constants import KEUZE_TYPES, Dimensie, Toegang, VraagType, VragenlijstStatus
from ..models import Optie, Respons, Vraag, Vragenlijst
from .pulsrondes import is_pulsronde, pulsronde_refuse_edit

HAS_RESPONSES = gettext_lazy(
    "This survey already has answers. You can change texts, but not remove answer options, "
    "change the kind of question or remove questions: the answers already given would no longer fit."
)

DEFAULT_PRIVACYTEKST = (
    "Uw antwoorden zijn anoniem. We bewaren geen IP-adres en geen gegevens van uw apparaat, en "
    "uw antwoorden zijn niet te koppelen aan uw code of adres. Open antwoorden bewaren we "
    "hoogstens een jaar. We laten alleen uitkomsten zien als minstens vijf mensen hebben geantwoord."
)


VRAGENLIJST_FIELDS = ("titel", "intro", "privacytekst", "opent_op", "sluit_op", "toegang")
VRAAG_FIELDS = ("type", "tekst", "helptekst", "verplicht", "dimensie", "min_waarde", "max_waarde")


@transaction.atomic
def vragenlijst_create(
    *,
    plan,
    titel: str,
    intro: str = "",
    privacytekst: str = "",
    opent_op: dt.datetime | None = None,
    sluit_op: dt.datetime | None = None,
    toegang: str = Toegang.CODES,
) -> Vragenlijst:
    wup_services.plan_open_check(plan)
    vragenlijst = Vragenlijst(
        plan=plan,
        titel=titel,
        intro=intro,
        privacytekst=privacytekst or DEFAULT_PRIVACYTEKST,
        opent_op=opent_op,
        sluit_op=sluit_op,
        toegang=toegang,
    )
    vragenlijst.full_clean()
    vragenlijst.save()
    return vragenlijst


@transaction.atomic
def vragenlijst_update(*, vragenlijst: Vragenlijst, **changes: Any) -> Vragenlijst:
    """Edit a survey's texts, dates and (while it has no answers) its access; see VRAGENLIJST_FIELDS."""
    wup_services.plan_open_check(vragenlijst.plan)
    vragenlijst = Vragenlijst.objects.select_for_update().get(pk=vragenlijst.pk)
    # A pulse round stays on single-use codes: an open link would let one person answer twice.
    if is_pulsronde(vragenlijst) and changes.get("toegang", Toegang.CODES) != Toegang.CODES:
        raise ValidationError({"toegang": gettext("A pulse round is answered with invite codes only.")})
    # Before full_clean, so that this message is the one shown.
    if "toegang" in changes and changes["toegang"] != vragenlijst.toegang and vragenlijst.responsen.exists():
        raise ValidationError({"toegang": gettext("The access can no longer change: there already are answers.")})
    vragenlijst, _ = model_update(instance=vragenlijst, fields=VRAGENLIJST_FIELDS, data=changes)
    return vragenlijst


@transaction.atomic
def vragenlijst_status_set(*, vragenlijst: Vragenlijst, status: str) -> Vragenlijst:
    """Open or close a survey. A survey without questions cannot open."""
    vragenlijst = Vragenlijst.objects.select_for_update().get(pk=vragenlijst.pk)
    if status == VragenlijstStatus.OPEN and not vragenlijst.vragen.exists():
        raise ValidationError({"status": gettext("Add questions first before you open the survey.")})
    if status == VragenlijstStatus.CONCEPT and vragenlijst.responsen.exists():
        raise ValidationError({"status": gettext("A survey with answers cannot go back to draft.")})
    vragenlijst.status = status
    vragenlijst.full_clean()
    vragenlijst.save(update_fields=["status", "updated_at"])
    return vragenlijst


def vragenlijst_is_open(vragenlijst: Vragenlijst, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        vragenlijst.status == VragenlijstStatus.OPEN
        and (vragenlijst.opent_op is None or vragenlijst.opent_op <= now)
        and (vragenlijst.sluit_op is None or now < vragenlijst.sluit_op)
    )


# --- Questions --------------------------------------------------------------------------------


def _has_responses(vragenlijst_id: int) -> bool:
    return Respons.objects.filter(vragenlijst_id=vragenlijst_id).exists()


def _clean_opties(type: str, opties: Iterable[str] | None) -> list[str]:
    cleaned = [o.strip() for o in (opties or []) if o and o.strip()]
    if type in KEUZE_TYPES and len(cleaned) < 2:
        raise ValidationError({"opties": gettext("Give at least two answer options, one per line.")})
    return cleaned if type in KEUZE_TYPES else []


@transaction.atomic
def vraag_create(
    *,
    vragenlijst: Vragenlijst,
    type: str,
    tekst: str,
    helptekst: str = "",
    verplicht: bool = False,
    dimensie: str = Dimensie.GEEN,
    min_waarde: int | None = None,
    max_waarde: int | None = None,
    opties: Iterable[str] | None = None,
    volgorde: int | None = None,
) -> Vraag:
    pulsronde_refuse_edit(vragenlijst)
    if volgorde is None:
        last = vragenlijst.vragen.order_by("-volgorde").values_list("volgorde", flat=True).first()
        volgorde = 0 if last is None else last + 1
    vraag = Vraag(
        vragenlijst=vragenlijst,
        type=type,
        tekst=tekst,
        helptekst=helptekst,
        verplicht=verplicht,
        dimensie=dimensie,
        min_waarde=min_waarde if type == VraagType.GETAL else None,
        max_waarde=max_waarde if type == VraagType.GETAL else None,
        volgorde=volgorde,
    )
    vraag.full_clean()
    cleaned = _clean_opties(type, opties)
    vraag.save()
    Optie.objects.bulk_create([Optie(vraag=vraag, tekst=t, volgorde=i) for i, t in enumerate(cleaned)])
    return vraag


@transaction.atomic
def vraag_update(
    *,
    vraag: Vraag,
    type: str | None = None,
    tekst: str | None = None,
    helptekst: str | None = None,
    verplicht: bool | None = None,
    dimensie: str | None = None,
    min_waarde: int | None = None,
    max_waarde: int | None = None,
    opties: list[str] | None = None,
) -> Vraag:
    """Edit a question. With responses, text edits are fine; type changes and removals are refused.

    Options are matched by position: option i gets the i-th line's text, extra lines are new
    options, and fewer lines remove options (refused once the survey has responses).
    """
    vraag = Vraag.objects.select_for_update().select_related("vragenlijst").get(pk=vraag.pk)
    pulsronde_refuse_edit(vraag.vragenlijst)
    locked = _has_responses(vraag.vragenlijst_id)
    # The refusals come before full_clean, so that their message is the one shown.
    if type is not None and type != vraag.type and locked:
        raise ValidationError({"type": HAS_RESPONSES})
    given = {"type": type, "tekst": tekst, "helptekst": helptekst, "verplicht": verplicht, "dimensie": dimensie}
    changes: dict[str, Any] = {name: value for name, value in given.items() if value is not None}
    if changes.get("type", vraag.type) == VraagType.GETAL:
        if locked and (min_waarde, max_waarde) != (vraag.min_waarde, vraag.max_waarde):
            raise ValidationError({"min_waarde": HAS_RESPONSES})
        changes.update(min_waarde=min_waarde, max_waarde=max_waarde)
    else:
        changes.update(min_waarde=None, max_waarde=None)
    vraag, _ = model_update(instance=vraag, fields=VRAAG_FIELDS, data=changes)
    existing = list(vraag.opties.all())
    if vraag.type not in KEUZE_TYPES:
        if existing:
            if locked:
                raise ValidationError({"opties": HAS_RESPONSES})
            vraag.opties.all().delete()
        return vraag
    if opties is None:
        if not existing:
            raise ValidationError({"opties": gettext("Give at least two answer options, one per line.")})
        return vraag
    cleaned = _clean_opties(vraag.type, opties)
    if len(cleaned) < len(existing):
        if locked:
            raise ValidationError({"opties": HAS_RESPONSES})
        Optie.objects.filter(pk__in=[o.pk for o in existing[len(cleaned) :]]).delete()
    for i, text in enumerate(cleaned):
        if i < len(existing):
            model_update(instance=existing[i], fields=("tekst", "volgorde"), data={"tekst": text, "volgorde": i})
        else:
            Optie.objects.create(vraag=vraag, tekst=text, volgorde=i)
    return vraag


@transaction.atomic
def vraag_delete(*, vraag: Vraag) -> None:
    pulsronde_refuse_edit(vraag.vragenlijst)
    if _has_responses(vraag.vragenlijst_id):
        raise ValidationError(HAS_RESPONSES)
    vraag.delete()


@transaction.atomic
def vraag_move(*, vraag: Vraag, richting: str) -> None:
    """Move a question one place up or down (renumbers the survey's questions 0..n-1)."""
    pulsronde_refuse_edit(vraag.vragenlijst)
    vragen = list(
        Vraag.objects.select_for_update().filter(vragenlijst_id=vraag.vragenlijst_id).order_by("volgorde", "id")
    )
    index = next(i for i, v in enumerate(vragen) if v.pk == vraag.pk)
    other = index - 1 if richting == "omhoog" else index + 1
    if 0 <= other < len(vragen):
        vragen[index], vragen[other] = vragen[other], vragen[index]
    for i, v in enumerate(vragen):
        v.volgorde = i
    Vraag.objects.bulk_update(vragen, ["volgorde"])
