"""The demo plans' routekaarten (route maps), through the routekaart's own services.

They tell the dashboard's story: the schedule indicator reads them (events appended by the
routekaart's services, and open items overdue against today), so no milestone or agreement
event is typed in by the demo any more.
- the plan in trouble: its grid reinforcement (netbeheerder) is late, the forecast moved
  with a reason and still open past its baseline; the heat company's connection offer that
  depends on it is an overdue open agreement; one milestone came late and one was missed;
- the other plans: milestones and agreements kept on or before their date; the plan that
  needs attention had one milestone ten days late.

Dates are relative to today (like the demo's events), so the story holds whenever it is
loaded. Idempotent: a plan that has a routekaart is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from routekaart import selectors as routekaart_selectors
from routekaart import services as routekaart_services
from routekaart.constants import (
    AfspraakStatus,
    GemeenteRol,
    KoppelkansSoort,
    MijlpaalUitkomst,
    VergunningSoort,
    VergunningStatus,
)
from wup import selectors as wup_selectors
from wup import services as wup_services
from wup.constants import PartijSoort

# The party of each kind the demo needs, when the plan has none of that kind (the wup demo
# gives every plan its own; a plan made elsewhere gets these).
STANDAARD_PARTIJEN = {
    PartijSoort.GEMEENTE: ("Gemeente Amersfoort", "Regisseur van het proces"),
    PartijSoort.NETBEHEERDER: ("Stedin", "Netbeheerder: capaciteit en aansluitingen"),
    PartijSoort.WARMTEBEDRIJF: ("Eneco Warmte & Koude", "Bouwt en exploiteert het warmtenet"),
    PartijSoort.WONINGCORPORATIE: ("Portaal", "Woningcorporatie: renoveert en verduurzaamt haar woningen"),
    PartijSoort.BEWONERSINITIATIEF: ("Energiecoöperatie Eemkracht", "Bewonersinitiatief: advies en inkoop"),
    PartijSoort.BEWONERS: ("Bewonersplatform", "Spreekt mee namens de bewoners"),
}


def _dag(today: dt.date, dagen: int) -> dt.date:
    return today + dt.timedelta(days=dagen)


def _partijen(plan) -> dict[str, object]:
    """The plan's first party of each kind the demo uses, created when missing."""
    per_soort: dict[str, object] = {}
    for partij in wup_selectors.plan_partijen(plan=plan):
        per_soort.setdefault(partij.soort, partij)
    for soort, (naam, rol) in STANDAARD_PARTIJEN.items():
        if soort not in per_soort:
            per_soort[soort] = wup_services.partij_create(plan=plan, soort=soort, naam=naam, rol=rol)
    return per_soort


def _fase_mijlpalen(plan, today: dt.date, door) -> None:
    """Each phase of the plan ends in a decision milestone; those of past phases were taken."""
    for fase in wup_selectors.plan_fasen(plan=plan):
        mijlpaal = routekaart_services.mijlpaal_create(
            plan=plan,
            naam=f"Besluit: {fase.naam} afgerond",
            basisdatum=fase.einddatum,
            fase=fase,
            besluitmoment=True,
            door=door,
        )
        if fase.einddatum < _dag(today, -7):
            routekaart_services.afronden(
                item=mijlpaal, uitkomst=MijlpaalUitkomst.BEREIKT, datum=fase.einddatum, door=door
            )


