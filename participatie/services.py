"""Writes of the `participatie` app: surveys, questions, invite codes, responses, meetings.

Every write is a keyword-only service in its own transaction; facts that reach the dashboard
(a response, a meeting held) are appended to the event log in that same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from logboek.constants import GebeurtenisBron, GebeurtenisType
from logboek.services import gebeurtenis_append

from .constants import (
    KEUZE_TYPES,
    KORTE_TEKST_MAX,
    LANGE_TEKST_MAX,
    SCORED_DIMENSIES,
    Dimensie,
    Toegang,
    VraagType,
    VragenlijstStatus,
)
from .models import Antwoord, Bijeenkomst, Optie, Respons, Uitnodigingscode, Vraag, Vragenlijst

logger = logging.getLogger(__name__)

# One message for a forged, used or expired code: the answer must not tell them apart.
# Lazy: translated when shown (compare with str(...) in tests).
CODE_ONGELDIG = gettext_lazy(
    "This code is not (or no longer) valid. Check the code in your letter or contact the municipality."
)
VRAGENLIJST_GESLOTEN = gettext_lazy("This survey is closed. You can no longer send in answers.")
VERPLICHT = gettext_lazy("This question is required. Please give an answer.")
HAS_RESPONSES = gettext_lazy(
    "This survey already has answers. You can change texts, but not remove answer options, "
    "change the kind of question or remove questions: the answers already given would no longer fit."
)


def retention_days() -> int:
    return int(getattr(settings, "PARTICIPATIE_RETENTION_DAYS", 365))


# Invite codes are typed from a paper letter, so they use Crockford base32: digits and capitals
# without I, L, O and U (nothing to confuse, no leading '-' a spreadsheet reads as a formula).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 26  # 26 x 5 bits = 130 bits of randomness (>= 128)
CODE_GROUP = 4  # shown as 7K3M-Q9XD-...: easier to read out and to type
# What residents mistype: letters that look like digits are read as those digits (Crockford).
_CODE_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_normalise(code: str) -> str:
    """The canonical form of a typed code: no spaces or dashes, upper case, O->0, I/L->1.

    Characters outside the alphabet (such as U) are kept: such a code can never match a stored
    hash, so it gets the same generic message as a forged one.
    """
    return "".join((code or "").split()).replace("-", "").upper().translate(_CODE_CONFUSABLES)


def code_format(code: str) -> str:
    """Group a normalised code with dashes for print: 7K3M-Q9XD-...-XY."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def code_new() -> str:
    """A fresh random code (normalised form): 130 bits from `secrets`, 5 bits per symbol."""
    value = secrets.randbits(5 * CODE_SYMBOLS)
    return "".join(CODE_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(CODE_SYMBOLS)))


def code_hash(code: str) -> str:
    """SHA-256 of the normalised code: what is stored and what a typed code is compared with."""
    return hashlib.sha256(code_normalise(code).encode()).hexdigest()


# --- Surveys and questions --------------------------------------------------------------------

