"""Trust, movement and governance: the indicators about people taking part and steering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from logboek.constants import GebeurtenisType as T

from ..constants import MIN_RESPONSES, STURING_REACTIE_DAGEN, SURVEY_BATCH, Status
from .basis import MaandAgg, Uitkomst, gewogen_gemiddelde, maand_plus, som, tot_en_met

# --- Is er vertrouwen? ---------------------------------------------------------------


def vertrouwen(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Trust: mean of the survey trust item (1-5) up to the period; suppressed below 10.

    Status: >= 3.5 on track, >= 3.0 attention, lower off track.
    """
    mean, n = gewogen_gemiddelde(tot_en_met(rows, periode), T.ENQUETE_RESPONS)
    if n < MIN_RESPONSES:
        return Uitkomst(None, Status.ONBEKEND, n=0, details={"onderdrukt": n > 0})
    mean = round(mean, 2)
    status = Status.OP_KOERS if mean >= 3.5 else Status.AANDACHT if mean >= 3.0 else Status.UIT_KOERS
    return Uitkomst(mean, status, n=n)


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


def _acties(rows: Iterable[MaandAgg]) -> int:
    rows = list(rows)
    return som(rows, *BEWEGING_SOM) + som(rows, *BEWEGING_AANTAL, veld="aantal")


def beweging(rows: Sequence[MaandAgg], periode: dt.date) -> Uitkomst:
    """Movement: actions in the last 3 months (incl. the period) and growth vs the 3 before.

    Off track when nothing moved for 3 months or it more than halved; attention when it
    fell by more than 10 %.
    """
    rows = tot_en_met(rows, periode)
    totaal = _acties(rows)
    if not totaal:
        return Uitkomst(None, Status.ONBEKEND, n=0)
    recent_begin, vorig_begin = maand_plus(periode, -2), maand_plus(periode, -5)
    recent = _acties(r for r in rows if r.maand >= recent_begin)
    vorig = _acties(r for r in rows if vorig_begin <= r.maand < recent_begin)
    groei = None if not vorig else round((recent - vorig) / vorig, 3)
    if recent == 0 or (groei is not None and groei < -0.5):
        status = Status.UIT_KOERS
    elif groei is not None and groei < -0.1:
        status = Status.AANDACHT
    else:
        status = Status.OP_KOERS
    details = {"deze_maand": _acties(r for r in rows if r.maand == periode), "vorige_3_maanden": vorig}
    return Uitkomst(float(recent), status, n=totaal, projectie={"groei": groei}, details=details)


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


def sturing(
    signalen: Sequence[dt.date],
    besluiten: Sequence[dt.date],
    periode: dt.date,
    *,
    puls_rows: Sequence[MaandAgg] = (),
    reactie_dagen: int = STURING_REACTIE_DAGEN,
) -> Uitkomst:
    """Governance: % of red signals followed by a recorded council decision within N days.

    A signal still inside its N days and unanswered is open (attention), not failed. The
    civil servants' pulse score (1-5) is shown beside it when there are >= 10 answers.
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
    details = {"beantwoord": beantwoord, "gemist": gefaald, "open": open_}
    if puls_n >= MIN_RESPONSES:
        details["puls"] = round(puls, 2)
        details["puls_n"] = puls_n
    n = beantwoord + gefaald
    if not n:
        status = Status.AANDACHT if open_ else Status.ONBEKEND
        return Uitkomst(None, status, n=0, details=details)
    waarde = round(100 * beantwoord / n, 1)
    if waarde < 50:
        status = Status.UIT_KOERS
    elif waarde < 100 or open_:
        status = Status.AANDACHT
    else:
        status = Status.OP_KOERS
    return Uitkomst(waarde, status, n=n, details=details)
