"""The council overview, readable in one minute (issue 10): trend, what changed, which plans first.

Pure functions over plain data, no queries: `selectors.dashboard_overview` reads the figures of
every plan at once (a fixed number of queries) and hands them here. Like `uitleg`, the
sentences are built with gettext and the active locale's date formats, so the page speaks the
reader's language.

A judgement is the status of a figure, or none without a figure ("no figure, no judgement",
as `selectors._cel` shows it): every comparison below is between judgements, never between
raw stored statuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from django.utils.translation import gettext as _

from core import dates

from . import uitleg
from .constants import INDICATOR_QUESTIONS, Indicator, Status


@dataclass(frozen=True)
class Reading:
    """One indicator's figure and stored status in one period (the first day of a month)."""

    periode: dt.date
    waarde: float | None
    status: str

    @property
    def judgement(self) -> str:
        """The status, or unknown without a figure: no figure, no judgement."""
        return self.status if self.waarde is not None else Status.ONBEKEND


def previous_month(periode: dt.date) -> dt.date:
    """The first day of the month before `periode`'s."""
    return (periode.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def previous_reading(now: Reading, earlier: Sequence[Reading]) -> Reading | None:
    """The reading of the month before `now`, or None: a missing month is no previous figure
    (an older one would compare two periods apart as if they were one)."""
    target = previous_month(now.periode)
    return next((r for r in earlier if r.periode == target), None)


# --- Trend versus the previous month ------------------------------------------------------

TREND_ARROWS = {"up": "↑", "down": "↓", "equal": "→", "none": "–", "missing": ""}


@dataclass(frozen=True)
class Trend:
    """The figure against the previous month's: up, down, equal, none (no previous figure)
    or missing (no figure now: nothing to show). The arrow is shown, the words are read out
    (and the arrow's tooltip): never colour or shape alone."""

    kind: str

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.kind]

    @property
    def word(self) -> str:
        return {
            "up": _("risen since last month"),
            "down": _("fallen since last month"),
            "equal": _("unchanged since last month"),
            "none": _("no figure of last month to compare with"),
            "missing": "",
        }[self.kind]


def trend(now: Reading | None, previous: Reading | None) -> Trend:
    """Up, down or equal against the previous month's figure.

    Compared at one decimal, the finest the overview writes a figure (trust "3,8 van 5"), so a
    shift the reader cannot see is "equal", not an arrow. Higher is better for all six
    indicators, but the arrow only says which way the figure went; the status says whether
    that is good."""
    if now is None or now.waarde is None:
        return Trend("missing")
    if previous is None or previous.waarde is None:
        return Trend("none")
    nu, toen = round(now.waarde, 1), round(previous.waarde, 1)
    if nu > toen:
        return Trend("up")
    if nu < toen:
        return Trend("down")
    return Trend("equal")


# --- What changed ------------------------------------------------------------------------


def _status_words(status: str) -> str:
    """The badge label inside a sentence: "Aandacht nodig" -> "aandacht nodig"."""
    label = uitleg.badge_label(status)
    return label[:1].lower() + label[1:]


@dataclass(frozen=True)
class Change:
    """One indicator whose judgement changed: "Resultaten: van op koers naar aandacht nodig"."""

    indicator: str
    van: str  # the judgement then
    naar: str  # the judgement now

    @property
    def text(self) -> str:
        return _("%(indicator)s: from %(van)s to %(naar)s") % {
            "indicator": Indicator(self.indicator).label,
            "van": _status_words(self.van),
            "naar": _status_words(self.naar),
        }


def status_changes(now: Mapping[str, Reading], before: Mapping[str, str]) -> list[Change]:
    """The indicators whose judgement now differs from `before` (indicator -> judgement then),
    in the order of the six questions. An indicator missing on either side is no change: there
    is nothing to compare."""
    changes = []
    for indicator in INDICATOR_QUESTIONS:
        reading, then = now.get(indicator), before.get(indicator)
        if reading is not None and then is not None and reading.judgement != then:
            changes.append(Change(indicator.value, then, reading.judgement))
    return changes


