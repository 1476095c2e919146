"""Roles and other shared choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who a request comes from. Residents have no account: a session marks them."""

    ANONYMOUS = "anoniem", _("Anonymous visitor")
    RESIDENT = "bewoner", _("Resident (survey session)")
    RAADSLID = "raadslid", _("Council member")  # reads plans and dashboard, never writes
    AMBTENAAR = "ambtenaar", _("Civil servant")  # edits plans, logs events
    BEHEERDER = "beheerder", _("Functional administrator")  # Django admin: users, roles


# Roles that are Django groups (residents and anonymous visitors have no account).
ACCOUNT_ROLES = (Role.RAADSLID, Role.AMBTENAAR, Role.BEHEERDER)
# Session key set when a resident has exchanged an invite code or opened a survey link.
RESIDENT_SESSION_KEY = "bewoner_vragenlijst"


class GebeurtenisType(models.TextChoices):
    """Registry of event types in the event log (gebeurtenis: an append-only fact)."""

    WONING_AARDGASVRIJ = "woning_aardgasvrij", _("Home gas-free")
    WONING_GEISOLEERD = "woning_geisoleerd", _("Home insulated")
    WARMTEPOMP_GEINSTALLEERD = "warmtepomp_geinstalleerd", _("Heat pump installed")
    WARMTENET_AANSLUITING = "warmtenet_aansluiting", _("Heat-network connection")
    BIJEENKOMST_GEHOUDEN = "bijeenkomst_gehouden", _("Meeting held")
    ENQUETE_RESPONS = "enquete_respons", _("Survey response")
    MIJLPAAL_BEREIKT = "mijlpaal_bereikt", _("Milestone reached")
    MIJLPAAL_GEMIST = "mijlpaal_gemist", _("Milestone missed")
    AFSPRAAK_NAGEKOMEN = "afspraak_nagekomen", _("Agreement kept")
    AFSPRAAK_GEMIST = "afspraak_gemist", _("Agreement missed")
    KLACHT = "klacht", _("Complaint")
    AMBTENAREN_PULS = "ambtenaren_puls", _("Civil servants' pulse survey")
    CORRECTIE = "correctie", _("Correction (compensates an earlier event)")


class GebeurtenisBron(models.TextChoices):
    """Where an event came from; with extern_id it forms the idempotency key."""

    FORMULIER = "formulier", _("Form")
    CSV_IMPORT = "csv_import", _("CSV import")
    ENQUETE = "enquete", _("Survey")
    BIJEENKOMST = "bijeenkomst", _("Meeting")
    ROUTEKAART = "routekaart", _("Route map")
    DEMO = "demo", _("Demo data")
