"""Reads of the `wup` app. Permission scoping of plans lives here (plans_visible_for)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.constants import ACCOUNT_ROLES
from core.tekst import inkorten

from .constants import PlanStatus
from .maps import geometry_to_svg_paths
from .models import (
    Ambitie,
    Buurt,
    Fase,
    GasEinddatumBuurt,
    GelijkwaardigAlternatief,
    Investering,
    Kernwaarde,
    Maatregel,
    OverwogenAlternatief,
    Partij,
    Plan,
    PlanBuurt,
    PlanStatusWijziging,
    PlanVersie,
    TechniekKader,
    Tussendoel,
    Waarborg,
    Wijk,
)
from .wgiw import Alternatief, WgiwCheck, WgiwInvoer, wgiw_check


def plans_visible_for(*, user) -> QuerySet[Plan]:
    """Plans a user may read: every plan for internal accounts (one municipality per
    installation), none for anyone else (residents see the public pages of later issues)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser or user.groups.filter(name__in=[r.value for r in ACCOUNT_ROLES]).exists():
        return Plan.objects.all()
    return Plan.objects.none()


def plan_list(
    *,
    user=None,
    zoek: str = "",
    wijk=None,
    status: str = "",
    techniekrichting: str = "",
    focus: str = "",
) -> QuerySet[Plan]:
    """Plans for the list page and the dashboard; without a user every plan (internal callers)."""
    plans = plans_visible_for(user=user) if user is not None else Plan.objects.all()
    if zoek:
        plans = plans.filter(titel__icontains=zoek.strip())
    if wijk:
        plans = plans.filter(wijk=wijk)
    if status:
        plans = plans.filter(status=status)
    if techniekrichting:
        plans = plans.filter(techniekrichting=techniekrichting)
    if focus:
        plans = plans.filter(focus=focus)
    return plans.select_related("wijk", "gemeente").order_by("titel", "id")


def plan_is_openbaar(*, plan: Plan) -> bool:
    """Whether the plan's content may be shown to the public (residents, the public page, feeds).

    A draft (concept) is internal; so is a plan stopped before it ever went out for
    consultation. From consultation on, the plan is public, also once stopped or finished.
    """
    if plan.status == PlanStatus.CONCEPT:
        return False
    if plan.status == PlanStatus.GESTOPT:
        return plan.statuswijzigingen.exclude(naar__in=[PlanStatus.CONCEPT, PlanStatus.GESTOPT]).exists()
    return True


def plan_get(*, pk: int, user=None) -> Plan:
    """One plan with everything its WUP document shows, in a fixed number of queries."""
    plans = plans_visible_for(user=user) if user is not None else Plan.objects.all()
    return (
        plans.select_related("wijk", "gemeente")
        .prefetch_related(
            Prefetch("buurten", queryset=Buurt.objects.order_by("code")),
            Prefetch("techniekkaders", queryset=TechniekKader.objects.order_by("soort", "techniekrichting")),
            Prefetch(
                "kernwaarden",
                queryset=Kernwaarde.objects.prefetch_related(
                    Prefetch("tussendoelen", queryset=Tussendoel.objects.order_by("deadline", "id"))
                ),
            ),
            Prefetch("ambities", queryset=Ambitie.objects.prefetch_related("betrokken_partijen").order_by("id")),
            Prefetch("partijen", queryset=Partij.objects.order_by("naam")),
            Prefetch("tussendoelen", queryset=Tussendoel.objects.select_related("kernwaarde").order_by("deadline")),
            Prefetch("fasen", queryset=Fase.objects.order_by("volgorde", "startdatum")),
            # The Wgiw parts (wgiw page, completeness check, plan document)
            Prefetch("gas_einddata_buurt", queryset=GasEinddatumBuurt.objects.select_related("buurt")),
            Prefetch("maatregelen", queryset=Maatregel.objects.select_related("partij")),
            Prefetch("investeringen", queryset=Investering.objects.select_related("partij")),
            "gelijkwaardige_alternatieven",
            "overwogen_alternatieven",
            "waarborgen",
            Prefetch(
                "statuswijzigingen", queryset=PlanStatusWijziging.objects.select_related("door").order_by("op", "id")
            ),
        )
        .get(pk=pk)
    )


# --- Map of the plan area ---------------------------------------------------------------------


@dataclass
class KaartVorm:
    """One shape on the map: its name (a tooltip) and its SVG path."""

    naam: str
    d: str