VRAGENLIJST_FIELDS = ("titel", "intro", "privacytekst", "opent_op", "sluit_op", "toegang")


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
    unknown = set(changes) - set(VRAGENLIJST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    vragenlijst = Vragenlijst.objects.select_for_update().get(pk=vragenlijst.pk)
    if "toegang" in changes and changes["toegang"] != vragenlijst.toegang and vragenlijst.responsen.exists():
        raise ValidationError({"toegang": gettext("The access can no longer change: there already are answers.")})
    for field, value in changes.items():
        setattr(vragenlijst, field, value)
    vragenlijst.full_clean()
    vragenlijst.save()
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
    vraag = Vraag.objects.select_for_update().get(pk=vraag.pk)
    locked = _has_responses(vraag.vragenlijst_id)
    if type is not None and type != vraag.type:
        if locked:
            raise ValidationError({"type": HAS_RESPONSES})
        vraag.type = type
    for field, value in (("tekst", tekst), ("helptekst", helptekst), ("verplicht", verplicht), ("dimensie", dimensie)):
        if value is not None:
            setattr(vraag, field, value)
    if vraag.type == VraagType.GETAL:
        if locked and (min_waarde, max_waarde) != (vraag.min_waarde, vraag.max_waarde):
            raise ValidationError({"min_waarde": HAS_RESPONSES})
        vraag.min_waarde, vraag.max_waarde = min_waarde, max_waarde
    else:
        vraag.min_waarde = vraag.max_waarde = None
    vraag.full_clean()
    vraag.save()
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
            if existing[i].tekst != text or existing[i].volgorde != i:
                existing[i].tekst, existing[i].volgorde = text, i
                existing[i].full_clean()
                existing[i].save()
        else:
            Optie.objects.create(vraag=vraag, tekst=text, volgorde=i)
    return vraag


@transaction.atomic
def vraag_delete(*, vraag: Vraag) -> None:
    if _has_responses(vraag.vragenlijst_id):
        raise ValidationError(HAS_RESPONSES)
    vraag.delete()


@transaction.atomic
def vraag_move(*, vraag: Vraag, richting: str) -> None:
    """Move a question one place up or down (renumbers the survey's questions 0..n-1)."""
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


# --- Template ---------------------------------------------------------------------------------

DEFAULT_PRIVACYTEKST = (
    "Uw antwoorden zijn anoniem. We bewaren geen IP-adres en geen gegevens van uw apparaat, en "
    "uw antwoorden zijn niet te koppelen aan uw code of adres. Open antwoorden bewaren we "
    "hoogstens een jaar. We laten alleen uitkomsten zien als minstens vijf mensen hebben geantwoord."
)

# "Waardendriehoek en vertrouwen": the IPW value triangle plus explicit trust items, plain Dutch.
TEMPLATE_TITEL = "Waardendriehoek en vertrouwen"
TEMPLATE_VRAGEN: list[dict[str, Any]] = [
    {
        "type": VraagType.ENKELE_KEUZE,
        "tekst": "Woont u in een koopwoning of een huurwoning?",
        "opties": [
            "Koopwoning",
            "Huurwoning van een woningcorporatie",
            "Huurwoning van een particuliere verhuurder",
            "Anders",
        ],
        "verplicht": True,
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "verplicht": True,
        "tekst": "Ik vertrouw erop dat de gemeente eerlijk vertelt wat de plannen voor mijn buurt zijn.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "verplicht": True,
        "tekst": "Ik vertrouw erop dat de gemeente rekening houdt met de belangen van bewoners.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.VERTROUWEN,
        "tekst": "Ik heb vertrouwen in de partijen die het werk gaan doen, zoals de netbeheerder en de woningcorporatie.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.LEGITIMITEIT,
        "tekst": "Ik begrijp waarom mijn buurt van het aardgas af gaat.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.LEGITIMITEIT,
        "tekst": "De manier waarop besluiten over mijn buurt worden genomen vind ik eerlijk.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.BETROKKENHEID,
        "tekst": "Ik voel me betrokken bij de plannen voor mijn buurt.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.BETROKKENHEID,
        "tekst": "Ik weet waar ik terecht kan met vragen over de warmte in mijn huis.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.RENDEMENT,
        "tekst": "Ik verwacht dat de plannen goed zijn voor mijn portemonnee of mijn wooncomfort.",
    },
    {
        "type": VraagType.LIKERT,
        "dimensie": Dimensie.RENDEMENT,
        "tekst": "Ik denk dat de plannen goed zijn voor de buurt als geheel.",
    },
    {
        "type": VraagType.MEERKEUZE,
        "tekst": "Hoe wilt u op de hoogte blijven?",
        "helptekst": "U mag meer dan één antwoord kiezen.",
        "opties": [
            "Brief",
            "E-mail of nieuwsbrief",
            "Website van de gemeente",
            "Bijeenkomst in de buurt",
            "Via buren of de bewonersvereniging",
        ],
    },
    {"type": VraagType.JA_NEE, "tekst": "Heeft u al eens een bijeenkomst over de warmte in uw buurt bezocht?"},
    {
        "type": VraagType.LANGE_TEKST,
        "tekst": "Wat wilt u de gemeente nog meegeven?",
        "helptekst": "Schrijf geen namen of adressen op.",
    },
]


@transaction.atomic
def vragenlijst_from_template(*, plan, titel: str = TEMPLATE_TITEL, toegang: str = Toegang.CODES) -> Vragenlijst:
    vragenlijst = vragenlijst_create(
        plan=plan,
        titel=titel,
        intro=(
            "De gemeente wil graag weten hoe u aankijkt tegen de plannen om uw buurt van het aardgas af te "
            "halen. Het invullen duurt ongeveer vijf minuten. Er zijn geen goede of foute antwoorden."
        ),
        toegang=toegang,
    )
    for volgorde, spec in enumerate(TEMPLATE_VRAGEN):
        vraag_create(vragenlijst=vragenlijst, volgorde=volgorde, **spec)
    return vragenlijst


# --- Invite codes -----------------------------------------------------------------------------

MAX_CODES_PER_RUN = 5000


@transaction.atomic
def codes_generate(*, vragenlijst: Vragenlijst, n: int) -> list[str]:
    """Make n single-use codes (130-bit random); only their hashes are stored. Shown once.

    Returns the codes in their printed, grouped form (for the letters, the CSV and the letter URL).
    """
    if not 1 <= n <= MAX_CODES_PER_RUN:
        raise ValidationError({"n": gettext("Choose a number between 1 and %(max)s.") % {"max": MAX_CODES_PER_RUN}})
    codes = [code_format(code_new()) for _ in range(n)]
    Uitnodigingscode.objects.bulk_create(
        [Uitnodigingscode(vragenlijst=vragenlijst, code_hash=code_hash(c)) for c in codes]
    )
    return codes


def _code_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=retention_days())


