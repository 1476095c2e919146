"""The event log's vocabulary: which facts exist and where they come from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GebeurtenisType(models.TextChoices):
    """Registry of event types in the event log (gebeurtenis: an append-only fact)."""

    WONING_AARDGASVRIJ = "woning_aardgasvrij", _("Home gas-free")
    WONING_GEISOLEERD = "woning_geisoleerd", _("Home insulated")
    WARMTEPOMP_GEINSTALLEERD = "warmtepomp_geinstalleerd", _("Heat pump installed")
    WARMTENET_AANSLUITING = "warmtenet_aansluiting", _("Heat-network connection")
    BIJEENKOMST_GEHOUDEN = "bijeenkomst_gehouden", _("Meeting held")
    ENQUETE_RESPONS = "enquete_respons", _("Survey response")
    MIJLPAAL_GEPLAND = "mijlpaal_gepland", _("Milestone planned")
    MIJLPAAL_VERSCHOVEN = "mijlpaal_verschoven", _("Milestone forecast moved")
    MIJLPAAL_BEREIKT = "mijlpaal_bereikt", _("Milestone reached")
    MIJLPAAL_GEMIST = "mijlpaal_gemist", _("Milestone missed")
    MIJLPAAL_VERVALLEN = "mijlpaal_vervallen", _("Milestone removed from the route map")
    AFSPRAAK_GEMAAKT = "afspraak_gemaakt", _("Agreement made")
    AFSPRAAK_VERSCHOVEN = "afspraak_verschoven", _("Agreement date moved")
    AFSPRAAK_NAGEKOMEN = "afspraak_nagekomen", _("Agreement kept")
    AFSPRAAK_GEMIST = "afspraak_gemist", _("Agreement missed")
    AFSPRAAK_VERVALLEN = "afspraak_vervallen", _("Agreement removed from the route map")
    KLACHT = "klacht", _("Complaint")
    AMBTENAREN_PULS = "ambtenaren_puls", _("Civil servants' pulse survey")
    CORRECTIE = "correctie", _("Correction (compensates an earlier event)")
    INTREKKING = "intrekking", _("Withdrawal (an earlier event no longer counts)")


class GebeurtenisBron(models.TextChoices):
    """Where an event came from; with extern_id it forms the idempotency key."""

    FORMULIER = "formulier", _("Form")
    CSV_IMPORT = "csv_import", _("CSV import")
    ENQUETE = "enquete", _("Survey")
    BIJEENKOMST = "bijeenkomst", _("Meeting")
    ROUTEKAART = "routekaart", _("Route map")
    DEMO = "demo", _("Demo data")


# Payload keys the readers use (declared with their types in logboek/payloads.py).
# Survey responses carry {"dimensies": {"vertrouwen": {"gemiddelde": 3.5, "n": 3}}}: the trust
# item on a 1-5 scale. The civil servants' pulse survey (ambtenaren_puls) carries "score" (1-5).
PAYLOAD_DIMENSIES = "dimensies"
PAYLOAD_VERTROUWEN = "vertrouwen"
PAYLOAD_PULS = "score"
# Milestone/agreement events carry their planned date (ISO) in payload "gepland".
PAYLOAD_GEPLAND = "gepland"
# A correction event (type correctie) names the type it compensates in "corrigeert_type";
# its (usually negative) hoeveelheid is added to that type.
PAYLOAD_CORRIGEERT = "corrigeert_type"
# A withdrawal (intrekking: the event log's way to take back a wrong event, since nothing is
# ever deleted) names the id of the event it withdraws in "intrekt" and why in "reden". A
# withdrawn event of the same plan no longer counts anywhere; it stays in the log, marked.
PAYLOAD_INTREKT = "intrekt"
PAYLOAD_REDEN = "reden"
# Milestone and agreement events carry the routekaart row they belong to ("mijlpaal" or
# "afspraak": its id); a move carries the forecast before and after ("van", "naar") and why.
PAYLOAD_MIJLPAAL = "mijlpaal"
PAYLOAD_AFSPRAAK = "afspraak"
# The schedule's facts: written only by the routekaart's services, in the transaction of the
# change they record (planned dates live in the routekaart, not in typed-in events). Events of
# these types already in the log (typed in before the routekaart existed) stay and count.
ROUTEKAART_TYPES = frozenset(
    {
        GebeurtenisType.MIJLPAAL_GEPLAND,
        GebeurtenisType.MIJLPAAL_VERSCHOVEN,
        GebeurtenisType.MIJLPAAL_BEREIKT,
        GebeurtenisType.MIJLPAAL_GEMIST,
        GebeurtenisType.MIJLPAAL_VERVALLEN,
        GebeurtenisType.AFSPRAAK_GEMAAKT,
        GebeurtenisType.AFSPRAAK_VERSCHOVEN,
        GebeurtenisType.AFSPRAAK_NAGEKOMEN,
        GebeurtenisType.AFSPRAAK_GEMIST,
        GebeurtenisType.AFSPRAAK_VERVALLEN,
    }
)
# Types a person may not log by hand (event form, CSV import): a withdrawal is only written by
# `logboek.services.gebeurtenis_intrekken`, which checks what it withdraws; the schedule's
# facts only by the routekaart; the civil servants' pulse only by a pulse round's response
# (`participatie.services.pulsronde_create`: anonymous, one score per answer, codes used once).
# Pulse events typed in before the rounds existed stay and count.
SERVICE_ONLY_TYPES = frozenset({GebeurtenisType.INTREKKING, GebeurtenisType.AMBTENAREN_PULS}) | ROUTEKAART_TYPES