@dataclass
class PlanKaart:
    """The plan area as an SVG map: the wijk's outline and the plan's buurten, filled."""

    viewbox: str
    width: int
    height: int
    wijk_naam: str  # "" when the plan has no wijk
    wijk: KaartVorm | None
    buurten: list[KaartVorm]


def plan_map(*, plan: Plan) -> PlanKaart | None:
    """The map of a plan read with plan_get: no query of its own (the boundaries come with the
    wijk row and the prefetched buurten). None when neither the wijk nor a buurt has a boundary."""
    wijk = plan.wijk
    buurten = [b for b in plan.buurten.all() if b.geometrie]
    drawn = geometry_to_svg_paths([wijk.geometrie if wijk else None] + [b.geometrie for b in buurten])
    wijk_d, *buurt_ds = drawn["paths"]
    vormen = [KaartVorm(naam=str(b), d=d) for b, d in zip(buurten, buurt_ds, strict=True) if d]
    if not wijk_d and not vormen:
        return None
    return PlanKaart(
        viewbox=drawn["viewbox"],
        width=drawn["width"],
        height=drawn["height"],
        wijk_naam=(wijk.naam or wijk.code) if wijk else "",
        wijk=KaartVorm(naam=str(wijk), d=wijk_d) if wijk_d else None,
        buurten=vormen,
    )


# --- History (django-pghistory event tables) -------------------------------------------------

TRACKED = (
    (Plan, _("Plan"), "pgh_obj_id"),
    (TechniekKader, _("Technique frame"), "plan_id"),
    (Kernwaarde, _("Core value"), "plan_id"),
    (Ambitie, _("Shared ambition"), "plan_id"),
    (Tussendoel, _("Interim goal"), "plan_id"),
    (Fase, _("Phase"), "plan_id"),
    (Partij, _("Party"), "plan_id"),
    (GasEinddatumBuurt, _("End of the gas supply in a buurt"), "plan_id"),
    (Maatregel, _("Measure"), "plan_id"),
    (Investering, _("Investment"), "plan_id"),
    (GelijkwaardigAlternatief, _("Equivalent alternative"), "plan_id"),
    (OverwogenAlternatief, _("Considered alternative"), "plan_id"),
    (Waarborg, _("Safeguard"), "plan_id"),
)
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "plan", "gemeente"}


@dataclass
class Wijziging:
    """One change of a field: label, old and new value (as text)."""

    label: str
    oud: str
    nieuw: str


@dataclass
class HistoryEntry:
    op: dt.datetime
    soort: str  # the kind of object (plan, kernwaarde, ...)
    object_naam: str
    actie: str  # insert / update / delete; buurt_add / buurt_remove for the plan area
    door: str
    wijzigingen: list[Wijziging] = field(default_factory=list)


