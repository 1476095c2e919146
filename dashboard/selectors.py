"""Reads of the `dashboard` app. Events are aggregated by PostgreSQL, never loaded one by one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Prefetch,
)
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from logboek import selectors as logboek_selectors
from routekaart import selectors as routekaart_selectors
from routekaart.constants import PlanningStatus
from wup import selectors as wup_selectors

from . import overview, scenario, uitleg
from .constants import (
    BEWEGING_DAGEN,
    BEWEGING_VENSTERS,
    INDICATOR_QUESTIONS,
    STATUS_BADGE,
    STUURACTIES_AFGEROND_MAX,
    STUURACTIES_OPEN_MAX,
    TREND_MAANDEN,
    Besluit,
    Indicator,
    Status,
    StuuractieStatus,
)
from .indicators import ActieFeit, Doel, MaandAgg, PlanFeiten, PlanningItem, Uitkomst, VensterAgg
from .models import IndicatorSnapshot, PlanWatermark, Raadsbesluit, Scenario, Stuuractie


def event_aggregates(*, plan_ids: list[int] | None = None, vandaag: dt.date | None = None) -> dict[int, dict]:
    """Per plan: its MaandAgg rows plus the (max id, count) of the events they were built from.

    One statement for any number of plans (None: every plan, the full recompute), through the
    event log's selector. Max id and count come from the same statement, so the watermark
    stored with the result describes exactly the events it contains.

    With `vandaag`, the same statement also splits the last 6 x 30 days into rolling windows:
    "recent" holds their VensterAgg rows (movement over the last 30 days), and the months are
    summed back over their windows for the MaandAgg rows.
    """
    maanden: dict[int, dict[tuple, list]] = defaultdict(dict)
    vensters: dict[int, dict[tuple, list]] = defaultdict(dict)
    result: dict[int, dict] = defaultdict(lambda: {"rows": [], "max_id": 0, "count": 0, "recent": []})
    for rij in logboek_selectors.maand_aggregaten(
        plan_ids=plan_ids, vandaag=vandaag, dagen=BEWEGING_DAGEN, vensters=BEWEGING_VENSTERS
    ):
        entry = result[rij.plan_id]
        entry["max_id"] = max(entry["max_id"], rij.max_id)
        entry["count"] += rij.aantal
        if not rij.type:
            continue
        # som, aantal, score_n, score sum (for the weighted mean), op_tijd
        acc = maanden[rij.plan_id].setdefault((rij.maand, rij.type), [0, 0, 0, 0.0, 0])
        acc[0] += rij.som or 0
        acc[1] += rij.aantal
        acc[2] += rij.score_n
        acc[3] += (rij.score_gem or 0.0) * rij.score_n
        acc[4] += rij.op_tijd
        if rij.venster is not None:
            win = vensters[rij.plan_id].setdefault((rij.venster, rij.type), [0, 0])
            win[0] += rij.som or 0
            win[1] += rij.aantal
    for plan_id, entry in result.items():
        entry["rows"] = [
            MaandAgg(
                type=type_,
                maand=maand,
                som=som_,
                aantal=aantal,
                score_n=score_n,
                score_gem=score_som / score_n if score_n else None,
                op_tijd=op_tijd,
            )
            for (maand, type_), (som_, aantal, score_n, score_som, op_tijd) in sorted(maanden[plan_id].items())
        ]
        entry["recent"] = [
            VensterAgg(type_, venster, som_, aantal)
            for (venster, type_), (som_, aantal) in sorted(vensters[plan_id].items())
        ]
    return dict(result)


event_state = logboek_selectors.event_state
event_states = logboek_selectors.event_states
plan_events_recent = logboek_selectors.plan_events_recent
# The plan's event list (paginated, with withdrawals) and one event, read through logboek.
plan_events_page = logboek_selectors.plan_events_page
gebeurtenis_get = logboek_selectors.gebeurtenis_get
withdrawable = logboek_selectors.withdrawable


def plan_with_watermark(*, plan_id: int):
    """One plan (through wup's selector) with its watermark, or None. One query."""
    return wup_selectors.plan_list().filter(id=plan_id).select_related("watermark").first()


def plans_lagging(*, max_failed_attempts: int | None = None) -> list[int]:
    """Plans whose watermark lags the event log (or that were never computed).

    With `max_failed_attempts`, a plan whose recompute failed that many times in a row is
    left out while its event count is still the one of the last failure: retrying the same
    data gives the same error. A new event (a withdrawal of the bad one, say) brings it back.
    """
    states = event_states()
    watermarks = {w.plan_id: w for w in PlanWatermark.objects.all()}
    lagging = []
    for plan_id in wup_selectors.plan_list().values_list("id", flat=True):
        wm = watermarks.get(plan_id)
        state = states.get(plan_id, (0, 0))
        if wm is not None and wm.computed_at is not None and state == (wm.last_event_id, wm.event_count):
            continue
        if (
            wm is not None
            and max_failed_attempts is not None
            and wm.failed_attempts >= max_failed_attempts
            and wm.failed_event_count == state[1]
        ):
            continue
        lagging.append(plan_id)
    return sorted(lagging)


def plan_ids() -> list[int]:
    """Ids of every plan the dashboard shows (through wup's selector), in id order."""
    return list(wup_selectors.plan_list().order_by("id").values_list("id", flat=True))


def plans_with_kaders(*, plan_ids: list[int] | None = None):
    """Plans (through wup's selector) with kernwaarden, tussendoelen and fasen prefetched."""
    qs = wup_selectors.plan_list().prefetch_related("kernwaarden", "tussendoelen", "fasen")
    if plan_ids is not None:
        qs = qs.filter(id__in=plan_ids)
    return qs


def besluit_dates(*, plan_ids: list[int]) -> dict[int, list[dt.date]]:
    result: dict[int, list[dt.date]] = defaultdict(list)
    qs = Raadsbesluit.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "datum", "id")
    for plan_id, datum in qs.values_list("plan_id", "datum"):
        result[plan_id].append(datum)
    return result


