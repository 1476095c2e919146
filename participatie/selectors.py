"""Reads of the `participatie` app. Results aggregate in PostgreSQL: a constant number of queries."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from wup import selectors as wup_selectors

from .constants import (
    LIKERT_LABELS,
    MIN_CELL,
    SCORED_DIMENSIES,
    TEKST_TYPES,
    Dimensie,
    Doelgroep,
    VraagType,
    VragenlijstStatus,
)
from .models import Antwoord, Bijeenkomst, Respons, Vraag, Vragenlijst


def plan_get(*, pk: int):
    """A plan through wup's selectors (layering: participatie reads wup only via its selectors)."""
    return wup_selectors.plan_list().get(pk=pk)


def plans_with_participatie() -> QuerySet:
    return wup_selectors.plan_list().annotate(
        n_vragenlijsten=Count("vragenlijsten", distinct=True), n_bijeenkomsten=Count("bijeenkomsten", distinct=True)
    )


def vragenlijst_list(*, plan, doelgroep: str | None = None) -> QuerySet[Vragenlijst]:
    vragenlijsten = Vragenlijst.objects.filter(plan=plan)
    if doelgroep is not None:
        vragenlijsten = vragenlijsten.filter(doelgroep=doelgroep)
    return vragenlijsten.annotate(
        n_responsen=Count("responsen", distinct=True), n_vragen=Count("vragen", distinct=True)
    ).order_by("-created_at")


def vragenlijst_get(*, pk: int) -> Vragenlijst:
    return Vragenlijst.objects.select_related("plan").get(pk=pk)


def vragenlijst_by_slug(*, slug: str) -> Vragenlijst | None:
    """The survey of a typed or scanned slug: exactly as stored (older slugs are mixed case), or
    in lower case (a new slug typed with capitals: they are all lower case)."""
    kandidaten = {slug, slug.lower()}
    vragenlijsten = list(Vragenlijst.objects.select_related("plan").filter(slug__in=kandidaten)[:2])
    return next((v for v in vragenlijsten if v.slug == slug), vragenlijsten[0] if vragenlijsten else None)


def vragen_for(*, vragenlijst: Vragenlijst) -> list[Vraag]:
    return list(vragenlijst.vragen.prefetch_related("opties").order_by("volgorde", "id"))


def vragenlijst_has_responses(*, vragenlijst: Vragenlijst) -> bool:
    return Respons.objects.filter(vragenlijst=vragenlijst).exists()


def open_vragenlijst_for_plan(*, plan) -> Vragenlijst | None:
    """The residents' open survey (the public page links it); never a civil servants' pulse round."""
    now = timezone.now()
    return (
        Vragenlijst.objects.filter(plan=plan, status=VragenlijstStatus.OPEN, doelgroep=Doelgroep.BEWONERS)
        .filter(Q(opent_op__isnull=True) | Q(opent_op__lte=now))
        .filter(Q(sluit_op__isnull=True) | Q(sluit_op__gt=now))
        .order_by("-created_at")
        .first()
    )


def bijeenkomst_list(*, plan) -> QuerySet[Bijeenkomst]:
    return Bijeenkomst.objects.filter(plan=plan).order_by("-datum")


def bijeenkomsten_upcoming(*, plan) -> QuerySet[Bijeenkomst]:
    return Bijeenkomst.objects.filter(plan=plan, datum__gte=timezone.now()).order_by("datum")


# --- Results ----------------------------------------------------------------------------------


@dataclass
class Rij:
    label: str
    n: int
    pct: float


@dataclass
class VraagResultaat:
    vraag: Vraag
    n: int
    rijen: list[Rij] = field(default_factory=list)
    gemiddelde: float | None = None
    teksten: list[str] = field(default_factory=list)
    onderdrukt: bool = False

    @property
    def is_tekst(self) -> bool:
        return self.vraag.type in TEKST_TYPES

    @property
    def chart_id(self) -> str:
        return f"grafiek-vraag-{self.vraag.pk}"


@dataclass
class DimensieScore:
    dimensie: str
    label: str
    gemiddelde: float | None
    n: int
    onderdrukt: bool


@dataclass
class Uitsplitsing:
    """Cross-tab: per option of a single-choice question, the mean per dimension (n >= MIN_CELL)."""

    vraag: Vraag
    kolommen: list[str]
    rijen: list[tuple[str, list[tuple[float | None, int, bool]]]]


@dataclass
class Resultaten:
    vragenlijst: Vragenlijst
    n_responsen: int
    vragen: list[VraagResultaat]
    dimensies: list[DimensieScore]
    uitsplitsingen: list[Uitsplitsing]


