"""Choices of the `wup` app (wijkuitvoeringsplan: the neighbourhood's plan off natural gas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Focus(models.TextChoices):
    """Seed 000: is the plan done when direction and timeline are fixed, or does it design a process?"""

    WAT = "wat", _("What: fix direction and timeline")
    HOE = "hoe", _("How: design the process that gets residents moving")


class Techniekrichting(models.TextChoices):
    """The heating direction (techniekrichting)."""

    WARMTENET_HT = "warmtenet_ht", _("Heat network, high temperature")
    WARMTENET_MT = "warmtenet_mt", _("Heat network, medium temperature")
    WARMTENET_LT = "warmtenet_lt", _("Heat network, low temperature")
    ALL_ELECTRIC = "all_electric", _("All-electric")
    HYBRIDE = "hybride", _("Hybrid heat pump")
    GROEN_GAS = "groen_gas", _("Green gas")
    OPEN = "open", _("Still open")


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    IN_CONSULTATIE = "in_consultatie", _("In consultation")
    VASTGESTELD = "vastgesteld", _("Adopted by the council")
    IN_UITVOERING = "in_uitvoering", _("In execution")
    AFGEROND = "afgerond", _("Completed")
    GESTOPT = "gestopt", _("Stopped")


# Allowed status transitions (lifecycle in issue 3); anything else is refused.
PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlanStatus.CONCEPT: (PlanStatus.IN_CONSULTATIE, PlanStatus.GESTOPT),
    PlanStatus.IN_CONSULTATIE: (PlanStatus.CONCEPT, PlanStatus.VASTGESTELD, PlanStatus.GESTOPT),
    PlanStatus.VASTGESTELD: (PlanStatus.IN_UITVOERING, PlanStatus.GESTOPT),
    PlanStatus.IN_UITVOERING: (PlanStatus.AFGEROND, PlanStatus.GESTOPT),
    PlanStatus.AFGEROND: (),
    PlanStatus.GESTOPT: (),
}


class KeuzeSoort(models.TextChoices):
    """A techniekrichting in the kaders is either chosen or excluded."""

    GEKOZEN = "gekozen", _("Chosen")
    UITGESLOTEN = "uitgesloten", _("Excluded")


class Metriek(models.TextChoices):
    """Metrics the dashboard can measure for a tussendoel (interim goal)."""

    WONINGEN_AARDGASVRIJ = "woningen_aardgasvrij", _("Homes gas-free")
    WONINGEN_GEISOLEERD = "woningen_geisoleerd", _("Homes insulated")
    WARMTEPOMPEN = "warmtepompen", _("Heat pumps installed")
    WARMTENET_AANSLUITINGEN = "warmtenet_aansluitingen", _("Connections to a heat network")
    VERTROUWEN = "vertrouwen", _("Trust score (1-5)")
    PARTICIPATIEGRAAD = "participatiegraad", _("Participation rate (%)")
    MIJLPALEN_OP_TIJD = "mijlpalen_op_tijd", _("Milestones on time (%)")
    BIJEENKOMST_BEZOEKERS = "bijeenkomst_bezoekers", _("Meeting attendees")


# Valid target range per metric: (minimum, maximum or None for "no upper bound").
METRIEK_BEREIK: dict[str, tuple[float, float | None]] = {
    Metriek.WONINGEN_AARDGASVRIJ: (0, None),
    Metriek.WONINGEN_GEISOLEERD: (0, None),
    Metriek.WARMTEPOMPEN: (0, None),
    Metriek.WARMTENET_AANSLUITINGEN: (0, None),
    Metriek.VERTROUWEN: (1, 5),
    Metriek.PARTICIPATIEGRAAD: (0, 100),
    Metriek.MIJLPALEN_OP_TIJD: (0, 100),
    Metriek.BIJEENKOMST_BEZOEKERS: (0, None),
}

# CBS code formats (DOMAIN.md): WK + 6 digits, BU + 8 digits, GM + 4 digits.
WIJKCODE_REGEX = r"^WK\d{6}$"
BUURTCODE_REGEX = r"^BU\d{8}$"
GEMEENTECODE_REGEX = r"^GM\d{4}$"


class PartijSoort(models.TextChoices):
    """Kinds of party (partij) in a plan: who the routekaart's agreements are between."""

    BEWONERS = "bewoners", _("Residents")
    BEWONERSINITIATIEF = "bewonersinitiatief", _("Residents' initiative / energy cooperative")
    NETBEHEERDER = "netbeheerder", _("Grid operator")
    WONINGCORPORATIE = "woningcorporatie", _("Housing corporation")
    WARMTEBEDRIJF = "warmtebedrijf", _("Heat company")
    VVE = "vve", _("Owners' association (VvE)")
    GEMEENTE = "gemeente", _("Municipality")
    WATERSCHAP = "waterschap", _("Water board")
    OVERIG = "overig", _("Other")


# The national process steps of a neighbourhood approach (Programma Aardgasvrije Wijken), the
# default phases of a plan without its own: each ends in a decision milestone.
STANDAARD_FASEN: tuple[tuple[str, str], ...] = (
    (_("Initiation"), _("Go/no-go to explore the neighbourhood together")),
    (_("Exploration"), _("Shared picture of the neighbourhood and the options")),
    (_("Plan development"), _("Draft implementation plan")),
    (_("Decision-making"), _("Plan adopted by the council")),
    (_("Implementation"), _("Homes connected to the alternative")),
    (_("Aftercare and evaluation"), _("Evaluation shared with residents and council")),
)


# --- Wgiw uitvoeringsplan (Wet gemeentelijke instrumenten warmtetransitie) --------------------


class MaatregelSoort(models.TextChoices):
    """Where a physical measure (maatregel) of the plan takes place."""

    OPENBARE_RUIMTE = "openbare_ruimte", _("Public space")
    GEBOUWEN = "gebouwen", _("Buildings")


class Zekerheid(models.TextChoices):
    """Whether an investment (investering) is secured or only expected."""

    ZEKER = "zeker", _("Secured")
    VERWACHT = "verwacht", _("Expected")


class KostenEenheid(models.TextChoices):
    """The unit of a considered alternative's national (societal) cost figure."""

    EURO_PER_WONING = "euro_per_woning", _("euro per home")
    EURO_PER_TON_CO2 = "euro_per_ton_co2", _("euro per tonne CO2")


class WaarborgSoort(models.TextChoices):
    """The five safeguards (waarborgen) of the Wgiw an uitvoeringsplan must meet."""

    BETAALBAARHEID = "betaalbaarheid", _("Affordability")
    REDELIJKE_TERMIJN = "redelijke_termijn", _("Reasonable term")
    BESCHIKBAARHEID = "beschikbaarheid", _("Availability of the alternative")
    DOENVERMOGEN = "doenvermogen", _("Residents' capacity to act (doenvermogen)")
    RECHTSBESCHERMING = "rechtsbescherming", _("Legal protection")