def stuuractie_feiten(*, plan_ids: list[int]) -> dict[int, list[ActieFeit]]:
    """Per plan: its steering actions as plain data for the governance counts (one query for
    all plans). `aangemaakt` is the local day the action was recorded."""
    result: dict[int, list[ActieFeit]] = defaultdict(list)
    qs = Stuuractie.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "id")
    rows = qs.values_list("plan_id", "indicator", "created_at", "uiterlijk", "status", "gedaan_op", "vervallen_op")
    for plan_id, indicator, created_at, uiterlijk, status, gedaan_op, vervallen_op in rows:
        aangemaakt = timezone.localtime(created_at).date()
        result[plan_id].append(ActieFeit(indicator, aangemaakt, uiterlijk, status, gedaan_op, vervallen_op))
    return result


# The few details keys the overview's cells need (their figure in words and the reason); read
# as JSON key transforms so the (large) rest of details, the tussendoelen, stays in the table.
OVERVIEW_DETAIL_KEYS = ("reden", "woningen", "pct_aardgasvrij", "venster", "dagen")


def latest_snapshots(
    *, plan_ids: list[int], indicator: str | None = None, with_details: bool = True
) -> dict[int, dict[str, IndicatorSnapshot]]:
    """Per plan, per indicator: the snapshot of the latest period (one query).

    Without details, the snapshot carries `kort_details`: only OVERVIEW_DETAIL_KEYS."""
    qs = IndicatorSnapshot.objects.filter(plan_id__in=plan_ids)
    if indicator:
        qs = qs.filter(indicator=indicator)
    if not with_details:
        qs = qs.defer("details", "projectie").annotate(
            **{f"detail_{key}": KeyTransform(key, "details") for key in OVERVIEW_DETAIL_KEYS}
        )
    qs = qs.order_by("plan_id", "indicator", "-periode").distinct("plan_id", "indicator")
    result: dict[int, dict[str, IndicatorSnapshot]] = defaultdict(dict)
    for snap in qs:
        result[snap.plan_id][snap.indicator] = snap
    return result


def stored_snapshots(*, plan_ids: list[int], indicator: str) -> dict[int, dict[dt.date, IndicatorSnapshot]]:
    """Per plan, per period: the stored snapshot of one indicator (one query)."""
    return stored_snapshots_of(plan_ids=plan_ids, indicators=(indicator,))[indicator]