def decision_judgements(snapshot: Mapping | None) -> dict[str, str]:
    """The judgement per indicator frozen into a council decision (the `snapshot` that
    `services.besluiten.indicator_snapshot_for_decision` stores: per indicator its period,
    value, status, n). A decision recorded without figures gives nothing."""
    result = {}
    for indicator, stored in (snapshot or {}).items():
        if indicator in Indicator.values and isinstance(stored, Mapping) and stored.get("status") in Status.values:
            result[indicator] = stored["status"] if stored.get("waarde") is not None else Status.ONBEKEND
    return result


# --- Which plans first ---------------------------------------------------------------------


def off_track_since(now: Reading, earlier: Sequence[Reading]) -> dt.date | None:
    """The month the current run off track began, or None when `now` is not off track.

    A signal starts the month an indicator turns off track, as `indicators.rode_signalen`
    counts it for governance; the run goes back month by month while the judgement stays off
    track, and a missing month ends it."""
    if now.judgement != Status.UIT_KOERS:
        return None
    per_month = {r.periode: r for r in earlier}
    start = now.periode
    while (before := per_month.get(previous_month(start))) is not None and before.judgement == Status.UIT_KOERS:
        start = before.periode
    return start


class Rank(IntEnum):
    """The groups of the overview, top first."""

    DECISION_NEEDED = 0
    ATTENTION = 1
    REST = 2


@dataclass(frozen=True)
class Urgency:
    """Why a plan stands where it does on the overview."""

    rank: Rank
    # Off track since (indicator, month) with no council decision since that month.
    unanswered: tuple[tuple[str, dt.date], ...] = ()
    # Off track since (indicator, month), with a council decision since.
    answered: tuple[tuple[str, dt.date], ...] = ()
    # Needs attention.
    attention: tuple[str, ...] = ()
    last_decision: dt.date | None = field(default=None)

    @property
    def key(self) -> str:
        return self.rank.name.lower()


def urgency(
    *, now: Mapping[str, Reading], earlier: Mapping[str, Sequence[Reading]], last_decision: dt.date | None
) -> Urgency:
    """Which group a plan belongs to, and why.

    1. Decision needed: some indicator is off track and the council took no decision since
       that signal started (the decision's date on or after the first month off track).
    2. Attention: some indicator needs attention, or is off track with a decision since.
    3. The rest: everything on track or without a judgement.
    """
    unanswered, answered, attention = [], [], []
    for indicator in INDICATOR_QUESTIONS:
        reading = now.get(indicator)
        if reading is None:
            continue
        since = off_track_since(reading, earlier.get(indicator, ()))
        if since is not None:
            decided = last_decision is not None and last_decision >= since
            (answered if decided else unanswered).append((indicator.value, since))
        elif reading.judgement == Status.AANDACHT:
            attention.append(indicator.value)
    if unanswered:
        rank = Rank.DECISION_NEEDED
    elif answered or attention:
        rank = Rank.ATTENTION
    else:
        rank = Rank.REST
    return Urgency(rank, tuple(unanswered), tuple(answered), tuple(attention), last_decision)


def order_key(*, urgency: Urgency, titel: str) -> tuple:
    """The order of the overview: the plans needing a council decision first, then those needing
    attention, then the rest (`urgency`); within a group by title, case-insensitively."""
    return (urgency.rank, titel.casefold(), titel)


def _month(periode: dt.date) -> str:
    return dates.maand(periode)


def _signal(indicator: str, since: dt.date) -> str:
    return _("%(indicator)s off track since %(maand)s") % {
        "indicator": Indicator(indicator).label,
        "maand": _month(since),
    }


def urgency_text(urgency: Urgency) -> str:
    """Why the plan is at the top, in one sentence; empty for the rest.

    "Besluit nodig: Resultaten uit koers sinds oktober 2026, geen raadsbesluit sindsdien"."""
    if urgency.rank == Rank.DECISION_NEEDED:
        return _("Decision needed: %(signalen)s, no council decision since") % {
            "signalen": "; ".join(_signal(indicator, since) for indicator, since in urgency.unanswered)
        }
    if urgency.rank == Rank.ATTENTION:
        parts = [
            _("%(signaal)s (council decision of %(datum)s)")
            % {"signaal": _signal(indicator, since), "datum": dates.datum(urgency.last_decision)}
            for indicator, since in urgency.answered
        ]
        parts += [str(Indicator(indicator).label) for indicator in urgency.attention]
        return _("Needs attention: %(delen)s") % {"delen": "; ".join(parts)}
    return ""
