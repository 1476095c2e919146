"""The Wgiw rules of an uitvoeringsplan, as a pure function of plain data (no ORM).

Wgiw: Wet gemeentelijke instrumenten warmtetransitie. A plan worked out under it states at
least: when the gas supply ends, the chosen alternative, the physical measures, the
investments per party, the room for choice of owners and residents, an equivalent
alternative, the considered alternatives with their national cost (and why, when the chosen
one is not the cheapest), the five safeguards and how participation took place (DOMAIN.md,
issue 12). With the aanwijsbevoegdheid (a rule in the omgevingsplan that ends the gas supply)
there are at least eight years between adopting the rule and the end of the gas supply, which
is at the latest 31-12-2049; without it, the same terms are a warning only.

`wgiw_check` returns what is missing, what blocks adoption and what deserves a look, in plain
Dutch (English msgids, translated). `selectors.plan_wgiw_check` builds its input from a plan;
`services.plan_transition` refuses adoption while `vaststelbaar` is False.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from core import dates

from .constants import WaarborgSoort

LAATSTE_GAS_EINDDATUM = dt.date(2049, 12, 31)
MINIMUM_TERMIJN_JAREN = 8
WAARBORGEN = tuple(WaarborgSoort.values)  # all five are required


@dataclass(frozen=True)
class Alternatief:
    """A considered alternative: its label, national cost as entered, unit, and whether chosen."""

    label: str
    kosten: Decimal
    eenheid: str
    gekozen: bool = False


@dataclass(frozen=True)
class WgiwInvoer:
    """The plan's Wgiw content as plain values (counts where only presence matters)."""

    gas_einddatum: dt.date | None = None
    # (buurt name, date) for a staggered plan; `buurten` are the names of the plan's buurten.
    buurt_einddata: tuple[tuple[str, dt.date], ...] = ()
    buurten: tuple[str, ...] = ()
    aanwijsbevoegdheid: bool = False
    omgevingsplanregel_op: dt.date | None = None
    vastgesteld_op: dt.date | None = None  # the council's adoption date, the rule's default
    alternatieven: tuple[Alternatief, ...] = ()
    maatregelen: int = 0
    investeringen: int = 0
    keuzeruimte: str = ""
    gelijkwaardige_alternatieven: int = 0
    keuze_motivatie: str = ""
    waarborgen: frozenset[str] = frozenset()
    participatie_verantwoording: str = ""


@dataclass
class WgiwCheck:
    ontbreekt: list[str] = field(default_factory=list)  # missing parts: adoption refused
    fouten: list[str] = field(default_factory=list)  # rules broken: adoption refused
    waarschuwingen: list[str] = field(default_factory=list)  # shown, not refused

    @property
    def compleet(self) -> bool:
        return not self.ontbreekt

    @property
    def vaststelbaar(self) -> bool:
        return not self.ontbreekt and not self.fouten

    @property
    def bezwaren(self) -> list[str]:
        """Everything that refuses adoption, for the service's ValidationError."""
        return [*self.ontbreekt, *self.fouten]


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    """The same day `jaren` years later; 29 February becomes 28 February in a common year."""
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:
        return datum.replace(year=datum.year + jaren, day=28)


def gekozen_niet_goedkoopst(alternatieven: tuple[Alternatief, ...]) -> bool:
    """Whether a considered alternative in the chosen one's unit has a lower national cost.

    Costs are only compared within one unit (euro per home against euro per home): a figure per
    tonne CO2 says nothing about one per home.
    """
    gekozen = [a for a in alternatieven if a.gekozen]
    if not gekozen:
        return False
    keuze = gekozen[0]
    return any(a.kosten < keuze.kosten for a in alternatieven if a.eenheid == keuze.eenheid and not a.gekozen)