def stored_snapshots_of(
    *, plan_ids: list[int], indicators: tuple[str, ...]
) -> dict[str, dict[int, dict[dt.date, IndicatorSnapshot]]]:
    """Per indicator, per plan, per period: the stored snapshots of a few indicators (one query)."""
    result: dict[str, dict[int, dict[dt.date, IndicatorSnapshot]]] = {i: defaultdict(dict) for i in indicators}
    for snap in IndicatorSnapshot.objects.filter(plan_id__in=plan_ids, indicator__in=indicators):
        result[snap.indicator][snap.plan_id][snap.periode] = snap
    return result


@dataclass(frozen=True)
class RecomputeInvoer:
    """Everything a recompute needs besides the event aggregate, for one plan (plain data)."""

    plan_id: int
    feiten: PlanFeiten
    besluiten: tuple[dt.date, ...]
    gepubliceerd_vertrouwen: dict[dt.date, Uitkomst]
    # The civil servants' pulse published before, per period (keys `puls`, `puls_n`).
    gepubliceerd_puls: dict[dt.date, dict] = field(default_factory=dict)
    # The plan's steering actions (the governance's steering-loop counts).
    acties: tuple[ActieFeit, ...] = ()


def recompute_inputs(*, plan_ids: list[int] | None = None) -> dict[int, RecomputeInvoer]:
    """Per plan: facts, goals, kernwaarden, routekaart items, decisions and published trust figures.

    Nine queries whatever the number of plans (plans with wijk, kernwaarden, tussendoelen, the
    adopted versions' kaders, the routekaart's milestones and agreements
    (`routekaart.selectors.planning_feiten`, for all plans at once), decisions, steering
    actions, stored trust snapshots): the full and the single-plan recompute both use it, so both compute from
    exactly the same inputs. An adopted plan is judged against its newest adopted version's
    interim goals, core values and target year, not against an open change proposal.
    """
    plans = wup_selectors.plan_list().prefetch_related("kernwaarden", "tussendoelen").order_by("id")
    if plan_ids is not None:
        plans = plans.filter(id__in=plan_ids)
    plans = list(plans)
    ids = [p.id for p in plans]
    besluiten = besluit_dates(plan_ids=ids)
    acties = stuuractie_feiten(plan_ids=ids)
    planning = routekaart_selectors.planning_feiten_per_plan(plan_ids=ids)
    # The published survey-based figures (trust, and the pulse in the governance details) in one
    # query: they change only in batches, also between two runs.
    stored = stored_snapshots_of(plan_ids=ids, indicators=(Indicator.VERTROUWEN, Indicator.STURING))
    vertrouwen, sturing = stored[Indicator.VERTROUWEN], stored[Indicator.STURING]
    result = {}
    # The plan area's homes and gas use (the sum over the plan's buurten), never the whole wijk's.
    gebieden = wup_selectors.plan_gebieden(plans=plans)
    # Once adopted, a plan is judged against what the council adopted (its newest version).
    vastgesteld = wup_selectors.vastgestelde_kaders(plan_ids=ids)
    for plan in plans:
        gebied = gebieden[plan.id]
        kaders = vastgesteld.get(plan.id)
        feiten = PlanFeiten(
            woningen=gebied.woningen,
            gasverbruik_m3=gebied.gasverbruik_m3,
            doeljaar=kaders.doeljaar if kaders else plan.doeljaar_aardgasvrij,
            startdatum=plan.startdatum,
            kernwaarde_ids=(
                tuple(sorted(kaders.kernwaarde_ids)) if kaders else tuple(sorted(k.id for k in plan.kernwaarden.all()))
            ),
            doelen=tuple(_doelen(plan, kaders)),
            planning=tuple(
                PlanningItem(soort=f.soort, basisdatum=f.basisdatum, afgerond_op=f.afgerond_op)
                for f in planning.get(plan.id, ())
            ),
        )
        gepubliceerd = {
            periode: Uitkomst(s.waarde, s.status, s.n, s.projectie, s.details)
            for periode, s in vertrouwen.get(plan.id, {}).items()
        }
        puls = {
            periode: {key: s.details[key] for key in ("puls", "puls_n")}
            for periode, s in sturing.get(plan.id, {}).items()
            if "puls" in (s.details or {}) and "puls_n" in s.details
        }
        result[plan.id] = RecomputeInvoer(
            plan.id, feiten, tuple(besluiten.get(plan.id, ())), gepubliceerd, puls, tuple(acties.get(plan.id, ()))
        )
    return result