def _gezond(plan, today: dt.date, partijen: dict, *, aandacht: bool, door) -> None:
    """Mostly on time: milestones reached and agreements kept on or before their date."""
    gemeente = partijen[PartijSoort.GEMEENTE]
    net = partijen[PartijSoort.NETBEHEERDER]
    coop = partijen[PartijSoort.BEWONERSINITIATIEF]
    corporatie = partijen[PartijSoort.WONINGCORPORATIE]
    bewoners = partijen[PartijSoort.BEWONERS]
    for naam, wie, basis, gehaald in (
        ("Startbijeenkomst met bewoners", gemeente, -300, -302),
        ("Wijkschouw openbare ruimte", gemeente, -200, -203),
        # the plan that needs attention: this one came ten days late
        ("Warmteplan per straat gedeeld", gemeente, -100, -90 if aandacht else -104),
    ):
        m = routekaart_services.mijlpaal_create(
            plan=plan, naam=naam, basisdatum=_dag(today, basis), verantwoordelijke=wie, door=door
        )
        routekaart_services.afronden(item=m, uitkomst=MijlpaalUitkomst.BEREIKT, datum=_dag(today, gehaald), door=door)
    routekaart_services.mijlpaal_create(
        plan=plan, naam="Collectieve inkoop geopend", basisdatum=_dag(today, 75), verantwoordelijke=coop, door=door
    )
    subsidie = routekaart_services.afspraak_create(
        plan=plan,
        leverancier=gemeente,
        ontvanger=bewoners,
        wat="Subsidieregeling isolatie opengesteld",
        basisdatum=_dag(today, -240),
        door=door,
    )
    routekaart_services.afronden(item=subsidie, uitkomst=AfspraakStatus.NAGEKOMEN, datum=_dag(today, -245), door=door)
    capaciteit = routekaart_services.afspraak_create(
        plan=plan,
        leverancier=net,
        ontvanger=gemeente,
        wat="Capaciteitsonderzoek laagspanningsnet opgeleverd",
        basisdatum=_dag(today, -150),
        door=door,
    )
    routekaart_services.afronden(item=capaciteit, uitkomst=AfspraakStatus.NAGEKOMEN, datum=_dag(today, -155), door=door)
    # the corporation's renovation block can only be planned on the grid study
    routekaart_services.afspraak_create(
        plan=plan,
        leverancier=corporatie,
        ontvanger=gemeente,
        wat="Renovatieplanning eerste blok gedeeld",
        basisdatum=_dag(today, 90),
        afhankelijk_van=[capaciteit],
        door=door,
    )
    riolering = routekaart_services.koppelkans_create(
        plan=plan,
        soort=KoppelkansSoort.RIOLERING,
        omschrijving="Vervanging riolering hoofdstraat",
        verantwoordelijke=gemeente,
        venster_van=_dag(today, 30),
        venster_tot=_dag(today, 400),
    )
    routekaart_services.vergunning_create(
        plan=plan,
        koppelkans=riolering,
        soort=VergunningSoort.INSTEMMING,
        omschrijving="Instemmingsbesluit kabels en leidingen hoofdstraat",
        aanvrager=net,
        status=VergunningStatus.AANGEVRAAGD,
        verwachte_beslisdatum=_dag(today, 45),
    )


