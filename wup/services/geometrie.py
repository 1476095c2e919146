"""GeoJSON import: the boundaries of wijken and buurten, matched by CBS code."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from ..constants import (
    BUURTCODE_REGEX,
    WIJKCODE_REGEX,
)
from ..models import (
    Buurt,
    Wijk,
)

GEOMETRIE_CODE_KEYS = ("wijkcode", "buurtcode", "statcode", "code")
GEOMETRIE_TYPES = ("Polygon", "MultiPolygon")
# Property names that carry the area's name where a file has one (PDOK: wijknaam/buurtnaam, the
# CBS statistical map: statnaam). A name found there is stored; an empty one changes nothing.
GEOMETRIE_NAAM_KEYS = ("wijknaam", "buurtnaam", "statnaam", "naam", "name")


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
    namen_updated: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _feature_naam(properties: dict) -> str:
    by_key = {str(k).lower(): v for k, v in properties.items()}
    for key in GEOMETRIE_NAAM_KEYS:
        value = by_key.get(key)
        if isinstance(value, str) and value.strip() and "\x00" not in value:
            return value.strip()[:100]
    return ""


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
    except RecursionError:
        result.errors.append(FeatureError(None, gettext("the file is nested too deeply to be GeoJSON")))
        return result
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        result.errors.append(FeatureError(None, gettext("the file is not a GeoJSON FeatureCollection")))
        return result
    parsed: list[tuple[int, str, dict, str]] = []
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
            parsed.append((index, code, feature["geometry"], _feature_naam(properties)))
    result.features = len(data["features"])
    if not result.features:
        result.errors.append(FeatureError(None, gettext("the file contains no features")))
    codes = [code for _, code, _, _ in parsed]
    areas: dict[str, Wijk | Buurt] = {w.code: w for w in Wijk.objects.filter(code__in=codes)}
    areas.update({b.code: b for b in Buurt.objects.filter(code__in=codes)})
    seen: dict[str, int] = {}
    for index, code, geometry, naam in parsed:
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
        if naam and area.naam != naam:
            area.naam = naam
            area.save(update_fields=["naam", "updated_at"])
            result.namen_updated += 1
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
