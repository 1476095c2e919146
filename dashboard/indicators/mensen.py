"""Trust, movement and governance: the indicators about people taking part and steering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from logboek.constants import GebeurtenisType as T

from ..constants import (
    BEWEGING_DAGEN,
    BEWEGING_VENSTERS,
    MIN_RESPONSES,
    STURING_REACTIE_DAGEN,
    SURVEY_BATCH,
    Status,
    StuuractieStatus,
)
from .basis import (
    ActieFeit,
    MaandAgg,
    Uitkomst,
    VensterAgg,
    gewogen_gemiddelde,
    maand_plus,
    maand_van,
    som,
    tot_en_met,
)

# --- Is er vertrouwen? ---------------------------------------------------------------


def vertrouwen(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Trust: mean of the survey trust item (1-5) up to the period; suppressed below 10.

    Status: >= 3.5 on track, >= 3.0 attention, lower off track.
    """
    mean, n = gewogen_gemiddelde(tot_en_met(rows, periode), T.ENQUETE_RESPONS)
    if n < MIN_RESPONSES:
        reden = {"code": "onderdrukt" if n else "geen_reacties", "minimum": MIN_RESPONSES}
        return Uitkomst(None, Status.ONBEKEND, n=0, details={"onderdrukt": n > 0, "reden": reden})
    mean = round(mean, 2)
    status = Status.OP_KOERS if mean >= 3.5 else Status.AANDACHT if mean >= 3.0 else Status.UIT_KOERS
    norm = 3.5 if status != Status.UIT_KOERS else 3.0
    return Uitkomst(mean, status, n=n, details={"reden": {"code": "norm", "waarde": mean, "norm": norm}})


def in_batches(vorige: Uitkomst | None, nieuw: Uitkomst) -> Uitkomst:
    """Survey-based values change only when n crosses a multiple of SURVEY_BATCH.

    So two published figures never differ by one answer (DESIGN.md, privacy). `vorige` is
    the figure published before (the previous period, or the stored one of this period).
    """
    if vorige is None or vorige.waarde is None or nieuw.waarde is None:
        return nieuw
    if vorige.n // SURVEY_BATCH == nieuw.n // SURVEY_BATCH:
        return vorige
    return nieuw


# --- Is er beweging? ---------------------------------------------------------------------

# Households taking part or acting: attendees, survey responses and home measures.
BEWEGING_SOM = (T.BIJEENKOMST_GEHOUDEN, T.WONING_AARDGASVRIJ, T.WONING_GEISOLEERD)
BEWEGING_SOM += (T.WARMTEPOMP_GEINSTALLEERD, T.WARMTENET_AANSLUITING)
BEWEGING_AANTAL = (T.ENQUETE_RESPONS,)


def _acties(rows: Iterable[MaandAgg | VensterAgg]) -> int:
    rows = list(rows)
    return som(rows, *BEWEGING_SOM) + som(rows, *BEWEGING_AANTAL, veld="aantal")


def beweging(
    rows: Sequence[MaandAgg],
    periode: dt.date,
    *,
    recent: Sequence[VensterAgg] | None = None,
    vandaag: dt.date | None = None,
) -> Uitkomst:
    """Movement: actions (attendees, responses, home measures) in the last 30 days; its status
    from the last 90 days against the 90 before.

    The current period (the month `vandaag` lies in, when the rolling rows `recent` are given)
    counts the last 30 days up to today, and judges the last three 30-day windows against the
    three before, so neither figure nor status drops on the 1st of a month because the new month
    has barely started (issue 10). The status looks at 90 days because movement is lumpy (a
    meeting a month): one 30-day window that just misses a meeting is no trend. A completed
    month counts its own actions (28-31 days, the nearest the monthly aggregate has to 30) and is
    judged on its last three months against the three before. Off track when nothing moved in
    the last three windows or it more than halved; attention when it fell by more than 10 %.
    """
    rows = tot_en_met(rows, periode)
    totaal = _acties(rows)
    if not totaal:
        return Uitkomst(None, Status.ONBEKEND, n=0, details={"reden": {"code": "geen_acties"}})
    if recent is not None and vandaag is not None and periode == maand_van(vandaag):
        venster = "30_dagen"
        per_venster = [_acties(r for r in recent if r.venster == i) for i in range(BEWEGING_VENSTERS)]
        nu = per_venster[0]
    else:
        venster = "maand"
        per_maand: dict[dt.date, list] = {}
        for r in rows:  # one pass: the recompute calls this for every plan and month
            per_maand.setdefault(r.maand, []).append(r)
        per_venster = [_acties(per_maand.get(maand_plus(periode, -i), ())) for i in range(BEWEGING_VENSTERS)]
        nu = per_venster[0]
    helft = BEWEGING_VENSTERS // 2
    laatste, ervoor = sum(per_venster[:helft]), sum(per_venster[helft:])
    groei = None if not ervoor else round((laatste - ervoor) / ervoor, 3)
    if laatste == 0:
        status, code = Status.UIT_KOERS, "stil"
    elif groei is not None and groei < -0.5:
        status, code = Status.UIT_KOERS, "gedaald"
    elif groei is not None and groei < -0.1:
        status, code = Status.AANDACHT, "gedaald"
    elif groei is None:
        status, code = Status.OP_KOERS, "eerste"
    else:
        status, code = Status.OP_KOERS, "gestegen" if groei > 0.1 else "gelijk"
    reden = {"code": code, "venster": venster, "laatste": laatste, "ervoor": ervoor, "groei": groei}
    details = {"venster": venster, "dagen": BEWEGING_DAGEN, "laatste": laatste, "ervoor": ervoor, "reden": reden}
    return Uitkomst(float(nu), status, n=totaal, projectie={"groei": groei}, details=details)