def _display(model, name: str, value, names: dict) -> str:
    if value is None or value == "":
        return "—"
    f = model._meta.get_field(name)
    if f.choices:
        return str(dict(f.choices).get(value, value))
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if isinstance(value, dt.date):
        return dates.datum_kort(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def plan_history(*, plan: Plan) -> list[HistoryEntry]:
    """Who changed what and when on a plan, its plan area and its kaders, newest first, as readable diffs.

    Reads the per-model event tables written by database triggers (django-pghistory); the user
    comes from the pghistory context that HistoryMiddleware attaches to each request.
    """
    rows = []
    for model, soort, key in TRACKED:
        events = model.pgh_event_model.objects.filter(**{key: plan.pk}).select_related("pgh_context")
        rows.extend((model, soort, e) for e in events)
    # Kernwaarde names for the tussendoel diffs, users for "who", both in one query each.
    user_ids = {e.pgh_context.metadata.get("user") for _, _, e in rows if e.pgh_context_id}
    names: dict = {
        (Kernwaarde, e.pgh_obj_id): f"{e.pool_links} ↔ {e.pool_rechts}" for m, _, e in rows if m is Kernwaarde
    }
    wijk_ids = {e.wijk_id for m, _, e in rows if m is Plan and e.wijk_id}
    names.update({(Wijk, w.pk): str(w) for w in Wijk.objects.filter(pk__in=wijk_ids)})

    # The plan area: buurten added to or removed from the plan (M2M events, no diff of fields).
    buurt_events = list(PlanBuurt.pgh_event_model.objects.filter(plan_id=plan.pk).select_related("pgh_context"))
    user_ids |= {e.pgh_context.metadata.get("user") for e in buurt_events if e.pgh_context_id}
    buurt_names = {b.pk: str(b) for b in Buurt.objects.filter(pk__in={e.buurt_id for e in buurt_events})}
    users = {
        u.pk: (u.get_full_name() or u.get_username())
        for u in get_user_model().objects.filter(pk__in={i for i in user_ids if isinstance(i, int)})
    }
    rows.extend((PlanBuurt, _("Plan area"), e) for e in buurt_events)

    rows.sort(key=lambda r: (r[2].pgh_created_at, r[2].pgh_id))
    previous: dict[tuple, object] = {}
    entries: list[HistoryEntry] = []
    for model, soort, event in rows:
        if model is PlanBuurt:
            user_id = event.pgh_context.metadata.get("user") if event.pgh_context_id else None
            entries.append(
                HistoryEntry(
                    op=event.pgh_created_at,
                    soort=str(soort),
                    object_naam=buurt_names.get(event.buurt_id, f"#{event.buurt_id}"),
                    actie="buurt_add" if event.pgh_label == "insert" else "buurt_remove",
                    door=users.get(user_id, str(_("system"))),
                )
            )
            continue
        fields = [f.name for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
        before = previous.get((model, event.pgh_obj_id))
        wijzigingen = []
        for name in fields:
            attname = model._meta.get_field(name).attname
            new = getattr(event, attname)
            old = getattr(before, attname) if before is not None else None
            if event.pgh_label == "delete":
                continue
            if before is None and new in (None, ""):
                continue
            if before is not None and old == new:
                continue
            wijzigingen.append(
                Wijziging(
                    label=str(model._meta.get_field(name).verbose_name).capitalize(),
                    oud=_display(model, name, old, names) if before is not None else "",
                    nieuw=_display(model, name, new, names),
                )
            )
        previous[(model, event.pgh_obj_id)] = event
        if event.pgh_label == "update" and not wijzigingen:
            continue  # only timestamps changed
        user_id = event.pgh_context.metadata.get("user") if event.pgh_context_id else None
        entries.append(
            HistoryEntry(
                op=event.pgh_created_at,
                soort=str(soort),
                object_naam=_object_name(model, event),
                actie=event.pgh_label,
                door=users.get(user_id, str(_("system"))),
                wijzigingen=wijzigingen,
            )
        )
    entries.reverse()
    return entries


def _object_name(model, event) -> str:
    if model is Plan:
        return event.titel
    if model is TechniekKader:
        return str(dict(TechniekKader._meta.get_field("techniekrichting").choices).get(event.techniekrichting))
    if model is Kernwaarde:
        return f"{event.pool_links} ↔ {event.pool_rechts}"
    if model in (Ambitie, Tussendoel, GelijkwaardigAlternatief):
        return inkorten(event.omschrijving)
    if model in (Maatregel, Investering):
        return event.wat
    if model in (OverwogenAlternatief,):
        return str(dict(OverwogenAlternatief._meta.get_field("techniekrichting").choices).get(event.techniekrichting))
    if model is Waarborg:
        return str(dict(Waarborg._meta.get_field("soort").choices).get(event.soort))
    if model is GasEinddatumBuurt:
        return dates.datum_kort(event.datum)
    return event.naam


def plan_fasen(*, plan: Plan) -> list[Fase]:
    """The plan's phases in order (the routekaart's phases: one model for both)."""
    return list(Fase.objects.filter(plan=plan).order_by("volgorde", "startdatum", "id"))


def fase_choices(*, plan: Plan) -> QuerySet[Fase]:
    """The plan's phases as a queryset, for a form's choice field (the routekaart's milestones)."""
    return Fase.objects.filter(plan=plan).order_by("volgorde", "startdatum", "id")


def plan_partijen(*, plan: Plan) -> QuerySet[Partij]:
    """The plan's parties: the one list agreements, milestones, ambitions and investments use."""
    return Partij.objects.filter(plan=plan).order_by("naam")


@dataclass(frozen=True)
class PlanGebied:
    """The plan area's facts: sums over the plan's buurten (the whole wijk when none is chosen).

    Unknown stays unknown: when one buurt's homes are unknown, the area's homes are unknown
    (None) and `onbekend` names that buurt, instead of a percentage over too few homes.
    """

    buurten: int = 0
    woningen: int | None = None
    inwoners: int | None = None
    gasverbruik_m3: float | None = None  # mean per home, weighted by homes
    onbekend: tuple[str, ...] = ()


def _gebied(rijen: list[tuple]) -> PlanGebied:
    """From (buurt code, homes, inhabitants, gas use per home) rows."""
    if not rijen:
        return PlanGebied()
    onbekend = tuple(code for code, woningen, _, _ in rijen if woningen is None)
    woningen = None if onbekend else sum(w for _, w, _, _ in rijen)
    inwoners = None if any(i is None for _, _, i, _ in rijen) else sum(i for _, _, i, _ in rijen)
    gewogen = [(g, w) for _, w, _, g in rijen if g is not None and w]
    totaal = sum(w for _, w in gewogen)
    gas = sum(g * w for g, w in gewogen) / totaal if totaal and not onbekend else None
    return PlanGebied(len(rijen), woningen, inwoners, gas, onbekend)


def plan_gebieden(*, plans: list[Plan]) -> dict[int, PlanGebied]:
    """The plan area of each plan, in two queries whatever the number of plans.

    A plan with buurten: the sums over them. A plan without (the whole wijk is the area): the
    wijk's own facts, which are the sums over all its buurten (`wijk_recompute_facts`).
    """
    kolommen = ("code", "woningvoorraad", "inwoners", "gem_aardgasverbruik_m3")
    per_plan: dict[int, list[tuple]] = {}
    rows = PlanBuurt.objects.filter(plan_id__in=[p.id for p in plans]).values_list(
        "plan_id", *(f"buurt__{k}" for k in kolommen)
    )
    for plan_id, *rij in rows:
        per_plan.setdefault(plan_id, []).append(tuple(rij))
    zonder = {p.wijk_id for p in plans if p.id not in per_plan and p.wijk_id}
    wijken = {
        wijk_id: PlanGebied(
            buurten=0,
            woningen=woningen,
            inwoners=inwoners,
            gasverbruik_m3=float(gas) if gas is not None else None,
            onbekend=() if woningen is not None else (code,),
        )
        for wijk_id, code, woningen, inwoners, gas in Wijk.objects.filter(id__in=zonder).values_list("id", *kolommen)
    }
    return {p.id: _gebied(per_plan[p.id]) if p.id in per_plan else wijken.get(p.wijk_id, PlanGebied()) for p in plans}


def wijken_met_buurten(*, zoek: str = "", zonder_naam: bool = False) -> QuerySet[Wijk]:
    """Wijken (by code) with their buurten prefetched: two queries per page whatever its size.

    `zoek` matches a code or a name (of the wijk or one of its buurten), case-insensitively.
    """
    qs = Wijk.objects.all()
    if zoek:
        qs = qs.filter(
            Q(code__icontains=zoek)
            | Q(naam__icontains=zoek)
            | Q(buurten__code__icontains=zoek)
            | Q(buurten__naam__icontains=zoek)
        ).distinct()
    if zonder_naam:
        qs = qs.filter(naam="")
    return qs.prefetch_related(Prefetch("buurten", queryset=Buurt.objects.order_by("code"))).order_by("code")


def wijken_zonder_naam_count() -> int:
    return Wijk.objects.filter(naam="").count()


def wijk_choices() -> QuerySet[Wijk]:
    return Wijk.objects.order_by("naam", "code")


def buurt_choices() -> QuerySet[Buurt]:
    return Buurt.objects.select_related("wijk").order_by("wijk__code", "code")


def gemeente_kaders(*, model) -> QuerySet:
    """The municipality-wide kaders of one kind (plan NULL: from the Transitievisie Warmte)."""
    qs = model.objects.filter(plan__isnull=True)
    return qs.prefetch_related("betrokken_partijen") if model is Ambitie else qs


def gemeente_heeft_kaders() -> bool:
    """Whether the municipality has any kaders of its own to copy into a new plan."""
    return any(gemeente_kaders(model=model).exists() for model in (TechniekKader, Kernwaarde, Ambitie, Tussendoel))


# --- The Wgiw completeness check -------------------------------------------------------------


def plan_wgiw_invoer(*, plan: Plan, vastgesteld_op: dt.date | None = None) -> WgiwInvoer:
    """The plan's Wgiw content as plain data for wup.wgiw; no query of its own on a plan read
    with plan_get (its relations are prefetched), a few on any other plan."""
    return WgiwInvoer(
        gas_einddatum=plan.gas_einddatum,
        buurt_einddata=tuple((g.buurt.naam, g.datum) for g in plan.gas_einddata_buurt.all()),
        buurten=tuple(b.naam for b in plan.buurten.all()),
        aanwijsbevoegdheid=plan.aanwijsbevoegdheid,
        omgevingsplanregel_op=plan.omgevingsplanregel_op,
        vastgesteld_op=vastgesteld_op or plan.vastgesteld_op,
        alternatieven=tuple(
            Alternatief(
                label=a.get_techniekrichting_display(), kosten=a.nationale_kosten, eenheid=a.eenheid, gekozen=a.gekozen
            )
            for a in plan.overwogen_alternatieven.all()
        ),
        maatregelen=len(plan.maatregelen.all()),
        investeringen=len(plan.investeringen.all()),
        keuzeruimte=plan.keuzeruimte,
        gelijkwaardige_alternatieven=len(plan.gelijkwaardige_alternatieven.all()),
        keuze_motivatie=plan.keuze_motivatie,
        waarborgen=frozenset(w.soort for w in plan.waarborgen.all() if w.invulling.strip()),
        participatie_verantwoording=plan.participatie_verantwoording,
    )


def plan_wgiw_check(*, plan: Plan, vastgesteld_op: dt.date | None = None) -> WgiwCheck:
    """What the plan still lacks under the Wgiw, what refuses its adoption and what to look at."""
    return wgiw_check(plan_wgiw_invoer(plan=plan, vastgesteld_op=vastgesteld_op), vandaag=timezone.localdate())


# --- Adopted versions ---------------------------------------------------------------------


def plan_versie_volgende_nummer(*, plan: Plan) -> int:
    return (PlanVersie.objects.filter(plan=plan).order_by("-nummer").values_list("nummer", flat=True).first() or 0) + 1


def plan_versies(*, plan: Plan) -> list[PlanVersie]:
    """The plan's adopted versions, newest first, without their PDF bytes."""
    return list(PlanVersie.objects.filter(plan=plan).defer("pdf", "inhoud").order_by("-nummer"))


def plan_versie_get(*, plan: Plan, nummer: int | None = None) -> PlanVersie | None:
    """One adopted version (the newest when `nummer` is None) with its content, without the PDF."""
    versies = PlanVersie.objects.filter(plan=plan).defer("pdf").order_by("-nummer")
    if nummer is not None:
        versies = versies.filter(nummer=nummer)
    return versies.first()


def plan_versie_pdf(*, plan: Plan, nummer: int | None = None) -> tuple[PlanVersie, bytes] | None:
    """The PDF exactly as adopted (the newest version when `nummer` is None)."""
    versies = PlanVersie.objects.filter(plan=plan).defer("inhoud").order_by("-nummer")
    if nummer is not None:
        versies = versies.filter(nummer=nummer)
    versie = versies.first()
    return (versie, bytes(versie.pdf)) if versie else None


@dataclass
class VastgesteldeKaders:
    """What the council adopted to judge the plan against (the newest adopted version)."""

    nummer: int
    vastgesteld_op: dt.date
    doelen: list[dict]
    kernwaarde_ids: list[int]
    doeljaar: int | None


def vastgestelde_kaders(*, plan_ids: list[int] | None = None) -> dict[int, VastgesteldeKaders]:
    """Per plan with an adopted version, the interim goals, core values and target year of its newest one.
    One query, reading only those two parts of the stored content."""
    rijen = PlanVersie.objects.order_by("plan_id", "-nummer").distinct("plan_id")
    if plan_ids is not None:
        rijen = rijen.filter(plan_id__in=plan_ids)
    return {
        r["plan_id"]: VastgesteldeKaders(
            nummer=r["nummer"],
            vastgesteld_op=r["vastgesteld_op"],
            doelen=r["inhoud__doelen"] or [],
            kernwaarde_ids=r["inhoud__kernwaarde_ids"] or [],
            doeljaar=r["inhoud__doeljaar_aardgasvrij"],
        )
        for r in rijen.values(
            "plan_id",
            "nummer",
            "vastgesteld_op",
            "inhoud__doelen",
            "inhoud__kernwaarde_ids",
            "inhoud__doeljaar_aardgasvrij",
        )
    }
