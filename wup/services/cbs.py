"""CBS import: wijken and buurten with their key figures from the CBS CSV."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext

from core.csv_reading import RowError, csv_read

from ..constants import (
    BUURTCODE_REGEX,
    GEMEENTECODE_REGEX,
    WIJKCODE_REGEX,
)
from ..models import (
    Buurt,
    Gemeente,
    Wijk,
)

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
# The Netherlands has about 14,500 buurten: one file of them all fits.
CBS_MAX_ROWS = 20_000


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


# Facts that are a share of the homes or a mean per home: unknown when the buurt has no homes.
PER_WONING_FIELDS = ("pct_koopwoningen", "pct_meergezinswoningen", "pct_bouwjaar_vanaf_2000", "gem_aardgasverbruik_m3")


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
    table, file_errors = csv_read(content, max_rows=CBS_MAX_ROWS)
    if file_errors:
        result.errors.extend(file_errors)
        return result
    missing = table.missing(CBS_REQUIRED_COLUMNS)
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), gettext("required column is missing")))
        return result
    seen: dict[str, int] = {}
    for line_no, row in table.rows:
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
        if not facts.get("woningvoorraad"):
            # No or unknown homes: a share of homes (or gas use per home) is unknown, not 0 %.
            for field_name in PER_WONING_FIELDS:
                facts[field_name] = None
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


# Property names that carry the CBS code of a feature, compared case-insensitively: CBS/PDOK
# files use `wijkcode`/`buurtcode` (or camelCase `wijkCode`), the CBS statistical map `statcode`.
