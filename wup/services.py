"""Writes of the `wup` app. Every write goes through a function here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext

from .constants import (
    BUURTCODE_REGEX,
    GEMEENTECODE_REGEX,
    METRIEK_BEREIK,
    PLAN_TRANSITIONS,
    WIJKCODE_REGEX,
    Focus,
    KeuzeSoort,
    Metriek,
    PlanStatus,
    Techniekrichting,
)
from .models import (
    Ambitie,
    Buurt,
    Fase,
    Gemeente,
    Kernwaarde,
    Plan,
    PlanStatusWijziging,
    TechniekKader,
    Tussendoel,
    Wijk,
)

# --- CBS import ------------------------------------------------------------------------------

CBS_REQUIRED_COLUMNS = ("buurtcode", "wijkcode", "gemeentecode", "buurtnaam", "gemeentenaam")
CBS_FACT_COLUMNS = {
    # column: (model field, kind, max)
    "aantal_inwoners": ("inwoners", "int", None),
    "woningvoorraad": ("woningvoorraad", "int", None),
    "pct_koopwoningen": ("pct_koopwoningen", "pct", 100),
    "pct_meergezinswoningen": ("pct_meergezinswoningen", "pct", 100),
    "pct_bouwjaar_vanaf_2000": ("pct_bouwjaar_vanaf_2000", "pct", 100),
    "gem_aardgasverbruik_m3": ("gem_aardgasverbruik_m3", "int", None),
}
# CBS suppresses small values: in tiny buurten a 0 means *unknown* (data/README.md).
CBS_ZERO_MEANS_UNKNOWN = {"woningvoorraad", "gem_aardgasverbruik_m3"}


@dataclass
class RowError:
    row: int  # 1-based line number in the file, header = line 1
    column: str
    reason: str

    def __str__(self) -> str:
        return gettext("Line %(row)s, column '%(column)s': %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class CbsImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    wijken_new: int = 0
    wijken_updated: int = 0
    buurten_new: int = 0
    buurten_updated: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_number(raw: str, *, kind: str, maximum: float | None, column: str) -> tuple[object, str | None]:
    value = (raw or "").strip()
    if value in ("", ".", "-"):
        return None, None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return None, gettext("'%(value)s' is not a number") % {"value": value}
    if number < 0:
        return None, gettext("%(value)s is negative") % {"value": value}
    if maximum is not None and number > maximum:
        return None, gettext("%(value)s is greater than %(maximum)s") % {"value": value, "maximum": maximum}
    if column in CBS_ZERO_MEANS_UNKNOWN and number == 0:
        return None, None
    if kind == "int":
        return int(number.to_integral_value()), None
    return number.quantize(Decimal("0.1")), None


def cbs_parse(*, content: bytes | str, gemeentecode: str | None = None) -> CbsImportResult:
    """Parse and validate a CBS buurten CSV. Nothing is written. Errors per row and column."""
    result = CbsImportResult()
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.errors.append(RowError(1, "-", gettext("the file is not UTF-8 text")))
            return result
    else:
        text = content
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CBS_REQUIRED_COLUMNS if c not in header]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), gettext("required column is missing")))
        return result
    reader.fieldnames = header
    seen: dict[str, int] = {}
    for line_no, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if gemeentecode and row.get("gemeentecode") != gemeentecode:
            continue
        errors_before = len(result.errors)
        buurtcode, wijkcode, gmcode = row["buurtcode"], row["wijkcode"], row["gemeentecode"]
        if not re.match(BUURTCODE_REGEX, buurtcode):
            result.errors.append(
                RowError(
                    line_no,
                    "buurtcode",
                    gettext("'%(code)s' is not a buurtcode (BU + 8 digits)") % {"code": buurtcode},
                )
            )
        if not re.match(WIJKCODE_REGEX, wijkcode):
            result.errors.append(
                RowError(
                    line_no,
                    "wijkcode",
                    gettext("'%(code)s' is not a wijkcode (WK + 6 digits)") % {"code": wijkcode},
                )
            )
        if not re.match(GEMEENTECODE_REGEX, gmcode):
            result.errors.append(
                RowError(
                    line_no,
                    "gemeentecode",
                    gettext("'%(code)s' is not a gemeentecode (GM + 4 digits)") % {"code": gmcode},
                )
            )
        if len(result.errors) == errors_before:
            if buurtcode[2:8] != wijkcode[2:8]:
                result.errors.append(
                    RowError(
                        line_no,
                        "wijkcode",
                        gettext("buurt %(buurtcode)s is not in wijk %(wijkcode)s")
                        % {"buurtcode": buurtcode, "wijkcode": wijkcode},
                    )
                )
            if wijkcode[2:6] != gmcode[2:6]:
                result.errors.append(
                    RowError(
                        line_no,
                        "gemeentecode",
                        gettext("wijk %(wijkcode)s is not in gemeente %(gemeentecode)s")
                        % {"wijkcode": wijkcode, "gemeentecode": gmcode},
                    )
                )
        if not row["buurtnaam"]:
            result.errors.append(RowError(line_no, "buurtnaam", gettext("name is missing")))
        if buurtcode in seen:
            result.errors.append(
                RowError(
                    line_no,
                    "buurtcode",
                    gettext("%(code)s is also on line %(line)s") % {"code": buurtcode, "line": seen[buurtcode]},
                )
            )
        seen[buurtcode] = line_no
        facts = {}
        for column, (field_name, kind, maximum) in CBS_FACT_COLUMNS.items():
            if column not in row:
                facts[field_name] = None
                continue
            value, error = _parse_number(row[column], kind=kind, maximum=maximum, column=column)
            if error:
                result.errors.append(RowError(line_no, column, error))
            facts[field_name] = value
        result.rows.append(
            {
                "line": line_no,
                "buurtcode": buurtcode,
                "wijkcode": wijkcode,
                "gemeentecode": gmcode,
                "gemeentenaam": row["gemeentenaam"],
                "buurtnaam": row["buurtnaam"],
                "facts": facts,
            }
        )
    if not result.rows and not result.errors:
        result.errors.append(RowError(2, "-", gettext("the file contains no buurten")))
    return result


@transaction.atomic
def cbs_import(*, content: bytes | str, gemeentecode: str | None = None, dry_run: bool = False) -> CbsImportResult:
    """Import wijken and buurten from a CBS CSV: idempotent (update by code) and atomic.

    When any row is bad nothing is saved and every error is returned. With dry_run the changes
    are computed (for the preview) and rolled back.
    """
    result = cbs_parse(content=content, gemeentecode=gemeentecode)
    if not result.ok:
        return result
    gemeenten: dict[str, Gemeente] = {}
    new_wijken: set[str] = set()
    wijken: dict[str, Wijk] = {w.code: w for w in Wijk.objects.filter(code__in={r["wijkcode"] for r in result.rows})}
    buurten = {b.code: b for b in Buurt.objects.filter(code__in={r["buurtcode"] for r in result.rows})}
    for row in result.rows:
        gm = gemeenten.get(row["gemeentecode"])
        if gm is None:
            gm, _ = Gemeente.objects.update_or_create(code=row["gemeentecode"], defaults={"naam": row["gemeentenaam"]})
            gemeenten[gm.code] = gm
        wijk = wijken.get(row["wijkcode"])
        if wijk is None:
            wijk = Wijk.objects.create(gemeente=gm, code=row["wijkcode"])
            wijken[wijk.code] = wijk
            new_wijken.add(wijk.code)
            result.wijken_new += 1
        buurt = buurten.get(row["buurtcode"])
        if buurt is None:
            Buurt.objects.create(wijk=wijk, code=row["buurtcode"], naam=row["buurtnaam"], **row["facts"])
            result.buurten_new += 1
        else:
            changed = (
                buurt.naam != row["buurtnaam"]
                or buurt.wijk_id != wijk.id
                or any(getattr(buurt, k) != v for k, v in row["facts"].items())
            )
            if changed:
                buurt.naam, buurt.wijk = row["buurtnaam"], wijk
                for key, value in row["facts"].items():
                    setattr(buurt, key, value)
                buurt.full_clean()
                buurt.save()
                result.buurten_updated += 1
    for code, wijk in wijken.items():
        if wijk_recompute_facts(wijk=wijk) and code not in new_wijken:
            result.wijken_updated += 1
    if dry_run:
        transaction.set_rollback(True)
    else:
        result.committed = True
    return result


def _weighted_mean(buurten: list[Buurt], field_name: str, weight: str) -> Decimal | None:
    """Mean of a buurt fact weighted by `weight`; buurten where either is unknown are left out."""
    pairs = [(getattr(b, field_name), getattr(b, weight)) for b in buurten]
    pairs = [(v, w) for v, w in pairs if v is not None and w]
    total = sum(w for _, w in pairs)
    if not total:
        return None
    return Decimal(sum(Decimal(v) * w for v, w in pairs) / total)


def wijk_recompute_facts(*, wijk: Wijk) -> bool:
    """Wijk facts are the sums (counts) and weighted means (percentages, gas use) of its buurten."""
    buurten = list(wijk.buurten.all())
    sums = wijk.buurten.aggregate(inwoners=Sum("inwoners"), woningvoorraad=Sum("woningvoorraad"))
    new = {
        "inwoners": sums["inwoners"],
        "woningvoorraad": sums["woningvoorraad"],
        "pct_koopwoningen": _weighted_mean(buurten, "pct_koopwoningen", "woningvoorraad"),
        "pct_meergezinswoningen": _weighted_mean(buurten, "pct_meergezinswoningen", "woningvoorraad"),
        "pct_bouwjaar_vanaf_2000": _weighted_mean(buurten, "pct_bouwjaar_vanaf_2000", "woningvoorraad"),
        "gem_aardgasverbruik_m3": _weighted_mean(buurten, "gem_aardgasverbruik_m3", "woningvoorraad"),
    }
    for key in ("pct_koopwoningen", "pct_meergezinswoningen", "pct_bouwjaar_vanaf_2000"):
        if new[key] is not None:
            new[key] = new[key].quantize(Decimal("0.1"))
    if new["gem_aardgasverbruik_m3"] is not None:
        new["gem_aardgasverbruik_m3"] = int(round(new["gem_aardgasverbruik_m3"]))
    changed = any(getattr(wijk, k) != v for k, v in new.items())
    if changed:
        for key, value in new.items():
            setattr(wijk, key, value)
        wijk.save()
    return changed


# --- Boundaries (GeoJSON) --------------------------------------------------------------------

# Property names that carry the CBS code of a feature, compared case-insensitively: CBS/PDOK
# files use `wijkcode`/`buurtcode` (or camelCase `wijkCode`), the CBS statistical map `statcode`.
GEOMETRIE_CODE_KEYS = ("wijkcode", "buurtcode", "statcode", "code")
GEOMETRIE_TYPES = ("Polygon", "MultiPolygon")


@dataclass
class FeatureError:
    index: int | None  # 1-based position of the feature in the collection; None = the whole file
    reason: str

    def __str__(self) -> str:
        if self.index is None:
            return self.reason
        return gettext("Object %(index)s: %(reason)s") % {"index": self.index, "reason": self.reason}


@dataclass
class GeometrieImportResult:
    errors: list[FeatureError] = field(default_factory=list)
    features: int = 0
    wijken_updated: int = 0
    buurten_updated: int = 0
    unchanged: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _feature_code(properties: dict) -> str:
    by_key = {str(k).lower(): v for k, v in properties.items()}
    for key in GEOMETRIE_CODE_KEYS:
        if by_key.get(key):
            return str(by_key[key]).strip().upper()
    return ""


def _is_position(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in value)
    )


def _is_polygon(rings) -> bool:
    """A GeoJSON polygon: one or more closed rings of at least four positions (RFC 7946, 3.1.6)."""
    return (
        isinstance(rings, list)
        and bool(rings)
        and all(
            isinstance(ring, list) and len(ring) >= 4 and all(_is_position(p) for p in ring) and ring[0] == ring[-1]
            for ring in rings
        )
    )


def _geometry_error(geometry) -> str | None:
    if not isinstance(geometry, dict):
        return gettext("no geometry")
    kind = geometry.get("type")
    if kind not in GEOMETRIE_TYPES:
        return gettext("the geometry is a %(kind)s, not a Polygon or MultiPolygon") % {
            "kind": kind or gettext("unknown type")
        }
    coordinates = geometry.get("coordinates")
    valid = (
        _is_polygon(coordinates)
        if kind == "Polygon"
        else (isinstance(coordinates, list) and bool(coordinates) and all(_is_polygon(p) for p in coordinates))
    )
    return None if valid else gettext("the coordinates do not form a valid %(kind)s") % {"kind": kind}


@transaction.atomic
def geometrie_import(*, content: bytes | str, dry_run: bool = False) -> GeometrieImportResult:
    """Store the boundary of each wijk/buurt from a GeoJSON FeatureCollection, matched by CBS code.

    Atomic: when any feature is bad (invalid JSON, unknown code, not a (Multi)Polygon) every error
    is returned and nothing is saved. Idempotent: an unchanged boundary is not written again.
    """
    result = GeometrieImportResult()
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        result.errors.append(FeatureError(None, gettext("the file is not valid JSON (%(error)s)") % {"error": exc}))
        return result
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        result.errors.append(FeatureError(None, gettext("the file is not a GeoJSON FeatureCollection")))
        return result
    parsed: list[tuple[int, str, dict]] = []
    for index, feature in enumerate(data["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            result.errors.append(FeatureError(index, gettext("not a GeoJSON Feature")))
            continue
        properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        code = _feature_code(properties)
        if not code:
            result.errors.append(
                FeatureError(
                    index,
                    gettext("no CBS code (property %(keys)s)") % {"keys": ", ".join(GEOMETRIE_CODE_KEYS)},
                )
            )
        elif not (re.match(WIJKCODE_REGEX, code) or re.match(BUURTCODE_REGEX, code)):
            result.errors.append(
                FeatureError(
                    index,
                    gettext("'%(code)s' is not a wijkcode (WK…) or buurtcode (BU…)") % {"code": code},
                )
            )
            code = ""
        error = _geometry_error(feature.get("geometry"))
        if error:
            label = code or gettext("without code")
            result.errors.append(FeatureError(index, f"{label}: {error}"))
        if code and not error:
            parsed.append((index, code, feature["geometry"]))
    result.features = len(data["features"])
    if not result.features:
        result.errors.append(FeatureError(None, gettext("the file contains no features")))
    codes = [code for _, code, _ in parsed]
    areas: dict[str, Wijk | Buurt] = {w.code: w for w in Wijk.objects.filter(code__in=codes)}
    areas.update({b.code: b for b in Buurt.objects.filter(code__in=codes)})
    seen: dict[str, int] = {}
    for index, code, geometry in parsed:
        if code in seen:
            result.errors.append(
                FeatureError(
                    index, gettext("%(code)s is also in object %(index)s") % {"code": code, "index": seen[code]}
                )
            )
            continue
        seen[code] = index
        area = areas.get(code)
        if area is None:
            if code.startswith("WK"):
                reason = gettext("unknown wijk %(code)s: import the CBS figures first")
            else:
                reason = gettext("unknown buurt %(code)s: import the CBS figures first")
            result.errors.append(FeatureError(index, reason % {"code": code}))
            continue
        if area.geometrie == geometry:
            result.unchanged += 1
            continue
        area.geometrie = geometry
        area.save(update_fields=["geometrie", "updated_at"])
        if isinstance(area, Wijk):
            result.wijken_updated += 1
        else:
            result.buurten_updated += 1
    result.errors.sort(key=lambda e: (e.index is not None, e.index or 0))
    if result.errors or dry_run:
        transaction.set_rollback(True)
    else:
        result.committed = True
    return result


# --- Plans (wijkuitvoeringsplannen) ----------------------------------------------------------
# Validation messages are English msgids translated with gettext (Dutch in locale/nl), like the
# CBS import above: they are shown to the civil servant at the field the rule is about.

PLAN_EDITABLE_FIELDS = (
    "titel",
    "samenvatting",
    "wijk",
    "focus",
    "techniekrichting",
    "startdatum",
    "doeljaar_aardgasvrij",
)


def plan_timeline(plan: Plan) -> tuple[dt.date | None, dt.date | None]:
    """The plan's timeline: its start date up to 31 December of the target year gas-free."""
    end = dt.date(plan.doeljaar_aardgasvrij, 12, 31) if plan.doeljaar_aardgasvrij else None
    return plan.startdatum, end


