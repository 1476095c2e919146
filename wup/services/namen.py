"""Names of wijken and buurten: CBS's kerncijfers file has buurt names but no wijk names, so
names are set by hand, imported from a file of code and name, or taken from GeoJSON properties
(`geometrie_import`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.csv_reading import RowError, csv_read

from ..constants import BUURTCODE_REGEX, WIJKCODE_REGEX
from ..models import Buurt, Wijk

NAAM_MAX = 100
NAMEN_MAX_ROWS = 5_000


def _clean_naam(naam: str, *, verplicht: bool) -> str:
    naam = (naam or "").strip()
    if "\x00" in naam:
        raise ValidationError({"naam": gettext("The name contains a character that is not allowed.")})
    if len(naam) > NAAM_MAX:
        raise ValidationError({"naam": gettext("A name has at most 100 characters.")})
    if verplicht and not naam:
        raise ValidationError({"naam": gettext("A buurt always has a name.")})
    return naam


@transaction.atomic
def wijk_update_naam(*, wijk: Wijk, naam: str) -> Wijk:
    """A wijk's name; empty is allowed (the code is shown then)."""
    wijk.naam = _clean_naam(naam, verplicht=False)
    wijk.full_clean()
    wijk.save(update_fields=["naam", "updated_at"])
    return wijk


@transaction.atomic
def buurt_update_naam(*, buurt: Buurt, naam: str) -> Buurt:
    buurt.naam = _clean_naam(naam, verplicht=True)
    buurt.full_clean()
    buurt.save(update_fields=["naam", "updated_at"])
    return buurt


@dataclass
class NamenImportResult:
    errors: list[RowError] = field(default_factory=list)
    wijken_updated: int = 0
    buurten_updated: int = 0
    unchanged: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@transaction.atomic
def gebied_namen_import(*, content: bytes | str) -> NamenImportResult:
    """Names from a CSV with the columns `code` (WK… or BU…) and `naam`: atomic, every bad row listed.

    Unknown codes, a buurt without a name, a name over 100 characters and a code twice are
    errors; nothing is saved then. Idempotent: an unchanged name is not written again.
    """
    result = NamenImportResult()
    table, file_errors = csv_read(content, lower_header=True, max_rows=NAMEN_MAX_ROWS)
    if file_errors:
        result.errors.extend(file_errors)
        return result
    missing = table.missing(("code", "naam"))
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), gettext("required column is missing")))
        return result
    rows = [(line, (row.get("code") or "").strip().upper(), row.get("naam") or "") for line, row in table.rows]
    codes = [code for _, code, _ in rows]
    areas: dict[str, Wijk | Buurt] = {w.code: w for w in Wijk.objects.filter(code__in=codes)}
    areas.update({b.code: b for b in Buurt.objects.filter(code__in=codes)})
    seen: dict[str, int] = {}
    for line, code, naam in rows:
        if not (re.match(WIJKCODE_REGEX, code) or re.match(BUURTCODE_REGEX, code)):
            result.errors.append(
                RowError(
                    line, "code", gettext("'%(code)s' is not a wijkcode (WK…) or buurtcode (BU…)") % {"code": code}
                )
            )
            continue
        if code in seen:
            result.errors.append(
                RowError(
                    line, "code", gettext("%(code)s is also on line %(line)s") % {"code": code, "line": seen[code]}
                )
            )
            continue
        seen[code] = line
        area = areas.get(code)
        if area is None:
            result.errors.append(
                RowError(line, "code", gettext("unknown area %(code)s: import the CBS figures first") % {"code": code})
            )
            continue
        try:
            naam = _clean_naam(naam, verplicht=isinstance(area, Buurt))
        except ValidationError as exc:
            result.errors.append(RowError(line, "naam", exc.message_dict["naam"][0]))
            continue
        if area.naam == naam:
            result.unchanged += 1
            continue
        area.naam = naam
        area.save(update_fields=["naam", "updated_at"])
        if isinstance(area, Wijk):
            result.wijken_updated += 1
        else:
            result.buurten_updated += 1
    if not rows and not result.errors:
        result.errors.append(RowError(2, "-", gettext("the file contains no rows")))
    if result.errors:
        transaction.set_rollback(True)
    else:
        result.committed = True
    return result
