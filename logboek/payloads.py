"""What each event type carries in its payload: one declared schema per type.

`payload_validate(type, payload)` is called by `logboek.services.gebeurtenis_append`
before anything is written, so a payload with an unknown key, a wrong type, a value out of
range or a date that does not exist never enters the log (and can never break a reader).
The dashboard's SQL reads exactly the keys declared here (`logboek.constants.PAYLOAD_*`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import ValidationError as PydanticValidationError

from .constants import GebeurtenisType as T

DATUM_MIN = dt.date(2000, 1, 1)
DATUM_MAX = dt.date(2100, 12, 31)

Tekst = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("contains a NUL character")
        return value


class Toelichting(_Payload):
    """Facts counted by quantity (homes, meetings, complaints...): an optional note."""

    toelichting: Tekst = ""


class Gepland(Toelichting):
    """Milestones and agreements: the date they were planned for (2000-2100)."""

    gepland: dt.date = Field(ge=DATUM_MIN, le=DATUM_MAX)


class RoutekaartFeit(Gepland):
    """A milestone or agreement of the routekaart: its row, planned, reached, kept or missed.

    `gepland` is the baseline (as first agreed), so "on time" is judged against what was
    agreed, not against the latest forecast. Older events typed in by hand have no row id.
    """

    mijlpaal: int | None = Field(default=None, ge=1)
    afspraak: int | None = Field(default=None, ge=1)


class Verschoven(RoutekaartFeit):
    """A forecast moved: from and to which date, and why."""

    van: dt.date = Field(ge=DATUM_MIN, le=DATUM_MAX)
    naar: dt.date = Field(ge=DATUM_MIN, le=DATUM_MAX)
    reden: Tekst = ""


class Correctie(Toelichting):
    """A compensating event: the type whose count it corrects, optionally its planned date."""

    corrigeert_type: str
    gepland: dt.date | None = Field(default=None, ge=DATUM_MIN, le=DATUM_MAX)

    @field_validator("corrigeert_type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in T.values or value in (T.CORRECTIE, T.INTREKKING):
            raise ValueError("is not an event type a correction can compensate")
        return value


class Intrekking(_Payload):
    """A withdrawal: the id of the event (same plan) that no longer counts, and why.

    Written only by `logboek.services.gebeurtenis_intrekken`, which checks the event exists,
    is not a withdrawal itself and was not withdrawn before.
    """

    intrekt: int = Field(ge=1)
    reden: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Dimensie(_Payload):
    gemiddelde: float = Field(ge=1, le=5)
    items: int = Field(ge=1, le=1000)


class EnqueteRespons(_Payload):
    """One survey response: per-dimension means on the 1-5 scale, never answers or identity."""

    vragenlijst_id: int | None = Field(default=None, ge=1)
    dimensies: dict[Annotated[str, StringConstraints(max_length=40)], Dimensie] = Field(default_factory=dict)


class Puls(Toelichting):
    """The civil servants' pulse survey: a score on the 1-5 scale."""

    score: float = Field(ge=1, le=5)


class Bijeenkomst(Toelichting):
    soort: Annotated[str, StringConstraints(max_length=40)] = ""


SCHEMAS: dict[str, type[_Payload]] = {
    T.WONING_AARDGASVRIJ: Toelichting,
    T.WONING_GEISOLEERD: Toelichting,
    T.WARMTEPOMP_GEINSTALLEERD: Toelichting,
    T.WARMTENET_AANSLUITING: Toelichting,
    T.BIJEENKOMST_GEHOUDEN: Bijeenkomst,
    T.ENQUETE_RESPONS: EnqueteRespons,
    T.MIJLPAAL_GEPLAND: RoutekaartFeit,
    T.MIJLPAAL_VERSCHOVEN: Verschoven,
    T.MIJLPAAL_BEREIKT: RoutekaartFeit,
    T.MIJLPAAL_GEMIST: RoutekaartFeit,
    T.MIJLPAAL_VERVALLEN: RoutekaartFeit,
    T.AFSPRAAK_GEMAAKT: RoutekaartFeit,
    T.AFSPRAAK_VERSCHOVEN: Verschoven,
    T.AFSPRAAK_NAGEKOMEN: RoutekaartFeit,
    T.AFSPRAAK_GEMIST: RoutekaartFeit,
    T.AFSPRAAK_VERVALLEN: RoutekaartFeit,
    T.KLACHT: Toelichting,
    T.AMBTENAREN_PULS: Puls,
    T.CORRECTIE: Correctie,
    T.INTREKKING: Intrekking,
}


def payload_fields(type: str) -> tuple[str, ...]:
    """The payload keys an event type accepts (the event form and the CSV import offer these)."""
    return tuple(SCHEMAS[type].model_fields)


def payload_errors(type: str, payload: dict | None) -> tuple[dict, dict[str, str]]:
    """(payload as stored, {key: Dutch message}) for one event; the payload is {} on errors.

    As stored: JSON types, dates as ISO, empty optional values left out.
    """
    schema = SCHEMAS.get(type)
    if schema is None:
        return {}, {"type": gettext("unknown type '%(type)s'") % {"type": type}}
    try:
        parsed = schema.model_validate(payload or {})
    except PydanticValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"]) or "payload"
            if error["type"] == "extra_forbidden":
                errors[key] = gettext("is not part of this type of event")
            elif error["type"] == "missing":
                errors[key] = gettext("is required for this type of event")
            else:
                errors[key] = gettext("is not a valid value")
        return {}, errors
    return parsed.model_dump(mode="json", exclude_defaults=True), {}


def payload_validate(type: str, payload: dict | None) -> dict:
    """The payload as stored; a ValidationError on `payload` naming each bad key otherwise."""
    stored, errors = payload_errors(type, payload)
    if errors:
        raise ValidationError({"payload": [f"{key}: {message}" for key, message in errors.items()]})
    return stored