def _deadline_error(plan: Plan, deadline: dt.date) -> str | None:
    start, end = plan_timeline(plan)
    if start and deadline < start:
        return gettext("The deadline %(deadline)s is before the start of the plan (%(start)s).") % {
            "deadline": f"{deadline:%d-%m-%Y}",
            "start": f"{start:%d-%m-%Y}",
        }
    if end and deadline > end:
        return gettext("The deadline %(deadline)s is after the plan's target year natural-gas-free (%(year)s).") % {
            "deadline": f"{deadline:%d-%m-%Y}",
            "year": end.year,
        }
    return None


def _excluded_techniek(plan: Plan) -> set[str]:
    return set(plan.techniekkaders.filter(soort=KeuzeSoort.UITGESLOTEN).values_list("techniekrichting", flat=True))


def _techniek_label(value: str) -> str:
    return str(Techniekrichting(value).label).lower()


def _check_plan(plan: Plan, *, buurten: Iterable[Buurt] | None) -> None:
    """Consistency rules of a plan with its kaders and goals (raises on the field concerned)."""
    errors: dict[str, list[str]] = {}
    if plan.pk and plan.techniekrichting in _excluded_techniek(plan):
        errors.setdefault("techniekrichting", []).append(
            gettext(
                "The kaders exclude the techniekrichting '%(techniek)s'. "
                "Choose another direction or change the kaders first."
            )
            % {"techniek": _techniek_label(plan.techniekrichting)}
        )
    if plan.startdatum and plan.doeljaar_aardgasvrij and plan.doeljaar_aardgasvrij < plan.startdatum.year:
        errors.setdefault("doeljaar_aardgasvrij", []).append(
            gettext("The target year natural-gas-free is before the start date.")
        )
    if plan.pk:
        for doel in plan.tussendoelen.all():
            if _deadline_error(plan, doel.deadline):
                field_name = (
                    "startdatum" if plan.startdatum and doel.deadline < plan.startdatum else "doeljaar_aardgasvrij"
                )
                errors.setdefault(field_name, []).append(
                    gettext(
                        "The tussendoel '%(omschrijving)s' (deadline %(deadline)s) would then fall outside "
                        "the plan's timeline."
                    )
                    % {"omschrijving": doel.omschrijving, "deadline": f"{doel.deadline:%d-%m-%Y}"}
                )
    if buurten is not None and plan.wijk_id:
        buiten = [b for b in buurten if b.wijk_id != plan.wijk_id]
        if buiten:
            errors.setdefault("buurten", []).append(
                gettext("These buurten are not in the chosen wijk: %(buurten)s.")
                % {"buurten": ", ".join(b.naam for b in buiten)}
            )
    if errors:
        raise ValidationError(errors)


