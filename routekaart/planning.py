"""The date rules of the routekaart as pure functions: dates in, a derived status out.

Nothing here is stored: "overdue" depends on today, so it is computed against the `vandaag`
the caller passes (a frozen today in the tests, `timezone.localdate()` in the pages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .constants import PlanningStatus


def planning_status(
    *, basisdatum: dt.date, prognose: dt.date, afgerond_op: dt.date | None, gemist: bool, vandaag: dt.date
) -> str:
    """Status of a milestone or agreement.

    Completed: missed (recorded as missed / not kept), on time (on or before the baseline) or
    late. Open: overdue once the baseline has passed (whatever the forecast says), expected
    late when the forecast lies after the baseline, planned otherwise.
    """
    if afgerond_op is not None:
        if gemist:
            return PlanningStatus.GEMIST
        return PlanningStatus.OP_TIJD if afgerond_op <= basisdatum else PlanningStatus.TE_LAAT
    if basisdatum < vandaag:
        return PlanningStatus.OVER_TIJD
    if prognose > basisdatum:
        return PlanningStatus.VERWACHT_TE_LAAT
    return PlanningStatus.GEPLAND


# Ordering for lists that put what needs attention first.
STATUS_URGENTIE = {
    PlanningStatus.OVER_TIJD: 0,
    PlanningStatus.VERWACHT_TE_LAAT: 1,
    PlanningStatus.GEPLAND: 2,
    PlanningStatus.GEMIST: 3,
    PlanningStatus.TE_LAAT: 4,
    PlanningStatus.OP_TIJD: 5,
}


def cyclus(start: int, afhankelijk_van: Mapping[int, Iterable[int]]) -> list[int] | None:
    """The dependency chain that leads from `start` back to itself, or None.

    `afhankelijk_van[x]` are the items x depends on (x cannot be done before them).
    The chain is returned as ids from `start` to the item that depends on `start`.
    """
    stapel: list[tuple[int, list[int]]] = [(dep, [start, dep]) for dep in afhankelijk_van.get(start, ())]
    gezien: set[int] = set()
    while stapel:
        item, pad = stapel.pop()
        if item == start:
            return pad[:-1]
        if item in gezien:
            continue
        gezien.add(item)
        stapel.extend((dep, [*pad, dep]) for dep in afhankelijk_van.get(item, ()))
    return None


def fasen_spreiden(*, begin: dt.date, eind: dt.date, aantal: int) -> list[tuple[dt.date, dt.date]]:
    """`aantal` consecutive phases over [begin, eind], as equal as whole days allow."""
    if aantal < 1:
        return []
    dagen = max((eind - begin).days + 1, aantal)
    grenzen = [begin + dt.timedelta(days=round(i * dagen / aantal)) for i in range(aantal + 1)]
    return [(grenzen[i], grenzen[i + 1] - dt.timedelta(days=1)) for i in range(aantal)]


def buiten_venster(*, datum: dt.date, van: dt.date, tot: dt.date) -> bool:
    return datum < van or datum > tot
