"""Scenarios ("wat als?"): what new developments could do to the gas-free projection.

A pure module: no ORM, no clock. Everything comes in as plain data (`Baseline`: the plan
area's homes, the homes gas-free so far, the pace of the last 12 months, the month those
figures are of, the target year and the tussendoelen (interim goals)), plus the what-if
parameters (`WhatIf`). The current projection is the same function with `NEUTRAL`
parameters, so the council compares two figures computed one way.

The model, month by month from the baseline's month (month 0 holds the homes gas-free so
far; month i is the state at the end of the i-th month after it):

- *Pace*: the pace per year (`tempo_per_jaar`, homes gas-free in the last 12 months, as
  `indicators.uitvoering.resultaten` stores it) changed by `tempo_pct` (-100 ... +300 %),
  spread evenly over the months: 1/12 of it per month, counted exactly (fractions) and
  rounded down to whole homes.
- *Delay*: the pace starts `uitstel_maanden` (0 ... 120) months later: no homes from the
  pace in months 1 ... K, the first in month K + 1. It does not move the heat network.
- *Heat network* (warmtenet): `warmtenet_woningen` extra homes connect as ONE step in the
  month `warmtenet_vanaf` (a network block is delivered and connected at once). A month
  that is not after the baseline's month counts as the first month after it: the counts
  so far are what was recorded, a scenario never rewrites them.
- No count exceeds the plan area's homes. Unknown homes: no gas-free year (reason
  `geen_woningen`), the series uncapped.

The gas-free month is computed exactly (not by walking the series), so it is known beyond
the series' end. The series runs until gas-free or until December of the target year + 10
(at most MAX_MAANDEN months). A tussendoel on homes gas-free is judged on the count at the
end of the last whole month on or before its deadline; a deadline not after the baseline's
month is judged on the count so far (as `tussendoel_voortgang` does), marked `verstreken`.

Note: month by month, the current projection can be a year earlier than the sentence of
`resultaten` (`periode.year + ceil(rest / tempo)`, which counts whole years after the
current one).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .indicators.basis import Doel, maand_einde, maand_plus, maand_van

# Bounds of the parameters (the form and `services.scenario_opslaan` check the same ones).
UITSTEL_MAX = 120  # months
TEMPO_PCT_MIN, TEMPO_PCT_MAX = -100, 300
MAAND_MIN, MAAND_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 1)
# Without a known plan area, the heat network's extra homes are bounded by this.
WARMTENET_MAX_ONBEKEND = 100_000
HORIZON_JAREN = 10  # the series runs until the target year + 10
MAX_MAANDEN = 600  # ... and never longer than 50 years
MAX_JAREN = 200  # a gas-free month further ahead is not projected (and no date overflows)

# The only tussendoel metric a scenario changes.
METRIEK = "woningen_aardgasvrij"

# Reason codes of the projected year.
PROJECTIE = "projectie"  # a year was projected
AL_AARDGASVRIJ = "al_aardgasvrij"  # every home of the plan area is gas-free already
GEEN_WONINGEN = "geen_woningen"  # the plan area's homes are unknown
GEEN_TEMPO = "geen_tempo"  # no pace and no heat network that fills the rest
TE_VER = "te_ver"  # gas-free more than MAX_JAREN years ahead


@dataclass(frozen=True)
class Baseline:
    """Where the plan stands: the stored results snapshot of `maand` and the plan's goals."""

    woningen: int | None  # homes in the plan area, None = unknown
    aardgasvrij: int  # homes gas-free so far
    tempo_per_jaar: int  # homes gas-free in the last 12 months
    maand: dt.date  # the month the figures are of (first day)
    doeljaar: int | None  # the plan's target year
    doelen: tuple[Doel, ...] = ()


@dataclass(frozen=True)
class WhatIf:
    """The what-if parameters (see the module docstring for what each one does)."""

    warmtenet_woningen: int = 0
    warmtenet_vanaf: dt.date | None = None
    uitstel_maanden: int = 0
    tempo_pct: int = 0

    def __post_init__(self) -> None:
        if self.warmtenet_woningen < 0:
            raise ValueError("warmtenet_woningen < 0")
        if self.warmtenet_woningen and self.warmtenet_vanaf is None:
            raise ValueError("warmtenet_vanaf missing")
        if self.warmtenet_vanaf is not None and not MAAND_MIN <= maand_van(self.warmtenet_vanaf) <= MAAND_MAX:
            raise ValueError("warmtenet_vanaf out of range")
        if not 0 <= self.uitstel_maanden <= UITSTEL_MAX:
            raise ValueError("uitstel_maanden out of range")
        if not TEMPO_PCT_MIN <= self.tempo_pct <= TEMPO_PCT_MAX:
            raise ValueError("tempo_pct out of range")

    @property
    def neutral(self) -> bool:
        return self == NEUTRAL


NEUTRAL = WhatIf()


@dataclass(frozen=True)
class GoalResult:
    """One tussendoel on homes gas-free, judged on the projected count at its deadline."""

    id: int
    omschrijving: str
    streefwaarde: float
    deadline: dt.date
    verwacht: int  # projected homes gas-free at the deadline
    gehaald: bool  # verwacht >= streefwaarde
    verstreken: bool  # the deadline is not after the baseline's month: the count so far


