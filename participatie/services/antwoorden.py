"""Answers and responses: validating one answer, storing a submitted survey and its event."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from logboek.constants import PAYLOAD_PULS, GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append

from ..constants import KEUZE_TYPES, KORTE_TEKST_MAX, LANGE_TEKST_MAX, SCORED_DIMENSIES, Toegang, VraagType
from ..models import Antwoord, Respons, Vraag, Vragenlijst
from .codes import _code_use, day_start
from .pulsrondes import is_pulsronde, puls_score
from .vragenlijsten import vragenlijst_is_open

VRAGENLIJST_GESLOTEN = gettext_lazy("This survey is closed. You can no longer send in answers.")
VERPLICHT = gettext_lazy("This question is required. Please give an answer.")


def _empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, (list, tuple, set)):
        return not any(str(x).strip() for x in raw)
    return False


def _as_int(raw: Any, message: str) -> int:
    if isinstance(raw, bool):
        raise ValidationError(message)
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValidationError(message) from None


# The range of Antwoord.getal (and Vraag.min_waarde/max_waarde): a PostgreSQL integer.
GETAL_MIN, GETAL_MAX = -(2**31), 2**31 - 1


def antwoord_clean(*, vraag: Vraag, raw: Any, option_ids: set[int] | None = None) -> dict | None:
    """Validate one raw answer for its question type; returns the values to store, or None if empty.

    Raises ValidationError with a translated message shown at the field.
    """
    if _empty(raw):
        if vraag.verplicht:
            raise ValidationError(VERPLICHT)
        return None
    if option_ids is None:
        option_ids = {o.pk for o in vraag.opties.all()}
    t = vraag.type
    if t == VraagType.LIKERT:
        value = _as_int(raw, gettext("Choose one of the five answers."))
        if not 1 <= value <= 5:
            raise ValidationError(gettext("Choose one of the five answers."))
        return {"getal": value}
    if t == VraagType.JA_NEE:
        mapping = {"ja": 1, "1": 1, "true": 1, "nee": 0, "0": 0, "false": 0}
        value = mapping.get(str(raw).strip().lower())
        if value is None:
            raise ValidationError(gettext("Choose yes or no."))
        return {"getal": value}
    if t == VraagType.GETAL:
        value = _as_int(raw, gettext("Enter a whole number, for example 3."))
        # The answer column is a PostgreSQL integer: outside it the final submit would fail.
        if not GETAL_MIN <= value <= GETAL_MAX:
            raise ValidationError(
                gettext("Enter a number between %(minimum)s and %(maximum)s.")
                % {"minimum": f"{GETAL_MIN:,}".replace(",", "."), "maximum": f"{GETAL_MAX:,}".replace(",", ".")}
            )
        if vraag.min_waarde is not None and value < vraag.min_waarde:
            raise ValidationError(gettext("Enter a number of at least %(minimum)s.") % {"minimum": vraag.min_waarde})
        if vraag.max_waarde is not None and value > vraag.max_waarde:
            raise ValidationError(gettext("Enter a number of at most %(maximum)s.") % {"maximum": vraag.max_waarde})
        return {"getal": value}
    if t in (VraagType.KORTE_TEKST, VraagType.LANGE_TEKST):
        text = str(raw).strip()
        limit = KORTE_TEKST_MAX if t == VraagType.KORTE_TEKST else LANGE_TEKST_MAX
        if len(text) > limit:
            raise ValidationError(
                gettext("Your answer is too long: use at most %(limit)s characters.") % {"limit": limit}
            )
        return {"tekst": text}
    if t in KEUZE_TYPES:
        values = raw if isinstance(raw, (list, tuple, set)) else [raw]
        values = [v for v in values if str(v).strip()]
        if t == VraagType.ENKELE_KEUZE and len(values) != 1:
            raise ValidationError(gettext("Choose one answer."))
        ids = [_as_int(v, gettext("Choose an answer from the list.")) for v in values]
        if len(set(ids)) != len(ids) or not set(ids) <= option_ids:
            raise ValidationError(gettext("Choose an answer from the list."))
        return {"opties": sorted(ids)}
    raise ValidationError(gettext("Unknown kind of question."))


def dimensie_scores(vragen_by_id: dict[int, Vraag], cleaned: dict[int, dict]) -> dict[str, dict]:
    """Per-dimension mean of the likert answers (1-5) and how many items it rests on."""
    sums: dict[str, list[int]] = defaultdict(list)
    for vraag_id, values in cleaned.items():
        vraag = vragen_by_id[vraag_id]
        if vraag.type == VraagType.LIKERT and vraag.dimensie in SCORED_DIMENSIES:
            sums[vraag.dimensie].append(values["getal"])
    return {d: {"gemiddelde": round(sum(v) / len(v), 3), "items": len(v)} for d, v in sorted(sums.items())}


@transaction.atomic
def respons_submit(
    *, vragenlijst: Vragenlijst, answers: dict, code: str | None = None, sleutel: str | None = None
) -> Respons:
    """Store one survey response, its answers and one event, in one transaction.

    `answers` maps vraag id -> raw value (str, list of option ids for multiple choice).
    `sleutel` is the filling-in session's submission key: a second submit with it (double
    click, retry, concurrent posts) returns the response stored first and stores nothing.
    Errors: ValidationError keyed by `vraag_<id>`, `code` or `__all__`.
    """
    vragenlijst = Vragenlijst.objects.get(pk=vragenlijst.pk)
    if not vragenlijst_is_open(vragenlijst):
        raise ValidationError(VRAGENLIJST_GESLOTEN)
    vragen = list(vragenlijst.vragen.prefetch_related("opties"))
    vragen_by_id = {v.pk: v for v in vragen}
    answers = {int(k): v for k, v in (answers or {}).items()}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, dict] = {}
    for vraag in vragen:
        try:
            values = antwoord_clean(
                vraag=vraag, raw=answers.get(vraag.pk), option_ids={o.pk for o in vraag.opties.all()}
            )
        except ValidationError as exc:
            errors[f"vraag_{vraag.pk}"] = exc.messages
            continue
        if values is not None:
            cleaned[vraag.pk] = values
    if set(answers) - set(vragen_by_id):
        errors["__all__"] = [gettext("There are answers to questions that are not in this survey.")]
    if errors:
        raise ValidationError(errors)
    if sleutel:
        # The key first, before the code: a concurrent submit of the same session waits here
        # for the first one's commit and then finds its response, instead of a used code.
        try:
            with transaction.atomic():
                respons = Respons.objects.create(vragenlijst=vragenlijst, inzendsleutel=sleutel)
        except IntegrityError:
            return Respons.objects.get(inzendsleutel=sleutel)
    else:
        respons = Respons.objects.create(vragenlijst=vragenlijst)
    puls = is_pulsronde(vragenlijst)
    if puls:
        # A pulse round is answered by a few colleagues who got their codes from one of them:
        # the response and the code's use keep only the day, so neither the moment nor the
        # order of submitting can tie an answer to the code (or the person) it came with.
        respons.submitted_at = day_start()
        Respons.objects.filter(pk=respons.pk).update(submitted_at=respons.submitted_at)
    if vragenlijst.toegang == Toegang.CODES:
        _code_use(vragenlijst=vragenlijst, code=code or "", op_de_dag=puls)
    antwoorden = [
        Antwoord(respons=respons, vraag_id=vraag_id, getal=values.get("getal"), tekst=values.get("tekst", ""))
        for vraag_id, values in cleaned.items()
    ]
    Antwoord.objects.bulk_create(antwoorden)
    through = Antwoord.opties.through
    through.objects.bulk_create(
        [
            through(antwoord_id=a.pk, optie_id=optie_id)
            for a in antwoorden
            for optie_id in cleaned[a.vraag_id].get("opties", [])
        ]
    )
    if puls:
        _puls_append(vragenlijst=vragenlijst, respons=respons, vragen_by_id=vragen_by_id, cleaned=cleaned)
        return respons
    # The event carries scores only: no free text, no identity (DESIGN.md, privacy).
    gebeurtenis_append(
        type=GebeurtenisType.ENQUETE_RESPONS,
        plan_id=vragenlijst.plan_id,
        datum=timezone.localdate(respons.submitted_at),
        bron=GebeurtenisBron.ENQUETE,
        extern_id=f"respons-{respons.pk}",
        hoeveelheid=1,
        payload={"vragenlijst_id": vragenlijst.pk, "dimensies": dimensie_scores(vragen_by_id, cleaned)},
    )
    return respons


def _puls_append(*, vragenlijst: Vragenlijst, respons: Respons, vragen_by_id: dict[int, Vraag], cleaned: dict) -> None:
    """One `ambtenaren_puls` event per pulse response: the mean of its answered statements.

    Nothing that identifies the respondent: no user (`door` empty), no code, no session, the
    date only, and an idempotency key that is random instead of the response's id (the
    submission key already makes a double submit one response). Never an `enquete_respons`:
    civil servants are not residents in the trust and movement figures.
    """
    scores = [
        values["getal"]
        for vraag_id, values in cleaned.items()
        if vragen_by_id[vraag_id].type == VraagType.LIKERT and values.get("getal") is not None
    ]
    score = puls_score(scores)
    if score is None:  # nothing scored: nothing to count
        return
    gebeurtenis_append(
        type=GebeurtenisType.AMBTENAREN_PULS,
        plan_id=vragenlijst.plan_id,
        datum=timezone.localdate(respons.submitted_at),
        bron=GebeurtenisBron.ENQUETE,
        extern_id=f"puls-{uuid.uuid4().hex}",
        hoeveelheid=1,
        payload={PAYLOAD_PULS: score},
    )
