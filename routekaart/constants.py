"""Choices of the routekaart (route map): who needs what from whom, and when."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GemeenteRol(models.TextChoices):
    """The role the municipality takes in this neighbourhood's process."""

    REGISSEUR = "regisseur", _("Director (regisseur)")
    FACILITATOR = "facilitator", _("Facilitator")
    UITVOERDER = "uitvoerder", _("Executor (uitvoerder)")
    PARTNER = "partner", _("Partner")
    ANDERS = "anders", _("Other")


class MijlpaalUitkomst(models.TextChoices):
    OPEN = "open", _("Not yet reached")
    BEREIKT = "bereikt", _("Reached")
    GEMIST = "gemist", _("Not reached (missed)")


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    NAGEKOMEN = "nagekomen", _("Kept")
    NIET_NAGEKOMEN = "niet_nagekomen", _("Not kept")


class PlanningStatus(models.TextChoices):
    """Derived, never stored: computed from the dates against today (routekaart.planning)."""

    GEPLAND = "gepland", _("Planned")
    VERWACHT_TE_LAAT = "verwacht_te_laat", _("Expected late")
    OVER_TIJD = "over_tijd", _("Overdue")
    OP_TIJD = "op_tijd", _("On time")
    TE_LAAT = "te_laat", _("Late")
    GEMIST = "gemist", _("Missed")


class KoppelkansSoort(models.TextChoices):
    """Planned works in the public space a plan can couple with."""

    RIOLERING = "riolering", _("Sewer replacement")
    WEG = "weg", _("Road works")
    GROEN = "groen", _("Green space")
    NUTSVOORZIENINGEN = "nutsvoorzieningen", _("Other utilities (water, electricity, data)")
    OVERIG = "overig", _("Other")


class VergunningSoort(models.TextChoices):
    OMGEVINGSVERGUNNING = "omgevingsvergunning", _("Environmental permit (omgevingsvergunning)")
    INSTEMMING = "instemming", _("Consent for cables and pipes (instemmingsbesluit)")
    WATERVERGUNNING = "watervergunning", _("Water permit")
    VERKEERSBESLUIT = "verkeersbesluit", _("Traffic decision")
    OVERIG = "overig", _("Other")


class VergunningStatus(models.TextChoices):
    AAN_TE_VRAGEN = "aan_te_vragen", _("To be applied for")
    AANGEVRAAGD = "aangevraagd", _("Applied for")
    VERLEEND = "verleend", _("Granted")
    GEWEIGERD = "geweigerd", _("Refused")


# The extern_id of each event the routekaart appends (bron "routekaart"): with the source it is
# the event log's idempotency key, so a double submit, a second tab or a retry appends once.
EXTERN_GEPLAND = "{soort}:{id}:gepland"
EXTERN_VERSCHOVEN = "{soort}:{id}:verschoven:{verschuiving}"
EXTERN_AFGEROND = "{soort}:{id}:afgerond"
EXTERN_VERVALLEN = "{soort}:{id}:vervallen"
