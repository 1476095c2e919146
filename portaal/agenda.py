"""iCalendar (RFC 5545) feeds, built with the `icalendar` library from plain items.

The items come from `portaal.selectors` (milestones and agreements of the routekaart, meetings
of participatie); this module only turns them into a calendar:
- UIDs are stable (`mijlpaal-<id>@<gemeente code>.wijkproces`): a calendar app updates the
  event it has instead of adding a second one;
- SEQUENCE rises with every change the item keeps history of (a forecast move, completion);
- a cancelled meeting, a missed milestone or a broken agreement stays in the feed with
  STATUS:CANCELLED, so subscribers see it struck through rather than silently gone;
- milestone and agreement dates are all-day events (DTSTART;VALUE=DATE, DTEND the next day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar
from django.conf import settings

PRODID = "-//Wijkproces//Agenda//NL"
# The meeting model has a start only; calendars show it as a block of two hours.
BIJEENKOMST_DUUR = dt.timedelta(hours=2)
TENTATIVE, CONFIRMED, CANCELLED = "TENTATIVE", "CONFIRMED", "CANCELLED"


@dataclass(frozen=True)
class AgendaItem:
    soort: str  # "mijlpaal", "afspraak" or "bijeenkomst": the first part of the UID
    id: int
    summary: str
    start: dt.date | dt.datetime  # a date: all-day; an aware datetime: a timed event
    sequence: int = 0
    status: str = CONFIRMED
    description: str = ""
    location: str = ""
    last_modified: dt.datetime | None = None

    @property
    def uid(self) -> str:
        return f"{self.soort}-{self.id}@{settings.GEMEENTE_CODE.lower()}.wijkproces"


def kalender(*, naam: str, items: list[AgendaItem], stamp: dt.datetime) -> bytes:
    """The feed as bytes (CRLF lines, folded at 75 octets by the library)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", naam)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for item in items:
        cal.add_component(_event(item, stamp))
    return cal.to_ical()


def _event(item: AgendaItem, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    # DTSTAMP: when the object last changed (stable between two fetches of an unchanged item).
    event.add("dtstamp", (item.last_modified or stamp).astimezone(dt.UTC))
    if item.last_modified is not None:
        event.add("last-modified", item.last_modified.astimezone(dt.UTC))
    event.add("summary", item.summary)
    if isinstance(item.start, dt.datetime):
        start = item.start.astimezone(dt.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + BIJEENKOMST_DUUR)
    else:
        event.add("dtstart", item.start)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", item.start + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
    event.add("sequence", item.sequence)
    event.add("status", item.status)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    return event