# --- Council dashboard ---------------------------------------------------------------------


def _cel(snap: IndicatorSnapshot | None, indicator: str) -> dict:
    """One cell of the overview: the figure in a few words, the status with its label, badge
    class and reason (600 per page). No figure, no judgement (issue 10)."""
    status = snap.status if snap and snap.waarde is not None else Status.ONBEKEND
    cel = {"snap": snap, "status": status, "label": uitleg.badge_label(status), "badge": STATUS_BADGE[status]}
    if snap is not None:
        details = {key: getattr(snap, f"detail_{key}", None) for key in OVERVIEW_DETAIL_KEYS}
        cel["kort"] = uitleg.kort(indicator, waarde=snap.waarde, details=details)
        cel["reden"] = uitleg.reden(indicator, status=status, details=details)
    return cel


def snapshot_readings(*, plan_ids: list[int], vanaf: dt.date) -> dict[int, dict[str, list[overview.Reading]]]:
    """Per plan, per indicator: the figure and status of every period from `vanaf`, oldest first.

    One query of four columns, without the (large) details: the overview's trend and how long an
    indicator has been off track, for all plans at once."""
    result: dict[int, dict[str, list[overview.Reading]]] = defaultdict(lambda: defaultdict(list))
    qs = (
        IndicatorSnapshot.objects.filter(plan_id__in=plan_ids, periode__gte=vanaf)
        .order_by("plan_id", "indicator", "periode")
        .values_list("plan_id", "indicator", "periode", "waarde", "status")
    )
    for plan_id, indicator, periode, waarde, status in qs:
        result[plan_id][indicator].append(overview.Reading(periode, waarde, status))
    return result


def latest_besluiten(*, plan_ids: list[int]) -> dict[int, Raadsbesluit]:
    """Per plan its latest council decision (by date, then as recorded), with the figures it was
    based on (`snapshot`); one query for all plans, a plan without a decision is absent."""
    qs = (
        Raadsbesluit.objects.filter(plan_id__in=plan_ids)
        .only("id", "plan_id", "datum", "besluit", "snapshot")
        .order_by("plan_id", "-datum", "-id")
        .distinct("plan_id")
    )
    return {b.plan_id: b for b in qs}


def _months_back(periode: dt.date, months: int) -> dt.date:
    index = periode.year * 12 + periode.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def dashboard_overview(*, vandaag: dt.date | None = None) -> list[dict]:
    """Every plan as the council reads it in one minute (issue 10), plans needing a decision first.

    Per plan: per question (INDICATOR_QUESTIONS order) the figure in a few words, its trend
    against the previous month, the status with its reason; which judgements changed since the
    previous month and since the last council decision; why it stands at the top; the last
    decision and the next decision milestone of the route map. The logic is in `overview`.

    Six queries whatever the number of plans: plans, latest snapshots (a few detail keys), the
    readings of the trend window (four columns), watermarks, latest decisions, next decision
    milestones (routekaart).
    """
    vandaag = vandaag or timezone.localdate()
    plans = list(wup_selectors.plan_list())
    ids = [p.id for p in plans]
    # The overview shows only the traffic lights: leave the (large) details out.
    latest = latest_snapshots(plan_ids=ids, with_details=False)
    # The stored trend window (TREND_MAANDEN, the months a recompute writes) and the month before
    # it: a run off track older than that reads as starting at the window's first month.
    readings = snapshot_readings(plan_ids=ids, vanaf=_months_back(vandaag.replace(day=1), TREND_MAANDEN))
    watermarks = {w.plan_id: w for w in PlanWatermark.objects.filter(plan_id__in=ids)}
    besluiten = latest_besluiten(plan_ids=ids)
    besluitmomenten = routekaart_selectors.volgende_besluitmomenten(plan_ids=ids, vandaag=vandaag)
    rows = []
    for plan in plans:
        per_indicator = latest.get(plan.id, {})
        now = {
            ind: overview.Reading(snap.periode, snap.waarde, snap.status)
            for ind, snap in per_indicator.items()
            if ind in Indicator.values
        }
        earlier = {
            ind: [r for r in series if r.periode < now[ind].periode]
            for ind, series in readings.get(plan.id, {}).items()
            if ind in now
        }
        cellen = []
        for ind in INDICATOR_QUESTIONS:
            cel = _cel(per_indicator.get(ind.value), ind.value)
            reading = now.get(ind.value)
            previous = overview.previous_reading(reading, earlier.get(ind.value, ())) if reading else None
            cel.update(indicator=ind.value, vraag=INDICATOR_QUESTIONS[ind], trend=overview.trend(reading, previous))
            cellen.append(cel)
        previous_judgements = {
            ind: p.judgement
            for ind, reading in now.items()
            if (p := overview.previous_reading(reading, earlier.get(ind, ()))) is not None
        }
        besluit = besluiten.get(plan.id)
        urgentie = overview.urgency(now=now, earlier=earlier, last_decision=besluit.datum if besluit else None)
        moment = besluitmomenten.get(plan.id)
        wm = watermarks.get(plan.id)
        rows.append(
            {
                "plan": plan,
                "cellen": cellen,
                "urgentie": urgentie,
                "urgentie_zin": overview.urgency_text(urgentie),
                "sinds_vorige": overview.status_changes(now, previous_judgements),
                "besluit": besluit,
                "besluit_soort": _besluit_woord(besluit.besluit) if besluit else "",
                "sinds_besluit": (
                    overview.status_changes(now, overview.decision_judgements(besluit.snapshot)) if besluit else []
                ),
                "besluitmoment": _route_mijlpaal(moment) if moment is not None else None,
                "computed_at": wm.computed_at if wm else None,
                "failed_at": wm.failed_at if wm else None,
            }
        )
    rows.sort(key=lambda row: overview.order_key(urgency=row["urgentie"], titel=row["plan"].titel))
    return rows