def code_check(*, vragenlijst: Vragenlijst, code: str) -> None:
    """Raise the one code message unless the code is valid now (does not use it)."""
    valid = Uitnodigingscode.objects.filter(
        vragenlijst=vragenlijst, code_hash=code_hash(code or ""), used_at__isnull=True, created_at__gte=_code_cutoff()
    ).exists()
    if not valid:
        raise ValidationError({"code": CODE_ONGELDIG})


def _code_use(*, vragenlijst: Vragenlijst, code: str) -> None:
    """Mark the code used with one conditional UPDATE: under concurrency exactly one wins."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Uitnodigingscode._meta.db_table} SET used_at = now() "  # noqa: S608 - table name from the model
            "WHERE code_hash = %s AND vragenlijst_id = %s AND used_at IS NULL AND created_at >= %s",
            [code_hash(code or ""), vragenlijst.pk, _code_cutoff()],
        )
        if cursor.rowcount != 1:
            raise ValidationError({"code": CODE_ONGELDIG})


# --- Responses --------------------------------------------------------------------------------


def vragenlijst_is_open(vragenlijst: Vragenlijst, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        vragenlijst.status == VragenlijstStatus.OPEN
        and (vragenlijst.opent_op is None or vragenlijst.opent_op <= now)
        and (vragenlijst.sluit_op is None or now < vragenlijst.sluit_op)
    )


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
def respons_submit(*, vragenlijst: Vragenlijst, answers: dict, code: str | None = None) -> Respons:
    """Store one survey response, its answers and one event, in one transaction.

    `answers` maps vraag id -> raw value (str, list of option ids for multiple choice).
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
    if vragenlijst.toegang == Toegang.CODES:
        _code_use(vragenlijst=vragenlijst, code=code or "")

    respons = Respons.objects.create(vragenlijst=vragenlijst)
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


# --- Meetings ---------------------------------------------------------------------------------

BIJEENKOMST_FIELDS = ("soort", "titel", "datum", "plaats", "aantal_bezoekers", "verslag")


@transaction.atomic
def bijeenkomst_create(
    *, plan, soort: str, datum: dt.datetime, plaats: str, titel: str = "", verslag: str = ""
) -> Bijeenkomst:
    bijeenkomst = Bijeenkomst(plan=plan, soort=soort, datum=datum, plaats=plaats, titel=titel, verslag=verslag)
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def bijeenkomst_update(*, bijeenkomst: Bijeenkomst, **changes: Any) -> Bijeenkomst:
    unknown = set(changes) - set(BIJEENKOMST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if (
        bijeenkomst.gehouden
        and "aantal_bezoekers" in changes
        and changes["aantal_bezoekers"] != bijeenkomst.aantal_bezoekers
    ):
        # The event log is append-only: the attendance of a held meeting is already counted.
        raise ValidationError(
            {"aantal_bezoekers": gettext("The meeting is already registered as held; the number is fixed.")}
        )
    for field, value in changes.items():
        setattr(bijeenkomst, field, value)
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def bijeenkomst_mark_held(
    *, bijeenkomst: Bijeenkomst, aantal_bezoekers: int, verslag: str = "", door=None
) -> Bijeenkomst:
    """Record that a meeting took place and append its attendance to the event log (idempotent)."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.gehouden:
        raise ValidationError(gettext("This meeting is already registered as held."))
    if aantal_bezoekers is None or aantal_bezoekers < 0:
        raise ValidationError({"aantal_bezoekers": gettext("Enter the number of visitors (0 or more).")})
    if bijeenkomst.datum > timezone.now():
        raise ValidationError(gettext("A meeting in the future cannot have been held yet."))
    bijeenkomst.gehouden = True
    bijeenkomst.aantal_bezoekers = aantal_bezoekers
    if verslag:
        bijeenkomst.verslag = verslag
    bijeenkomst.full_clean()
    bijeenkomst.save()
    gebeurtenis_append(
        type=GebeurtenisType.BIJEENKOMST_GEHOUDEN,
        plan_id=bijeenkomst.plan_id,
        datum=timezone.localdate(bijeenkomst.datum),
        bron=GebeurtenisBron.BIJEENKOMST,
        extern_id=f"bijeenkomst-{bijeenkomst.pk}",
        hoeveelheid=aantal_bezoekers,
        payload={"soort": bijeenkomst.soort},
        door=door,
    )
    return bijeenkomst


# --- Retention (AVG) --------------------------------------------------------------------------


@transaction.atomic
def retention_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Blank free-text answers and delete unused invite codes older than the retention period.

    Idempotent: a second run finds nothing. Logs counts only, never content.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    blanked = (
        Antwoord.objects.filter(
            respons__submitted_at__lt=cutoff, vraag__type__in=[VraagType.KORTE_TEKST, VraagType.LANGE_TEKST]
        )
        .exclude(tekst="")
        .update(tekst="")
    )
    deleted, _ = Uitnodigingscode.objects.filter(created_at__lt=cutoff, used_at__isnull=True).delete()
    result = {"tekst_gewist": blanked, "codes_verwijderd": deleted}
    logger.info("participatie retention: %s free-text answers blanked, %s unused codes deleted", blanked, deleted)
    return result