# --- Besturen we effectief? -------------------------------------------------------------


def rode_signalen(statussen: Sequence[tuple[dt.date, Sequence[str]]]) -> list[dt.date]:
    """Periods in which some indicator turned off track (it was not off track the period before)."""
    return [periode for periode, _ in rode_signalen_per_indicator(statussen)]


def rode_signalen_per_indicator(
    statussen: Sequence[tuple[dt.date, Sequence[str]]], namen: Sequence[str] | None = None
) -> list[tuple[dt.date, frozenset]]:
    """Like `rode_signalen`, with the indicators that turned off track in each such period:
    their names from `namen` (in the order of the statuses), else their positions."""
    signalen, vorige = [], set()
    for periode, per_indicator in statussen:
        rood = {i for i, status in enumerate(per_indicator) if status == Status.UIT_KOERS}
        if nieuw := rood - vorige:
            signalen.append((periode, frozenset(namen[i] if namen else i for i in nieuw)))
        vorige = rood
    return signalen


def opvolging(
    signalen: Sequence[tuple[dt.date, frozenset]],
    besluiten: Sequence[dt.date],
    acties: Sequence[ActieFeit],
    periode: dt.date,
    *,
    reactie_dagen: int = STURING_REACTIE_DAGEN,
) -> dict:
    """The steering loop (issue 10): of the red signals up to the period, how many were
    followed, within the agreed term of `reactie_dagen` days (STURING_REACTIE_DAGEN), by a
    council decision AND at least one steering action on an indicator that turned red then.

    The term runs from the signal's period (the first of its month) and, for a past period,
    ends at that period's last day: what was recorded later did not exist then. Actions count
    by the day they were recorded, whatever became of them (cancelled later is still a
    response). A signal whose term still runs and lacks one of the two is `lopend` (open), not
    failed. Keys: `opgevolgd`, `niet_opgevolgd`, `lopend`, `n` (opgevolgd + niet_opgevolgd,
    the signals judged) and `dagen`.
    """
    einde = maand_plus(periode, 1) - dt.timedelta(days=1)
    opgevolgd = niet = lopend = 0
    for signaal, rood in signalen:
        if signaal > einde:
            continue
        tot = min(signaal + dt.timedelta(days=reactie_dagen), einde)
        besluit = any(signaal <= b <= tot for b in besluiten)
        actie = any(a.indicator in rood and signaal <= a.aangemaakt <= tot for a in acties)
        if besluit and actie:
            opgevolgd += 1
        elif signaal + dt.timedelta(days=reactie_dagen) < einde:
            niet += 1
        else:
            lopend += 1
    return {
        "opgevolgd": opgevolgd,
        "niet_opgevolgd": niet,
        "lopend": lopend,
        "n": opgevolgd + niet,
        "dagen": reactie_dagen,
    }


def acties_op_tijd(acties: Sequence[ActieFeit], periode: dt.date, *, vandaag: dt.date | None = None) -> dict:
    """Of the steering actions due by the period's moment (its last day, or today when that is
    earlier), how many were done on time (done on or before their due date).

    An action recorded after the moment did not exist then; one cancelled before its due date
    is no longer expected and drops out, one cancelled after it counts as not done on time (so
    cancelling an overdue action does not improve the figure). Keys: `verwacht` (due), `op_tijd`,
    `over_tijd` (due, still open at the moment).
    """
    moment = maand_plus(periode, 1) - dt.timedelta(days=1)
    if vandaag is not None:
        moment = min(moment, vandaag)
    verwacht = op_tijd = over_tijd = 0
    for a in acties:
        if a.aangemaakt > moment or a.uiterlijk > moment:
            continue
        if a.vervallen_op is not None and a.vervallen_op <= min(a.uiterlijk, moment):
            continue
        verwacht += 1
        gedaan = a.status == StuuractieStatus.GEDAAN and a.gedaan_op is not None and a.gedaan_op <= moment
        if gedaan and a.gedaan_op <= a.uiterlijk:
            op_tijd += 1
        elif not gedaan and (a.vervallen_op is None or a.vervallen_op > moment):
            over_tijd += 1
    return {"verwacht": verwacht, "op_tijd": op_tijd, "over_tijd": over_tijd}