def _besluit_woord(besluit: str) -> str:
    """The decision's kind inside a sentence: "Bijsturen" -> "bijsturen"."""
    label = str(Besluit(besluit).label)
    return label[:1].lower() + label[1:]


def _doelen(plan, kaders) -> list[Doel]:
    """The interim goals to judge against: the adopted ones (`kaders`, from
    wup.selectors.vastgestelde_kaders) once there is an adopted version, else the plan's own
    (prefetched)."""
    if kaders is not None:
        return [
            Doel(
                id=d["id"],
                omschrijving=d["omschrijving"],
                metriek=d["metriek"],
                streefwaarde=float(d["streefwaarde"]),
                deadline=dt.date.fromisoformat(d["deadline"]),
                kernwaarde_id=d.get("kernwaarde_id"),
            )
            for d in sorted(kaders.doelen, key=lambda d: d["id"])
        ]
    return [
        Doel(
            id=d.id,
            omschrijving=d.omschrijving,
            metriek=d.metriek,
            streefwaarde=float(d.streefwaarde),
            deadline=d.deadline,
            kernwaarde_id=d.kernwaarde_id,
        )
        for d in sorted(plan.tussendoelen.all(), key=lambda d: d.id)
    ]


def plan_doelen(*, plan) -> list[Doel]:
    """The tussendoelen the plan is judged against (adopted, else its own), for the charts."""
    return _doelen(plan, wup_selectors.vastgestelde_kaders(plan_ids=[plan.id]).get(plan.id))


def dashboard_plan(*, plan_id: int):
    """One plan with kaders, all its snapshots (trend), watermark and council decisions."""
    plan = (
        plans_with_kaders(plan_ids=[plan_id])
        .select_related("watermark")
        .prefetch_related(
            Prefetch("indicator_snapshots", queryset=IndicatorSnapshot.objects.order_by("indicator", "periode")),
            Prefetch(
                "raadsbesluiten",
                queryset=Raadsbesluit.objects.order_by("-datum", "-id").prefetch_related(
                    Prefetch(
                        "stuuracties",
                        queryset=Stuuractie.objects.select_related("wie_partij").order_by("uiterlijk", "id"),
                    )
                ),
            ),
        )
        .first()
    )
    return plan


# --- Steering actions (stuuracties) --------------------------------------------------------


@dataclass(frozen=True)
class StuuractieRegel:
    """One steering action as the plan page lists it: "overdue" derived against today."""

    actie: Stuuractie
    over_tijd: bool  # open and its due date has passed

    @property
    def wie(self) -> str:
        return self.actie.wie_partij.naam if self.actie.wie_partij_id else self.actie.wie