CROSSTAB_SQL = """
SELECT b.vraag_id, ao.optie_id, v.dimensie, AVG(a.getal)::float, COUNT(DISTINCT a.respons_id)
FROM participatie_antwoord a
JOIN participatie_vraag v ON v.id = a.vraag_id
JOIN participatie_antwoord b ON b.respons_id = a.respons_id
JOIN participatie_vraag bv ON bv.id = b.vraag_id AND bv.type = %s
JOIN participatie_antwoord_opties ao ON ao.antwoord_id = b.id
WHERE v.vragenlijst_id = %s AND v.type = %s AND v.dimensie <> %s AND a.getal IS NOT NULL
GROUP BY b.vraag_id, ao.optie_id, v.dimensie
"""


def vragenlijst_results(*, vragenlijst: Vragenlijst) -> Resultaten:
    """Everything the results page shows, in 9 queries whatever the number of responses.

    Suppression (DESIGN.md privacy): a figure resting on fewer than MIN_CELL responses is hidden.
    """
    vragen = vragen_for(vragenlijst=vragenlijst)  # 2 queries (questions + options)
    n_responsen = Respons.objects.filter(vragenlijst=vragenlijst).count()
    antwoorden = Antwoord.objects.filter(vraag__vragenlijst=vragenlijst)
    n_per_vraag = dict(antwoorden.values_list("vraag_id").annotate(n=Count("id")).order_by())
    getal_counts: dict[int, dict[int, int]] = defaultdict(dict)
    for vraag_id, getal, n in (
        antwoorden.filter(getal__isnull=False).values_list("vraag_id", "getal").annotate(n=Count("id")).order_by()
    ):
        getal_counts[vraag_id][getal] = n
    optie_counts = dict(
        Antwoord.opties.through.objects.filter(antwoord__vraag__vragenlijst=vragenlijst)
        .values_list("optie_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    teksten: dict[int, list[str]] = defaultdict(list)
    for vraag_id, tekst in (
        antwoorden.filter(vraag__type__in=TEKST_TYPES).exclude(tekst="").values_list("vraag_id", "tekst").order_by("id")
    ):
        teksten[vraag_id].append(tekst)
    dim_rows = {
        row["vraag__dimensie"]: row
        for row in antwoorden.filter(vraag__type=VraagType.LIKERT, getal__isnull=False)
        .exclude(vraag__dimensie=Dimensie.GEEN)
        .values("vraag__dimensie")
        .annotate(gem=Avg("getal"), n=Count("respons", distinct=True))
        .order_by()
    }
    with connection.cursor() as cursor:
        cursor.execute(CROSSTAB_SQL, [VraagType.ENKELE_KEUZE, vragenlijst.pk, VraagType.LIKERT, Dimensie.GEEN])
        crosstab = cursor.fetchall()

    resultaten = [_vraag_resultaat(v, n_per_vraag.get(v.pk, 0), getal_counts, optie_counts, teksten) for v in vragen]
    dimensies = []
    for d in SCORED_DIMENSIES:
        row = dim_rows.get(d.value, {"gem": None, "n": 0})
        hidden = row["n"] < MIN_CELL
        dimensies.append(
            DimensieScore(
                dimensie=d.value,
                label=str(d.label),
                gemiddelde=None if hidden else round(row["gem"], 2),
                n=row["n"],
                onderdrukt=hidden,
            )
        )
    return Resultaten(
        vragenlijst=vragenlijst,
        n_responsen=n_responsen,
        vragen=resultaten,
        dimensies=dimensies,
        uitsplitsingen=_uitsplitsingen(vragen, crosstab),
    )


def _vraag_resultaat(vraag, n, getal_counts, optie_counts, teksten) -> VraagResultaat:
    result = VraagResultaat(vraag=vraag, n=n)
    if vraag.type in TEKST_TYPES:
        # Free text: listed for civil servants only (the view is AMBTENAAR), never aggregated out.
        result.teksten = teksten.get(vraag.pk, [])
        return result
    if n < MIN_CELL:
        result.onderdrukt = True
        return result
    counts = getal_counts.get(vraag.pk, {})
    if vraag.type == VraagType.LIKERT:
        # str(): the labels are lazy translations; rows feed the plotly figure (JSON).
        pairs = [(str(LIKERT_LABELS[i]), counts.get(i, 0)) for i in range(1, 6)]
        total = sum(c for _, c in pairs)
        result.gemiddelde = round(sum(i * counts.get(i, 0) for i in range(1, 6)) / total, 2) if total else None
    elif vraag.type == VraagType.JA_NEE:
        pairs = [("Ja", counts.get(1, 0)), ("Nee", counts.get(0, 0))]
    elif vraag.type == VraagType.GETAL:
        pairs = [(str(k), counts[k]) for k in sorted(counts)]
        total = sum(counts.values())
        result.gemiddelde = round(sum(k * c for k, c in counts.items()) / total, 2) if total else None
    else:
        # Multiple choice counted per option, not per combination; % of respondents to the question.
        pairs = [(o.tekst, optie_counts.get(o.pk, 0)) for o in vraag.opties.all()]
    result.rijen = [Rij(label=label, n=c, pct=round(100 * c / n, 1) if n else 0.0) for label, c in pairs]
    return result


def _uitsplitsingen(vragen: list[Vraag], crosstab: list[tuple]) -> list[Uitsplitsing]:
    cells = {(vraag_id, optie_id, dim): (gem, n) for vraag_id, optie_id, dim, gem, n in crosstab}
    used_dims = [d for d in SCORED_DIMENSIES if any(k[2] == d.value for k in cells)]
    out = []
    for vraag in vragen:
        if vraag.type != VraagType.ENKELE_KEUZE or not used_dims:
            continue
        rijen = []
        for optie in vraag.opties.all():
            row = []
            for d in used_dims:
                gem, n = cells.get((vraag.pk, optie.pk, d.value), (None, 0))
                hidden = n < MIN_CELL
                row.append((None if hidden else round(gem, 2), n, hidden))
            rijen.append((optie.tekst, row))
        out.append(Uitsplitsing(vraag=vraag, kolommen=[str(d.label) for d in used_dims], rijen=rijen))
    return out


def antwoorden_export_rows(*, vragenlijst: Vragenlijst) -> tuple[list[str], list[list]]:
    """CSV export: one row per response, one column per question. No invite link, no codes.

    Free text is excluded from the export (it never leaves the civil servants' screen).
    """
    vragen = [v for v in vragen_for(vragenlijst=vragenlijst) if v.type not in TEKST_TYPES]
    opties = {o.pk: o.tekst for v in vragen for o in v.opties.all()}
    header = ["respons", "ingestuurd_op"] + [f"v{v.volgorde + 1}: {v.tekst}" for v in vragen]
    answers: dict[int, dict[int, str]] = defaultdict(dict)
    optie_rows = Antwoord.opties.through.objects.filter(antwoord__respons__vragenlijst=vragenlijst).values_list(
        "antwoord_id", "optie_id"
    )
    by_antwoord: dict[int, list[int]] = defaultdict(list)
    for antwoord_id, optie_id in optie_rows:
        by_antwoord[antwoord_id].append(optie_id)
    for a_id, respons_id, vraag_id, getal in Antwoord.objects.filter(respons__vragenlijst=vragenlijst).values_list(
        "id", "respons_id", "vraag_id", "getal"
    ):
        if a_id in by_antwoord:
            answers[respons_id][vraag_id] = "; ".join(opties[o] for o in sorted(by_antwoord[a_id]))
        elif getal is not None:
            answers[respons_id][vraag_id] = str(getal)
    rows = []
    for number, (respons_id, submitted_at) in enumerate(
        Respons.objects.filter(vragenlijst=vragenlijst)
        .order_by("submitted_at", "id")
        .values_list("id", "submitted_at"),
        start=1,
    ):
        row = [number, timezone.localdate(submitted_at).isoformat()]
        row += [_export_value(v, answers[respons_id].get(v.pk, "")) for v in vragen]
        rows.append(row)
    return header, rows


def _export_value(vraag: Vraag, value: str) -> str:
    if vraag.type == VraagType.JA_NEE and value != "":
        return "ja" if value == "1" else "nee"
    return value


@dataclass
class Intro:
    vragen: int
    minuten: int
    bewaartermijn: int  # days after which written answers are removed


def vragenlijst_intro(*, vragenlijst: Vragenlijst) -> Intro:
    """What the residents' introduction says about length and retention (one query)."""
    vragen = vragenlijst.vragen.count()
    # About 20 seconds per question, rounded up to whole minutes.
    bewaartermijn = int(getattr(settings, "PARTICIPATIE_RETENTION_DAYS", 365))
    return Intro(vragen=vragen, minuten=max(1, math.ceil(vragen / 3)), bewaartermijn=bewaartermijn)