@dataclass(frozen=True)
class Projection:
    jaar: int | None  # the projected gas-free year
    maand: dt.date | None  # ... and month
    reden: str  # PROJECTIE, AL_AARDGASVRIJ, GEEN_WONINGEN, GEEN_TEMPO or TE_VER
    reeks: tuple[tuple[dt.date, int], ...]  # (month, cumulative homes gas-free) from the baseline
    doelen: tuple[GoalResult, ...]
    ingekort: bool  # the series ends before the plan area is gas-free


def _maanden_tussen(van: dt.date, tot: dt.date) -> int:
    return (tot.year - van.year) * 12 + tot.month - van.month


def project(baseline: Baseline, what_if: WhatIf = NEUTRAL) -> Projection:
    """The gas-free projection, series and tussendoelen of `baseline` under `what_if`."""
    start = maand_van(baseline.maand)
    woningen = baseline.woningen if baseline.woningen and baseline.woningen > 0 else None
    per_maand = Fraction(max(baseline.tempo_per_jaar, 0)) * Fraction(100 + what_if.tempo_pct, 100) / 12
    uitstel = what_if.uitstel_maanden
    extra = what_if.warmtenet_woningen
    stap = max(_maanden_tussen(start, maand_van(what_if.warmtenet_vanaf)), 1) if extra else None

    def aantal(i: int) -> int:
        """Homes gas-free at the end of month i after the baseline's month (0: so far)."""
        n = baseline.aardgasvrij + math.floor(per_maand * max(i - uitstel, 0))
        if stap is not None and i >= stap:
            n += extra
        return min(n, woningen) if woningen is not None else n

    index = _gasvrij_index(baseline.aardgasvrij, woningen, per_maand, uitstel, extra, stap)
    if woningen is None:
        reden = GEEN_WONINGEN
    elif index is None:
        reden = GEEN_TEMPO
    elif index > MAX_JAREN * 12:
        index, reden = None, TE_VER
    elif index == 0:
        reden = AL_AARDGASVRIJ
    else:
        reden = PROJECTIE
    horizon_jaar = max(baseline.doeljaar or start.year, start.year) + HORIZON_JAREN
    einde = min(_maanden_tussen(start, dt.date(horizon_jaar, 12, 1)), MAX_MAANDEN)
    if index is not None:
        einde = min(einde, index)
    reeks = tuple((maand_plus(start, i), aantal(i)) for i in range(einde + 1))
    gasvrij_maand = maand_plus(start, index) if index is not None else None
    return Projection(
        jaar=gasvrij_maand.year if gasvrij_maand else None,
        maand=gasvrij_maand,
        reden=reden,
        reeks=reeks,
        doelen=tuple(_doel(d, start, aantal) for d in baseline.doelen if d.metriek == METRIEK),
        ingekort=index is None or index > einde,
    )


def _gasvrij_index(
    aardgasvrij: int, woningen: int | None, per_maand: Fraction, uitstel: int, extra: int, stap: int | None
) -> int | None:
    """The first month index at which every home is gas-free, exactly; None if never."""
    if woningen is None:
        return None
    rest = woningen - aardgasvrij
    if rest <= 0:
        return 0
    # by the pace alone: the pace adds per_maand from month uitstel + 1 on
    alleen_tempo = uitstel + math.ceil(rest / per_maand) if per_maand > 0 else None
    if stap is None or (alleen_tempo is not None and alleen_tempo < stap):
        return alleen_tempo
    # the heat network's step lands first: what it leaves, the pace fills after it
    rest_na_stap = rest - extra
    if rest_na_stap <= 0:
        return stap
    if per_maand <= 0:
        return None
    return max(stap, uitstel + math.ceil(rest_na_stap / per_maand))


def _doel(doel: Doel, start: dt.date, aantal) -> GoalResult:
    # the last whole month on or before the deadline
    laatste = (
        maand_van(doel.deadline)
        if doel.deadline == maand_einde(doel.deadline)
        else maand_plus(maand_van(doel.deadline), -1)
    )
    i = _maanden_tussen(start, laatste)
    verstreken = maand_van(doel.deadline) <= start
    verwacht = aantal(0 if verstreken else max(i, 0))
    return GoalResult(
        id=doel.id,
        omschrijving=doel.omschrijving,
        streefwaarde=float(doel.streefwaarde),
        deadline=doel.deadline,
        verwacht=verwacht,
        gehaald=verwacht >= float(doel.streefwaarde),
        verstreken=verstreken,
    )


def compare(baseline: Baseline, what_if: WhatIf) -> tuple[Projection, Projection]:
    """The current projection and the scenario's, computed the same way."""
    return project(baseline, NEUTRAL), project(baseline, what_if)


def goals_side_by_side(huidig: Projection, scenario: Projection) -> list[dict]:
    """Per tussendoel: the goal, the (current, scenario) results and whether hit/missed changes."""
    return [
        {"doel": a, "paar": (a, b), "verandert": a.gehaald != b.gehaald}
        for a, b in zip(huidig.doelen, scenario.doelen, strict=True)
    ]


def series_union(*reeksen: Sequence[tuple[dt.date, int]]) -> list[dt.date]:
    """Every month of the given series, in order (the chart's x axis)."""
    return sorted({m for reeks in reeksen for m, _n in reeks})