def _regel(actie: Stuuractie, vandaag: dt.date) -> StuuractieRegel:
    return StuuractieRegel(actie, actie.status == StuuractieStatus.OPEN and actie.uiterlijk < vandaag)


@dataclass(frozen=True)
class PlanStuuracties:
    """The plan's open actions (by due date, at most STUURACTIES_OPEN_MAX) and its closed ones
    (done or cancelled, last changed first, at most STUURACTIES_AFGEROND_MAX); `meer_open` /
    `meer_afgerond` say that the list was cut."""

    open: list[StuuractieRegel]
    afgerond: list[StuuractieRegel]
    meer_open: bool
    meer_afgerond: bool


def plan_stuuracties(*, plan_id: int, vandaag: dt.date) -> PlanStuuracties:
    """The plan page's steering actions: two queries (open, closed), each with its party."""
    qs = Stuuractie.objects.filter(plan_id=plan_id).select_related("wie_partij")
    open_ = list(qs.filter(status=StuuractieStatus.OPEN).order_by("uiterlijk", "id")[: STUURACTIES_OPEN_MAX + 1])
    afgerond = list(
        qs.exclude(status=StuuractieStatus.OPEN).order_by("-updated_at", "-id")[: STUURACTIES_AFGEROND_MAX + 1]
    )
    return PlanStuuracties(
        open=[_regel(a, vandaag) for a in open_[:STUURACTIES_OPEN_MAX]],
        afgerond=[_regel(a, vandaag) for a in afgerond[:STUURACTIES_AFGEROND_MAX]],
        meer_open=len(open_) > STUURACTIES_OPEN_MAX,
        meer_afgerond=len(afgerond) > STUURACTIES_AFGEROND_MAX,
    )


def besluit_stuuracties(*, besluit: Raadsbesluit, vandaag: dt.date) -> list[StuuractieRegel]:
    """The actions a decision asks for (prefetched by `dashboard_plan`: no query)."""
    return [_regel(a, vandaag) for a in besluit.stuuracties.all()]


def open_stuuracties(*, plan_id: int):
    """The plan's open actions, by due date: what a council decision can ask for."""
    return Stuuractie.objects.filter(plan_id=plan_id, status=StuuractieStatus.OPEN).order_by("uiterlijk", "id")


def stuuractie_get(*, stuuractie_id: int) -> Stuuractie | None:
    """One action with its plan and party (one query), or None."""
    return Stuuractie.objects.select_related("plan", "wie_partij").filter(id=stuuractie_id).first()


@dataclass(frozen=True)
class Vergelijking:
    """One indicator's figure at a decision beside today's (the decision's table)."""

    indicator: str
    label: str
    toen_waarde: float | None
    toen_status: str | None
    toen_periode: str | None
    nu_waarde: float | None
    nu_status: str | None
    nu_periode: dt.date | None


def besluit_vergelijking(*, snapshot: dict, actueel: dict[str, IndicatorSnapshot | None]) -> list[Vergelijking]:
    """The figures a decision was taken on (its stored `snapshot`) beside today's latest
    snapshot of the same indicators, in the order of the six; pure, no query."""
    rijen = []
    for ind in Indicator:
        toen = (snapshot or {}).get(ind.value)
        if not isinstance(toen, dict):
            continue
        nu = actueel.get(ind.value)
        rijen.append(
            Vergelijking(
                indicator=ind.value,
                label=str(ind.label),
                toen_waarde=toen.get("waarde"),
                toen_status=toen.get("status"),
                toen_periode=toen.get("periode"),
                nu_waarde=nu.waarde if nu else None,
                nu_status=nu.status if nu else None,
                nu_periode=nu.periode if nu else None,
            )
        )
    return rijen


# --- Where the plan stands on its route ----------------------------------------------------

# The badge of each derived routekaart status (routekaart.constants.PlanningStatus): what needs
# the council's attention stands out.
PLANNING_BADGE = {
    PlanningStatus.OVER_TIJD: "text-bg-danger",
    PlanningStatus.VERWACHT_TE_LAAT: "text-bg-warning",
    PlanningStatus.GEPLAND: "text-bg-secondary",
    PlanningStatus.OP_TIJD: "text-bg-success",
    PlanningStatus.TE_LAAT: "text-bg-warning",
    PlanningStatus.GEMIST: "text-bg-danger",
}


