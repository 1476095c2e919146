"""Trust, movement and governance: the indicators about people taking part and steering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from logboek.constants import GebeurtenisType as T

from ..constants import BEWEGING_DAGEN, BEWEGING_VENSTERS, MIN_RESPONSES, STURING_REACTIE_DAGEN, SURVEY_BATCH, Status
from .basis import MaandAgg, Uitkomst, VensterAgg, gewogen_gemiddelde, maand_plus, maand_van, som, tot_en_met

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
        per_venster = [_acties(r for r in rows if r.maand == maand_plus(periode, -i)) for i in range(BEWEGING_VENSTERS)]
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
    signalen, vorige = [], set()
    for periode, per_indicator in statussen:
        rood = {i for i, status in enumerate(per_indicator) if status == Status.UIT_KOERS}
        if rood - vorige:
            signalen.append(periode)
        vorige = rood
    return signalen


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
) -> Uitkomst:
    """Governance: % of red signals followed by a recorded council decision within N days.

    A signal still inside its N days and unanswered is open (attention when there is a
    figure; without one the status is unknown and the reason names the open signal), not failed. The
    civil servants' pulse score (1-5) is shown beside it from MIN_RESPONSES answers on
    (`puls_publiceerbaar`), in batches (`puls_in_batches`, given the pulse published before);
    it does not change the governance figure or its status.
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