def _default_gemeente() -> Gemeente:
    gemeente, _ = Gemeente.objects.get_or_create(code=settings.GEMEENTE_CODE, defaults={"naam": settings.GEMEENTE_NAAM})
    return gemeente


def _copy_default_kaders(plan: Plan) -> None:
    """Copy the municipality-wide kaders (plan NULL, from the Transitievisie Warmte) into the plan."""
    for kader in TechniekKader.objects.filter(plan__isnull=True):
        TechniekKader.objects.create(
            plan=plan, techniekrichting=kader.techniekrichting, soort=kader.soort, reden=kader.reden
        )
    for waarde in Kernwaarde.objects.filter(plan__isnull=True):
        Kernwaarde.objects.create(
            plan=plan,
            pool_links=waarde.pool_links,
            pool_rechts=waarde.pool_rechts,
            positie=waarde.positie,
            waarom=waarde.waarom,
            volgorde=waarde.volgorde,
        )
    for ambitie in Ambitie.objects.filter(plan__isnull=True):
        Ambitie.objects.create(plan=plan, omschrijving=ambitie.omschrijving, partijen=ambitie.partijen)


@transaction.atomic
def plan_create(
    *,
    titel: str,
    samenvatting: str = "",
    wijk: Wijk | None = None,
    buurten: Iterable[Buurt] | None = None,
    focus: str = Focus.HOE,
    techniekrichting: str = Techniekrichting.OPEN,
    startdatum: dt.date | None = None,
    doeljaar_aardgasvrij: int | None = None,
    gemeente: Gemeente | None = None,
    kaders_overnemen: bool = False,
) -> Plan:
    """Create a plan (status concept), optionally inheriting the municipality-wide kaders."""
    buurten = list(buurten or [])
    if gemeente is None:
        gemeente = wijk.gemeente if wijk else _default_gemeente()
    plan = Plan(
        gemeente=gemeente,
        titel=titel,
        samenvatting=samenvatting,
        wijk=wijk,
        focus=focus,
        techniekrichting=techniekrichting,
        startdatum=startdatum,
        doeljaar_aardgasvrij=doeljaar_aardgasvrij,
        status=PlanStatus.CONCEPT,
    )
    plan.full_clean()
    _check_plan(plan, buurten=buurten)
    plan.save()
    plan.buurten.set(buurten)
    if kaders_overnemen:
        _copy_default_kaders(plan)
        _check_plan(plan, buurten=None)  # an inherited exclusion may rule out the chosen direction
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, buurten: Iterable[Buurt] | None = None, **fields) -> Plan:
    """Change a plan's editable fields (not its status: see plan_transition)."""
    unknown = set(fields) - set(PLAN_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_update does not change {', '.join(sorted(unknown))}")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    buurten = list(buurten) if buurten is not None else None
    _check_plan(plan, buurten=buurten if buurten is not None else list(plan.buurten.all()))
    plan.save()
    if buurten is not None:
        plan.buurten.set(buurten)
    return plan


def plan_allowed_transitions(*, plan: Plan) -> tuple[str, ...]:
    return PLAN_TRANSITIONS.get(plan.status, ())


@transaction.atomic
def plan_transition(
    *,
    plan: Plan,
    naar: str,
    door,
    vastgesteld_op: dt.date | None = None,
    raadsbesluit_kenmerk: str = "",
    toelichting: str = "",
) -> Plan:
    """Move a plan along its lifecycle; only PLAN_TRANSITIONS are allowed, each one recorded."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    van = plan.status
    if naar not in PLAN_TRANSITIONS.get(van, ()):
        raise ValidationError(
            {
                "naar": (
                    gettext("A plan with status '%(van)s' cannot move to '%(naar)s'.")
                    % {
                        "van": PlanStatus(van).label,
                        "naar": PlanStatus(naar).label if naar in PlanStatus.values else naar,
                    }
                )
            }
        )
    if naar == PlanStatus.VASTGESTELD:
        errors = {}
        if not vastgesteld_op:
            errors["vastgesteld_op"] = gettext("Enter the date of the council decision.")
        if not (raadsbesluit_kenmerk or "").strip():
            errors["raadsbesluit_kenmerk"] = gettext("Enter the reference of the council decision.")
        if errors:
            raise ValidationError(errors)
        plan.vastgesteld_op = vastgesteld_op
        plan.raadsbesluit_kenmerk = raadsbesluit_kenmerk.strip()
    plan.status = naar
    plan.full_clean()
    plan.save()
    PlanStatusWijziging.objects.create(plan=plan, van=van, naar=naar, door=door, toelichting=toelichting)
    return plan


# --- Kaders (the council's frameworks) -----------------------------------------------------


def _check_techniekkader(kader: TechniekKader) -> None:
    kader.full_clean(validate_constraints=False)
    duplicate = TechniekKader.objects.filter(plan=kader.plan, techniekrichting=kader.techniekrichting).exclude(
        pk=kader.pk
    )
    if duplicate.exists():
        raise ValidationError(
            {
                "techniekrichting": gettext("There already is a kader for '%(techniek)s'.")
                % {"techniek": _techniek_label(kader.techniekrichting)}
            }
        )
    if kader.plan and kader.soort == KeuzeSoort.UITGESLOTEN and kader.plan.techniekrichting == kader.techniekrichting:
        raise ValidationError(
            {
                "soort": (
                    gettext(
                        "The plan itself now chooses '%(techniek)s'. "
                        "Change the plan's techniekrichting first before you exclude it."
                    )
                    % {"techniek": _techniek_label(kader.techniekrichting)}
                )
            }
        )


@transaction.atomic
def techniekkader_create(*, plan: Plan | None, techniekrichting: str, soort: str, reden: str) -> TechniekKader:
    """A techniekrichting chosen or excluded, with its reason; plan None = municipality-wide default."""
    kader = TechniekKader(plan=plan, techniekrichting=techniekrichting, soort=soort, reden=reden.strip())
    _check_techniekkader(kader)
    kader.save()
    return kader


@transaction.atomic
def techniekkader_update(*, kader: TechniekKader, **fields) -> TechniekKader:
    for name in fields:
        if name not in ("techniekrichting", "soort", "reden"):
            raise TypeError(f"techniekkader_update does not change {name}")
    for name, value in fields.items():
        setattr(kader, name, value.strip() if name == "reden" else value)
    _check_techniekkader(kader)
    kader.save()
    return kader


@transaction.atomic
def techniekkader_delete(*, kader: TechniekKader) -> None:
    kader.delete()


def _check_kernwaarde(waarde: Kernwaarde) -> None:
    errors = {}
    if not (waarde.waarom or "").strip():
        errors["waarom"] = gettext("Explain why the plan chooses this position between the two poles.")
    if waarde.pool_links and waarde.pool_links.strip().lower() == (waarde.pool_rechts or "").strip().lower():
        errors["pool_rechts"] = gettext("The two poles must differ.")
    if errors:
        raise ValidationError(errors)
    waarde.full_clean()


@transaction.atomic
def kernwaarde_create(
    *, plan: Plan | None, pool_links: str, pool_rechts: str, waarom: str, positie: int = 50, volgorde: int = 0
) -> Kernwaarde:
    """A core value: a position between two poles, with a required why."""
    waarde = Kernwaarde(
        plan=plan,
        pool_links=pool_links.strip(),
        pool_rechts=pool_rechts.strip(),
        positie=positie,
        waarom=(waarom or "").strip(),
        volgorde=volgorde,
    )
    _check_kernwaarde(waarde)
    waarde.save()
    return waarde


@transaction.atomic
def kernwaarde_update(*, kernwaarde: Kernwaarde, **fields) -> Kernwaarde:
    for name, value in fields.items():
        if name not in ("pool_links", "pool_rechts", "positie", "waarom", "volgorde"):
            raise TypeError(f"kernwaarde_update does not change {name}")
        setattr(kernwaarde, name, value.strip() if isinstance(value, str) else value)
    _check_kernwaarde(kernwaarde)
    kernwaarde.save()
    return kernwaarde


@transaction.atomic
def kernwaarde_delete(*, kernwaarde: Kernwaarde) -> None:
    # Tussendoelen that served it keep existing without a kernwaarde (SET_NULL); the dashboard's
    # 'koers' indicator then shows them as unaligned.
    kernwaarde.delete()


@transaction.atomic
def ambitie_create(*, plan: Plan | None, omschrijving: str, partijen: str) -> Ambitie:
    """A gezamenlijke ambitie (shared ambition) with the parties that share it."""
    ambitie = Ambitie(plan=plan, omschrijving=omschrijving.strip(), partijen=partijen.strip())
    ambitie.full_clean()
    ambitie.save()
    return ambitie


@transaction.atomic
def ambitie_update(*, ambitie: Ambitie, **fields) -> Ambitie:
    for name, value in fields.items():
        if name not in ("omschrijving", "partijen"):
            raise TypeError(f"ambitie_update does not change {name}")
        setattr(ambitie, name, value.strip())
    ambitie.full_clean()
    ambitie.save()
    return ambitie


@transaction.atomic
def ambitie_delete(*, ambitie: Ambitie) -> None:
    ambitie.delete()


def _check_tussendoel(doel: Tussendoel) -> None:
    errors: dict[str, str] = {}
    if doel.metriek in METRIEK_BEREIK and doel.streefwaarde is not None:
        minimum, maximum = METRIEK_BEREIK[doel.metriek]
        waarde = Decimal(doel.streefwaarde)
        label = str(Metriek(doel.metriek).label)
        if waarde < Decimal(str(minimum)) or (maximum is not None and waarde > Decimal(str(maximum))):
            if maximum is not None:
                message = gettext("The target value for '%(label)s' must be between %(minimum)s and %(maximum)s.")
            else:
                message = gettext("The target value for '%(label)s' must be at least %(minimum)s.")
            errors["streefwaarde"] = message % {
                "label": label,
                "minimum": f"{minimum:g}",
                "maximum": f"{maximum:g}" if maximum is not None else "",
            }
    if doel.deadline and doel.plan_id:
        error = _deadline_error(doel.plan, doel.deadline)
        if error:
            errors["deadline"] = error
    if doel.kernwaarde_id and doel.kernwaarde.plan_id != doel.plan_id:
        errors["kernwaarde"] = gettext("This kernwaarde does not belong to this plan.")
    if errors:
        raise ValidationError(errors)
    doel.full_clean()


@transaction.atomic
def tussendoel_create(
    *,
    plan: Plan,
    omschrijving: str,
    metriek: str,
    streefwaarde: Decimal | int | float,
    deadline: dt.date,
    eigenaar: str,
    kernwaarde: Kernwaarde | None = None,
) -> Tussendoel:
    """An (interim) goal on a metric the dashboard measures, inside the plan's timeline."""
    doel = Tussendoel(
        plan=plan,
        omschrijving=omschrijving.strip(),
        metriek=metriek,
        streefwaarde=Decimal(str(streefwaarde)),
        deadline=deadline,
        eigenaar=eigenaar.strip(),
        kernwaarde=kernwaarde,
    )
    _check_tussendoel(doel)
    doel.save()
    return doel


@transaction.atomic
def tussendoel_update(*, tussendoel: Tussendoel, **fields) -> Tussendoel:
    for name, value in fields.items():
        if name not in ("omschrijving", "metriek", "streefwaarde", "deadline", "eigenaar", "kernwaarde"):
            raise TypeError(f"tussendoel_update does not change {name}")
        setattr(tussendoel, name, value)
    _check_tussendoel(tussendoel)
    tussendoel.save()
    return tussendoel


@transaction.atomic
def tussendoel_delete(*, tussendoel: Tussendoel) -> None:
    tussendoel.delete()


# --- Phases -------------------------------------------------------------------------------


@transaction.atomic
def fase_create(*, plan: Plan, naam: str, startdatum: dt.date, einddatum: dt.date, volgorde: int = 0) -> Fase:
    if startdatum and einddatum and einddatum < startdatum:
        raise ValidationError({"einddatum": gettext("The end date is before the start date.")})
    fase = Fase(plan=plan, naam=naam.strip(), startdatum=startdatum, einddatum=einddatum, volgorde=volgorde)
    fase.full_clean()
    fase.save()
    return fase


@transaction.atomic
def fase_delete(*, fase: Fase) -> None:
    fase.delete()


@transaction.atomic
def fase_update(*, fase: Fase, **fields) -> Fase:
    for name, value in fields.items():
        if name not in ("naam", "startdatum", "einddatum", "volgorde"):
            raise TypeError(f"fase_update does not change {name}")
        setattr(fase, name, value)
    if fase.startdatum and fase.einddatum and fase.einddatum < fase.startdatum:
        raise ValidationError({"einddatum": gettext("The end date is before the start date.")})
    fase.full_clean()
    fase.save()
    return fase


@transaction.atomic
def wijk_update_naam(*, wijk: Wijk, naam: str) -> Wijk:
    """CBS's buurten file has no wijk names; they are set by hand (or by the demo data)."""
    wijk.naam = naam.strip()
    wijk.full_clean()
    wijk.save(update_fields=["naam", "updated_at"])
    return wijk