def _in_problemen(plan, today: dt.date, partijen: dict, *, door) -> None:
    """The plan in trouble: a late grid reinforcement, an overdue open agreement on it."""
    gemeente = partijen[PartijSoort.GEMEENTE]
    net = partijen[PartijSoort.NETBEHEERDER]
    warmte = partijen[PartijSoort.WARMTEBEDRIJF]
    corporatie = partijen[PartijSoort.WONINGCORPORATIE]
    bewoners = partijen[PartijSoort.BEWONERS]
    for naam, wie, basis, datum, uitkomst in (
        ("Tracé hoofdleiding vastgesteld", gemeente, -330, -333, MijlpaalUitkomst.BEREIKT),
        ("Warmtecentrale vergund", warmte, -240, -215, MijlpaalUitkomst.BEREIKT),  # 25 days late
        ("Informatieavond aansluitaanbod", warmte, -150, -140, MijlpaalUitkomst.GEMIST),
    ):
        m = routekaart_services.mijlpaal_create(
            plan=plan, naam=naam, basisdatum=_dag(today, basis), verantwoordelijke=wie, door=door
        )
        routekaart_services.afronden(item=m, uitkomst=uitkomst, datum=_dag(today, datum), door=door)
    netverzwaring = routekaart_services.mijlpaal_create(
        plan=plan,
        naam="Netverzwaring middenspanningsstation gereed",
        basisdatum=_dag(today, -45),
        verantwoordelijke=net,
        door=door,
    )
    reden = "Levering transformator vertraagd: 2 MVA extra capaciteit pas later beschikbaar"
    routekaart_services.prognose_verplaatsen(item=netverzwaring, prognose=_dag(today, 120), reden=reden, door=door)
    capaciteit = routekaart_services.afspraak_create(
        plan=plan,
        leverancier=net,
        ontvanger=warmte,
        wat="2 MVA aansluitcapaciteit voor de warmtecentrale",
        basisdatum=_dag(today, -60),
        mijlpaal=netverzwaring,
        door=door,
    )
    aanbod = routekaart_services.afspraak_create(
        plan=plan,
        leverancier=warmte,
        ontvanger=bewoners,
        wat="Aansluitaanbod warmtenet aan eigenaren blok 1",
        basisdatum=_dag(today, -30),
        afhankelijk_van=[capaciteit],
        door=door,
    )
    # the offer waits for the capacity: move it first, then the capacity (the dependency rule)
    routekaart_services.prognose_verplaatsen(
        item=aanbod, prognose=_dag(today, 150), reden="Wacht op de netverzwaring van Stedin", door=door
    )
    routekaart_services.prognose_verplaatsen(item=capaciteit, prognose=_dag(today, 120), reden=reden, door=door)
    renovatie = routekaart_services.afspraak_create(
        plan=plan,
        leverancier=corporatie,
        ontvanger=gemeente,
        wat="Planning renovatie en aansluiting corporatieflats",
        basisdatum=_dag(today, -120),
        door=door,
    )
    routekaart_services.afronden(
        item=renovatie, uitkomst=AfspraakStatus.NIET_NAGEKOMEN, datum=_dag(today, -100), door=door
    )
    weg = routekaart_services.koppelkans_create(
        plan=plan,
        soort=KoppelkansSoort.WEG,
        omschrijving="Herinrichting wijkontsluitingsweg",
        verantwoordelijke=gemeente,
        venster_van=_dag(today, -100),
        venster_tot=_dag(today, 60),
        # the road works close before the grid reinforcement is expected: a warning
        mijlpalen=[netverzwaring],
    )
    routekaart_services.vergunning_create(
        plan=plan,
        koppelkans=weg,
        soort=VergunningSoort.VERKEERSBESLUIT,
        omschrijving="Verkeersbesluit afsluiting wijkontsluitingsweg",
        aanvrager=gemeente,
        status=VergunningStatus.VERLEEND,
        verwachte_beslisdatum=_dag(today, -110),
    )
    routekaart_services.vergunning_create(
        plan=plan,
        soort=VergunningSoort.OMGEVINGSVERGUNNING,
        omschrijving="Omgevingsvergunning warmtecentrale",
        aanvrager=warmte,
        status=VergunningStatus.VERLEEND,
        verwachte_beslisdatum=_dag(today, -230),
    )


ROL = {
    "trouble": (
        GemeenteRol.REGISSEUR,
        "De gemeente stuurt op de planning van netbeheerder, warmtebedrijf en corporatie.",
    ),
    "gezond": (GemeenteRol.FACILITATOR, "De gemeente faciliteert: advies, subsidie en de openbare ruimte."),
}


def routekaart_load(plan, today: dt.date, *, in_trouble: bool, aandacht: bool) -> bool:
    """The plan's routekaart, unless it has one. Call inside a transaction."""
    if routekaart_selectors.routekaart_get(plan=plan) is not None:
        return False
    door = get_user_model().objects.filter(username="demo-projectleider").first()
    rol, toelichting = ROL["trouble" if in_trouble else "gezond"]
    routekaart_services.routekaart_opslaan(
        plan=plan,
        rol_gemeente=rol,
        rol_toelichting=toelichting,
        waarom_route="Eerst de voorwaarden (net, aanbod, betaalbaarheid), dan de overstap per blok.",
    )
    partijen = _partijen(plan)
    _fase_mijlpalen(plan, today, door)
    if in_trouble:
        _in_problemen(plan, today, partijen, door=door)
    else:
        _gezond(plan, today, partijen, aandacht=aandacht, door=door)
    return True
