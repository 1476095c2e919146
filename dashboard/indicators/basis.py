"""The indicators' plain data and the month arithmetic they share (no ORM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter


@dataclass(frozen=True)
class MaandAgg:
    """One aggregate row: the events of one (effective) type in one month of one plan."""

    type: str
    maand: dt.date  # first day of the month
    som: int = 0  # Sum(hoeveelheid)
    aantal: int = 0  # Count(*)
    score_n: int = 0  # events with a numeric score item (survey trust / pulse score)
    score_gem: float | None = None  # Avg of that item, computed in SQL
    op_tijd: int = 0  # milestone/agreement events whose date <= payload "gepland"


@dataclass(frozen=True)
class VensterAgg:
    """One rolling-window row: the events of one (effective) type in one window of days
    counted back from today (venster 0 = the last 30 days up to and including today)."""

    type: str
    venster: int
    som: int = 0
    aantal: int = 0


@dataclass(frozen=True)
class Doel:
    """A tussendoel (interim goal) as plain data."""

    id: int
    omschrijving: str
    metriek: str
    streefwaarde: float
    deadline: dt.date
    kernwaarde_id: int | None = None


@dataclass(frozen=True)
class ActieFeit:
    """A steering action (stuuractie) as plain data: what the governance counts need of it."""

    indicator: str  # the indicator it should move (constants.Indicator)
    aangemaakt: dt.date  # the day it was recorded (local date)
    uiterlijk: dt.date  # due date
    status: str  # constants.StuuractieStatus
    gedaan_op: dt.date | None = None
    vervallen_op: dt.date | None = None


@dataclass(frozen=True)
class Uitkomst:
    """What every indicator returns."""

    waarde: float | None
    status: str
    n: int = 0
    projectie: dict | None = None
    details: dict = field(default_factory=dict)


# --- helpers -----------------------------------------------------------------------------


def maand_van(datum: dt.date) -> dt.date:
    return datum.replace(day=1)


def maand_plus(maand: dt.date, maanden: int) -> dt.date:
    index = maand.year * 12 + (maand.month - 1) + maanden
    return dt.date(index // 12, index % 12 + 1, 1)


def maanden_tussen(begin: dt.date, eind: dt.date) -> list[dt.date]:
    """Every month start from begin's month up to and including eind's month."""
    result, current, last = [], maand_van(begin), maand_van(eind)
    while current <= last:
        result.append(current)
        current = maand_plus(current, 1)
    return result


def maand_einde(maand: dt.date) -> dt.date:
    """The last day of the month `maand` lies in."""
    return maand_plus(maand_van(maand), 1) - dt.timedelta(days=1)


def tot_en_met(rows: Iterable[MaandAgg], periode: dt.date) -> list[MaandAgg]:
    return [r for r in rows if r.maand <= periode]


def som(rows: Iterable[MaandAgg], *types: str, veld: str = "som") -> int:
    # A list comprehension with attrgetter: the hottest line of a full recompute (bench 1).
    get = attrgetter(veld)
    return sum([get(r) for r in rows if r.type in types])


def gewogen_gemiddelde(rows: Iterable[MaandAgg], type_: str) -> tuple[float | None, int]:
    pairs = [(r.score_gem, r.score_n) for r in rows if r.type == type_ and r.score_n and r.score_gem is not None]
    n = sum(count for _, count in pairs)
    if not n:
        return None, 0
    return sum(mean * count for mean, count in pairs) / n, n


@dataclass(frozen=True)
class PlanningItem:
    """A milestone or agreement of the plan's routekaart (route map) as plain data.

    `basisdatum` is the baseline (as first agreed), `afgerond_op` the day it was completed
    (reached, kept, missed or not kept), None while open. Whether it is overdue depends on the
    moment it is judged at, so that is derived here, never stored (issue 9).
    """

    soort: str  # "mijlpaal" or "afspraak"
    basisdatum: dt.date
    afgerond_op: dt.date | None = None


@dataclass(frozen=True)
class PlanFeiten:
    """What the indicators need from the plan itself (plain data)."""

    woningen: int | None = None
    gasverbruik_m3: float | None = None
    doeljaar: int | None = None
    startdatum: dt.date | None = None
    kernwaarde_ids: tuple[int, ...] = ()
    doelen: tuple[Doel, ...] = ()
    planning: tuple[PlanningItem, ...] = ()  # the routekaart's milestones and agreements