def _ontbreekt(invoer: WgiwInvoer) -> list[str]:
    ontbreekt = []
    buurten_gedekt = bool(invoer.buurten) and set(invoer.buurten) <= {naam for naam, _ in invoer.buurt_einddata}
    if not invoer.gas_einddatum and not buurten_gedekt:
        ontbreekt.append(
            gettext("End of the gas supply: enter the date the gas supply ends (for the plan or per buurt).")
        )
    if not any(a.gekozen for a in invoer.alternatieven):
        ontbreekt.append(gettext("Chosen alternative: mark one of the considered alternatives as chosen."))
    if invoer.maatregelen == 0:
        ontbreekt.append(gettext("Measures: describe the physical measures in the public space and in buildings."))
    if invoer.investeringen == 0:
        ontbreekt.append(gettext("Investments: state which party invests in what, and how much."))
    if not invoer.keuzeruimte.strip():
        ontbreekt.append(gettext("Room for choice: describe what owners and residents can choose themselves."))
    if invoer.gelijkwaardige_alternatieven == 0:
        ontbreekt.append(
            gettext("Equivalent alternative: describe the alternative for residents who do not want the chosen one.")
        )
    if len(invoer.alternatieven) < 2:
        ontbreekt.append(
            gettext("Considered alternatives: record at least two alternatives with their national cost and source.")
        )
    if gekozen_niet_goedkoopst(invoer.alternatieven) and not invoer.keuze_motivatie.strip():
        ontbreekt.append(
            gettext(
                "Motivation: the chosen alternative does not have the lowest national cost; "
                "explain how the choice was made and why."
            )
        )
    for soort in WAARBORGEN:
        if soort not in invoer.waarborgen:
            ontbreekt.append(
                gettext("Safeguard '%(waarborg)s': describe how this plan meets it.")
                % {"waarborg": _waarborg_label(soort)}
            )
    if not invoer.participatie_verantwoording.strip():
        ontbreekt.append(gettext("Participation: give an account of how participation took place and with whom."))
    return ontbreekt


def _waarborg_label(soort: str) -> str:
    return str(WaarborgSoort(soort).label).lower()


def _termijnen(invoer: WgiwInvoer, vandaag: dt.date) -> tuple[list[str], list[str]]:
    """The term rules on every gas end date: (errors, warnings). Errors only with the power."""
    problemen: list[str] = []
    opmerkingen: list[str] = []
    regel_op = invoer.omgevingsplanregel_op or invoer.vastgesteld_op
    if regel_op is None:
        regel_op = vandaag
        if invoer.aanwijsbevoegdheid:
            opmerkingen.append(
                gettext(
                    "The rule in the omgevingsplan has no adoption date yet: the term is checked against "
                    "today; at adoption it is checked against the date of the council decision."
                )
            )
    data = ([("", invoer.gas_einddatum)] if invoer.gas_einddatum else []) + list(invoer.buurt_einddata)
    vroegst = plus_jaren(regel_op, MINIMUM_TERMIJN_JAREN)
    for buurt, datum in data:
        waar = f" ({buurt})" if buurt else ""
        if datum < vroegst:
            problemen.append(
                gettext(
                    "The gas supply ends on %(datum)s%(waar)s, less than eight years after the rule in the "
                    "omgevingsplan (%(regel)s). Wgiw: ten minste acht jaar tussen vaststelling van de regel in "
                    "het omgevingsplan en het einde van de gaslevering."
                )
                % {"datum": dates.datum_kort(datum), "waar": waar, "regel": dates.datum_kort(regel_op)}
            )
        if datum > LAATSTE_GAS_EINDDATUM:
            problemen.append(
                gettext("The gas supply ends on %(datum)s%(waar)s, after 31-12-2049, the latest date the Wgiw allows.")
                % {"datum": dates.datum_kort(datum), "waar": waar}
            )
    if invoer.aanwijsbevoegdheid:
        return problemen, opmerkingen
    return [], opmerkingen + problemen


def wgiw_check(invoer: WgiwInvoer, *, vandaag: dt.date) -> WgiwCheck:
    """What is missing, what refuses adoption and what is a warning, for one plan's Wgiw content."""
    fouten, waarschuwingen = _termijnen(invoer, vandaag)
    return WgiwCheck(ontbreekt=_ontbreekt(invoer), fouten=fouten, waarschuwingen=waarschuwingen)