@dataclass(frozen=True)
class RouteMijlpaal:
    """One milestone as the council's plan page shows it."""

    naam: str
    partij: str  # the responsible party's name, "" when none is named
    prognose: dt.date  # the forecast (current expectation)
    basisdatum: dt.date  # the baseline (as first agreed)
    status: str  # routekaart.constants.PlanningStatus, derived against today
    label: str  # that status in the user's language
    badge: str  # its badge class
    over_tijd: bool  # the baseline has passed and it is not reached
    besluitmoment: bool


def _route_mijlpaal(mijlpaal) -> RouteMijlpaal:
    status = PlanningStatus(mijlpaal.planning)
    partij = mijlpaal.verantwoordelijke
    return RouteMijlpaal(
        naam=mijlpaal.naam,
        partij=partij.naam if partij else "",
        prognose=mijlpaal.prognose,
        basisdatum=mijlpaal.basisdatum,
        status=status.value,
        label=str(status.label),
        badge=PLANNING_BADGE[status],
        over_tijd=status == PlanningStatus.OVER_TIJD,
        besluitmoment=mijlpaal.besluitmoment,
    )


@dataclass(frozen=True)
class Route:
    """Where a plan stands: its current phase(s), the next phase, the next decision milestone
    and the next milestones, all from the routekaart (route map) and the plan's phases."""

    huidige_fasen: list
    volgende_fase: object | None
    afgerond: bool  # every phase has ended
    nog_niet_begonnen: bool  # today is before the first phase (the next phase is the first)
    besluit: RouteMijlpaal | None  # the next open decision milestone
    volgende_mijlpalen: list[RouteMijlpaal]


def plan_route(*, plan, vandaag: dt.date, limit: int = 5) -> Route:
    """The plan's phase today (from its fasen, prefetched), the next decision milestone and
    the next open milestones by forecast, overdue ones first (they are still to come).

    Two queries whatever the number of milestones (`routekaart.selectors.waar_op_route` and
    `volgende_mijlpalen`, each with the responsible party). Phases may overlap (building the
    main pipe while the first blocks connect): every phase today falls in is current.
    """
    fasen = sorted(plan.fasen.all(), key=lambda f: (f.startdatum, f.volgorde))
    positie = routekaart_selectors.waar_op_route(plan_id=plan.id, fasen=fasen, vandaag=vandaag)
    mijlpalen = routekaart_selectors.volgende_mijlpalen(plan_id=plan.id, vandaag=vandaag, aantal=limit)
    return Route(
        huidige_fasen=[f for f in fasen if f.startdatum <= vandaag <= f.einddatum],
        volgende_fase=positie.volgende_fase,
        afgerond=bool(fasen) and all(f.einddatum < vandaag for f in fasen),
        nog_niet_begonnen=bool(fasen) and all(f.startdatum > vandaag for f in fasen),
        besluit=_route_mijlpaal(positie.besluit) if positie.besluit is not None else None,
        volgende_mijlpalen=[_route_mijlpaal(m) for m in mijlpalen],
    )


# --- Scenarios (wat als?) ------------------------------------------------------------------


def plan_scenarios(*, plan_id: int) -> list[Scenario]:
    """The plan's saved scenarios by name (one query, whatever their number)."""
    return list(Scenario.objects.filter(plan_id=plan_id).order_by("naam", "id"))


def scenario_get(*, scenario_id: int) -> Scenario | None:
    """One saved scenario with its plan (one query), or None."""
    return Scenario.objects.select_related("plan").filter(id=scenario_id).first()


def scenario_baseline(*, plan, resultaten: IndicatorSnapshot | None, doelen: list[Doel]) -> scenario.Baseline | None:
    """Where the plan stands for a scenario: its latest results snapshot (homes of the plan
    area, gas-free so far, the pace of its last 12 months, its month), the target year and
    the tussendoelen. None before the results were ever computed. No query."""
    if resultaten is None:
        return None
    details = resultaten.details or {}
    return scenario.Baseline(
        woningen=details.get("woningen"),
        aardgasvrij=int(details.get("aardgasvrij") or 0),
        tempo_per_jaar=int((resultaten.projectie or {}).get("tempo_per_jaar") or 0),
        maand=resultaten.periode,
        doeljaar=plan.doeljaar_aardgasvrij,
        doelen=tuple(doelen),
    )
