"""Demo data of the `wup` app: Amersfoort's wijken and buurten from CBS, and four plans with
their parties (partijen), whom the shared ambitions name and the routekaart's agreements are
between (the dashboard's demo builds each plan's routekaart on them).

The Wgiw parts (WGIW below): the two adopted plans are complete (Kattenbroek with the
aanwijsbevoegdheid and a gas end date more than eight years after the rule; Schothorst without
it, so its short term is a warning); the draft Liendert lacks its investments and its account of
participation, so its completeness check shows two parts; the Binnenstad has none yet.

Idempotent: the CBS import updates by code, and a plan whose title exists is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .constants import (
    Focus,
    KeuzeSoort,
    KostenEenheid,
    MaatregelSoort,
    Metriek,
    PartijSoort,
    PlanStatus,
    Techniekrichting,
    WaarborgSoort,
    Zekerheid,
)
from .models import Buurt, Plan, Wijk

CBS_FILE = settings.BASE_DIR / "data" / "provincie_utrecht_buurten_cbs.csv"

WIJK_NAMEN = {
    "WK030701": "Binnenstad",
    "WK030709": "Schothorst",
    "WK030710": "Liendert",
    "WK030721": "Kattenbroek",
}

# The three pole pairs of DOMAIN.md; each plan takes its own position with its own why.
CO2 = ("CO2-reductie", "Aantal woningen aardgasvrij")
TEMPO = ("Big bang", "Geleidelijk")
VANGNET = ("Koplopers faciliteren", "Vangnet voor achterblijvers")

PLANNEN = [
    {
        "titel": "Schothorst-Noord: warmtenet op middentemperatuur",
        "wijk": "WK030709",
        "buurten": ["BU03070900", "BU03070902", "BU03070903"],
        "samenvatting": (
            "Schothorst-Noord sluit aan op een warmtenet op middentemperatuur met restwarmte uit de "
            "regio. De corporatieflats gaan eerst; particuliere eigenaren krijgen een aanbod per blok."
        ),
        "focus": Focus.WAT,
        "techniekrichting": Techniekrichting.WARMTENET_MT,
        "startdatum": dt.date(2023, 3, 1),
        "doeljaar": 2030,
        "status": [
            (PlanStatus.IN_CONSULTATIE, {}),
            (PlanStatus.VASTGESTELD, {"vastgesteld_op": dt.date(2024, 2, 8), "raadsbesluit_kenmerk": "RB-2024-012"}),
            (PlanStatus.IN_UITVOERING, {}),
        ],
        "techniek": [
            (
                Techniekrichting.WARMTENET_MT,
                KeuzeSoort.GEKOZEN,
                "Veel gestapelde bouw uit de jaren '80; "
                "middentemperatuur werkt met beperkte isolatie en er is restwarmte beschikbaar.",
            ),
            (
                Techniekrichting.ALL_ELECTRIC,
                KeuzeSoort.UITGESLOTEN,
                "Netcongestie: de netbeheerder kan tot "
                "2030 geen extra aansluitcapaciteit leveren voor individuele warmtepompen.",
            ),
        ],
        "kernwaarden": [
            (
                CO2,
                30,
                "Restwarmte vermijdt de meeste CO2 per euro; we sturen op vermeden uitstoot, "
                "niet op het tellen van aansluitingen.",
            ),
            (
                TEMPO,
                25,
                "Een warmtenet vraagt per straat een gelijktijdige overstap; blok voor blok "
                "houdt het werk in de straat beperkt.",
            ),
            (VANGNET, 70, "Veel huurders en ouderen: niemand mag er in woonlasten op achteruitgaan."),
        ],
        "partijen": [
            (PartijSoort.GEMEENTE, "Gemeente Amersfoort", "Regisseur: planning, subsidie, openbare ruimte"),
            (PartijSoort.NETBEHEERDER, "Stedin", "Verzwaart het middenspanningsnet voor de warmtecentrale"),
            (
                PartijSoort.WARMTEBEDRIJF,
                "Eneco Warmte & Koude",
                "Bouwt en exploiteert het warmtenet, doet het aansluitaanbod",
            ),
            (PartijSoort.WONINGCORPORATIE, "Alliantie", "Sluit de corporatieflats als eerste aan"),
            (PartijSoort.BEWONERS, "Bewonersplatform Schothorst-Noord", "Spreekt mee over tracé, tarief en planning"),
            (PartijSoort.VVE, "VvE Zwanenmeer", "Besluit over de aansluiting van 96 appartementen"),
        ],
        "ambities": [
            (
                "In 2030 is Schothorst-Noord aardgasvrij met woonlasten die niet stijgen.",
                ["Gemeente Amersfoort", "Alliantie", "Eneco Warmte & Koude", "Bewonersplatform Schothorst-Noord"],
            ),
        ],
        "tussendoelen": [
            (
                "Aansluitingen op het warmtenet",
                Metriek.WARMTENET_AANSLUITINGEN,
                1200,
                dt.date(2027, 12, 31),
                "Warmtebedrijf",
                0,
            ),
            (
                "Vertrouwen van bewoners in het proces",
                Metriek.VERTROUWEN,
                3.5,
                dt.date(2026, 6, 30),
                "Projectleider participatie",
                2,
            ),
            (
                "Mijlpalen van de gemeente op tijd",
                Metriek.MIJLPALEN_OP_TIJD,
                80,
                dt.date(2026, 12, 31),
                "Programmamanager warmte",
                1,
            ),
        ],
        "fasen": [
            ("Voorbereiding en contractering", dt.date(2023, 3, 1), dt.date(2024, 6, 30)),
            ("Aanleg hoofdleiding", dt.date(2024, 7, 1), dt.date(2026, 6, 30)),
            ("Aansluiten per blok", dt.date(2025, 1, 1), dt.date(2030, 12, 31)),
        ],
    },
    {
        "titel": "Kattenbroek: all-electric met isolatie voorop",
        "wijk": "WK030721",
        "buurten": ["BU03072100", "BU03072101", "BU03072108"],
        "samenvatting": (
            "Kattenbroek is jonge, goed geïsoleerde grondgebonden bouw. Woningen gaan all-electric, "
            "met collectieve inkoop van warmtepompen en isolatieadvies aan huis."
        ),
        "focus": Focus.WAT,
        "techniekrichting": Techniekrichting.ALL_ELECTRIC,
        "startdatum": dt.date(2024, 1, 1),
        "doeljaar": 2035,
        "status": [
            (PlanStatus.IN_CONSULTATIE, {}),
            (PlanStatus.VASTGESTELD, {"vastgesteld_op": dt.date(2025, 3, 13), "raadsbesluit_kenmerk": "RB-2025-027"}),
        ],
        "techniek": [
            (
                Techniekrichting.ALL_ELECTRIC,
                KeuzeSoort.GEKOZEN,
                "Woningen uit de jaren '90 met goede schil; "
                "een warmtepomp is voor de meeste eigenaren de goedkoopste route.",
            ),
            (
                Techniekrichting.WARMTENET_HT,
                KeuzeSoort.UITGESLOTEN,
                "Te lage warmtevraag per woning voor een rendabel hogetemperatuurnet.",
            ),
            (
                Techniekrichting.GROEN_GAS,
                KeuzeSoort.UITGESLOTEN,
                "Groen gas is schaars en gaat naar de binnenstad met monumenten.",
            ),
        ],
        "kernwaarden": [
            (CO2, 60, "Elke woning telt: met veel koopwoningen sturen we op het aantal woningen dat overstapt."),
            (TEMPO, 80, "Eigenaren stappen over op hun natuurlijke moment, als de cv-ketel op is."),
            (VANGNET, 35, "Veel eigenaren willen zelf aan de slag; we ondersteunen koplopers die de buurt meenemen."),
        ],
        "partijen": [
            (PartijSoort.GEMEENTE, "Gemeente Amersfoort", "Facilitator: isolatieadvies en collectieve inkoop"),
            (PartijSoort.NETBEHEERDER, "Stedin", "Zorgt voor netcapaciteit voor warmtepompen"),
            (
                PartijSoort.BEWONERSINITIATIEF,
                "Energiecoöperatie Kattenbroek Duurzaam",
                "Organiseert de collectieve inkoop",
            ),
            (PartijSoort.OVERIG, "Energieloket Amersfoort", "Geeft isolatieadvies aan huis"),
            (PartijSoort.VVE, "VvE De Ring", "Besluit over isolatie van 48 appartementen"),
        ],
        "ambities": [
            (
                "Iedere eigenaar kent vóór vervanging van de cv-ketel zijn all-electric route.",
                ["Gemeente Amersfoort", "Energieloket Amersfoort", "VvE De Ring"],
                "installateurs",
            ),
        ],
        "tussendoelen": [
            (
                "Woningen geïsoleerd tot label B",
                Metriek.WONINGEN_GEISOLEERD,
                900,
                dt.date(2028, 12, 31),
                "Energieloket",
                0,
            ),
            (
                "Warmtepompen geïnstalleerd",
                Metriek.WARMTEPOMPEN,
                600,
                dt.date(2030, 12, 31),
                "Projectleider Kattenbroek",
                1,
            ),
            (
                "Deelname aan de collectieve inkoop",
                Metriek.PARTICIPATIEGRAAD,
                30,
                dt.date(2027, 6, 30),
                "Projectleider Kattenbroek",
                2,
            ),
        ],
        "fasen": [
            ("Isolatiecampagne", dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
            ("Collectieve inkoop warmtepompen", dt.date(2026, 1, 1), dt.date(2032, 12, 31)),
        ],
    },
    {
        "titel": "Binnenstad: samen de richting kiezen",
        "wijk": "WK030701",
        "buurten": ["BU03070100", "BU03070101", "BU03070103", "BU03070106"],
        "samenvatting": (
            "De middeleeuwse binnenstad heeft monumenten, smalle straten en veel kleine eigenaren. "
            "De richting ligt nog open: eerst ontwerpen we met bewoners en ondernemers het proces."
        ),
        "focus": Focus.HOE,
        "techniekrichting": Techniekrichting.OPEN,
        "startdatum": dt.date(2025, 1, 1),
        "doeljaar": 2040,
        "status": [(PlanStatus.IN_CONSULTATIE, {})],
        "techniek": [
            (
                Techniekrichting.ALL_ELECTRIC,
                KeuzeSoort.UITGESLOTEN,
                "Monumenten zijn niet tot het benodigde niveau te isoleren zonder hun waarde aan te tasten.",
            ),
        ],
        "kernwaarden": [
            (CO2, 50, "Monumenten vragen maatwerk; we wegen CO2-winst en aantallen per pand."),
            (TEMPO, 90, "Werk in smalle straten koppelen aan riolering en herinrichting: dat kost tijd."),
            (VANGNET, 60, "Veel kleine eigenaren en ondernemers hebben weinig ruimte om voor te financieren."),
        ],
        "partijen": [
            (PartijSoort.GEMEENTE, "Gemeente Amersfoort", "Regisseur van het keuzeproces"),
            (PartijSoort.NETBEHEERDER, "Stedin", "Brengt de netcapaciteit in de binnenstad in kaart"),
            (PartijSoort.OVERIG, "Binnenstadsvereniging Amersfoort", "Spreekt voor ondernemers en bewoners"),
            (PartijSoort.OVERIG, "Erfgoedvereniging Flehite", "Adviseert over monumenten"),
            (PartijSoort.WATERSCHAP, "Waterschap Vallei en Veluwe", "Onderzoekt aquathermie uit de Eem"),
        ],
        "ambities": [
            (
                "In 2027 ligt er een gedragen keuze voor de warmtebron van de binnenstad.",
                ["Gemeente Amersfoort", "Binnenstadsvereniging Amersfoort", "Erfgoedvereniging Flehite", "Stedin"],
            ),
        ],
        "tussendoelen": [
            (
                "Bezoekers van de binnenstadsgesprekken",
                Metriek.BIJEENKOMST_BEZOEKERS,
                400,
                dt.date(2026, 6, 30),
                "Wijkregisseur binnenstad",
                2,
            ),
            ("Vertrouwen in het proces", Metriek.VERTROUWEN, 3.2, dt.date(2026, 12, 31), "Wijkregisseur binnenstad", 0),
        ],
        "fasen": [("Verkennen en ontwerpen van het proces", dt.date(2025, 1, 1), dt.date(2026, 12, 31))],
    },
    {
        "titel": "Liendert: hybride als tussenstap",
        "wijk": "WK030710",
        "buurten": ["BU03071000", "BU03071001", "BU03071004"],
        "samenvatting": (
            "Liendert gebruikt hybride warmtepompen als tussenstap: direct minder gas, zonder nu al een "
            "definitieve keuze te forceren. Het proces richt zich op vertrouwen in een wijk met veel huurders."
        ),
        "focus": Focus.HOE,
        "techniekrichting": Techniekrichting.HYBRIDE,
        "startdatum": dt.date(2025, 9, 1),
        "doeljaar": 2038,
        "status": [],
        "techniek": [
            (Techniekrichting.GROEN_GAS, KeuzeSoort.UITGESLOTEN, "Groen gas is schaars en gaat naar de binnenstad."),
        ],
        "kernwaarden": [
            (CO2, 20, "Hybride warmtepompen halveren het gasverbruik snel: de CO2-winst komt vóór de aantallen."),
            (TEMPO, 70, "Eerst vertrouwen opbouwen; de overstap volgt het ritme van de corporatie."),
            (VANGNET, 80, "Veel huishoudens met een smalle beurs: het vangnet gaat voor."),
        ],
        "partijen": [
            (PartijSoort.GEMEENTE, "Gemeente Amersfoort", "Partner: vangnet en keukentafelgesprekken"),
            (PartijSoort.NETBEHEERDER, "Stedin", "Zorgt voor netcapaciteit voor hybride warmtepompen"),
            (PartijSoort.WONINGCORPORATIE, "Portaal", "Plaatst hybride warmtepompen in haar woningen"),
            (PartijSoort.BEWONERS, "Huurdersvereniging Liendert", "Spreekt mee namens de huurders"),
            (PartijSoort.BEWONERSINITIATIEF, "Energiecoöperatie Liendert", "Helpt eigenaren met advies en inkoop"),
        ],
        "ambities": [
            (
                "Geen huishouden in Liendert betaalt meer voor warmte door de overstap.",
                ["Gemeente Amersfoort", "Portaal", "Huurdersvereniging Liendert"],
            ),
        ],
        "tussendoelen": [
            (
                "Hybride warmtepompen in corporatiewoningen",
                Metriek.WARMTEPOMPEN,
                500,
                dt.date(2029, 12, 31),
                "Portaal",
                0,
            ),
            (
                "Deelname aan keukentafelgesprekken",
                Metriek.PARTICIPATIEGRAAD,
                25,
                dt.date(2027, 12, 31),
                "Wijkteam Liendert",
                2,
            ),
        ],
        "fasen": [("Kennismaken en keukentafelgesprekken", dt.date(2025, 9, 1), dt.date(2027, 12, 31))],
    },
]


PBL = "PBL Startanalyse aardgasvrije buurten 2020"
WAARBORGEN_STANDAARD = {
    WaarborgSoort.BETAALBAARHEID: "Woonlastenneutraal: niemand gaat er in maandlasten op achteruit; "
    "een warmtefonds met 0%-lening voor lage inkomens.",
    WaarborgSoort.REDELIJKE_TERMIJN: "Iedere eigenaar hoort minstens vijf jaar vooraf wanneer de "
    "gaslevering stopt, ruim vóór het einde van de levensduur van de cv-ketel.",
    WaarborgSoort.BESCHIKBAARHEID: "Het alternatief is per straat beschikbaar vóór de gaslevering stopt; "
    "de netbeheerder bevestigt de capaciteit per fase.",
    WaarborgSoort.DOENVERMOGEN: "Een wijkcoach en keukentafelgesprekken voor wie het zelf niet kan "
    "regelen; ontzorging van aanvraag tot installatie.",
    WaarborgSoort.RECHTSBESCHERMING: "Bezwaar en beroep tegen de regel in het omgevingsplan; een "
    "hardheidsclausule voor bijzondere gevallen.",
}

WGIW = {
    "Schothorst-Noord: warmtenet op middentemperatuur": {
        "plan": {
            "gas_einddatum": dt.date(2030, 12, 31),
            "aanwijsbevoegdheid": False,
            "keuzeruimte": "Eigenaren kiezen het moment van aansluiten binnen hun blok en kiezen tussen een "
            "eigen afleverset of een collectieve.",
            "keuze_motivatie": "Het warmtenet heeft de laagste nationale kosten per ton CO2 en gebruikt "
            "restwarmte uit de regio.",
            "participatie_verantwoording": "Vier bewonersavonden, een enquête onder alle huishoudens en "
            "maandelijks overleg met het bewonersplatform over tracé, tarief en planning.",
        },
        "maatregelen": [
            (
                MaatregelSoort.OPENBARE_RUIMTE,
                "Hoofdleiding warmtenet",
                "Hamseweg en Zwanenmeer",
                "2024-2026",
                "Eneco Warmte & Koude",
            ),
            (
                MaatregelSoort.OPENBARE_RUIMTE,
                "Verzwaring middenspanningsnet",
                "Warmtecentrale Schothorst",
                "2024",
                "Stedin",
            ),
            (
                MaatregelSoort.GEBOUWEN,
                "Afleversets en inpandige leidingen",
                "Corporatieflats Zwanenmeer",
                "2025-2027",
                "Alliantie",
            ),
        ],
        "investeringen": [
            ("Eneco Warmte & Koude", "Aanleg warmtenet en warmtecentrale", 18500000, 2024, 2030, Zekerheid.ZEKER),
            ("Alliantie", "Inpandige aanpassingen corporatieflats", 4200000, 2025, 2028, Zekerheid.ZEKER),
            (
                "Gemeente Amersfoort",
                "Herinrichting openbare ruimte na de aanleg",
                1800000,
                2025,
                2030,
                Zekerheid.VERWACHT,
            ),
        ],
        "gelijkwaardig": [
            (
                "Een eigen warmtepomp voor eigenaren die niet aansluiten",
                "Woning minimaal label B; geen geluidsoverlast voor buren.",
            ),
        ],
        "overwogen": [
            (Techniekrichting.WARMTENET_MT, 210, KostenEenheid.EURO_PER_TON_CO2, True),
            (Techniekrichting.ALL_ELECTRIC, 340, KostenEenheid.EURO_PER_TON_CO2, False),
            (Techniekrichting.GROEN_GAS, 380, KostenEenheid.EURO_PER_TON_CO2, False),
        ],
        "waarborgen": WAARBORGEN_STANDAARD,
    },
    "Kattenbroek: all-electric met isolatie voorop": {
        "plan": {
            # the rule is adopted with the plan (13-3-2025): more than eight years before this date
            "gas_einddatum": dt.date(2034, 7, 1),
            "aanwijsbevoegdheid": True,
            "keuzeruimte": "Eigenaren kiezen zelf hun warmtepomp en installateur en het moment, vóór 1-7-2034.",
            "keuze_motivatie": "All-electric is hier duurder per woning dan een lagetemperatuurnet, maar de "
            "woningen zijn goed geïsoleerd en een warmtenet vraagt dat de hele buurt tegelijk overstapt; "
            "eigenaren houden zo hun natuurlijke moment.",
            "participatie_verantwoording": "Een buurtwandeling, drie informatieavonden en een enquête; de "
            "energiecoöperatie organiseerde de collectieve inkoop met bewoners.",
        },
        "maatregelen": [
            (
                MaatregelSoort.OPENBARE_RUIMTE,
                "Extra transformatorstations",
                "Ringweg en De Ring",
                "2026-2028",
                "Stedin",
            ),
            (
                MaatregelSoort.GEBOUWEN,
                "Isolatie tot label B en een warmtepomp",
                "Alle grondgebonden woningen",
                "2025-2034",
                "Energiecoöperatie Kattenbroek Duurzaam",
            ),
        ],
        "investeringen": [
            ("Stedin", "Netverzwaring voor warmtepompen", 6300000, 2026, 2029, Zekerheid.ZEKER),
            ("Gemeente Amersfoort", "Isolatieadvies en subsidie", 2500000, 2025, 2030, Zekerheid.ZEKER),
            ("VvE De Ring", "Isolatie van 48 appartementen", 960000, 2027, 2028, Zekerheid.VERWACHT),
        ],
        "gelijkwaardig": [
            (
                "Een hybride warmtepomp met groen gas als tussenstap tot 2034",
                "Alleen voor woningen waar volledige isolatie niet kan.",
            ),
        ],
        "overwogen": [
            (Techniekrichting.ALL_ELECTRIC, 9800, KostenEenheid.EURO_PER_WONING, True),
            (Techniekrichting.WARMTENET_LT, 8900, KostenEenheid.EURO_PER_WONING, False),
        ],
        "waarborgen": WAARBORGEN_STANDAARD,
    },
    # A draft: complete but for its investments and its account of participation (two parts).
    "Liendert: hybride als tussenstap": {
        "plan": {
            "gas_einddatum": dt.date(2038, 12, 31),
            "aanwijsbevoegdheid": False,
            "keuzeruimte": "Huurders kiezen het moment van plaatsing; eigenaren kiezen of ze meedoen.",
        },
        "maatregelen": [
            (MaatregelSoort.GEBOUWEN, "Hybride warmtepompen", "Corporatiewoningen van Portaal", "2026-2029", "Portaal"),
        ],
        "investeringen": [],
        "gelijkwaardig": [
            ("Isolatie en een volledig elektrische warmtepomp", "Voor eigenaren die meteen aardgasvrij willen."),
        ],
        "overwogen": [
            (Techniekrichting.HYBRIDE, 150, KostenEenheid.EURO_PER_TON_CO2, True),
            (Techniekrichting.WARMTENET_MT, 260, KostenEenheid.EURO_PER_TON_CO2, False),
        ],
        "waarborgen": WAARBORGEN_STANDAARD,
    },
}


def _wgiw_load(plan: Plan, partijen: dict) -> None:
    spec = WGIW.get(plan.titel)
    if not spec:
        return
    services.plan_wgiw_update(plan=plan, **spec["plan"])
    for soort, wat, waar, wanneer, partij in spec["maatregelen"]:
        services.maatregel_create(plan=plan, soort=soort, wat=wat, waar=waar, wanneer=wanneer, partij=partijen[partij])
    for partij, wat, bedrag, van, tot, zekerheid in spec["investeringen"]:
        services.investering_create(
            plan=plan,
            partij=partijen[partij],
            wat=wat,
            bedrag=bedrag,
            periode_van=van,
            periode_tot=tot,
            zekerheid=zekerheid,
        )
    for omschrijving, voorwaarden in spec["gelijkwaardig"]:
        services.gelijkwaardig_alternatief_create(plan=plan, omschrijving=omschrijving, voorwaarden=voorwaarden)
    for techniek, kosten, eenheid, gekozen in spec["overwogen"]:
        services.overwogen_alternatief_create(
            plan=plan, techniekrichting=techniek, nationale_kosten=kosten, eenheid=eenheid, bron=PBL, gekozen=gekozen
        )
    for soort, invulling in spec["waarborgen"].items():
        services.waarborg_create(plan=plan, soort=soort, invulling=invulling)


def _demo_user():
    user, created = get_user_model().objects.get_or_create(
        username="demo-projectleider", defaults={"first_name": "Demo", "last_name": "Projectleider"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def _plan_load(spec: dict, door) -> bool:
    if Plan.objects.filter(titel=spec["titel"]).exists():
        return False
    wijk = Wijk.objects.get(code=spec["wijk"])
    plan = services.plan_create(
        titel=spec["titel"],
        samenvatting=spec["samenvatting"],
        wijk=wijk,
        buurten=list(Buurt.objects.filter(code__in=spec["buurten"])),
        focus=spec["focus"],
        techniekrichting=spec["techniekrichting"],
        startdatum=spec["startdatum"],
        doeljaar_aardgasvrij=spec["doeljaar"],
    )
    for techniek, soort, reden in spec["techniek"]:
        services.techniekkader_create(plan=plan, techniekrichting=techniek, soort=soort, reden=reden)
    waarden = [
        services.kernwaarde_create(
            plan=plan, pool_links=links, pool_rechts=rechts, positie=positie, waarom=waarom, volgorde=i
        )
        for i, ((links, rechts), positie, waarom) in enumerate(spec["kernwaarden"])
    ]
    partijen = {
        naam: services.partij_create(plan=plan, soort=soort, naam=naam, rol=rol)
        for soort, naam, rol in spec["partijen"]
    }
    for omschrijving, betrokken, *overig in spec["ambities"]:
        # the plan's own parties by row; others (installers) as the free-text fallback
        services.ambitie_create(
            plan=plan,
            omschrijving=omschrijving,
            betrokken_partijen=[partijen[naam] for naam in betrokken],
            partijen=overig[0] if overig else "",
        )
    for omschrijving, metriek, waarde, deadline, eigenaar, kernwaarde in spec["tussendoelen"]:
        services.tussendoel_create(
            plan=plan,
            omschrijving=omschrijving,
            metriek=metriek,
            streefwaarde=waarde,
            deadline=deadline,
            eigenaar=eigenaar,
            kernwaarde=waarden[kernwaarde],
        )
    for i, (naam, start, eind) in enumerate(spec["fasen"]):
        services.fase_create(plan=plan, naam=naam, startdatum=start, einddatum=eind, volgorde=i)
    _wgiw_load(plan, partijen)
    return True


# The pending change proposal of the demo (issue 12): Schothorst-Noord's heat company raises its
# investment after a new cost estimate, and the summary says why.
WIJZIGINGSVOORSTEL = {
    "titel": "Schothorst-Noord: warmtenet op middentemperatuur",
    "investering": ("Aanleg warmtenet en warmtecentrale", 19750000),
    "samenvatting_erbij": (
        " Wijzigingsvoorstel: de kostenraming van het warmtenet is herzien na de aanbesteding "
        "van het tracé; het warmtebedrijf investeert meer, het tarief voor bewoners blijft gelijk."
    ),
}


@transaction.atomic
def _plan_besluiten(spec: dict, door) -> bool:
    """The council's decisions on a demo plan, after the other apps' demo data exist, so that the
    adopted version (frozen at adoption) holds its route map and participation."""
    plan = Plan.objects.filter(titel=spec["titel"], status=PlanStatus.CONCEPT).first()
    if plan is None or not spec["status"] or plan.statuswijzigingen.exists():
        return False
    for naar, extra in spec["status"]:
        plan = services.plan_transition(plan=plan, naar=naar, door=door, toelichting="Demodata", **extra)
    if plan.titel == WIJZIGINGSVOORSTEL["titel"]:
        plan = services.wijzigingsvoorstel_starten(plan=plan, door=door)
        wat, bedrag = WIJZIGINGSVOORSTEL["investering"]
        investering = plan.investeringen.get(wat=wat)
        services.investering_update(investering=investering, bedrag=bedrag)
        services.plan_update(plan=plan, samenvatting=plan.samenvatting + WIJZIGINGSVOORSTEL["samenvatting_erbij"])
    return True


def load_besluiten() -> str:
    """Run after every app's demo (settings.DEMO_LOADERS): consultation and adoption, and the
    pending change proposal."""
    door = _demo_user()
    n = sum(_plan_besluiten(spec, door) for spec in PLANNEN)
    return f"{n} plans moved along their lifecycle"


def load() -> str:
    result = services.cbs_import(content=CBS_FILE.read_bytes(), gemeentecode=settings.GEMEENTE_CODE)
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors[:5]))
    for code, naam in WIJK_NAMEN.items():
        wijk = Wijk.objects.filter(code=code, naam="").first()
        if wijk:
            services.wijk_update_naam(wijk=wijk, naam=naam)
    door = _demo_user()
    new_plans = sum(_plan_load(spec, door) for spec in PLANNEN)
    return (
        f"{len(result.rows)} buurten ({result.buurten_new} new, {result.buurten_updated} updated), "
        f"{result.wijken_new} new wijken, {new_plans} new plans"
    )