def puls_publiceerbaar(gemiddelde: float | None, n: int, *, minimum: int = MIN_RESPONSES) -> dict:
    """The civil servants' pulse as the council may see it: its mean and n from `minimum`
    answers on, else nothing at all (not even how many answered: DESIGN.md, privacy).

    Keys `puls` (mean, 1-5, two decimals) and `puls_n` go into the governance snapshot's details.
    """
    if gemiddelde is None or n < minimum:
        return {}
    return {"puls": round(gemiddelde, 2), "puls_n": n}


def puls_in_batches(vorige: dict | None, nieuw: dict) -> dict:
    """The published pulse changes only when its n crosses a multiple of SURVEY_BATCH, as the
    trust figure does (`in_batches`): comparing two snapshots never reveals one colleague's
    answer. `vorige` is the pulse published before (this period's stored one, or the last
    period's); both are `puls_publiceerbaar` dicts."""
    if not vorige or "puls" not in vorige or "puls" not in nieuw:
        return nieuw
    if vorige["puls_n"] // SURVEY_BATCH == nieuw["puls_n"] // SURVEY_BATCH:
        return {"puls": vorige["puls"], "puls_n": vorige["puls_n"]}
    return nieuw


def sturing(
    signalen: Sequence[dt.date],
    besluiten: Sequence[dt.date],
    periode: dt.date,
    *,
    puls_rows: Sequence[MaandAgg] = (),
    puls_vorige: dict | None = None,
    reactie_dagen: int = STURING_REACTIE_DAGEN,
    signalen_rood: Sequence[tuple[dt.date, frozenset]] | None = None,
    acties: Sequence[ActieFeit] | None = None,
    vandaag: dt.date | None = None,
) -> Uitkomst:
    """Governance: % of red signals followed by a recorded council decision within N days.

    A signal still inside its N days and unanswered is open (attention when there is a
    figure; without one the status is unknown and the reason names the open signal), not failed. The
    civil servants' pulse score (1-5) is shown beside it from MIN_RESPONSES answers on
    (`puls_publiceerbaar`), in batches (`puls_in_batches`, given the pulse published before);
    it does not change the governance figure or its status.

    With `acties` (and `signalen_rood`, the signals with the indicators that turned red), the
    details also hold the steering loop's two counts (issue 10), beside the figure, which
    they do not change: `opvolging` (signals followed by a decision AND an action in the term)
    and `acties` (actions due, done on time).
    """
    einde = maand_plus(periode, 1) - dt.timedelta(days=1)
    beantwoord = gefaald = open_ = 0
    for signaal in (s for s in signalen if s <= einde):
        termijn = signaal + dt.timedelta(days=reactie_dagen)
        if any(signaal <= b <= min(termijn, einde) for b in besluiten):
            beantwoord += 1
        elif termijn < einde:
            gefaald += 1
        else:
            open_ += 1
    puls, puls_n = gewogen_gemiddelde(tot_en_met(puls_rows, periode), T.AMBTENAREN_PULS)
    puls_details = puls_in_batches(puls_vorige, puls_publiceerbaar(puls, puls_n))
    details = {"beantwoord": beantwoord, "gemist": gefaald, "open": open_, **puls_details}
    if acties is not None:
        details["opvolging"] = opvolging(signalen_rood or (), besluiten, acties, periode, reactie_dagen=reactie_dagen)
        details["acties"] = acties_op_tijd(acties, periode, vandaag=vandaag)
    n = beantwoord + gefaald
    if not n:
        # No figure, no status: an open signal is told in the reason, not as an amber light
        # beside "no figure" (issue 10).
        details["reden"] = {"code": "open" if open_ else "geen_signalen", "open": open_, "dagen": reactie_dagen}
        return Uitkomst(None, Status.ONBEKEND, n=0, details=details)
    details["reden"] = {"code": "sturing", "beantwoord": beantwoord, "n": n, "open": open_, "dagen": reactie_dagen}
    waarde = round(100 * beantwoord / n, 1)
    if waarde < 50:
        status = Status.UIT_KOERS
    elif waarde < 100 or open_:
        status = Status.AANDACHT
    else:
        status = Status.OP_KOERS
    return Uitkomst(waarde, status, n=n, details=details)
