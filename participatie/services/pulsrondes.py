"""Pulse rounds (pulsrondes): the civil servants' anonymous pulse behind "Sturen we goed bij?".

A pulse round is a survey with `doelgroep` = ambtenaren_puls: a fixed set of statements on the
five-point agreement scale, answered through the residents' anonymous flow with single-use
invite codes (the code is the key, no account, no login). Each response appends one
`ambtenaren_puls` event carrying only the mean score (`antwoorden.respons_submit`), never an
`enquete_respons`: civil servants do not count as residents in trust or movement.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from wup import services as wup_services

from ..constants import Dimensie, Doelgroep, Toegang, VraagType, VragenlijstStatus
from ..models import Vraag, Vragenlijst
from .codes import codes_generate

logger = logging.getLogger(__name__)

PULS_TITEL = gettext_lazy("Pulse round: are we steering well?")
PULS_INTRO = gettext_lazy(
    "Four short statements for the civil servants who work on this plan. It takes one minute. "
    "Answer from your own experience of the last weeks."
)
PULS_PRIVACYTEKST = gettext_lazy(
    "Your answers are anonymous: they are not linked to your code, your name or your account. "
    "The dashboard gets only the mean of your answers as one score, dated to the day. "
    "The council sees the pulse only once so many colleagues have answered that no answer can be recognised."
)
# The fixed statements (agreement scale 1-5). Stored in the installation's language when a round
# is made, so every round of every plan asks the same and their scores can be compared.
PULS_VRAGEN = (
    gettext_lazy("We know what is going on in the neighbourhood."),
    gettext_lazy("We adjust course when something is not going well."),
    gettext_lazy("The parties in this plan work well together."),
    gettext_lazy("I have what I need to do my work on this plan."),
)

PULS_VAST = gettext_lazy(
    "The questions of a pulse round are fixed, so that every round asks the same and the scores can be compared."
)


def is_pulsronde(vragenlijst: Vragenlijst) -> bool:
    return vragenlijst.doelgroep == Doelgroep.AMBTENAREN_PULS


def pulsronde_refuse_edit(vragenlijst: Vragenlijst) -> None:
    """Raise when a question of a pulse round would be added, changed, moved or removed."""
    if is_pulsronde(vragenlijst):
        raise ValidationError(PULS_VAST)


@transaction.atomic
def pulsronde_create(
    *, plan, n_codes: int, door=None, sluit_op: dt.datetime | None = None
) -> tuple[Vragenlijst, list[str]]:
    """Start a pulse round for one plan: an open survey with the fixed statements and n codes.

    Returns the survey and its codes in printed form (shown once: only their hashes are kept).
    The round takes answers at once; it closes at `sluit_op` or when a civil servant closes it.
    """
    wup_services.plan_open_check(plan)  # not for a stopped or completed plan
    with translation.override(settings.LANGUAGE_CODE):
        vragenlijst = Vragenlijst(
            plan=plan,
            titel=str(PULS_TITEL),
            intro=str(PULS_INTRO),
            privacytekst=str(PULS_PRIVACYTEKST),
            sluit_op=sluit_op,
            status=VragenlijstStatus.OPEN,
            toegang=Toegang.CODES,
            doelgroep=Doelgroep.AMBTENAREN_PULS,
        )
        vragenlijst.full_clean()
        vragenlijst.save()
        vragen = [
            Vraag(
                vragenlijst=vragenlijst,
                type=VraagType.LIKERT,
                tekst=str(tekst),
                volgorde=volgorde,
                verplicht=True,
                dimensie=Dimensie.GEEN,  # not a resident dimension: never in the trust figures
            )
            for volgorde, tekst in enumerate(PULS_VRAGEN)
        ]
    for vraag in vragen:
        vraag.full_clean(exclude=["vragenlijst"])
    Vraag.objects.bulk_create(vragen)
    try:
        codes = codes_generate(vragenlijst=vragenlijst, n=n_codes)
    except ValidationError as exc:
        raise ValidationError({"n_codes": exc.message_dict.get("n", exc.messages)}) from None
    # Who started a round is an ordinary audit fact; nothing about who answers is ever logged.
    logger.info(
        "pulse round %s started for plan %s by user %s with %s codes",
        vragenlijst.pk,
        plan.pk,
        getattr(door, "pk", None),
        len(codes),
    )
    return vragenlijst, codes


def puls_score(scores: list[int]) -> float | None:
    """The pulse score of one response: the mean of its answered statements (1-5), or None."""
    if not scores:
        return None
    return round(sum(scores) / len(scores), 3)
